/** Loading the record for quorum, attendance and decisions: refuses one whose rules or roster cannot be read. */
import type { Ctx } from '../cli/context.js';
import { UsageError } from '../cli/errors.js';
import { loadRecord, type LoadedRecord } from '../model/load.js';
import type { Diagnostic } from '../model/types.js';
import { readProblem } from '../queries/meetings.js';

/** "records/x.md:3:5: message" — where a reading problem is. */
export function where(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.message}`;
}

/**
 * Loads the record. Without a readable partnership.md (the quorum rules, the absence
 * limit) or members.yaml (who holds a seat) every answer would be wrong: exit 2.
 */
export function loadForMeetings(ctx: Ctx, minutesBodies: boolean): LoadedRecord {
  const found = ctx.record();
  const rec = loadRecord(found.root, found.display, { minutesBodies });
  if (!rec.partnership) {
    const p = readProblem(rec, 'partnership.md');
    throw new UsageError(`partnership.md cannot be read, so the partnership's rules are unknown${p ? ` (${where(p)})` : ''}. Correct it first; csp validate lists every problem.`);
  }
  if (!rec.rosterComplete) {
    const p = readProblem(rec, 'members.yaml');
    throw new UsageError(`members.yaml cannot be read, so who held a seat is unknown${p ? ` (${where(p)})` : ''}. Correct it first; csp validate lists every problem.`);
  }
  return rec;
}

/** Meetings whose minutes.md exists but could not be read, with the first problem in each. */
export function unreadMinutes(rec: LoadedRecord): { id: string; problem: Diagnostic }[] {
  const out: { id: string; problem: Diagnostic }[] = [];
  for (const entry of rec.meetings) {
    if (entry.minutes) continue;
    const problem = readProblem(rec, `meetings/${entry.id}/minutes.md`);
    if (problem) out.push({ id: entry.id, problem });
  }
  return out;
}

/** Warns on stderr about minutes left out because they could not be read. */
export function warnUnread(ctx: Ctx, rec: LoadedRecord): void {
  for (const { id, problem } of unreadMinutes(rec)) {
    ctx.err(`csp: warning: the minutes of ${id} cannot be read and are left out (${where(problem)}). Run csp validate.\n`);
  }
}
