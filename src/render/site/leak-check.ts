/**
 * The check of the finished site, independent of how it was rendered: it reads the
 * record for itself (every exempt text, every e-mail address and phone number in the
 * roster) and looks for each in the text of every file about to be published, as a
 * reader or a program would read it (tags, entities, iCalendar folding and JSON
 * escapes undone). Exempt text is compared as runs of words, so markup between the
 * words does not hide it. Words the record itself publishes are no evidence of a leak:
 * a run said in the public (approved, not exempt) minutes of any meeting, read here
 * from the minutes files as they are, is public wherever it appears; so is a run said
 * in several other public texts (a set phrase such as "that the report be noted").
 */
import type { LoadedRecord } from '../../load/load.js';
import type { SourceFile } from '../../model/types.js';
import { ACTION_MARKER } from '../../parse/marker.js';
import { decodeText } from '../../workspace/read.js';
import { pageScanner } from './leak-scan.js';
import { KX, KX_TOP, KY, KY_TOP, RUN, WORD_UNIT, runFilter, wordChar, NAMED, type RunFilter } from './check-text.js';

/** A piece of withheld information found in an output file. */
export interface Leak {
  /** The file of the site, e.g. "meetings/2026-04-16.html". */
  file: string;
  what: string;
}

/** In this many public texts, a run of words is a set phrase. */
const COMMON = 3;

/** What csp itself writes about exempt items: not the withheld text. */
const PUBLIC_WORDING = [1, 2, 3, 4, 5, 6, 7].map(
  (p) =>
    `Exempt — not for publication (Local Government Act 1972, Schedule 12A, paragraph ${p}). The minutes of this item are not published. The decision is not published. The action is not published.`,
);

interface Secret {
  what: string;
}

/** Everything the site must not hold (plain data: it can be sent to a worker thread). */
export interface Secrets {
  /** Run hash → what it would reveal. */
  runs: Map<number, Secret>;
  emails: { value: string; what: string }[];
  phones: { digits: string; what: string }[];
  /** Paper paths of exempt items, as they would appear in a link. */
  paths: { value: string; what: string }[];
}

/**
 * Calls `fn` with the hash of every run of RUN words (or of the whole text when it is
 * shorter, if `whole`). Words are the letters and digits of the lower-cased text; each
 * word has two hashes, and a run's are polynomials in them, kept rolling as the text is
 * read, so each word costs the same whatever RUN is. The text is read in one pass, a code
 * unit at a time (a surrogate pair at once); a word ends at the first character that is
 * not a letter or digit, or at the end of the text.
 */
export function eachRun(text: string, fn: (hash: number) => void, whole = false, only?: RunFilter): void {
  runsOfLower(text.toLowerCase(), fn, whole, only);
}

/**
 * eachRun of a text already lower-cased. Two loops take turns: one passes over what is
 * between words, the other hashes a word to its end; then the word joins the run.
 */
