/**
 * The record's data, as it stands once each file has parsed and passed its schema.
 * Dates are the ISO strings the clerk wrote ("2016-01-14"), times "HH:MM".
 */
import type { Diagnostic } from '../core/diagnostic.js';
import type { Position } from '../core/position.js';
import type { Alias } from '../core/names.js';

export type { Alias };

export type Frequency = 'monthly' | 'bi-monthly' | 'quarterly' | 'ad-hoc';
export type MinuteNumbering = 'continuous' | 'per-meeting' | 'per-year';

/** One period of a partnership's minute numbering, as partnership.md writes it. */
export interface NumberingPeriod {
  /** First day of the period; absent for a first period covering everything before the next. */
  from?: string;
  mode: MinuteNumbering;
  /** How numbers are written, with {n}, {yy}, {yyyy} (e.g. "SSP {n}/{yy}"). */
  label?: string;
}
export type Role = 'chair' | 'member' | 'co-opted' | 'ex-officio' | 'advisor';

/** One quorum requirement from partnership.md; every requirement must be met. */
export interface QuorumRequirement {
  label: string;
  roles?: Role[];
  sectors?: string[];
  organisations?: string[];
  /** Count non-voting members too (default: only voting members count). */
  voting?: boolean;
  min?: number;
  /** A fraction of the voting membership on the day, rounded up. */
  fraction?: number;
  /** What is counted: people (the default) or the distinct organisations among them. */
  count?: 'people' | 'organisations';
}

export interface Priority {
  id: string;
  title: string;
  lead?: string;
}

/** partnership.md front matter with every default filled in. */
export interface Partnership {
  name: string;
  short_name: string;
  contact: { name?: string; role?: string; email?: string; phone?: string };
  sectors: string[];
  meetings: {
    frequency: Frequency;
    default_start: string;
    default_venue: string;
    notice_working_days: number;
    holidays: string;
  };
  quorum: QuorumRequirement[];
  absence_limit: number;
  /** As written: one mode, or periods of practice from a date. */
  minute_numbering: MinuteNumbering | NumberingPeriod[];
  /** "MM-DD": the day the municipal year starts (default "01-01"). */
  year_starts: string;
  /** The label headings are written in, e.g. "SSP {n}/{yy}"; absent for plain numbers. */
  minute_label?: string;
  /** The words that open a decision (default RESOLVED, AGREED, DECISION). */
  decision_words: string[];
  standard_items: { opening: string[]; closing: string[] };
  priorities: Priority[];
}

/** A seat on the board. */
export interface Member {
  id: string;
  name: string;
  organisation: string;
  sector: string;
  role: Role;
  /** Resolved: the explicit value, or the default for the role. */
  voting: boolean;
  joined: string;
  left?: string;
  deputies: string[];
  email?: string;
  phone?: string;
  /** Other names and initials the minutes use, with dates when they held only for a time. */
  aliases?: (string | Alias)[];
  /** Job title. */
  title?: string;
}

/** Someone without a seat: an officer, a deputy, a presenter, the clerk. */
export interface OtherPerson {
  id: string;
  name: string;
  organisation?: string;
  role?: string;
  email?: string;
  phone?: string;
  aliases?: (string | Alias)[];
  title?: string;
}

/** A group that owns actions together ("All CSP members", "Partners"). */
export interface Group {
  id: string;
  name: string;
  aliases?: (string | Alias)[];
  /** Every member with a seat on the day. */
  all?: true;
  /** Everyone on the roster of this organisation. */
  organisation?: string;
  people?: string[];
}

export type Person = (Member & { kind: 'member' }) | (OtherPerson & { kind: 'other' });

export interface Apology {
  member: string;
  substitute?: string;
}

export type ItemPurpose = 'decision' | 'discussion' | 'information' | 'noting';

export interface AgendaItem {
  title: string;
  presenter?: string;
  lead?: string;
  priority?: string;
  purpose?: ItemPurpose;
  papers?: string[];
  exempt?: { paragraph: number };
  deferred_from?: string;
}

