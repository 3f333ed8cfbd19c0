/** approval: minutes recorded as approved at a meeting that has not been held, was cancelled, or was not quorate. */
import { formatLongDate } from '../core/dates.js';
import type { Loaded } from '../model/types.js';
import { approvedAtMeeting } from '../queries/minutes-facts.js';
import { quorum } from '../queries/quorum.js';
import type { Rule } from './rule.js';

const meeting = (date: string, status = 'held') => `---\ndate: ${date}\nstatus: ${status}\n---\n`;
const approved = (at: string) =>
  `---\nstatus: approved\napproved: { meeting: ${at} }\nchair: cllr-chair\npresent: [cllr-chair, pc-police, dr-health]\n---\n## 1. Community safety plan\n\nRESOLVED that the plan be noted.\n`;

export const rule: Rule = {
  id: 'approval',
  severity: 'error / warning',
  summary:
    'Minutes recorded as approved at a meeting after today (`--as-of`) or at a cancelled one (error), or at a meeting that was not quorate, from its minutes or, before they are written, its apologies (warning: confirm them again at a quorate meeting).',
  check(ctx, report) {
    const { rec, today } = ctx;
    for (const entry of rec.meetings) {
      const minutes = entry.minutes;
      const at = minutes?.data.status === 'approved' ? approvedAtMeeting(minutes.data) : undefined;
      if (!minutes || typeof at !== 'string') continue;
      const atEntry = rec.meetingsById.get(at);
      if (!atEntry) continue; // unknown-ref says so
      const where = { loaded: minutes as Loaded<unknown>, path: ['approved', 'meeting'] };
      if (atEntry.date > today) {
        report(
          where,
          `The minutes are recorded as approved at the meeting of ${formatLongDate(atEntry.date)}, which has not been held yet (today is ${formatLongDate(today)}). Minutes are confirmed at a meeting that has taken place: set status back to draft until then.`,
          'error',
        );
        continue;
      }
      if (atEntry.meeting?.data.status === 'cancelled') {
        report(
          where,
          `The minutes are recorded as approved at the meeting of ${formatLongDate(atEntry.date)}, which was cancelled. Name the meeting that confirmed them.`,
          'error',
        );
        continue;
      }
      if (!rec.rosterComplete) continue;
      const q = quorum(rec, rec.settings, atEntry);
      if (q.quorate) continue;
      const missing = q.requirements.filter((r) => !r.met).map((r) => r.label);
      report(
        where,
        `The meeting of ${formatLongDate(atEntry.date)} that approved these minutes was not quorate (missing: ${missing.join('; ')}), so it could not confirm them. Confirm them again at a quorate meeting, or check who was present there.`,
        'warning',
      );
    }
  },
  examples: {
    notOk: [
      {
        title: 'approved at a meeting after today (2026-11-22), at "approved.meeting"',
        files: {
          'meetings/2026-10-08/meeting.md': meeting('2026-10-08'),
          'meetings/2026-10-08/minutes.md': approved('2026-12-10'),
          'meetings/2026-12-10/meeting.md': meeting('2026-12-10', 'scheduled'),
        },
        findings: [
          {
            file: 'records/meetings/2026-10-08/minutes.md',
            line: 3,
            column: 22,
            severity: 'error',
            message:
              'The minutes are recorded as approved at the meeting of Thursday 10 December 2026, which has not been held yet (today is Sunday 22 November 2026). Minutes are confirmed at a meeting that has taken place: set status back to draft until then.',
          },
        ],
      },
      {
        title: 'approved at a meeting whose apologies leave it without its health member',
        files: {
          'meetings/2026-07-16/meeting.md': meeting('2026-07-16'),
          'meetings/2026-07-16/minutes.md': approved('2026-10-08'),
          'meetings/2026-10-08/meeting.md':
            '---\ndate: 2026-10-08\nstatus: held\napologies:\n  - { member: dr-health }\n---\n',
        },
        findings: [
          {
            file: 'records/meetings/2026-07-16/minutes.md',
            line: 3,
            column: 22,
            severity: 'warning',
            message:
              'The meeting of Thursday 8 October 2026 that approved these minutes was not quorate (missing: health), so it could not confirm them. Confirm them again at a quorate meeting, or check who was present there.',
          },
        ],
      },
    ],
    ok: [
      {
        title: 'approved at a later meeting that has been held, and was quorate',
        files: {
          'meetings/2026-07-16/meeting.md': meeting('2026-07-16'),
          'meetings/2026-07-16/minutes.md': approved('2026-10-08'),
          'meetings/2026-10-08/meeting.md': meeting('2026-10-08'),
        },
      },
    ],
  },
};