function runsOfLower(lower: string, fn: (hash: number) => void, whole: boolean, only: RunFilter | undefined): void {
  const mask = only === undefined ? 0 : only.length * 8 - 1;
  // The last RUN words' two hashes, in turn (a word's first, then its second).
  const ring = new Int32Array(RUN * 2);
  let x = 0;
  let y = 0;
  let n = 0;
  let slot = 0;
  const len = lower.length;
  let i = 0;
  words: for (;;) {
    // To the first code unit of the next word (a surrogate pair at once: its low half in `lo`).
    let c: number;
    let lo = -1;
    for (;;) {
      if (i >= len) break words;
      c = lower.charCodeAt(i);
      if (c < 0x80) {
        if (WORD_UNIT[c] === 1) break;
        i++;
        continue;
      }
      const pair = pairLow(lower, i, c);
      if (pair >= 0) {
        if (wordChar((c - 0xd800) * 0x400 + (pair - 0xdc00) + 0x10000)) {
          lo = pair;
          break;
        }
        // A surrogate pair that is neither letter nor digit is passed over whole.
        i += 2;
        continue;
      }
      if (wordChar(c)) break;
      i++;
    }
    // The word, to the first code unit that is not a letter or digit (or the end).
    let a = 0x811c9dc5 | 0;
    let b = 0x12345678;
    for (;;) {
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 13);
      if (lo >= 0) {
        a = Math.imul(a ^ lo, 0x01000193);
        b = Math.imul(b ^ lo, 0x5bd1e995) ^ (b >>> 13);
        lo = -1;
        i += 2;
      } else i++;
      if (i >= len) break;
      c = lower.charCodeAt(i);
      if (c < 0x80) {
        if (WORD_UNIT[c] === 1) continue;
        // Not a letter or digit, so not the start of the next word either.
        i++;
        break;
      }
      const pair = pairLow(lower, i, c);
      if (pair >= 0) {
        if (!wordChar((c - 0xd800) * 0x400 + (pair - 0xdc00) + 0x10000)) break;
        lo = pair;
      } else if (!wordChar(c)) break;
    }
    if (n >= RUN) {
      // The word leaving the run takes its term out of each polynomial.
      x = (x - Math.imul(ring[slot]!, KX_TOP)) | 0;
      y = (y - Math.imul(ring[slot + 1]!, KY_TOP)) | 0;
    }
    x = (Math.imul(x, KX) + a) | 0;
    y = (Math.imul(y, KY) + b) | 0;
    ring[slot] = a;
    ring[slot + 1] = b;
    slot = slot === RUN * 2 - 2 ? 0 : slot + 2;
    n++;
    if (n < RUN) continue;
    if (only !== undefined) {
      const bit = (((x & 7) << 21) | (y & 0x1fffff)) & mask;
      if ((only[bit >>> 3]! & (1 << (bit & 7))) === 0) continue;
    }
    fn((x >>> 0) * 0x200000 + (y & 0x1fffff));
  }
  if (whole && n > 0 && n < RUN) fn((x >>> 0) * 0x200000 + (y & 0x1fffff));
}

/** The low half of the surrogate pair that the code unit `c` at `i` begins, or -1 when it begins none. */
function pairLow(text: string, i: number, c: number): number {
  if (c < 0xd800 || c > 0xdbff || i + 1 >= text.length) return -1;
  const lo = text.charCodeAt(i + 1);
  return lo >= 0xdc00 && lo <= 0xdfff ? lo : -1;
}

function digitsOf(phone: string): string {
  let d = phone.replace(/\D/g, '');
  if (d.startsWith('44') && phone.trim().startsWith('+')) d = `0${d.slice(2)}`;
  return d;
}

/**
 * The texts of the record that say what the site must not hold and what it may, as plain
 * data (it can be sent to a worker thread, which works out the secrets from them): for each
 * meeting its minutes' text with their exempt minutes, items and declarations, and its
 * agenda's body and items; each action; the partnership's body; the roster's contacts. The
 * long texts are in `texts`, each named by its number there (a Text), so that they can be
 * sent packed (packWithheld) and read one at a time.
 */
export interface WithheldSource extends WithheldFacts {
  /** The long texts, by number. */
  texts: LongText[];
}

/**
 * A long text: a string, or the text of a record file from its code unit `from` on, as the
 * file's bytes read hold it (so that a file's text need not be decoded to be sent).
 */
export type LongText = string | { bytes: Uint8Array; from: number };

/** A WithheldSource without its long texts (which are read with a TextOf). */
interface WithheldFacts {
  meetings: {
    id: string;
    minutes?: {
      approved: boolean;
      text: Text;
      bodyStart: number;
      exempt: number[];
      declarations: { minute: number; detail?: string | undefined }[];
    };
    /** The minutes' items: each body is the text's range, unless given. */
    items?: { number: number; title: string; range: [number, number]; body?: string }[];
    agenda?: { body: Text; items: { title: string; exempt: boolean; papers: string[] }[] };
  }[];
  actions: { id: string; exempt: boolean; texts: Text[] }[];
  partnership?: Text;
  people: { id: string; email?: string | undefined; phone?: string | undefined }[];
}

