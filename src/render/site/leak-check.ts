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
import { ACTION_MARKER } from '../../parse/marker.js';

/** A piece of withheld information found in an output file. */
export interface Leak {
  /** The file of the site, e.g. "meetings/2026-04-16.html". */
  file: string;
  what: string;
}

/** Words in a run compared; shorter exempt texts are compared whole. */
const RUN = 10;

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

/** Whether each code unit of the Basic Multilingual Plane is a letter or digit (0 not yet known, 1 yes, 2 no). */
const WORD_UNIT = new Uint8Array(0x10000);
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/** Whether the code point `cp` is a letter or a digit (as `[\p{L}\p{N}]` says). */
function wordChar(cp: number): boolean {
  if (cp < 0x80) return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a);
  if (cp < 0x10000) {
    let k = WORD_UNIT[cp]!;
    if (k === 0) {
      k = LETTER_OR_DIGIT.test(String.fromCharCode(cp)) ? 1 : 2;
      WORD_UNIT[cp] = k;
    }
    return k === 1;
  }
  return LETTER_OR_DIGIT.test(String.fromCodePoint(cp));
}

/** The multipliers of the two run hashes, and each to the power RUN - 1 (all modulo 2^32). */
const KX = 0x9e3779b1;
const KY = 0x85ebca6b;
const power = (k: number): number => {
  let p = 1;
  for (let i = 1; i < RUN; i++) p = Math.imul(p, k) >>> 0;
  return p;
};
const KX_TOP = power(KX);
const KY_TOP = power(KY);

/**
 * Calls `fn` with the hash of every run of RUN words (or of the whole text when it is
 * shorter, if `whole`). Words are the letters and digits of the lower-cased text; each
 * word has two hashes, and a run's are polynomials in them, kept rolling as the text is
 * read, so each word costs the same whatever RUN is.
 */
export function eachRun(text: string, fn: (hash: number) => void, whole = false, only?: RunFilter): void {
  const lower = text.toLowerCase();
  const ha = new Uint32Array(RUN);
  const hb = new Uint32Array(RUN);
  let x = 0;
  let y = 0;
  let n = 0;
  const len = lower.length;
  let i = 0;
  while (i < len) {
    let cp = lower.charCodeAt(i);
    let width = 1;
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < len) {
      const lo = lower.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = (cp - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000;
        width = 2;
      }
    }
    if (!wordChar(cp)) {
      i += width;
      continue;
    }
    // A word: its two hashes, over its UTF-16 code units.
    let a = 0x811c9dc5;
    let b = 0x12345678;
    for (;;) {
      for (let j = 0; j < width; j++) {
        const c = lower.charCodeAt(i + j);
        a = Math.imul(a ^ c, 0x01000193);
        b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 13);
      }
      i += width;
      if (i >= len) break;
      cp = lower.charCodeAt(i);
      width = 1;
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < len) {
        const lo = lower.charCodeAt(i + 1);
        if (lo >= 0xdc00 && lo <= 0xdfff) {
          cp = (cp - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000;
          width = 2;
        }
      }
      if (!wordChar(cp)) break;
    }
    a >>>= 0;
    b >>>= 0;
    const slot = n % RUN;
    if (n >= RUN) {
      // The word leaving the run takes its term out of each polynomial.
      x = (x - Math.imul(ha[slot]!, KX_TOP)) >>> 0;
      y = (y - Math.imul(hb[slot]!, KY_TOP)) >>> 0;
    }
    x = (Math.imul(x, KX) + a) >>> 0;
    y = (Math.imul(y, KY) + b) >>> 0;
    ha[slot] = a;
    hb[slot] = b;
    n++;
    if (n < RUN) continue;
    if (only !== undefined) {
      const bit = ((x & 7) << 21) | (y & 0x1fffff);
      if ((only[bit >>> 3]! & (1 << (bit & 7))) === 0) continue;
    }
    fn(x * 0x200000 + (y & 0x1fffff));
  }
  if (whole && n > 0 && n < RUN) fn(x * 0x200000 + (y & 0x1fffff));
}

