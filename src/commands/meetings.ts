/** csp meetings [--upcoming|--past] [--format text|json]: every meeting, its status, its agenda's notice and its minutes. */
import { UsageError } from '../core/errors.js';
import { readProblem } from '../load/checked.js';
import { meetingList, type MeetingFilter } from '../queries/meeting-list.js';
import { meetingListText } from '../render/meeting-list.js';
import type { Ctx } from './context.js';
import { loadForMeetings, str } from './options.js';

/** Runs csp meetings: exit 0 (a report, whatever it shows). */
export function run(ctx: Ctx, opts: Record<string, unknown>): number {
  if (opts.upcoming === true && opts.past === true)
    throw new UsageError('Give --upcoming or --past, not both (without either, every meeting is listed).');
  const filter: MeetingFilter = opts.upcoming === true ? 'upcoming' : opts.past === true ? 'past' : 'all';
  const format = str(opts.format) ?? 'text';
  const rec = loadForMeetings(ctx);
  const rows = meetingList(rec, rec.settings, ctx.today, filter, (m) =>
    Boolean(readProblem(rec, `meetings/${m.id}/minutes.md`)),
  );
  if (format === 'json') ctx.out(JSON.stringify(rows, null, 2) + '\n');
  else ctx.out(meetingListText(rec.settings.short_name, rows, filter, ctx.today, ctx.io.columns));
  return 0;
}