/** A long text of a WithheldSource: its number in `texts`. */
type Text = number;

/** Reads a long text of a WithheldSource (or the part of it from `from` to `to`). */
type TextOf = (text: Text, from?: number, to?: number) => string;

/** A file's text from its bytes as read (decodeText found them to be text then), from the code unit `from` on. */
function fileText(bytes: Uint8Array, from: number): string {
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw new Error(`a file of the record is no longer text (${decoded.failure.message})`);
  return from === 0 ? decoded.text : decoded.text.slice(from);
}

/**
 * Reads the texts of a source, each whole text with `whole`; the last file's text is kept
 * (the minutes' items are read from it one after another) and no other.
 */
function textReader(whole: (t: Text) => LongText): TextOf {
  let last = -1;
  let lastText = '';
  const read = (t: Text): string => {
    const x = whole(t);
    if (typeof x === 'string') return x;
    if (t !== last) {
      lastText = fileText(x.bytes, x.from);
      last = t;
    }
    return lastText;
  };
  return (t, from, to) => (from === undefined ? read(t) : read(t).slice(from, to));
}

/** The texts of a WithheldSource as it holds them. */
const textsIn = (texts: readonly LongText[]): TextOf => textReader((t) => texts[t]!);

/**
 * A WithheldSource to be sent to a worker thread: its long texts packed in two buffers that
 * can be handed over rather than copied: the strings as UTF-16 code units (`chars`), the files'
 * texts as their bytes read (`bytes`). For each text `spans` holds its start and end in its
 * buffer and, for a file's text, the code unit it is read from (-1 for a string).
 */
export interface PackedWithheld {
  source: WithheldFacts;
  spans: Float64Array;
  chars: ArrayBuffer;
  bytes: ArrayBuffer;
}

/** Packs the long texts of `src` (which keeps its own) for sending, the buffers handed over (handedOver). */
export function packWithheld(src: WithheldSource): PackedWithheld {
  const { texts, ...source } = src;
  const spans = new Float64Array(texts.length * 3);
  let chars = 0;
  let bytes = 0;
  texts.forEach((t, i) => {
    const size = typeof t === 'string' ? t.length * 2 : t.bytes.length;
    const at = typeof t === 'string' ? chars : bytes;
    spans[i * 3] = at;
    spans[i * 3 + 1] = at + size;
    spans[i * 3 + 2] = typeof t === 'string' ? -1 : t.from;
    if (typeof t === 'string') chars += size;
    else bytes += size;
  });
  const charBuf = Buffer.allocUnsafeSlow(chars);
  const byteBuf = new Uint8Array(bytes);
  texts.forEach((t, i) => {
    if (typeof t === 'string') charBuf.write(t, spans[i * 3]!, 'utf16le');
    else byteBuf.set(t.bytes, spans[i * 3]);
  });
  return { source, spans, chars: charBuf.buffer, bytes: byteBuf.buffer };
}

/** The buffers of a packed source, to hand over with it rather than copy (packWithheld made them: none is shared). */
export function handedOver(packed: PackedWithheld): ArrayBuffer[] {
  return [packed.spans.buffer as ArrayBuffer, packed.chars, packed.bytes];
}

/** The texts of a packed WithheldSource, each read from its buffer only when asked for (so none is held longer). */
export function packedTexts(packed: PackedWithheld): TextOf {
  const { spans } = packed;
  const chars = Buffer.from(packed.chars);
  const bytes = new Uint8Array(packed.bytes);
  return textReader((t) => {
    const start = spans[t * 3]!;
    const end = spans[t * 3 + 1]!;
    const from = spans[t * 3 + 2]!;
    return from < 0 ? chars.toString('utf16le', start, end) : { bytes: bytes.subarray(start, end), from };
  });
}