export type MeetingKind = 'ordinary' | 'extraordinary' | 'themed';
export type MeetingStatus = 'scheduled' | 'published' | 'held' | 'cancelled';

/** meeting.md front matter. */
export interface MeetingDoc {
  date: string;
  start?: string;
  end?: string;
  venue?: string;
  online_url?: string;
  kind?: MeetingKind;
  theme?: string;
  status?: MeetingStatus;
  /** Why it was cancelled (or a note on its being held): `csp meeting cancel|held --reason`. */
  reason?: string;
  published?: string;
  apologies?: Apology[];
  items?: AgendaItem[];
}

export interface Declaration {
  member: string;
  minute: number;
  nature?: string;
  detail?: string;
}

export interface Deferral {
  title: string;
  minute?: number;
  /** A meeting id, a date, or "next". */
  to?: string;
}

export interface Correction {
  meeting: string;
  minute: number;
  note?: string;
}

/** How minutes were confirmed: at a later meeting, or by members by e-mail. */
export type Approval = { meeting: string } | { by: 'email'; date: string; note?: string };

/** A minute withheld from publication: under a Schedule 12A paragraph, or for a reason in words. */
export type ExemptMinute =
  { minute: number; paragraph: number; reason?: never } | { minute: number; reason: string; paragraph?: never };

/** minutes.md front matter. */
export interface MinutesDoc {
  status: 'draft' | 'approved';
  approved?: Approval;
  /** One chair, or those who chaired in turn. */
  chair?: string | string[];
  /** The minutes do not say who was present. */
  attendance?: 'not-recorded';
  started?: string;
  ended?: string;
  present?: string[];
  apologies?: Apology[] | 'not-recorded';
  in_attendance?: string[];
  declarations?: Declaration[];
  deferred?: Deferral[];
  exempt?: ExemptMinute[];
  corrections?: Correction[];
  /** Set by `csp import`: the document the minutes came from. */
  imported_from?: { file: string; sha256: string };
}

/** Votes recorded with a decision: "(5 for, 1 against, 2 abstentions)". */
export interface Votes {
  for: number;
  against: number;
  abstentions?: number;
}

/** A decision in the minutes: a paragraph opening with one of the partnership's decision words. */
export interface Decision {
  text: string;
  line: number;
  column: number;
  votes?: Votes;
}

/** A `[review ACTION-ID: STATUS]` marker: a report on an earlier action. */
export interface ReviewMarker {
  action: string;
  /** The status as csp records it. */
  status: ActionStatus;
  /** The word the minutes wrote (e.g. "completed"). */
  written: string;
  /** The paragraph or list item, without the marker. */
  text: string;
  line: number;
  column: number;
}

/** An `[action: …]` marker in the minutes. */
export interface ActionMarker {
  /** The synced id, absent until `csp actions sync`. */
  id?: string;
  /** Owners as written: ids or roster names. */
  owners: string[];
  due?: string;
  /** The paragraph or list item, without the marker. */
  text: string;
  line: number;
  column: number;
  /** Offsets of the whole marker `[…]` in the file's text (after any byte-order mark). */
  start: number;
  end: number;
}

/** One `## N. Title` item of the minutes. */
export interface MinuteItem {
  number: number;
  /** The number as the heading writes it under a minute label ("SSP 53/15"); absent for plain numbers. */
  label?: string;
  title: string;
  line: number;
  column: number;
  /** The item's markdown, without the heading (read from the file when asked for). */
  readonly body: string;
  /** Offsets [start, end) of that markdown in the file's text (after any byte-order mark). */
  bodyRange: [number, number];
  decisions: Decision[];
  actions: ActionMarker[];
  /** Reports on earlier actions (absent when there are none). */
  reviews?: ReviewMarker[];
  /** Whether the text is only what `csp minutes new` drafted, when the reading knows (else the text tells). */
  drafted?: boolean;
  /** Whether `body` is read from `source`'s text over bodyRange (known without reading the text; absent when unknown). */
  bodyFrom?(source: object): boolean;
}