/** A bit for each value of a run hash's low bits: a run whose bit is clear is none of those looked for. */
export type RunFilter = Uint8Array;

/** The filter that lets through (at least) the runs with these hashes. */
function runFilter(hashes: Iterable<number>): RunFilter {
  // The bit of a run: the low 3 bits of its first hash and the low 21 of its second (24 bits).
  const bits = new Uint8Array(1 << 21);
  for (const h of hashes) {
    const bit = ((Math.floor(h / 0x200000) & 7) << 21) | (h % 0x200000);
    bits[bit >>> 3]! |= 1 << (bit & 7);
  }
  return bits;
}

function digitsOf(phone: string): string {
  let d = phone.replace(/\D/g, '');
  if (d.startsWith('44') && phone.trim().startsWith('+')) d = `0${d.slice(2)}`;
  return d;
}

/** Everything the site must not hold, read straight from the record. */
export function secretsOf(rec: LoadedRecord): Secrets {
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
  const publicTexts: string[] = [];
  /** The public parts of approved minutes, as the minutes files hold them. */
  const publicMinutes: string[] = [];
  const paths: Secrets['paths'] = [];
  const exemptAt = new Map<string, Map<number, number | string | undefined>>();
  const titles: string[] = [];
  for (const entry of rec.meetings) {
    const m = entry.minutes;
    const exempt = new Map((m?.data.exempt ?? []).map((e) => [e.minute, e.paragraph]));
    exemptAt.set(entry.id, exempt);
    const approved = m?.data.status === 'approved';
    // The minutes file's body, cut at each exempt item: the pieces between are published.
    let from = m ? m.bodyStart : 0;
    for (const item of entry.items ?? []) {
      titles.push(item.title);
      if (exempt.has(item.number)) {
        add(item.body, `the text of exempt minute ${item.number} of ${entry.id}`);
        if (approved) publicMinutes.push(unmarked(m.file.text.slice(from, item.bodyRange[0])));
        from = item.bodyRange[1];
      } else if (!approved) publicTexts.push(item.body);
    }
    if (approved && entry.items) publicMinutes.push(unmarked(m.file.text.slice(from)));
    for (const d of m?.data.declarations ?? []) {
      if (exempt.has(d.minute))
        add(d.detail, `the detail of a declaration on exempt minute ${d.minute} of ${entry.id}`);
    }
    const doc = entry.meeting?.data;
    for (const item of doc?.items ?? []) {
      titles.push(item.title);
      if (!item.exempt) continue;
      for (const p of item.papers ?? []) {
        const name = p.replace(/^\.\//, '');
        paths.push({
          value: `${entry.id}/${name}`,
          what: `the paper ${name} of the exempt item "${item.title}" of ${entry.id}`,
        });
      }
    }
    if (entry.meeting) publicTexts.push(entry.meeting.file.text.slice(entry.meeting.bodyStart));
  }
  for (const { id, action } of rec.actions) {
    const raised = action.data.raised;
    const exempt = raised ? exemptAt.get(raised.meeting)?.has(raised.minute) : false;
    const texts = [
      action.data.title,
      action.file.text.slice(action.bodyStart),
      ...(action.data.updates ?? []).map((u) => u.note ?? ''),
    ];
    if (exempt) for (const t of texts) add(t, `the action ${id}, raised at an exempt minute`);
    else publicTexts.push(...texts);
  }
  if (rec.partnership) publicTexts.push(rec.partnership.file.text.slice(rec.partnership.bodyStart));
  // A run the record says in public in several places is a set phrase ("that the report be
  // noted"), no evidence of a leak; one said in a single public text may be exempt text
  // pasted there, and is reported. Titles are published, and so is csp's own wording.
  const seenIn = new Map<number, number>();
  const secret = runs.size > 0 ? runFilter(runs.keys()) : undefined;
  for (const t of secret ? publicTexts : []) {
    const here = new Set<number>();
    eachRun(
      t,
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
      t,
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
  for (const p of [...rec.members, ...rec.others]) {
    if (p.email)
      emails.push({ value: p.email.trim().toLowerCase(), what: `the e-mail address of ${p.id} in members.yaml` });
    if (p.phone && digitsOf(p.phone).length >= 6)
      phones.push({ digits: digitsOf(p.phone), what: `the phone number of ${p.id} in members.yaml` });
  }
  return { runs, emails, phones, paths };
}

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  colon: ':',
  commat: '@',
  period: '.',
  sol: '/',
};

function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (all, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : all;
    }
    return NAMED[e.toLowerCase()] ?? all;
  });
}