/** The texts secretsOf reads, taken from the record. */
export function withheldSource(rec: LoadedRecord): WithheldSource {
  const exemptAt = new Map<string, Set<number>>();
  const texts: LongText[] = [];
  const shelve = (text: string): Text => texts.push(text) - 1;
  // A file's text from `from` on: its bytes as read, when the loader kept them (so it is not decoded here).
  const shelveFile = (file: SourceFile, from: number): Text =>
    texts.push(file.bytes ? { bytes: file.bytes, from } : from === 0 ? file.text : file.text.slice(from)) - 1;
  const meetings = rec.meetings.map((entry) => {
    const m = entry.minutes;
    const exempt = (m?.data.exempt ?? []).map((e) => e.minute);
    exemptAt.set(entry.id, new Set(exempt));
    const out: WithheldSource['meetings'][number] = { id: entry.id };
    if (m)
      out.minutes = {
        approved: m.data.status === 'approved',
        text: shelveFile(m.file, 0),
        bodyStart: m.bodyStart,
        exempt,
        declarations: (m.data.declarations ?? []).map((d) => ({ minute: d.minute, detail: d.detail })),
      };
    if (entry.items) {
      out.items = entry.items.map((item) => {
        const range: [number, number] = [item.bodyRange[0], item.bodyRange[1]];
        // The body is its range of the text (only a body that is not is sent as well).
        const same =
          m !== undefined && (item.bodyFrom?.(m.file) ?? item.body === m.file.text.slice(range[0], range[1]));
        return { number: item.number, title: item.title, range, ...(same ? {} : { body: item.body }) };
      });
    }
    if (entry.meeting) {
      out.agenda = {
        body: shelveFile(entry.meeting.file, entry.meeting.bodyStart),
        items: (entry.meeting.data.items ?? []).map((item) => ({
          title: item.title,
          exempt: Boolean(item.exempt),
          papers: item.papers ?? [],
        })),
      };
    }
    return out;
  });
  const actions = rec.actions.map(({ id, action }) => {
    const raised = action.data.raised;
    return {
      id,
      exempt: raised ? (exemptAt.get(raised.meeting)?.has(raised.minute) ?? false) : false,
      texts: [
        shelve(action.data.title),
        shelveFile(action.file, action.bodyStart),
        ...(action.data.updates ?? []).map((u) => shelve(u.note ?? '')),
      ],
    };
  });
  return {
    meetings,
    actions,
    ...(rec.partnership ? { partnership: shelveFile(rec.partnership.file, rec.partnership.bodyStart) } : {}),
    people: [...rec.members, ...rec.others].map((p) => ({ id: p.id, email: p.email, phone: p.phone })),
    texts,
  };
}

/** Everything the site must not hold, read straight from the record. */
export function secretsOf(rec: LoadedRecord): Secrets {
  return secretsFrom(withheldSource(rec));
}

/** Everything the site must not hold, from the texts of the record (withheldSource). */
export function secretsFrom(src: WithheldSource): Secrets {
  return secretsRead(src, textsIn(src.texts));
}

/** secretsFrom the texts of the record as sent packed to a worker thread (each public text read only when it is compared, and let go). */
export function secretsFromPacked(packed: PackedWithheld): Secrets {
  return secretsRead(packed.source, packedTexts(packed));
}

