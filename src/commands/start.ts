/**
 * csp start (npm start): the clerk's morning check. Validates the record, lists the
 * overdue actions, and names the next meeting: when its agenda must go out and whether
 * it will be quorate on the apologies so far.
 */
import { actionRows, filterActions, sortByOverdue } from '../queries/actions.js';
import { nextMeeting } from '../queries/meetings.js';
import { quorum } from '../queries/quorum.js';
import { summarise } from '../render/diagnostics.js';
import { startText } from '../render/start.js';
import type { Ctx } from './context.js';
import { validateRecord } from './read.js';

/** Exit 0 when the record validates and the next meeting will be quorate; 1 otherwise. */
export function run(ctx: Ctx): number {
  const { diagnostics, rec } = validateRecord(ctx);
  const summary = summarise(diagnostics, false);
  const overdue = sortByOverdue(filterActions(actionRows(rec.actions, ctx.today), { overdue: true }));
  const entry = nextMeeting(rec, ctx.today);
  const next = entry ? { entry, quorum: quorum(rec, rec.settings, entry) } : undefined;
  ctx.out(startText({ rec, diagnostics, summary, overdue, next }, ctx.today, ctx.color, ctx.io.columns));
  return summary.ok && (next?.quorum.quorate ?? true) ? 0 : 1;
}