function decodePercent(s: string): string {
  if (!s.includes('%')) return s;
  return s.replace(/%([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** An action line as csp writes it into minutes, with what it holds (text, or a link holding text). */
const ACTION_LINE = /<span class="action">((?:<a href="[^"<>]*">)?[^<]*(?:<\/a>)?)<\/span>/;

/** The text of an output file as a reader or a program would take it, in pieces to read separately. */
export function readableText(file: string, content: string): string[] {
  if (file.endsWith('.json')) {
    const strings: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'string') strings.push(v);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v !== null && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) {
          strings.push(k);
          walk(x);
        }
    };
    try {
      walk(JSON.parse(content));
    } catch {
      return [content];
    }
    return [strings.join('\n')];
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

/** The check of a site as it is made: each file looked at once, as soon as it is ready. */
export interface LeakChecker {
  /** Whether papers need looking at (the roster has contact details). */
  readonly papers: boolean;
  /** Looks for every secret in a page or file of the site. */
  file(file: string, content: string): void;
  /** Looks for the roster's contact details in a paper copied into the site. */
  paper(file: string, bytes: Buffer): void;
  /** The leaks found so far: files in order of their paths, then papers in the order seen. */
  leaks(): Leak[];
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
  const contacts = (file: string, text: string, report: (file: string, what: string) => void) => {
    const lower = decodePercent(text).toLowerCase();
    if (secrets.emails.length > 0 && lower.includes('@')) {
      for (const e of secrets.emails) if (lower.includes(e.value)) report(file, e.what);
    }
    if (secrets.phones.length > 0) {
      for (const m of lower.matchAll(/[+(]?\d[\d \t\u00a0().-]{4,}\d/g)) {
        const digits = digitsOf(m[0]);
        for (const p of secrets.phones) if (digits.includes(p.digits)) report(file, p.what);
      }
    }
  };
  const contactsKnown = secrets.emails.length > 0 || secrets.phones.length > 0;
  const nothing = !contactsKnown && secrets.runs.size === 0 && secrets.paths.length === 0;
  const only = secrets.runs.size > 0 ? runFilter(secrets.runs.keys()) : undefined;
  const toFiles = reportTo(fileLeaks);
  const findPaths = secrets.paths.length > 0 ? pathFinder(secrets.paths) : undefined;
  return {
    papers: contactsKnown,
    file(file, content) {
      if (nothing) return;
      for (const text of readableText(file, content)) {
        contacts(file, text, toFiles);
        if (only !== undefined) {
          eachRun(
            text,
            (h) => {
              const s = secrets.runs.get(h);
              if (s) toFiles(file, s.what);
            },
            false,
            only,
          );
        }
        if (findPaths !== undefined)
          findPaths(decodePercent(text), (what) => {
            toFiles(file, what);
          });
      }
    },
    paper(file, bytes) {
      if (contactsKnown) contacts(file, bytes.toString('latin1'), reportTo(paperLeaks));
    },
    leaks() {
      // Stable: the leaks of one file stay in the order they were found.
      const files = [...fileLeaks].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
      return [...files, ...paperLeaks];
    },
  };
}

/** Looks for every secret in every file: the leaks found (none when the site is safe to write). */
export function findLeaks(
  rec: LoadedRecord,
  files: Map<string, string>,
  papers: Map<string, Buffer> = new Map(),
): Leak[] {
  const check = leakChecker(secretsOf(rec));
  for (const [file, content] of files) check.file(file, content);
  for (const [file, bytes] of papers) check.paper(file, bytes);
  return check.leaks();
}
