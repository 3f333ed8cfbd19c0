/** csp attendance: who came to which meeting, and organisations gone unrepresented (ToR: the absence rule). */
import type { Ctx } from './context.js';
import { UsageError } from '../core/errors.js';
import { attendance } from '../queries/attendance.js';
import { attendanceCsv, attendanceText } from '../render/attendance.js';
import { loadForMeetings, warnUnread, str } from './options.js';

/** Reads --last: a positive whole number, or undefined for every meeting. */
export function parseLast(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const s = value.trim();
  if (!/^[1-9]\d*$/.test(s))
    throw new UsageError(
      `--last "${value}" is not a number of meetings. Give a whole number of 1 or more, for example --last 8.`,
    );
  return Number(s);
}

/** Runs csp attendance; exit 0 (a flagged organisation is reported, not a failure). */
export function run(ctx: Ctx, opts: Record<string, unknown>): number {
  const last = parseLast(str(opts.last));
  const format = str(opts.format) ?? 'text';
  const rec = loadForMeetings(ctx, { minutesBodies: false, roster: true });
  warnUnread(ctx, rec);
  const report = attendance(rec, rec.settings.absence_limit, last);
  if (format === 'json') ctx.out(JSON.stringify(report, null, 2) + '\n');
  else if (format === 'csv') ctx.out(attendanceCsv(report));
  else ctx.out(attendanceText(rec, report, ctx.color));
  return 0;
}