/** Everything the site must not hold, from the facts of the record and its long texts read with `text`. */
function secretsRead(src: WithheldFacts, text: TextOf): Secrets {
  const runs = new Map<number, Secret>();
  // An action marker's id and owners are not the withheld text (the id is listed as withheld);
  // the same words either side of a marker are compared alike in exempt and in public minutes.
  const unmarked = (text: string) => text.replace(new RegExp(ACTION_MARKER.source, 'g'), ' ');
  const add = (text: string | undefined, what: string) => {
    if (text === undefined || text.trim() === '') return;
    eachRun(
      unmarked(text),
      (h) => {
        if (!runs.has(h)) runs.set(h, { what });
      },
      true,
    );
  };
  const publicTexts: (() => string)[] = [];
  /** The public parts of approved minutes, as the minutes files hold them. */
  const publicMinutes: (() => string)[] = [];
  const paths: Secrets['paths'] = [];
  const titles: string[] = [];
  for (const entry of src.meetings) {
    const m = entry.minutes;
    const exempt = new Set(m?.exempt ?? []);
    const approved = m?.approved === true;
    // The minutes file's body, cut at each exempt item: the pieces between are published.
    let from = m ? m.bodyStart : 0;
    for (const item of entry.items ?? []) {
      titles.push(item.title);
      const [start, end] = item.range;
      const body = () => item.body ?? text(m!.text, start, end);
      if (exempt.has(item.number)) {
        add(body(), `the text of exempt minute ${item.number} of ${entry.id}`);
        const before = from;
        if (approved) publicMinutes.push(() => unmarked(text(m.text, before, start)));
        from = end;
      } else if (!approved) publicTexts.push(body);
    }
    const rest = from;
    if (approved && entry.items) publicMinutes.push(() => unmarked(text(m.text, rest)));
    for (const d of m?.declarations ?? []) {
      if (exempt.has(d.minute))
        add(d.detail, `the detail of a declaration on exempt minute ${d.minute} of ${entry.id}`);
    }
    for (const item of entry.agenda?.items ?? []) {
      titles.push(item.title);
      if (!item.exempt) continue;
      for (const p of item.papers) {
        const name = p.replace(/^\.\//, '');
        paths.push({
          value: `${entry.id}/${name}`,
          what: `the paper ${name} of the exempt item "${item.title}" of ${entry.id}`,
        });
      }
    }
    const agenda = entry.agenda?.body;
    if (agenda !== undefined) publicTexts.push(() => text(agenda));
  }
  for (const { id, exempt, texts } of src.actions) {
    if (exempt) for (const t of texts) add(text(t), `the action ${id}, raised at an exempt minute`);
    else for (const t of texts) publicTexts.push(() => text(t));
  }
  const partnership = src.partnership;
  if (partnership !== undefined) publicTexts.push(() => text(partnership));
  // A run the record says in public in several places is a set phrase ("that the report be
  // noted"), no evidence of a leak; one said in a single public text may be exempt text
  // pasted there, and is reported. Titles are published, and so is csp's own wording.
  const seenIn = new Map<number, number>();
  const secret = runs.size > 0 ? runFilter(runs) : undefined;
  for (const t of secret ? publicTexts : []) {
    const here = new Set<number>();
    eachRun(
      t(),
      (h) => {
        if (runs.has(h)) here.add(h);
      },
      false,
      secret,
    );
    for (const h of here) seenIn.set(h, (seenIn.get(h) ?? 0) + 1);
  }
  for (const [h, n] of seenIn) if (n >= COMMON) runs.delete(h);
  // What approved minutes say in public is public, wherever else it is said.
  for (const t of secret ? publicMinutes : [])
    eachRun(
      t(),
      (h) => {
        runs.delete(h);
      },
      true,
      secret,
    );
  for (const t of [...titles, ...PUBLIC_WORDING])
    eachRun(
      t,
      (h) => {
        runs.delete(h);
      },
      true,
    );

  const emails: Secrets['emails'] = [];
  const phones: Secrets['phones'] = [];
  for (const p of src.people) {
    if (p.email)
      emails.push({ value: p.email.trim().toLowerCase(), what: `the e-mail address of ${p.id} in members.yaml` });
    if (p.phone && digitsOf(p.phone).length >= 6)
      phones.push({ digits: digitsOf(p.phone), what: `the phone number of ${p.id} in members.yaml` });
  }
  return { runs, emails, phones, paths };
}

function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (all, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : all;
    }
    // Only the names listed (not what every object has, such as "constructor").
    const name = e.toLowerCase();
    return Object.hasOwn(NAMED, name) ? NAMED[name]! : all;
  });
}

