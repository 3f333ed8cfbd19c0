/**
 * From a document's blocks to a meeting and its draft minutes: the date, who attended
 * (present, in attendance, apologies and substitutes, the Chair), each item under its
 * minute number, declarations, decisions, actions with their owners, deferrals and exempt
 * items. The website's furniture and the agenda's own text are left out. Every block is
 * either placed, deliberately left out, or listed as unplaced with its line: nothing is
 * dropped silently, and no name is guessed.
 */
import type { Apology, Declaration, Deferral } from '../model/types.js';
import type { Block } from './source.js';
import { isCapitals } from './source.js';
import type { Roster, RosterPerson } from './people.js';
import { parseApologies, parseNameList, sentences, type ListedName } from './names.js';
import { findDate, findDates, findTime, monthNumber } from './dates.js';
import type { KnownAction } from './record.js';
import { decisionStart } from '../core/decision-words.js';
import { formatMinute } from '../core/minute-label.js';
import { isStandardItem } from '../core/standard-items.js';
import { normaliseTitle } from '../core/text.js';

/** What the recogniser needs to know about the record it imports into. */
export interface RecogniseOptions {
  roster: Roster;
  /** The meeting date given by the clerk (--meeting); the document's own date otherwise. */
  meetingDate?: string | undefined;
  /** The number a source without minute numbers starts at (continuing the record). */
  firstNumber: number;
  /** Words that open a decision: the partnership's `decision_words`. */
  decisionWords: string[];
  /** The minute label in force for the meeting, year filled in ("SSP {n}/15"); absent for plain numbers. */
  minuteLabel?: string;
  /** Actions already in the record, raised before this meeting: reports on them become [review …] markers. */
  actions?: KnownAction[];
  /** The partnership's standard item titles (opening and closing). */
  standardTitles: string[];
  /** Meeting ids already in the record, for deferrals to "the January meeting". */
  knownMeetings: string[];
  /** Add people the roster lacks (else they stay free text, or are left out where ids are required). */
  addPeople: boolean;
}

/** A place in the source, as the report shows it. */
export interface Place {
  line: number;
  where: string;
  text: string;
}

/** A name the roster does not know (or knows twice). */
export interface UnknownName extends Place {
  name: string;
  as: 'present' | 'in attendance' | 'apologies' | 'substitute' | 'chair' | 'action owner' | 'declaration';
  nearest: string[];
  ambiguous: boolean;
  /** With --add-people: the id it was added under. */
  added?: string;
  /** What became of it in the draft ("written as free text", "left out"). */
  outcome: string;
}

/** Something the clerk should check, at a place in the source. */
export interface Note extends Place {
  message: string;
}

/** One item of the draft minutes. */
export interface DraftItem {
  number: number;
  title: string;
  line: number;
  where: string;
  /** Markdown blocks of the item's text, in order. */
  paragraphs: string[];
  standard: boolean;
  /** Exempt: the Schedule 12A paragraph, or 0 when the source names none. */
  exempt?: number;
  /** The number as the heading is written under the partnership's minute label ("SSP 53/15"). */
  label?: string;
}

/** The meeting and minutes read from one document. */
export interface Draft {
  date?: string;
  start?: string;
  ended?: string;
  venue?: string;
  chair?: string;
  present: string[];
  apologies: Apology[];
  inAttendance: string[];
  declarations: Declaration[];
  deferred: Deferral[];
  items: DraftItem[];
  decisions: number;
  actions: number;
  unknown: UnknownName[];
  unplaced: Place[];
  notes: Note[];
  /** People to add to the roster's `others` (with --add-people). */
  added: RosterPerson[];
  /** The minutes do not say who was present (no attendance list): `attendance: not-recorded`. */
  attendanceNotRecorded?: boolean;
  /** The minutes do not say who sent apologies ("Apologies were noted", or no list at all): `apologies: not-recorded`. */
  apologiesNotRecorded?: boolean;
  /** Reports on earlier actions written as [review …] markers. */
  reviews: number;
}

/** Lines that are the committee website's furniture, never minutes. */
const BOILERPLATE: RegExp[] = [
  /\b(?:pdf|doc|docx|xls|xlsx|ppt|pptx|rtf|odt|csv|html?)\s+(?:icon\s+)?(?:pdf|doc|docx|xls|xlsx|ppt|pptx|rtf|odt|csv|html?)?\s*\d+(?:\.\d+)?\s*(?:kb|mb|k)\b\.?\s*$/i,
  /^(?:pdf|word|doc|docx|excel|html?) icon\b/i,
  /^additional documents?\s*:?$/i,
  /^view the (?:full )?(?:minutes|reasons|decision|background)(?: text)?(?: for item .*)?\.?$/i,
  /^view the reasons why .*$/i,
  /^(?:agenda and minutes|agenda|agenda and decisions)$/i,
  /^(?:printed (?:minutes|decisions|agenda)|agenda frontsheet|agenda reports pack|public reports pack|supplementary agenda)\b.*$/i,
  /^(?:browse meetings|meeting details|attendance details|issue history|related meetings|webcast|watch (?:the )?(?:meeting|webcast).*|media|subscribe.*|print this page|back to top|skip to (?:main )?content|share this page|close|items?|no\.|item no\.?|minutes of previous meeting:?|attendance details|background papers|contact us|accessibility|cookies|privacy|sitemap|site map|a-z)$/i,
  /^(?:this meeting|meeting) (?:was|will be) (?:webcast|broadcast|filmed)\b.*$/i,
  /^link to .*$/i,
  /^(?:contact|contact officer)\s*:.*$/i,
  /^(?:published|publication date|last updated|date published)\s*:.*$/i,
];