export type ActionStatus = 'open' | 'in-progress' | 'done' | 'dropped';

export interface ActionUpdate {
  date: string;
  by?: string;
  note?: string;
  /** For a review in minutes: the meeting and minute. */
  meeting?: string;
  minute?: number;
  /** The status given (or, in a review, reported) by this update. */
  status?: ActionStatus;
  /** The status before, when this update changed it. */
  from?: ActionStatus;
  /** The due date this update set. */
  due?: string;
  /** The title before this update reworded it. */
  old_title?: string;
}

/** actions/<id>.md front matter. */
export interface ActionDoc {
  title: string;
  owner: string | string[];
  raised?: { meeting: string; minute: number };
  due?: string;
  status: ActionStatus;
  priority?: string;
  completed?: string;
  updates?: ActionUpdate[];
}

/** A file of the record as read from disk. */
export interface SourceFile {
  /** Absolute path. */
  abs: string;
  /** Path relative to the record folder, with forward slashes ("meetings/2016-01-14/minutes.md"). */
  rel: string;
  /** The path as shown to the user (relative to the working directory, e.g. "records/meetings/…"). */
  display: string;
  /** The text, without any byte-order mark. */
  text: string;
  bom: boolean;
  /** Line end used by the file: "\r\n" or "\n". */
  eol: '\n' | '\r\n';
  /** The file's bytes exactly as read, byte-order mark and all (when the loader was asked to keep them). */
  readonly bytes?: Uint8Array | undefined;
  /** The sha1 of the file's bytes as read, hex (when known). */
  readonly digest?: string | undefined;
  /** The file's stat as it was read, or found unchanged (when known). */
  readonly stamp?: FileStamp | undefined;
}

/** What stat said of a file when it was read: enough to tell, later, whether it may have changed. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

/** A front-matter (or YAML) file that parsed and passed its schema. */
export interface Loaded<T> {
  file: SourceFile;
  data: T;
  /** Where the YAML node at a path starts (the key when `key` is true), for diagnostics. */
  pos(path: readonly (string | number)[], key?: boolean): Position;
  /** Offset range [start, end) of the value node at path in file.text, if present. */
  range(path: readonly (string | number)[]): [number, number] | undefined;
  /** 1-based line where the markdown body starts, and its offset in file.text. */
  bodyLine: number;
  bodyStart: number;
  /** Minutes: whether the `present:` line still carries the drafted note, when the reading knows (else the text tells). */
  presentNote?: boolean | undefined;
}

export interface MeetingEntry {
  /** The folder name: YYYY-MM-DD or YYYY-MM-DD-slug. */
  id: string;
  date: string;
  /** Absolute path of the meeting folder. */
  dir: string;
  meeting?: Loaded<MeetingDoc>;
  minutes?: Loaded<MinutesDoc>;
  /** Parsed minutes body (only when bodies were asked for). */
  items?: MinuteItem[];
  /** Files under papers/, relative to the meeting folder ("papers/x.pdf"), with sizes in bytes. */
  papers: Map<string, number>;
}

export interface ActionEntry {
  id: string;
  action: Loaded<ActionDoc>;
}

/** The whole record, as far as it could be read. */
export interface RecordIndex {
  /** Absolute path of the record folder. */
  root: string;
  /** The record folder as shown to the user ("records"). */
  display: string;
  partnership?: Loaded<Partnership> | undefined;
  members: Member[];
  others: OtherPerson[];
  people: Map<string, Person>;
  /** Groups that own actions, by id. */
  groups: Map<string, Group>;
  /** Meetings sorted by id (date, then slug). */
  meetings: MeetingEntry[];
  meetingsById: Map<string, MeetingEntry>;
  actions: ActionEntry[];
  actionsById: Map<string, ActionEntry>;
  /** Findings from reading, parsing and schema checks. Rules add theirs separately. */
  diagnostics: Diagnostic[];
}
