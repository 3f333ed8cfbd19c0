/** meeting-day: a meeting on a Saturday, a Sunday or a bank holiday. */
import { notWorkingDay, type HolidayRegion } from '../core/working-days.js';
import type { Rule } from './rule.js';

export const rule: Rule = {
  id: 'meeting-day',
  severity: 'warning',
  summary:
    "A meeting still to be held (neither held nor cancelled, no minutes yet) on a Saturday, a Sunday or one of the partnership's bank holidays (`meetings.holidays`): most likely a mistyped date.",
  check(ctx, report) {
    const region = ctx.rec.settings.meetings.holidays as HolidayRegion;
    for (const entry of ctx.rec.meetings) {
      const m = entry.meeting;
      // A meeting that was held on that day (or cancelled) is history, not a mistyped date.
      if (!m || m.data.status === 'cancelled' || m.data.status === 'held' || entry.minutes) continue;
      const why = notWorkingDay(entry.date, region);
      if (why)
        report(
          { loaded: m, path: ['date'] },
          `The meeting is on ${why}. Check the date: meetings are normally held on working days.`,
        );
    }
  },
  examples: {
    notOk: [
      {
        title: 'a meeting on a Saturday',
        files: { 'meetings/2026-12-12/meeting.md': '---\ndate: 2026-12-12\n---\n' },
        findings: [
          {
            file: 'records/meetings/2026-12-12/meeting.md',
            line: 2,
            column: 7,
            severity: 'warning',
            message:
              'The meeting is on 12 December 2026, a Saturday. Check the date: meetings are normally held on working days.',
          },
        ],
      },
      {
        title: 'a meeting on the spring bank holiday',
        files: { 'meetings/2026-05-25/meeting.md': '---\ndate: 2026-05-25\n---\n' },
        findings: [
          {
            file: 'records/meetings/2026-05-25/meeting.md',
            line: 2,
            column: 7,
            severity: 'warning',
            message:
              'The meeting is on Monday 25 May 2026, a bank holiday. Check the date: meetings are normally held on working days.',
          },
        ],
      },
    ],
    ok: [
      {
        title: 'a meeting on a Tuesday, a cancelled one on a bank holiday, and one held on a Saturday',
        files: {
          'meetings/2026-05-26/meeting.md': '---\ndate: 2026-05-26\n---\n',
          'meetings/2026-08-31/meeting.md': '---\ndate: 2026-08-31\nstatus: cancelled\n---\n',
          'meetings/2026-06-13/meeting.md': '---\ndate: 2026-06-13\nstatus: held\n---\n',
        },
      },
    ],
  },
};
