/** csp new-meeting: creates meetings/<id>/meeting.md with the items carried forward, and says when the agenda must go out. */
import { exists } from '../workspace/files.js';
import path from 'node:path';
import { userDate, type Ctx } from './context.js';
import { ProblemError, UsageError } from '../core/errors.js';
import { PERSON_ID } from '../core/ids.js';
import type { MeetingKind } from '../model/types.js';
import { carriedItems } from '../queries/carried-items.js';
import { formatLongDate } from '../core/dates.js';
import { noticeDeadline, type HolidayRegion } from '../core/working-days.js';
import { meetingView } from '../render/meeting-draft.js';
import { loadTemplate } from '../render/record-templates.js';
import { createExclusive } from '../workspace/write.js';
import { shown } from '../core/paths.js';
import { checkRendered, loadForMeetings } from './meeting-docs.js';

const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const KINDS: MeetingKind[] = ['ordinary', 'extraordinary', 'themed'];

/** A line of text the user typed for a field (venue, theme): one line, not empty. */
function textOption(value: unknown, option: string): string | undefined {
  if (value === undefined) return undefined;
  const s = String(value).trim();
  if (s === '' || /[\u0000-\u001f\u007f]/.test(s))
    throw new UsageError(
      `${option} must be a line of text, not empty (for example ${option} "Civic Centre, Committee Room 1").`,
    );
  return s;
}

/** csp new-meeting --date D [--start T] [--venue V] [--kind K] [--theme T] [--slug S] */
export async function run(ctx: Ctx, opts: Record<string, unknown>): Promise<number> {
  // Everything the user typed is checked before the record is touched.
  const date = userDate(String(opts.date ?? ''), '--date');
  const slug = opts.slug === undefined ? undefined : String(opts.slug);
  if (slug !== undefined && !PERSON_ID.test(slug)) {
    throw new UsageError(
      `--slug "${slug}" is not a valid name for a meeting folder. Use lower-case letters, digits and single hyphens, e.g. --slug budget (the folder becomes ${date}-budget).`,
    );
  }
  const startOpt = opts.start === undefined ? undefined : String(opts.start);
  if (startOpt !== undefined && !TIME.test(startOpt))
    throw new UsageError(
      `--start "${startOpt}" is not a time. Write it as HH:MM on the 24-hour clock, e.g. --start 14:00.`,
    );
  const venueOpt = textOption(opts.venue, '--venue');
  const theme = textOption(opts.theme, '--theme');
  const kindOpt = opts.kind === undefined ? undefined : String(opts.kind);
  if (kindOpt !== undefined && !KINDS.includes(kindOpt as MeetingKind))
    throw new UsageError(`--kind must be one of ${KINDS.join(', ')}.`);
  // A theme makes a themed meeting unless the clerk said otherwise.
  const kind = (kindOpt ?? (theme !== undefined ? 'themed' : 'ordinary')) as MeetingKind;
  const id = slug === undefined ? date : `${date}-${slug}`;

  const rec = loadForMeetings(ctx, { minutesBodies: true });
  const settings = rec.settings;
  const rel = `meetings/${id}/meeting.md`;
  const abs = path.join(rec.root, 'meetings', id, 'meeting.md');
  const display = shown(rec.display, rel);
  if (exists(abs)) {
    throw new ProblemError(
      `The meeting ${id} already exists (${display}); nothing was changed. To change it, edit that file; for a second meeting on the same day add --slug NAME.`,
    );
  }

  const days = settings.meetings.notice_working_days;
  const deadline = noticeDeadline(date, days, settings.meetings.holidays as HolidayRegion);
  const carried = carriedItems(rec, id, date);
  const template = loadTemplate(rec.root, rec.display, 'meeting.md.hbs');
  const text = template.render(
    meetingView({
      id,
      date,
      start: startOpt ?? settings.meetings.default_start,
      venue: venueOpt ?? settings.meetings.default_venue,
      kind,
      ...(theme !== undefined ? { theme } : {}),
      deadlineLong: formatLongDate(deadline),
      carried,
    }),
  );
  checkRendered(text, 'meeting', template.shown);

  if (!createExclusive(abs, text)) {
    throw new ProblemError(
      `The meeting ${id} already exists (${display}): it was created while csp was working. Nothing was changed.`,
    );
  }

  ctx.out(`Created ${display}\n`);
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
