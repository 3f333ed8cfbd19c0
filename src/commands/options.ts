/** Options and arguments as the clerk types them, checked before the record is touched; and loading for meeting commands. */
import { isRealDate } from '../core/dates.js';
import { UsageError } from '../core/errors.js';
import { MEETING_ID } from '../core/ids.js';
import { loadForMeetings as load, unreadMinutes, where } from '../load/checked.js';
import type { LoadedRecord, LoadOptions } from '../load/load.js';
import type { MeetingEntry } from '../model/types.js';
import { findMeeting } from '../queries/meetings.js';
import type { Ctx } from './context.js';

export { str } from './line-option.js';

/** Checks that a meeting id the user typed is well formed (exit 2 otherwise); nothing is looked up. */
export function meetingIdArg(value: string, what: string): string {
  const m = MEETING_ID.exec(value);
  if (!m || !isRealDate(m[1])) {
    throw new UsageError(
      `${what} "${value}" is not a meeting id. Name a meeting by its date, YYYY-MM-DD, a real day (or YYYY-MM-DD-slug for a second meeting on one day), e.g. 2026-12-10.`,
    );
  }
  return value;
}

/** The meeting a user named; exit 2, with a "did you mean", when the record has no such meeting. */
export function meetingArg(rec: LoadedRecord, value: string, what = 'The meeting'): MeetingEntry {
  meetingIdArg(value, what);
  const look = findMeeting(rec, value);
  if ('problem' in look) throw new UsageError(look.problem);
  return look.entry;
}

/** Loads the record for a meeting command (partnership.md, and the roster when asked, must be readable). */
export function loadForMeetings(
  ctx: Ctx,
  options: Pick<LoadOptions, 'minutesBodies' | 'meetings' | 'actions'> & { roster?: boolean } = {},
): LoadedRecord {
  const { root, display } = ctx.record();
  return load(root, display, { ...options, env: ctx.io.env, trace: ctx.err });
}

/** Warns on stderr about minutes left out because they could not be read. */
export function warnUnread(ctx: Ctx, rec: LoadedRecord): void {
  for (const { id, problem } of unreadMinutes(rec)) {
    ctx.err(
      `csp: warning: the minutes of ${id} cannot be read and are left out (${where(problem)}). Run csp validate.\n`,
    );
  }
}
