/** csp quorum MEETING: whether a meeting was (from its minutes) or will be (from the apologies so far) quorate. */
import type { Ctx } from './context.js';
import { UsageError } from '../core/errors.js';
import { quorum } from '../queries/quorum.js';
import { quorumText } from '../render/quorum.js';
import { findMeeting } from '../queries/meetings.js';
import { readProblem, where } from '../load/checked.js';
import { loadForMeetings, str } from './options.js';

/** Runs csp quorum: exit 0 quorate, 1 not, 2 for an unknown meeting or an unreadable record. */
export function run(ctx: Ctx, opts: Record<string, unknown>, args: string[]): number {
  const id = args[0] ?? '';
  const format = str(opts.format) ?? 'text';
  // One meeting's quorum needs the rules, the roster and that meeting's files: nothing else is read.
  const rec = loadForMeetings(ctx, { minutesBodies: false, roster: true, meetings: [id], actions: false });
  const look = findMeeting(rec, id);
  if ('problem' in look) throw new UsageError(look.problem);
  const entry = look.entry;
  // Never predict from the apologies when the minutes exist but are broken: the answer would be wrong.
  const unread = entry.minutes
    ? undefined
    : (readProblem(rec, `meetings/${id}/minutes.md`) ??
      (entry.meeting ? undefined : readProblem(rec, `meetings/${id}/meeting.md`)));
  if (unread)
    throw new UsageError(
      `${unread.file} cannot be read, so the quorum of ${id} cannot be worked out (${where(unread)}). Correct it first; csp validate lists every problem.`,
    );

  const result = quorum(rec, rec.settings, entry);
  if (format === 'json') ctx.out(JSON.stringify(result, null, 2) + '\n');
  else ctx.out(quorumText(rec, entry, result, ctx.color));
  return result.quorate ? 0 : 1;
}
