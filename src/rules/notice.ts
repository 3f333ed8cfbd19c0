/** notice: an agenda published later than the notice deadline. */
import { formatLongDate } from '../core/dates.js';
import type { Rule } from './rule.js';
import type { Loaded } from '../model/types.js';
import { noticeDeadline, type HolidayRegion } from '../core/working-days.js';

const PUBLISHED = (date: string, on: string, status = 'published') =>
  `---\ndate: ${date}\nstatus: ${status}\npublished: ${on}\n---\n`;

export const rule: Rule = {
  id: 'notice',
  severity: 'warning',
  summary:
    'An agenda published later than the notice deadline (clear working days before the meeting, bank holidays excluded).',
  check(ctx, report) {
    const { notice_working_days: days, holidays } = ctx.rec.settings.meetings;
    for (const entry of ctx.rec.meetings) {
      const published = entry.meeting?.data.published;
      if (!published || entry.meeting?.data.status === 'cancelled') continue;
      const deadline = noticeDeadline(entry.date, days, holidays as HolidayRegion);
      if (published > deadline) {
        report(
          { loaded: entry.meeting as Loaded<unknown>, path: ['published'] },
          `The agenda went out on ${formatLongDate(published)}, after the notice deadline of ${formatLongDate(deadline)} (${days} clear working days before the meeting). Late items are at the Chairs' discretion: note why in the minutes.`,
        );
      }
    }
  },
  examples: {
    notOk: [
      {
        title: 'an agenda circulated after the deadline, at "published"',
        files: { 'meetings/2026-01-15/meeting.md': PUBLISHED('2026-01-15', '2026-01-08') },
        findings: [
          {
            file: 'records/meetings/2026-01-15/meeting.md',
            line: 4,
            column: 12,
            severity: 'warning',
            message:
              "The agenda went out on Thursday 8 January 2026, after the notice deadline of Wednesday 7 January 2026 (5 clear working days before the meeting). Late items are at the Chairs' discretion: note why in the minutes.",
          },
        ],
      },
      {
        title: 'bank holidays do not count: late for Tuesday 2 June 2026 when sent on Monday 25 May',
        files: { 'meetings/2026-06-02/meeting.md': PUBLISHED('2026-06-02', '2026-05-25') },
        findings: [
          {
            file: 'records/meetings/2026-06-02/meeting.md',
            line: 4,
            column: 12,
            severity: 'warning',
            message:
              "The agenda went out on Monday 25 May 2026, after the notice deadline of Friday 22 May 2026 (5 clear working days before the meeting). Late items are at the Chairs' discretion: note why in the minutes.",
          },
        ],
      },
    ],
    ok: [
      {
        title: 'an agenda for Thursday 15 January 2026 circulated on the deadline, Wednesday 7 January',
        files: { 'meetings/2026-01-15/meeting.md': PUBLISHED('2026-01-15', '2026-01-07') },
      },
      {
        title: 'a cancelled meeting, whenever its agenda went out',
        files: { 'meetings/2026-01-15/meeting.md': PUBLISHED('2026-01-15', '2026-01-14', 'cancelled') },
      },
    ],
  },
};