function decodePercent(s: string): string {
  if (!s.includes('%')) return s;
  return s.replace(/%([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** An action line as csp writes it into minutes, with what it holds (text, or a link holding text). */
const ACTION_LINE = /<span class="action">((?:<a href="[^"<>]*">)?[^<]*(?:<\/a>)?)<\/span>/;

/** Every string of a JSON value, keys and values, in order, one a line: what a program reading it takes in. */
function jsonStrings(value: unknown): string {
  const strings: string[] = [];
  // A JSON value's objects are plain, so for…in gives their own keys in Object.entries' order,
  // without an array of entries made for each object.
  const walk = (v: unknown): void => {
    if (typeof v === 'string') strings.push(v);
    else if (Array.isArray(v)) for (const x of v) walk(x);
    else if (v !== null && typeof v === 'object')
      for (const k in v) {
        strings.push(k);
        walk((v as Record<string, unknown>)[k]);
      }
  };
  walk(value);
  return strings.join('\n');
}

/** A JSON file's content parsed (undefined when it is not JSON). */
export function parseJson(content: string): unknown {
  try {
    return JSON.parse(content) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The text of an output file as a reader or a program would take it, in pieces to read
 * separately. A JSON file is read as parsed: `parsed` when the caller has parsed it
 * already (with parseJson), else here.
 */
export function readableText(file: string, content: string, parsed?: unknown): string[] {
  if (file.endsWith('.json')) {
    const value = parsed ?? parseJson(content);
    return value === undefined ? [content] : [jsonStrings(value)];
  }
  if (file.endsWith('.ics')) {
    return [
      content
        .replace(/\r?\n[ \t]/g, '')
        .replace(/\\n/gi, '\n')
        .replace(/\\([,;\\])/g, '$1'),
    ];
  }
  if (/\.(html?|xml|svg)$/.test(file)) {
    const attrs: string[] = [];
    for (const m of content.matchAll(/=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs.push(decodeEntities(m[1] ?? m[2] ?? ''));
    const out: string[] = [];
    // csp's line for an action in minutes ("Action: owner; due date") is read on its own, apart
    // from the minutes' words either side of it, as a reader takes it: its words and theirs are
    // not one sentence. Every piece is still read.
    for (const piece of content.split(ACTION_LINE)) {
      const text = decodeEntities(piece.replace(/<[^>]*>/g, ' '));
      out.push(text);
      // Inside <![CDATA[…]]> (feeds) and escaped markup (feed content), entities may be doubled.
      const twice = decodeEntities(text);
      if (twice !== text) out.push(twice);
    }
    out.push(attrs.join('\n'));
    return out;
  }
  return [content];
}

/**
 * A search for many paths at once, each of the form "<folder>/<rest>": the text is read
 * once for its slashes, and only where the word before a slash is one of the folders are
 * that folder's paths compared (the same answers as looking for each path everywhere).
 */
function pathFinder(paths: Secrets['paths']): (text: string, found: (what: string) => void) => void {
  const byFolder = new Map<string, Secrets['paths']>();
  const whole: Secrets['paths'] = [];
  for (const p of paths) {
    const slash = p.value.indexOf('/');
    if (slash <= 0) {
      whole.push(p);
      continue;
    }
    const folder = p.value.slice(0, slash + 1);
    const list = byFolder.get(folder);
    if (list) list.push(p);
    else byFolder.set(folder, [p]);
  }
  const lengths = [...new Set([...byFolder.keys()].map((f) => f.length))];
  return (text, found) => {
    for (const p of whole) if (text.includes(p.value)) found(p.what);
    for (let i = text.indexOf('/'); i >= 0; i = text.indexOf('/', i + 1)) {
      for (const n of lengths) {
        const at = i + 1 - n;
        if (at < 0) continue;
        const list = byFolder.get(text.slice(at, i + 1));
        if (list) for (const p of list) if (text.startsWith(p.value, at)) found(p.what);
      }
    }
  };
}

/**
 * A search for many e-mail addresses at once in a lower-cased text that holds an "@": the
 * text is read once for its "@"s, and only the addresses that would put theirs there are
 * compared (the same answers as looking for each address everywhere). An address without
 * an "@" is looked for everywhere.
 */
function emailFinder(emails: Secrets['emails']): (lower: string, found: (what: string) => void) => void {
  const byAt = new Map<number, Secrets['emails']>();
  const plain: Secrets['emails'] = [];
  for (const e of emails) {
    const at = e.value.indexOf('@');
    if (at < 0) {
      plain.push(e);
      continue;
    }
    const list = byAt.get(at);
    if (list) list.push(e);
    else byAt.set(at, [e]);
  }
  const offsets = [...byAt];
  return (lower, found) => {
    const hits = new Set<Secrets['emails'][number]>();
    for (let i = lower.indexOf('@'); i >= 0; i = lower.indexOf('@', i + 1)) {
      for (const [at, list] of offsets) {
        if (at > i) continue;
        for (const e of list) if (lower.startsWith(e.value, i - at)) hits.add(e);
      }
    }
    // In the order of the roster, as looking for each in turn would find them.
    for (const e of emails) if (hits.has(e) || (plain.includes(e) && lower.includes(e.value))) found(e.what);
  };
}

/**
 * A search for many phone numbers at once in the digits of a number written in a text:
 * only the numbers as long as a stretch of those digits are compared, and only with it
 * (the same answers as looking for each number in all the digits).
 */
function phoneFinder(phones: Secrets['phones']): (digits: string, found: (what: string) => void) => void {
  const byLength = new Map<number, Map<string, Secrets['phones']>>();
  for (const p of phones) {
    let same = byLength.get(p.digits.length);
    if (!same) byLength.set(p.digits.length, (same = new Map<string, Secrets['phones']>()));
    const list = same.get(p.digits);
    if (list) list.push(p);
    else same.set(p.digits, [p]);
  }
  const lengths = [...byLength].sort((a, b) => a[0] - b[0]);
  return (digits, found) => {
    if (lengths.length === 0 || digits.length < lengths[0]![0]) return;
    const hits = new Set<Secrets['phones'][number]>();
    for (const [n, same] of lengths) {
      if (n > digits.length) break;
      for (let at = 0; at + n <= digits.length; at++) {
        const list = same.get(digits.slice(at, at + n));
        if (list) for (const p of list) hits.add(p);
      }
    }
    for (const p of phones) if (hits.has(p)) found(p.what);
  };
}

/** The check of a site as it is made: each file looked at once, as soon as it is ready. */
export interface LeakChecker {
  /** Whether papers need looking at (the roster has contact details). */
  readonly papers: boolean;
  /**
   * Looks for every secret in a page or file of the site (a JSON file as `parsed` by
   * parseJson, when given). With `bytes` (the UTF-8 of `content`), a page is first looked at
   * quickly (pageScanner), and read as text only when that cannot say it is clear.
   */
  file(file: string, content: string, parsed?: unknown, bytes?: Buffer): void;
  /** Looks for the roster's contact details in a paper copied into the site. */
  paper(file: string, bytes: Buffer): void;
  /** The leaks found so far: files in order of their paths, then papers in order of theirs. */
  leaks(): Leak[];
  /** The leaks found so far in the files and in the papers, as found (to be put in order with another check's). */
  found(): FoundLeaks;
}

/** Leaks in the files and in the papers of a site, in the order found. */
export interface FoundLeaks {
  files: Leak[];
  papers: Leak[];
}

/**
 * The leaks of one or more checks of the parts of a site, in one order whoever found them:
 * files in order of their paths, then papers in order of theirs (stable: the leaks of one
 * file, all found by one check, stay in the order they were found).
 */
export function leaksInOrder(...found: FoundLeaks[]): Leak[] {
  const byFile = (a: Leak, b: Leak) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  return [...found.flatMap((f) => f.files).sort(byFile), ...found.flatMap((f) => f.papers).sort(byFile)];
}

/** A check of the site against what the record withholds (`secretsOf` the record). */
export function leakChecker(secrets: Secrets): LeakChecker {
  const fileLeaks: Leak[] = [];
  const paperLeaks: Leak[] = [];
  const seen = new Set<string>();
  const reportTo = (list: Leak[]) => (file: string, what: string) => {
    const key = `${file}\0${what}`;
    if (!seen.has(key)) {
      seen.add(key);
      list.push({ file, what });
    }
  };
  const findEmails = emailFinder(secrets.emails);
  const findPhones = phoneFinder(secrets.phones);
  /** Looks for the roster's contact details in `lower`, a text with its percent escapes decoded, lower-cased. */
  const contacts = (file: string, lower: string, report: (file: string, what: string) => void) => {
    if (secrets.emails.length > 0 && lower.includes('@'))
      findEmails(lower, (what) => {
        report(file, what);
      });
    if (secrets.phones.length > 0) {
      for (const m of lower.matchAll(/[+(]?\d[\d \t\u00a0().-]{4,}\d/g))
        findPhones(digitsOf(m[0]), (what) => {
          report(file, what);
        });
    }
  };
  const contactsKnown = secrets.emails.length > 0 || secrets.phones.length > 0;
  const nothing = !contactsKnown && secrets.runs.size === 0 && secrets.paths.length === 0;
  const only = secrets.runs.size > 0 ? runFilter(secrets.runs) : undefined;
  const toFiles = reportTo(fileLeaks);
  const findPaths = secrets.paths.length > 0 ? pathFinder(secrets.paths) : undefined;
  const quick = nothing ? undefined : pageScanner(secrets, only);
  return {
    papers: contactsKnown,
    file(file, content, parsed, bytes) {
      if (nothing) return;
      if (bytes !== undefined && quick !== undefined) {
        if (file.endsWith('.html') && quick.page(bytes)) return;
        // A JSON file read quickly only as JSON.stringify writes what it holds: its strings in the order they are read here.
        if (file.endsWith('.json') && parsed !== undefined && quick.json(bytes)) {
          const canonical = JSON.stringify(parsed);
          if (content === canonical || content === `${canonical}\n`) return;
        }
      }
      for (const text of readableText(file, content, parsed)) {
        // Each form of the text made once: lower-cased (for the runs), percent escapes decoded (for contacts and paths).
        const lower = only !== undefined || contactsKnown ? text.toLowerCase() : '';
        const decoded = contactsKnown || findPaths !== undefined ? decodePercent(text) : text;
        if (contactsKnown) contacts(file, decoded === text ? lower : decoded.toLowerCase(), toFiles);
        if (only !== undefined) {
          runsOfLower(
            lower,
            (h) => {
              const s = secrets.runs.get(h);
              if (s) toFiles(file, s.what);
            },
            false,
            only,
          );
        }
        if (findPaths !== undefined)
          findPaths(decoded, (what) => {
            toFiles(file, what);
          });
      }
    },
    paper(file, bytes) {
      if (contactsKnown) contacts(file, decodePercent(bytes.toString('latin1')).toLowerCase(), reportTo(paperLeaks));
    },
    leaks: () => leaksInOrder({ files: fileLeaks, papers: paperLeaks }),
    found: () => ({ files: [...fileLeaks], papers: [...paperLeaks] }),
  };
}

/** Looks for every secret in every file (each page looked at quickly first, as an export does): the leaks found (none when the site is safe to write). */
export function findLeaks(
  rec: LoadedRecord,
  files: Map<string, string>,
  papers: Map<string, Buffer> = new Map(),
): Leak[] {
  const check = leakChecker(secretsOf(rec));
  for (const [file, content] of files) check.file(file, content, undefined, Buffer.from(content, 'utf8'));
  for (const [file, bytes] of papers) check.paper(file, bytes);
  return check.leaks();
}
