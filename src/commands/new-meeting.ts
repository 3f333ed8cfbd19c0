/** csp new-meeting: creates meetings/<id>/meeting.md with the items carried forward, and says when the agenda must go out. */
import { formatLongDate } from '../core/dates.js';
import { UsageError } from '../core/errors.js';
import { SLUG, TIME } from '../core/ids.js';
import type { MeetingKind } from '../model/types.js';
import { createMeeting } from '../ops/new-meeting.js';
import { userDate, type Ctx } from './context.js';
import { str } from './options.js';
import { opContext } from './read.js';

const KINDS: MeetingKind[] = ['ordinary', 'extraordinary', 'themed'];

/** A line of text the user typed for a field (venue, theme): one line, not empty. */
function textOption(value: string | undefined, option: string): string | undefined {
  if (value === undefined) return undefined;
  const s = value.trim();
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (s === '' || /[\u0000-\u001f\u007f]/.test(s))
    throw new UsageError(
      `${option} must be a line of text, not empty (for example ${option} "Civic Centre, Committee Room 1").`,
    );
  return s;
}

/** csp new-meeting --date D [--start T] [--venue V] [--kind K] [--theme T] [--slug S] */
export async function run(ctx: Ctx, opts: Record<string, unknown>): Promise<number> {
  // Everything the user typed is checked before the record is touched.
  const date = userDate(str(opts.date) ?? '', '--date');
  const slug = str(opts.slug);
  if (slug !== undefined && !SLUG.test(slug)) {
    throw new UsageError(
      `--slug "${slug}" is not a valid name for a meeting folder. Use lower-case letters, digits and single hyphens, e.g. --slug budget (the folder becomes ${date}-budget).`,
    );
  }
  const startOpt = str(opts.start);
  if (startOpt !== undefined && !TIME.test(startOpt))
    throw new UsageError(
      `--start "${startOpt}" is not a time. Write it as HH:MM on the 24-hour clock, e.g. --start 14:00.`,
    );
  const venueOpt = textOption(str(opts.venue), '--venue');
  const theme = textOption(str(opts.theme), '--theme');
  const kindOpt = str(opts.kind);
  if (kindOpt !== undefined && !KINDS.includes(kindOpt as MeetingKind))
    throw new UsageError(`--kind must be one of ${KINDS.join(', ')}.`);
  // A theme makes a themed meeting unless the clerk said otherwise.
  const kind = (kindOpt ?? (theme !== undefined ? 'themed' : 'ordinary')) as MeetingKind;

  const r = await createMeeting(opContext(ctx), { date, slug, start: startOpt, venue: venueOpt, kind, theme });
  const { deadline, noticeDays: days, carried } = r;
  ctx.out(`Created ${r.file}\n`);
  if (r.offDay)
    ctx.err(
      `csp: warning: the meeting is on ${r.offDay}. Check the date: meetings are normally held on working days.\n`,
    );
  ctx.out(
    `The agenda must be circulated by ${formatLongDate(deadline)} (${days} clear working day${days === 1 ? '' : 's'}).\n`,
  );
  if (deadline < ctx.today) {
    ctx.err(
      `csp: warning: the notice deadline (${formatLongDate(deadline)}) has already passed. Late items are at the Chairs' discretion: note why in the minutes.\n`,
    );
  }
  for (const c of carried) {
    const why =
      c.why === 'deferred'
        ? `deferred from ${c.from}${c.minute !== undefined ? ` (minute ${c.minute})` : ''}`
        : c.why === 'cancelled'
          ? `from ${c.from}, which was cancelled`
          : `left over from ${c.from} (on its agenda, not in its minutes)`;
    ctx.out(`Carried forward: ${c.item.title} (${why})\n`);
  }
  return 0;
}
