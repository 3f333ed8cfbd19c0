/**
 * Reading the record for a command that needs parts of it to be whole: partnership.md
 * (its notice period, standard items and numbering decide what is written), the roster,
 * a meeting's meeting.md. Each missing part is a usage error (exit 2) saying where the
 * problem is; csp validate lists them all.
 */
import type { Diagnostic } from '../core/diagnostic.js';
import { UsageError } from '../core/errors.js';
import { shown } from '../core/paths.js';
import type { MeetingDoc, MeetingEntry, RecordIndex } from '../model/types.js';
import { exists } from '../workspace/files.js';
import path from 'node:path';
import { loadRecord, type LoadedRecord, type LoadOptions } from './load.js';

/** "records/x.md:3:5: message" — where a reading problem is. */
export function where(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.message}`;
}

/** The first error on a record file (path relative to the record, e.g. "meetings/2026-12-10/minutes.md"), if it could not be read. */
export function readProblem(rec: Pick<RecordIndex, 'diagnostics'>, rel: string): Diagnostic | undefined {
  return rec.diagnostics.find((d) => d.severity === 'error' && (d.file === rel || d.file.endsWith(`/${rel}`)));
}

/**
 * Loads the record for a command about meetings or minutes: partnership.md must be
 * readable, and, when `roster` is asked for, members.yaml too (exit 2 otherwise).
 */
export function loadForMeetings(
  root: string,
  display: string,
  options: LoadOptions & { roster?: boolean | undefined },
): LoadedRecord {
  const rec = loadRecord(root, display, options);
  if (!rec.partnership) {
    const p = readProblem(rec, 'partnership.md');
    throw new UsageError(
      `partnership.md cannot be read, so the partnership's rules (notice, standard items, numbering) are unknown${p ? ` (${where(p)})` : ''}. Correct it first; csp validate lists every problem.`,
    );
  }
  if (options.roster && !rec.rosterComplete) {
    const p = readProblem(rec, 'members.yaml');
    throw new UsageError(
      `members.yaml cannot be read, so who holds a seat is unknown${p ? ` (${where(p)})` : ''}. Correct it first; csp validate lists every problem.`,
    );
  }
  return rec;
}

/**
 * Exit 2 when actions/ exists but cannot be opened: a command about actions would
 * otherwise take "no files seen" for "no actions" (list none, or give a new action an
 * id that is already taken).
 */
export function requireActionsListed(rec: Pick<LoadedRecord, 'unlisted' | 'display'>, what: string): void {
  if (!rec.unlisted.has('actions')) return;
  throw new UsageError(
    `${shown(rec.display, 'actions')}/ cannot be opened, so ${what}. Let csp's user account read the folder (check its permissions), then run the command again; nothing was changed.`,
  );
}

/** The meeting's meeting.md, or exit 2 saying why it cannot be used. */
export function meetingDoc(rec: Pick<RecordIndex, 'diagnostics' | 'display'>, entry: MeetingEntry): MeetingDoc {
  if (entry.meeting) return entry.meeting.data;
  const rel = `meetings/${entry.id}/meeting.md`;
  if (!exists(path.join(entry.dir, 'meeting.md'))) {
    throw new UsageError(
      `The meeting ${entry.id} has no meeting.md. Create it with: csp new-meeting --date ${entry.date}${entry.id.length > 10 ? ` --slug ${entry.id.slice(11)}` : ''}`,
    );
  }
  const p = readProblem(rec, rel);
  throw new UsageError(
    `${shown(rec.display, rel)} cannot be read${p ? ` (${where(p)})` : ''}. Correct it first; csp validate lists every problem.`,
  );
}

/** Meetings whose minutes.md exists but could not be read, with the first problem in each. */
export function unreadMinutes(
  rec: Pick<RecordIndex, 'diagnostics' | 'meetings'>,
): { id: string; problem: Diagnostic }[] {
  const out: { id: string; problem: Diagnostic }[] = [];
  for (const entry of rec.meetings) {
    if (entry.minutes) continue;
    const problem = readProblem(rec, `meetings/${entry.id}/minutes.md`);
    if (problem) out.push({ id: entry.id, problem });
  }
  return out;
}