/** Signature lines at the end of minutes. */
const SIGNATURE =
  /^(?:CHAIR(?:MAN|PERSON)?|Chair(?:man|person)?|Signed(?: by (?:the )?Chair(?:man)?)?|Date|Signature)\s*:?\s*(?:[._]{2,})?\s*$|^[._\s]{4,}$|^Signed by Chair$/;

/** The label of an attendance list at the head of the minutes. */
const ATTENDANCE =
  /^(present|members present|attendees|attending|also present|also attending|also in attendance|in attendance|officers(?: present| in attendance)?|co-?optees|councillors present|substitutes?|apologies(?: for absence)?(?: received)?)\s*(?::|-|–|—|were\b)?\s*(.*)$/i;

/** A minutes label that separates the agenda's text from the minutes' (ModernGov). */
const MINUTES_LABEL = /^minutes\s*:?$/i;

/** "168. FILMING AT MEETINGS", "168 FILMING…", "Agenda item 3: Title", "SSP 53/15 Title". */
interface Heading {
  index: number;
  /** Blocks the heading takes (the number alone and its title take two). */
  span: number;
  number?: number;
  label?: string;
  title: string;
}

/** Converts a document's blocks into a draft. */
export function recognise(blocks: readonly Block[], opts: RecogniseOptions): Draft {
  const draft: Draft = {
    present: [],
    apologies: [],
    inAttendance: [],
    declarations: [],
    deferred: [],
    items: [],
    decisions: 0,
    actions: 0,
    unknown: [],
    unplaced: [],
    notes: [],
    added: [],
    reviews: 0,
  };
  const ctx = new Context(draft, opts, blocks);
  const headings = findHeadings(blocks);

  // The head of the document: date, venue, the attendance block.
  const firstItem = headings[0]?.index ?? blocks.length;
  ctx.head(0, firstItem);

  // The date: from --meeting, else the document.
  if (opts.meetingDate) draft.date = opts.meetingDate;

  // Items.
  const agendaAndMinutes = blocks.some((b) => MINUTES_LABEL.test(b.text));
  let next = opts.firstNumber;
  for (let h = 0; h < headings.length; h++) {
    const heading = headings[h]!;
    const end = headings[h + 1]?.index ?? blocks.length;
    const number = heading.number ?? next;
    next = number + 1;
    ctx.item(heading, number, heading.index + heading.span, end, agendaAndMinutes);
  }
  if (!headings.length) {
    draft.notes.push({
      line: 1,
      where: 'line 1',
      text: '',
      message:
        'No item headings were found (such as "168. FILMING AT MEETINGS" or a number on a line of its own), so no minutes items were made.',
    });
  }
  ctx.finish();
  return draft;
}

/** True when a line is the website's furniture. */
export function isBoilerplate(text: string): boolean {
  return BOILERPLATE.some((re) => re.test(text));
}

/** Finds item headings: numbered, ModernGov's number alone, "Agenda item", minute labels; else headings. */
function findHeadings(blocks: readonly Block[]): Heading[] {
  const found: Heading[] = [];
  let last = -Infinity;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    const t = b.text;
    if (isBoilerplate(t)) continue;
    let m = /^(\d{1,4})\s*[.):]?$/.exec(t);
    if (m && b.kind !== 'item') {
      const titleAt = nextContent(blocks, i + 1);
      const title = titleAt === undefined ? undefined : blocks[titleAt]!;
      if (title && !/^\d{1,4}\s*[.):]?$/.test(title.text) && title.text.length <= 250 && Number(m[1]) > last) {
        found.push({ index: i, span: titleAt! - i + 1, number: Number(m[1]), title: title.text });
        last = Number(m[1]);
        i = titleAt!;
        continue;
      }
    }
    m = /^([A-Z]{2,8})\s+(\d{1,4})\/(\d{2,4})\s*[.:\-–]?\s+(.{2,250})$/.exec(t);
    if (m && b.kind !== 'item') {
      found.push({ index: i, span: 1, number: Number(m[2]), label: `${m[1]} ${m[2]}/${m[3]}`, title: m[4]! });
      continue;
    }
    m = /^(\d{1,4})\s*[.)]?\s+(.{2,250})$/.exec(t);
    if (
      m &&
      b.kind !== 'item' &&
      Number(m[1]) > last &&
      (isCapitals(m[2]!) || b.kind === 'heading' || b.strong) &&
      !/[.;]$/.test(m[2]!.replace(/etc\.$/, ''))
    ) {
      found.push({ index: i, span: 1, number: Number(m[1]), title: m[2]! });
      last = Number(m[1]);
      continue;
    }
    m = /^agenda item(?:\s+(\d{1,4}))?\s*[.:\-–]?\s*(.*)$/i.exec(t);
    if (m && t.length < 260) {
      if (m[2]) {
        const h: Heading = { index: i, span: 1, title: m[2] };
        if (m[1]) h.number = Number(m[1]);
        found.push(h);
      } else {
        const titleAt = nextContent(blocks, i + 1);
        if (titleAt !== undefined) {
          const h: Heading = { index: i, span: titleAt - i + 1, title: blocks[titleAt]!.text };
          if (m[1]) h.number = Number(m[1]);
          found.push(h);
          i = titleAt;
        }
      }
    }
  }
  if (found.length) return found;
  // No numbers anywhere: the document's headings (below its title) are the items.
  const headingBlocks = blocks
    .map((b, i) => ({ b, i }))
    .filter(({ b }) => b.kind === 'heading' && !isBoilerplate(b.text));
  if (headingBlocks.length < 2) return [];
  const top = Math.min(...headingBlocks.map(({ b }) => b.level ?? 1));
  const levels = headingBlocks.filter(({ b }) => (b.level ?? 1) > top);
  const use = levels.length
    ? levels.filter(({ b }) => b.level === Math.min(...levels.map((l) => l.b.level ?? 1)))
    : headingBlocks;
  return use.filter(({ b }) => !ATTENDANCE.test(b.text)).map(({ b, i }) => ({ index: i, span: 1, title: b.text }));
}

