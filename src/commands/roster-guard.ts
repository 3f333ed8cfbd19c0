/** The guard of commands that print or publish names (agenda, minutes render, export): the roster must load. */
import { UsageError } from '../core/errors.js';
import type { LoadedRecord } from '../load/load.js';
import { readProblem } from '../load/checked.js';
import { where } from '../load/checked.js';

/** Exit 2, naming the first problem in members.yaml, when the roster did not load. `why` says what would print names ("the agenda names the presenters"). */
export function requireRoster(rec: LoadedRecord, why: string): void {
  if (rec.rosterComplete) return;
  const p = readProblem(rec, 'members.yaml');
  throw new UsageError(
    `members.yaml cannot be read${p ? ` (${where(p)})` : ''}, and ${why}: without the roster csp would print ids for names or miss someone, so nothing was written. Correct members.yaml first; csp validate lists every problem.`,
  );
}

/** A warning (stderr) for commands that list people by name but may go on without the roster (csp actions): names are shown as ids. */
export function rosterWarning(rec: LoadedRecord): string | undefined {
  if (rec.rosterComplete) return undefined;
  const p = readProblem(rec, 'members.yaml');
  return `csp: warning: members.yaml cannot be read${p ? ` (${where(p)})` : ''}, so owners are shown by their ids, not their names. Correct members.yaml; csp validate lists every problem.\n`;
}
