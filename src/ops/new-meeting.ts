/** Scheduling a meeting (csp new-meeting): meetings/<id>/meeting.md with the items carried forward. */
import path from 'node:path';
import { formatLongDate } from '../core/dates.js';
import { ProblemError } from '../core/errors.js';
import { shown } from '../core/paths.js';
import { notWorkingDay, noticeDeadline, type HolidayRegion } from '../core/working-days.js';
import { loadForMeetings } from '../load/checked.js';
import type { MeetingKind } from '../model/types.js';
import { carriedItems, type CarriedItem } from '../queries/carried-items.js';
import { meetingView } from '../render/meeting-draft.js';
import { loadTemplate } from '../render/record-templates.js';
import { exists } from '../workspace/files.js';
import { underLock, writePlanned, type OpContext } from './seam.js';

/** The new meeting, as the clerk typed it (already checked): defaults come from partnership.md. */
export interface NewMeetingOptions {
  date: string;
  slug?: string | undefined;
  start?: string | undefined;
  venue?: string | undefined;
  kind: MeetingKind;
  theme?: string | undefined;
}

/** What scheduling did. */
export interface NewMeetingResult {
  file: string;
  deadline: string;
  noticeDays: number;
  carried: CarriedItem[];
  /** When the date is no working day: which it is ("12 December 2026, a Saturday"). */
  offDay?: string;
}

/** Creates the meeting (exit 1 when it exists). */
export function createMeeting(op: OpContext, m: NewMeetingOptions): Promise<NewMeetingResult> {
  const id = m.slug === undefined ? m.date : `${m.date}-${m.slug}`;
  return underLock(op, async () => {
    const rec = loadForMeetings(op.root, op.display, { minutesBodies: true, env: op.env, trace: op.note });
    const settings = rec.settings;
    const abs = path.join(rec.root, 'meetings', id, 'meeting.md');
    const file = shown(rec.display, `meetings/${id}/meeting.md`);
    if (exists(abs)) {
      throw new ProblemError(
        `The meeting ${id} already exists (${file}); nothing was changed. To change it, edit that file; for a second meeting on the same day add --slug NAME.`,
      );
    }
    const noticeDays = settings.meetings.notice_working_days;
    const deadline = noticeDeadline(m.date, noticeDays, settings.meetings.holidays as HolidayRegion);
    const carried = carriedItems(rec, id, m.date);
    const template = await loadTemplate(rec.root, rec.display, 'meeting.md.hbs');
    const text = template.render(
      meetingView({
        id,
        date: m.date,
        start: m.start ?? settings.meetings.default_start,
        venue: m.venue ?? settings.meetings.default_venue,
        kind: m.kind,
        ...(m.theme !== undefined ? { theme: m.theme } : {}),
        deadlineLong: formatLongDate(deadline),
        carried,
      }),
    );
    const written = writePlanned(op, [
      {
        kind: 'create',
        abs,
        shown: file,
        text,
        check: { kind: 'meeting', frontMatter: true, template: template.shown },
      },
    ]);
    if (written.existed.length > 0) {
      throw new ProblemError(
        `The meeting ${id} already exists (${file}): it was created while csp was working. Nothing was changed.`,
      );
    }
    const offDay = notWorkingDay(m.date, settings.meetings.holidays as HolidayRegion);
    return { file, deadline, noticeDays, carried, ...(offDay ? { offDay } : {}) };
  });
}
