/**
 * csp actions: the action list and the overdue report, and
 * csp actions sync: turning `[action: …]` markers in draft minutes into action files.
 */
import { formatLongDate, isRealDate } from '../core/dates.js';
import { UsageError } from '../core/errors.js';
import { MEETING_ID } from '../core/ids.js';
import { nearest } from '../core/nearest.js';
import { requireActionsListed } from '../load/checked.js';
import type { LoadedRecord } from '../load/load.js';
import type { ActionStatus } from '../model/types.js';
import { syncActions } from '../ops/sync-actions.js';
import {
  actionRows,
  actionsJson,
  filterActions,
  groupByOwner,
  sortByDue,
  sortByOverdue,
  type ActionFilter,
} from '../queries/actions.js';
import { ownerLookup, personOption } from '../queries/people.js';
import { actionsCsv, actionsMd, actionsText, overdueText } from '../render/actions.js';
import { exists } from '../workspace/files.js';
import path from 'node:path';
import type { Ctx } from './context.js';
import { str } from './options.js';
import { opContext, readRecord } from './read.js';
import { rosterWarning } from './roster-guard.js';

/** How many action files exist but could not be read (bad name, front matter or schema). */
function unreadCount(rec: LoadedRecord): number {
  return rec.unreadActions.size - rec.actions.length;
}

/** csp actions [--overdue] [--owner P] [--status S] [--priority P] [--meeting M] [--format F] */
export function runList(ctx: Ctx, opts: Record<string, unknown>): number {
  const format = str(opts.format) ?? 'text';
  const meeting = typeof opts.meeting === 'string' ? opts.meeting : undefined;
  if (meeting !== undefined && (!MEETING_ID.exec(meeting) || !isRealDate(meeting.slice(0, 10)))) {
    throw new UsageError(
      `--meeting "${meeting}" is not a meeting id. Write the meeting's date, YYYY-MM-DD (or YYYY-MM-DD-slug for a second meeting that day).`,
    );
  }
  const found = ctx.record();
  // Listing needs neither meetings nor minutes: only the action files and the roster.
  const rec = readRecord(ctx, { meetings: false });
  requireActionsListed(rec, 'the actions cannot be listed');

  const filter: ActionFilter = {};
  if (opts.overdue === true) filter.overdue = true;
  if (typeof opts.status === 'string') filter.status = opts.status as ActionStatus;
  if (typeof opts.owner === 'string') filter.owner = personOption(rec, opts.owner, '--owner');
  if (typeof opts.priority === 'string') {
    const known = new Set([
      ...rec.settings.priorities.map((p) => p.id),
      ...rec.actions.flatMap((a) => (a.action.data.priority ? [a.action.data.priority] : [])),
    ]);
    if (!known.has(opts.priority)) {
      const guess = nearest(opts.priority, [...known]);
      throw new UsageError(
        `--priority "${opts.priority}" is not one of the partnership's priorities.${guess ? ` Did you mean "${guess}"?` : ` They are: ${[...known].join(', ') || 'none (partnership.md lists no priorities)'}.`}`,
      );
    }
    filter.priority = opts.priority;
  }
  if (meeting !== undefined) {
    const folder = exists(path.join(found.root, 'meetings', meeting));
    if (!folder && !rec.actions.some((a) => a.action.data.raised?.meeting === meeting)) {
      throw new UsageError(
        `There is no meeting "${meeting}" in the record (no folder meetings/${meeting}/). Check the date.`,
      );
    }
    filter.meeting = meeting;
  }

  const rows = filterActions(actionRows(rec.actions, ctx.today), filter);
  const sorted = filter.overdue ? sortByOverdue(rows) : sortByDue(rows);
  const lookup = ownerLookup(rec);

  if (format === 'json') ctx.out(JSON.stringify(actionsJson(sorted), null, 2) + '\n');
  else if (format === 'csv') ctx.out(actionsCsv(sorted, lookup));
  else if (sorted.length === 0)
    ctx.out(
      filter.overdue
        ? 'No overdue actions.\n'
        : Object.keys(filter).length
          ? 'No actions match.\n'
          : 'No actions yet.\n',
    );
  else if (format === 'md') ctx.out(actionsMd(sorted, lookup));
  else if (filter.overdue) {
    const groups = groupByOwner(sorted, (id) => lookup(id)?.name ?? id, filter.owner);
    ctx.out(overdueText(groups, lookup, ctx.color, formatLongDate(ctx.today), ctx.io.columns));
  } else ctx.out(actionsText(sorted, lookup, ctx.color, ctx.io.columns));

  const noRoster = rosterWarning(rec);
  if (noRoster !== undefined) ctx.err(noRoster);
  const unread = unreadCount(rec);
  if (unread > 0) {
    ctx.err(
      `csp: warning: ${unread} action file${unread === 1 ? '' : 's'} could not be read and ${unread === 1 ? 'is' : 'are'} not listed. Run "csp validate" to see why.\n`,
    );
  }
  return 0;
}

/** csp actions sync */
export async function runSync(ctx: Ctx): Promise<number> {
  const r = await syncActions(opContext(ctx));
  for (const c of r.created) ctx.out(`created ${c.id}  ${c.owners.join(', ')}  ${c.title}\n`);
  for (const f of r.minutesUpdated) ctx.out(`updated ${f}\n`);
  for (const v of r.reviewed)
    ctx.out(`reviewed ${v.id}  ${v.status} at minute ${v.minute} of ${v.meeting}  (${v.file})\n`);
  for (const s of r.approvedSkipped) {
    ctx.err(
      `csp: note: the approved minutes ${s.file} have ${s.markers} action marker${s.markers === 1 ? '' : 's'} without an action file; approved minutes never change, so they were left as they are (see "csp validate").\n`,
    );
  }
  for (const x of r.refused) ctx.err(`csp: ${x.file}:${x.line}:${x.column}: not synced: ${x.message}\n`);
  for (const f of r.unreadMinutes)
    ctx.err(
      `csp: ${f} could not be read, so its action markers were not synced. Run "csp validate" to see why, correct it, then run "csp actions sync" again.\n`,
    );
  const problems = r.refused.length + r.unreadMinutes.length;
  if (r.created.length === 0 && r.minutesUpdated.length === 0 && r.reviewed.length === 0 && problems === 0) {
    ctx.out('Nothing to sync: every action marker in draft minutes has its id and action file.\n');
  }
  return problems > 0 ? 1 : 0;
}
