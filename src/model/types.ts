/**
 * The record's data, as it stands once each file has parsed and passed its schema.
 * Dates are the ISO strings the clerk wrote ("2016-01-14"), times "HH:MM".
 */
import type { Diagnostic } from '../core/diagnostic.js';
import type { Position } from '../core/position.js';

export type Frequency = 'monthly' | 'bi-monthly' | 'quarterly' | 'ad-hoc';
export type MinuteNumbering = 'continuous' | 'per-meeting';
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
  minute_numbering: MinuteNumbering;
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
}

/** Someone without a seat: an officer, a deputy, a presenter, the clerk. */
export interface OtherPerson {
  id: string;
  name: string;
  organisation?: string;
  role?: string;
  email?: string;
  phone?: string;
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

/** minutes.md front matter. */
export interface MinutesDoc {
  status: 'draft' | 'approved';
  approved?: { meeting: string };
  chair?: string;
  started?: string;
  ended?: string;
  present?: string[];
  apologies?: Apology[];
  in_attendance?: string[];
  declarations?: Declaration[];
  deferred?: Deferral[];
  exempt?: { minute: number; paragraph: number }[];
  corrections?: Correction[];
  /** Set by `csp import`: the document the minutes came from. */
  imported_from?: { file: string; sha256: string };
}

/** A `RESOLVED` decision in the minutes. */
export interface Decision {
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
  title: string;
  line: number;
  column: number;
  /** The item's markdown, without the heading (read from the file when asked for). */
  readonly body: string;
  /** Offsets [start, end) of that markdown in the file's text (after any byte-order mark). */
  bodyRange: [number, number];
  decisions: Decision[];
  actions: ActionMarker[];
}

export type ActionStatus = 'open' | 'in-progress' | 'done' | 'dropped';

export interface ActionUpdate {
  date: string;
  by?: string;
  note?: string;
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
  /** Meetings sorted by id (date, then slug). */
  meetings: MeetingEntry[];
  meetingsById: Map<string, MeetingEntry>;
  actions: ActionEntry[];
  actionsById: Map<string, ActionEntry>;
  /** Findings from reading, parsing and schema checks. Rules add theirs separately. */
  diagnostics: Diagnostic[];
}