/** The index of the next block that is not furniture. */
function nextContent(blocks: readonly Block[], from: number): number | undefined {
  for (let i = from; i < blocks.length && i < from + 6; i++) if (!isBoilerplate(blocks[i]!.text)) return i;
  return undefined;
}

/** The state of one document's reading. */
class Context {
  private readonly roster: Roster;
  private readonly substitutes = new Set<string>();
  private presentNames: { entry: ListedName; block: Block; also: boolean }[] = [];
  private readonly futureDates: string[] = [];
  private readonly acronyms = new Set<string>();
  private readonly casing = new Map<string, string>();
  private readonly lower = new Set<string>();
  private pendingParagraph: number | undefined;
  private exemptFromHere = false;
  private chairCandidate: { entry: ListedName; block: Block } | undefined;
  private apologiesSeen = false;
  private apologiesUnnamed = false;
  private decisionRe: RegExp | undefined;

  constructor(
    private readonly draft: Draft,
    private readonly opts: RecogniseOptions,
    private readonly blocks: readonly Block[],
  ) {
    this.roster = opts.roster;
    this.learnCasing();
  }

  /** Words as the body writes them, so capitalised titles can be put in sentence case. */
  private learnCasing(): void {
    for (const b of this.blocks) {
      if (isCapitals(b.text)) continue;
      const tokens = b.text.split(/\s+/).filter(Boolean);
      const caps = tokens.filter((w) => /^\p{Lu}{2,}\W*$/u.test(w)).length;
      const prose = caps <= tokens.length * 0.3;
      tokens.forEach((tok, i) => {
        const w = tok.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
        if (!w) return;
        if (prose && /^\p{Lu}{2,6}$/u.test(w) && !COMMON.has(w.toLowerCase())) this.acronyms.add(w);
        const sentenceStart = i === 0 || /[.!?:]["')]?$/.test(tokens[i - 1]!);
        if (sentenceStart) return;
        const k = w.toLowerCase();
        if (/^\p{Lu}\p{Ll}/u.test(w)) {
          if (!this.lower.has(k) && !this.casing.has(k)) this.casing.set(k, w);
        } else if (/^\p{Ll}/u.test(w)) {
          this.lower.add(k);
          this.casing.delete(k);
        }
      });
    }
  }

  /** A title in sentence case when the source writes it in capitals. */
  title(raw: string): string {
    const t = raw.replace(/\s*[.:]$/, '').trim();
    if (!isCapitals(t)) return t;
    let first = true;
    return t.replace(/[\p{L}\p{N}'’&-]+/gu, (w) => {
      const lower = w.toLowerCase();
      // An acronym the body also writes in capitals stays so; a word the body capitalises
      // mid-sentence (a name: "Care Act") keeps its capital; the rest is lower case.
      const keep = this.acronyms.has(w) || (w.length <= 4 && !/[AEIOUY]/.test(w) && !COMMON.has(lower));
      let out = keep ? w : (this.casing.get(lower) ?? lower);
      if (first) out = out.charAt(0).toUpperCase() + out.slice(1);
      first = false;
      return out;
    });
  }

  private place(b: Block): Place {
    return { line: b.line, where: b.where, text: b.text };
  }

  private unplaced(b: Block): void {
    this.draft.unplaced.push(this.place(b));
  }

  private note(b: Block, message: string): void {
    this.draft.notes.push({ ...this.place(b), message });
  }

  /** The head of the document, before the first item. */
  head(from: number, to: number): void {
    let section: string | undefined;
    for (let i = from; i < to; i++) {
      const b = this.blocks[i]!;
      const t = b.text;
      if (isBoilerplate(t)) continue;
      const label = ATTENDANCE.exec(t);
      if (label && (label[2] || /[:\-–—]\s*$/.test(t) || b.strong || b.kind === 'heading' || isCapitals(label[1]!))) {
        section = label[1]!.toLowerCase();
        if (label[2]) this.attendance(section, label[2], b);
        continue;
      }
      if (!this.draft.date) {
        const d = findDate(t);
        if (d) {
          this.draft.date = d.date;
          if (d.time) this.draft.start = d.time;
          section = undefined;
          continue;
        }
      }
      const venue = /^(?:venue|place|location|held at)\s*[:\-–]\s*(.+)$/i.exec(t);
      if (venue) {
        this.draft.venue = venue[1]!.replace(/\.$/, '');
        continue;
      }
      if (section && looksLikeNames(t)) {
        this.attendance(section, t, b);
        continue;
      }
      if (
        /^(?:minutes(?: of (?:the )?(?:meeting|proceedings))?|meeting of|notes of|draft minutes)\b/i.test(t) ||
        (/\b(?:partnership|board|committee|panel|forum|group)$/i.test(t) && t.length < 120)
      )
        continue;
      if (/^(?:time|date|start)\s*:/i.test(t)) continue;
      this.unplaced(b);
    }
  }

  /** One attendance list: present, also present, officers, apologies. */
  private attendance(section: string, text: string, b: Block): void {
    if (section.startsWith('apolog')) {
      // "Apologies were noted." names no one: the minutes do not record who sent them.
      if (/^(?:were\s+|had been\s+)?(?:noted|received|submitted|given|tendered|reported)\s*\.?$/i.test(text.trim())) {
        this.apologiesSeen = true;
        this.apologiesUnnamed = true;
        return;
      }
      this.apologies(`Apologies: ${text}`, b);
      return;
    }
    if (section.startsWith('substitut')) {
      this.apologies(text, b);
      return;
    }
    const also = !/^(?:present|members present|attendees|attending|councillors present)$/.test(section);
    for (const entry of parseNameList(text)) {
      if (!looksLikeName(entry.name)) {
        this.note(b, `"${entry.name}" in the ${section} list does not look like a name; it was left out.`);
        continue;
      }
      this.presentNames.push({ entry, block: b, also });
      if (entry.chair && !this.chairCandidate) this.chairCandidate = { entry, block: b };
    }
  }

  /** An apologies sentence, wherever it stands. */
  private apologies(text: string, b: Block): boolean {
    const found = parseApologies(text);
    if (!found) return false;
    this.apologiesSeen = true;
    if (!found.none && found.names.length === 0 && found.subs.length === 0) this.apologiesUnnamed = true;
    for (const n of found.names) {
      const member = this.person(n.name, 'apologies', b, false);
      if (!member) continue;
      const apology: Apology = { member };
      if (n.substitute) {
        const sub = this.person(n.substitute, 'substitute', b, false);
        if (sub) {
          apology.substitute = sub;
          this.substitutes.add(sub);
        }
      }
      this.addApology(apology);
    }
    for (const s of found.subs) {
      const member = this.person(s.member, 'apologies', b, false);
      const sub = this.person(s.substitute, 'substitute', b, false);
      if (!member) continue;
      const existing = this.draft.apologies.find((a) => a.member === member);
      if (existing) {
        if (sub) existing.substitute = sub;
      } else this.addApology(sub ? { member, substitute: sub } : { member });
      if (sub) this.substitutes.add(sub);
    }
    return true;
  }

  private addApology(a: Apology): void {
    if (this.draft.apologies.some((x) => x.member === a.member)) return;
    this.draft.apologies.push(a);
  }

  /**
   * Resolves a name; an unknown one is reported, and with --add-people added to `others`.
   * Returns the id, or undefined when there is none to write.
   */
  private person(
    name: string,
    as: UnknownName['as'],
    b: Block,
    freeTextAllowed: boolean,
    organisation?: string,
  ): string | undefined {
    const day = this.draft.date ?? this.opts.meetingDate;
    const r = as === 'action owner' ? this.roster.resolveOwner(name, day) : this.roster.resolve(name, day);
    if (r.ok) return r.id;
    const already = this.draft.unknown.find((u) => u.name === name && u.as === as);
    // A single word ("EM", "Partners") is initials or a role, not a person to add.
    if (this.opts.addPeople && !r.ambiguous && /\s/.test(name.trim())) {
      const prior = this.draft.added.find((p) => p.name === name);
      const id = prior?.id ?? this.roster.freeId(name);
      if (!prior) {
        const p: RosterPerson = { id, name, kind: 'other' };
        if (organisation) p.organisation = organisation;
        this.draft.added.push(p);
        this.roster.add(p);
      }
      if (!already)
        this.draft.unknown.push({
          ...this.place(b),
          name,
          as,
          nearest: r.nearest,
          ambiguous: false,
          added: id,
          outcome: `added to others in members.yaml as ${id}`,
        });
      return id;
    }
    if (!already) {
      const outcome = freeTextAllowed
        ? 'written as free text'
        : as === 'action owner'
          ? 'kept as written in the marker; add them to members.yaml (or use --add-people) and it resolves'
          : 'left out of the front matter (an id is needed there); the text keeps the name';
      this.draft.unknown.push({ ...this.place(b), name, as, nearest: r.nearest, ambiguous: r.ambiguous, outcome });
    }
    return undefined;
  }

  /** One item: its heading, then its blocks up to the next heading. */
  item(h: Heading, number: number, from: number, to: number, agendaAndMinutes: boolean): void {
    const hb = this.blocks[h.index]!;
    const title = this.title(h.title);
    const item: DraftItem = {
      number,
      title,
      line: hb.line,
      where: hb.where,
      paragraphs: [],
      standard: this.isStandard(title),
    };
    const label = this.opts.minuteLabel;
    if (label !== undefined) item.label = formatMinute(label, number);
    if (h.label && h.label.replace(/\s+/g, ' ') !== item.label)
      this.note(
        hb,
        label === undefined
          ? `Minute label "${h.label}" was written as minute ${number}: partnership.md sets no minute_label (such as minute_label: "SSP {n}/{yy}" with minute_numbering: per-year and year_starts).`
          : `Minute label "${h.label}" does not match the partnership's label for this meeting ("${formatMinute(label, number)}"); it was written as that.`,
      );
    this.draft.items.push(item);

    let start = from;
    if (agendaAndMinutes) {
      let label = -1;
      for (let i = from; i < to; i++) if (MINUTES_LABEL.test(this.blocks[i]!.text)) label = i;
      if (label >= 0) start = label + 1;
      else {
        start = to;
        if (from < to)
          this.note(
            hb,
            `Minute ${number} has no "Minutes:" text on this page, only the agenda's; its text was left out.`,
          );
      }
    }

    // Exempt: by its title, or after the press and public were excluded.
    const exemptTitle = /\b(?:exempt|part b|part 2|part ii|confidential|not for publication|restricted)\b/i.test(
      h.title,
    );
    const exclusion = /exclusion of (?:the )?(?:press|public)/i.test(h.title);
    const text = this.blocks
      .slice(from, to)
      .map((b) => b.text)
      .join(' ');
    const para = paragraphIn(h.title) ?? paragraphIn(text);
    if (exclusion) {
      this.exemptFromHere = true;
      if (para) this.pendingParagraph = para;
    } else if (exemptTitle || (this.exemptFromHere && !item.standard)) {
      item.exempt = para ?? this.pendingParagraph ?? 0;
      if (!item.exempt)
        this.note(
          hb,
          `Minute ${number} is exempt, but the source names no paragraph of Schedule 12A; its text was left out. Add the paragraph under \`exempt\` in the minutes.`,
        );
      return; // an exempt item keeps its heading, never its text
    }

    const isApologies = /apolog/i.test(h.title);
    for (let i = start; i < to; i++) {
      const b = this.blocks[i]!;
      const t = b.text;
      if (isBoilerplate(t)) {
        if (/^view the (?:full )?minutes text/i.test(t))
          this.note(
            b,
            `The text of minute ${number} is cut short on this page ("view the full minutes text"); import the printed minutes to have all of it.`,
          );
        continue;
      }
      if (MINUTES_LABEL.test(t)) continue;
      if (SIGNATURE.test(t)) continue;
      const ended =
        /^(?:the meeting (?:ended|closed|finished|concluded|terminated|rose)(?: at)?|meeting (?:ended|closed)(?: at)?)\s*(.*)$/i.exec(
          t,
        );
      if (ended) {
        const time = findTime(ended[1] ?? '');
        if (time) {
          this.draft.ended = time;
          continue;
        }
      }
      if (isApologies || /^apologies\b/i.test(t)) this.apologies(t, b);
      const att = ATTENDANCE.exec(t);
      if (
        att &&
        !att[1]!.toLowerCase().startsWith('apolog') &&
        att[2] &&
        looksLikeNames(att[2]) &&
        /[:\-–]/.test(t.slice(att[1]!.length, att[1]!.length + 3))
      )
        this.attendance(att[1]!.toLowerCase(), att[2], b);
      if (/\binterests?\b/i.test(t) && /\b(?:declar|disclos)/i.test(t)) this.declaration(t, b, number);
      if (/\bdefer/i.test(t)) this.deferral(t, b, number, title);
      if (/dates? of (?:future|next) meetings?/i.test(title)) this.futureDates.push(...findDates(t));
      const md = this.actions(b);
      if (md === undefined) continue;
      item.paragraphs.push(md);
    }
  }

  /** Declarations: "There were no declarations of interest", "X declared a personal interest as …". */
  private declaration(t: string, b: Block, minute: number): void {
    if (/\bno (?:declarations|disclosures|interests)\b|\bnone\b/i.test(t)) return;
    for (const s of sentences(t)) {
      const m =
        /^(.+?)\s+(?:declared|disclosed|registered)\s+(?:an?\s+|the\s+following\s+)?((?:disclosable\s+)?(?:personal|prejudicial|pecuniary|non-pecuniary|other registrable|registrable|non-registrable|personal and prejudicial|personal and pecuniary)\s+)?interests?\b(.*)$/i.exec(
          s,
        );
      if (!m) continue;
      const member = this.person(m[1]!.replace(/^(?:at this point,?\s*)/i, ''), 'declaration', b, false);
      if (!member) continue;
      const rest = m[3] ?? '';
      const item = /\b(?:item|minute|agenda item)\s+(?:no\.?\s*)?(\d{1,4})\b/i.exec(rest);
      const decl: Declaration = { member, minute: item ? Number(item[1]) : minute };
      if (m[2]) decl.nature = m[2].trim().toLowerCase();
      const as =
        /\bas\s+(?:(?:a|an|the)\s+)?(.+?)(?:\s+(?:in (?:relation|respect) to|regarding|on)\s+(?:item|minute|agenda item)\b.*)?\.?$/i.exec(
          rest,
        ) ?? /\b(?:because|in that)\s+(.+?)\.?$/i.exec(rest);
      if (as) decl.detail = as[1]!.charAt(0).toUpperCase() + as[1]!.slice(1);
      this.draft.declarations.push(decl);
    }
  }

  /** "The report … would be deferred to the January meeting", "This item was deferred to the next meeting". */
  private deferral(t: string, b: Block, minute: number, itemTitle: string): void {
    for (const s of sentences(t)) {
      const m =
        /^(?:it was (?:advised|agreed|noted|resolved) that\s+)?(.+?)\s+(?:would be|was|were|be|is|are|had been|has been|will be)\s+(?:also\s+)?deferred(?:\s+(?:to|until)\s+(.+?))?(?:\s+(?:in order to|to allow|so that|due to|because|as)\b.*)?\.?$/i.exec(
          s,
        ) ?? /^(?:it was agreed|agreed)\s+to\s+defer\s+(.+?)(?:\s+(?:to|until)\s+(.+?))?\.?$/i.exec(s);
      if (!m) continue;
      let subject = m[1]!.replace(/^(?:an?|the)\s+/i, '').trim();
      subject = subject.replace(/\s+(?:was|were)\s+also$/i, '');
      let title: string;
      if (/^(?:this|the|that)?\s*(?:item|report|matter|it)$/i.test(m[1]!.trim())) title = itemTitle;
      else {
        const report = /^report\s+(?:requested\s+)?(?:on|about|regarding|into)\s+(.+)$/i.exec(subject);
        const itemOn = /^item\s+(?:on|about|regarding)\s+(?:the\s+)?(.+)$/i.exec(subject);
        title = report ? `${report[1]} report` : itemOn ? itemOn[1]! : subject;
        title = title.charAt(0).toUpperCase() + title.slice(1);
      }
      const where = m[2] ?? /\b(?:to|until|at) the (\w+ meeting)\b/i.exec(s)?.[1];
      const d: Deferral = { title, minute };
      const to = where ? this.meetingMeant(where) : undefined;
      if (to) d.to = to;
      else
        this.note(
          b,
          `"${title}" was deferred${where ? ` to "${where}"` : ''}, but no date for that meeting is known; add \`to\` to the deferral in the minutes.`,
        );
      this.draft.deferred.push(d);
    }
  }

  /** The meeting a phrase means: "the next meeting", "the January meeting", "14 January 2016". */
  private meetingMeant(phrase: string): string | undefined {
    if (/\bnext\b/i.test(phrase)) return 'next';
    const d = findDate(phrase);
    if (d) return d.date;
    const month = /\b(jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*)\b/i.exec(
      phrase,
    );
    if (!month) return undefined;
    const mm = monthNumber(month[1]!);
    if (!mm) return undefined;
    return `@month:${mm}`;
  }

  /** Markers, "Action: X to …", "ACTION – X", "X agreed to …"; returns the block as markdown, or undefined to leave it out. */
  private actions(b: Block): string | undefined {
    let t = b.text;
    // [action: A, B; due …] already in the source.
    const markers = [...t.matchAll(/\[action(?:\s+[^\s:\]]+)?\s*:([^\]]*)\]/gi)];
    if (markers.length) {
      for (const m of markers) {
        const [ownersPart, ...rest] = m[1]!.split(';');
        const owners = (ownersPart ?? '')
          .split(/\s*(?:,|\/|&|\band\b)\s*/)
          .map((s) => s.trim())
          .filter(Boolean);
        const ids = owners.map((o) => this.person(o, 'action owner', b, false) ?? o);
        const due = rest.map((r) => r.trim()).find((r) => /^due\b/i.test(r));
        const dueDate = due ? (findDate(due)?.date ?? /\d{4}-\d{2}-\d{2}/.exec(due)?.[0]) : undefined;
        const marker = `[action: ${ids.join(', ')}${dueDate ? `; due ${dueDate}` : ''}]`;
        t = t.replace(m[0], marker);
        this.draft.actions++;
      }
      t = t.replace(/(\])\s*[.;,]+\s*$/, '$1');
      if (/^\[action: [^\]]*\]$/.test(t)) return this.attach(t);
      return this.markdown(b, t);
    }
    const action = /^actions?(?:\s+by)?\s*(?::|-|–|—)\s*(.+)$/i.exec(t) ?? /^ACTIONS?\s+(.+)$/.exec(t);
    if (action) {
      const rest = action[1]!.trim();
      if (
        /\((?:completed|complete|closed|done|outstanding|ongoing|in progress|open)\)|\b(?:COMPLETED|CLOSED|OUTSTANDING|ONGOING)\b/.test(
          rest,
        )
      ) {
        const known = this.knownAction(rest);
        const status = reviewStatus(rest);
        if (known && status) {
          this.draft.reviews++;
          return this.markdown(b, `${t} [review ${known.id}: ${status}]`);
        }
        this.note(
          b,
          'A report on an earlier action that csp could not match to one action in the record; it was kept as text. Add [review ACTION-ID: STATUS] to it.',
        );
        return this.markdown(b, t);
      }
      const to = /^(.+?)\s+to\s+(.+)$/.exec(rest);
      const ownerText = to ? to[1]! : rest.replace(/[.]$/, '');
      const names = splitOwners(ownerText);
      if (names.length && names.every(looksLikeOwner)) {
        const ids = names.map((n) => this.person(n, 'action owner', b, false) ?? n);
        this.draft.actions++;
        const marker = `[action: ${ids.join(', ')}]`;
        return to ? this.markdown(b, `${rest.replace(/\s*$/, '')} ${marker}`) : this.attach(marker);
      }
      this.note(b, 'An action with no owner csp could name; it was kept as text. Add an [action: OWNER] marker to it.');
      return this.markdown(b, t);
    }
    const agreed =
      /^((?:[A-Z][\w'’.-]*\s+){0,4}[A-Z][\w'’-]*(?:\s*(?:,|and)\s*(?:[A-Z][\w'’.-]*\s+){0,4}[A-Z][\w'’-]*)*)\s+(?:agreed|undertook|offered|volunteered)\s+to\s+/.exec(
        t,
      );
    if (agreed) {
      const names = splitOwners(agreed[1]!);
      const ids = names.map((n) => this.roster.resolve(n, this.draft.date).ok);
      if (names.length && ids.every(Boolean)) {
        const owners = names.map((n) => this.person(n, 'action owner', b, false)!);
        this.draft.actions++;
        return this.markdown(b, `${t} [action: ${owners.join(', ')}]`);
      }
    }
    return this.markdown(b, t);
  }

  /** A marker alone is attached to the paragraph or list item before it. */
  private attach(marker: string): string | undefined {
    const items = this.draft.items;
    const current = items[items.length - 1];
    if (current && current.paragraphs.length) {
      const last = current.paragraphs.length - 1;
      current.paragraphs[last] = `${current.paragraphs[last]!} ${marker}`;
      return undefined;
    }
    return marker;
  }

  /** A block as markdown: list items with "- ", text that markdown would misread escaped. */
  private markdown(b: Block, text: string): string {
    if (this.isDecision(text)) this.draft.decisions++;
    const safe = text
      .replace(/^([#>+]|\d{1,9}[.)](?=\s)|[-*](?=\s)|={3,}|-{3,})/, '\\$1')
      .replace(/<(?=[a-z!/?])/gi, '&lt;');
    return b.kind === 'item' ? `- ${safe}` : safe;
  }

  /** A decision as the record reads one: it opens with a decision word (any case, optionally after "It was"). */
  private isDecision(text: string): boolean {
    this.decisionRe ??= decisionStart(this.opts.decisionWords);
    return this.decisionRe.test(text.replace(/^-\s+/, ''));
  }

  private isStandard(title: string): boolean {
    return isStandardItem(title, this.opts.standardTitles);
  }

  /** The one earlier action a status report names: by its id, or by its title's words in the report. */
  private knownAction(text: string): KnownAction | undefined {
    const actions = this.opts.actions ?? [];
    const byId = actions.filter((a) => text.includes(a.id));
    if (byId.length === 1) return byId[0];
    const words = (s: string) =>
      normaliseTitle(s)
        .split(' ')
        .filter((w) => w.length > 2);
    const said = new Set(words(text));
    const found = actions.filter((a) => {
      const w = words(a.title);
      // Most of the title's words, and at least four of them, in the report.
      return w.length >= 4 && w.filter((x) => said.has(x)).length >= Math.ceil(w.length * 0.8);
    });
    return found.length === 1 ? found[0] : undefined;
  }

  /** After every item: attendance into present / in attendance, the chair, deferral months. */
  finish(): void {
    const date = this.draft.date;
    if (!this.presentNames.length) {
      this.draft.attendanceNotRecorded = true;
      this.draft.notes.push({
        line: 0,
        where: 'the document',
        text: '',
        message:
          'No list of those present was found, so the minutes say `attendance: not-recorded`; replace it with `present: [...]` if the attendance is known.',
      });
    }
    // "Apologies were noted" with no names, or no apologies at all in minutes that record no attendance.
    if (
      this.draft.apologies.length === 0 &&
      (this.apologiesUnnamed || (!this.apologiesSeen && this.draft.attendanceNotRecorded))
    )
      this.draft.apologiesNotRecorded = true;
    for (const { entry, block, also } of this.presentNames) {
      const r = this.roster.resolve(entry.name, date);
      let id: string | undefined;
      if (r.ok) id = r.id;
      else id = this.person(entry.name, also ? 'in attendance' : 'present', block, true, entry.organisation);
      if (!id) {
        const free = entry.organisation ? `${entry.name} (${entry.organisation})` : entry.name;
        if (!this.draft.inAttendance.includes(free)) this.draft.inAttendance.push(free);
        continue;
      }
      if (this.substitutes.has(id)) continue; // recorded with the apology they covered
      if (this.roster.seated(id, date)) {
        if (!this.draft.present.includes(id)) this.draft.present.push(id);
      } else if (!this.draft.inAttendance.includes(id)) this.draft.inAttendance.push(id);
    }
    if (this.chairCandidate) {
      const id = this.roster.resolve(this.chairCandidate.entry.name, date);
      if (id.ok) this.draft.chair = id.id;
      else if (!this.draft.added.length)
        this.note(
          this.chairCandidate.block,
          `The Chair, ${this.chairCandidate.entry.name}, is not on the roster, so \`chair\` was left out.`,
        );
      else {
        const added = this.draft.added.find((p) => p.name === this.chairCandidate!.entry.name);
        if (added) this.draft.chair = added.id;
      }
    }
    this.draft.unknown.sort((a, b) => a.line - b.line);
    // "The January meeting": the first date in that month after this one, from the
    // document's dates of future meetings, then the record's meetings.
    for (const d of this.draft.deferred) {
      const m = /^@month:(\d+)$/.exec(d.to ?? '');
      if (!m) continue;
      const month = Number(m[1]);
      const after = (x: string) => !date || x > date;
      const inMonth = (x: string) => Number(x.slice(5, 7)) === month;
      const found = [...this.futureDates, ...this.opts.knownMeetings.map((id) => id.slice(0, 10))]
        .filter((x) => after(x) && inMonth(x))
        .sort()[0];
      if (found) d.to = found;
      else {
        delete d.to;
        this.draft.notes.push({
          line: 0,
          where: `minute ${d.minute ?? ''}`.trim(),
          text: d.title,
          message: `"${d.title}" was deferred to a meeting in month ${month}, but no such meeting is known; add \`to\` to the deferral.`,
        });
      }
    }
  }
}

/** Common short words that are not acronyms even in capitals. */
const COMMON = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'be',
  'by',
  'for',
  'in',
  'is',
  'it',
  'of',
  'on',
  'or',
  'the',
  'to',
  'up',
  'any',
  'new',
  'act',
  'key',
  'all',
  'our',
  'not',
  'held',
  'date',
  'dates',
  'minutes',
  'meeting',
  'chair',
  'item',
  'items',
  'present',
  'action',
  'resolved',
  'agreed',
  'note',
  'noted',
  'that',
  'with',
  'from',
  'apologies',
  'none',
]);

/** "paragraph 3", "para. 3", "(Paragraph 3)" — the Schedule 12A paragraph a text names. */
function paragraphIn(text: string): number | undefined {
  const m = /\bparagraphs?\s*(?:no\.?\s*)?([1-7])\b|\bpara\.?\s*([1-7])\b/i.exec(text);
  return m ? Number(m[1] ?? m[2]) : undefined;
}

/** True when a text is a list of names (short, capitalised parts). */
function looksLikeNames(text: string): boolean {
  const names = parseNameList(text);
  return names.length > 0 && names.every((n) => looksLikeName(n.name));
}

/** A person's name: one to seven words, the first capitalised, no sentence in it. */
function looksLikeName(name: string): boolean {
  const words = name.split(/\s+/);
  return (
    words.length >= 1 &&
    words.length <= 7 &&
    /^\p{Lu}/u.test(name) &&
    !/[.!?]\s/.test(name) &&
    !/\b(?:was|were|the meeting|received|noted)\b/i.test(name)
  );
}

/** An action owner as written: a name, initials, or a role ("Clerk"). */
function looksLikeOwner(name: string): boolean {
  return /^[\p{Lu}\p{Ll}][\p{L}'’.-]*(?:\s+[\p{L}'’.-]+){0,5}$/u.test(name) && name.length <= 60;
}

/** The status a report on an earlier action gives, as a review marker writes it. */
function reviewStatus(text: string): string | undefined {
  const m = /\b(completed|complete|closed|done|outstanding|ongoing|in progress|open|dropped)\b/i.exec(text);
  if (!m) return undefined;
  const w = m[1]!.toLowerCase();
  if (['completed', 'complete', 'closed', 'done'].includes(w)) return 'done';
  if (w === 'ongoing' || w === 'in progress') return 'in-progress';
  return w === 'dropped' ? 'dropped' : 'open';
}

/** "A, B and C" / "A/B" as owners. */
function splitOwners(text: string): string[] {
  return text
    .split(/\s*(?:,|\/|&|\band\b)\s*/)
    .map((s) => s.replace(/^(?:the)\s+/i, '').trim())
    .filter(Boolean);
}
