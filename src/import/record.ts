/**
 * What the importer needs to know of the record it imports into: the roster, the
 * partnership's numbering and standard items, the last minute number, the meetings, and
 * which documents were imported before (by their SHA-256). Built from the loaded record
 * by the import op; nothing here touches the disk.
 */
import { numberingOn, type NumberingSettings } from '../core/minute-label.js';
import { Roster, type RosterGroup, type RosterPerson } from './people.js';

/** An action already in the record, as a later set of minutes may report on it. */
export interface KnownAction {
  id: string;
  title: string;
  /** The meeting it was raised at, when it came from minutes. */
  meeting?: string | undefined;
}

/** The facts of the record that shape an import. */
export interface RecordFacts {
  roster: Roster;
  numbering: NumberingSettings;
  standardTitles: string[];
  decisionWords: string[];
  /** Meeting ids, sorted. */
  meetings: string[];
  /** The highest minute number in any minutes before the date (continuous numbering). */
  lastNumberBefore(date: string | undefined): number;
  /** The number minutes on `date` start at when the source has none: 1, or one after the last in the same run (period of practice, and municipal year under per-year numbering). */
  firstNumberOn(date: string): number;
  /** The minute label in force on `date`, year filled in ("SSP {n}/15"); undefined for plain numbers. */
  labelOn(date: string): string | undefined;
  /** The record's actions, for reviews of them in later minutes. */
  actions: KnownAction[];
  /** Meeting id of the minutes that record an import of this SHA-256, if any. */
  importedAs(sha256: string): string | undefined;
  /** Notes a meeting imported in this run, so the next document continues after it. */
  recordImport(id: string, sha256: string, lastMinute: number | undefined): void;
}

/** The record as plain facts: people, settings, and per meeting its highest minute and import digest. */
export interface FactsInput {
  people: RosterPerson[];
  groups?: RosterGroup[];
  numbering: NumberingSettings;
  actions?: KnownAction[];
  standardTitles: string[];
  decisionWords: string[];
  meetings: { id: string; lastMinute?: number | undefined; importedSha256?: string | undefined }[];
}

/** Builds the facts an import works from. */
export function recordFacts(input: FactsInput): RecordFacts {
  const meetings = input.meetings.map((m) => m.id).sort();
  const numbers = new Map<string, number>();
  const shas = new Map<string, string>();
  for (const m of input.meetings) {
    if (m.lastMinute) numbers.set(m.id, m.lastMinute);
    if (m.importedSha256) shas.set(m.importedSha256, m.id);
  }
  return {
    roster: new Roster(input.people, input.groups ?? []),
    numbering: input.numbering,
    actions: input.actions ?? [],
    standardTitles: input.standardTitles,
    decisionWords: input.decisionWords,
    meetings,
    lastNumberBefore(date) {
      let last = 0;
      for (const [id, n] of numbers) if (!date || id.slice(0, 10) < date) last = Math.max(last, n);
      return last;
    },
    firstNumberOn(date) {
      const now = numberingOn(input.numbering, date);
      if (now.mode === 'per-meeting') return 1;
      let last = 0;
      for (const [id, n] of numbers) {
        const d = id.slice(0, 10);
        if (d >= date) continue;
        const then = numberingOn(input.numbering, d);
        if (then.period !== now.period || (now.mode === 'per-year' && then.year !== now.year)) continue;
        last = Math.max(last, n);
      }
      return last + 1;
    },
    labelOn: (date) => numberingOn(input.numbering, date).label,
    importedAs: (sha) => shas.get(sha),
    recordImport(id, sha, last) {
      if (!meetings.includes(id)) meetings.push(id);
      meetings.sort();
      shas.set(sha, id);
      if (last) numbers.set(id, last);
    },
  };
}
