/** frequency: a gap between meetings longer than the partnership's frequency allows. */
import { addDays, addMonths } from '../core/dates.js';
import type { Rule } from './rule.js';
import type { Loaded } from '../model/types.js';

const MEETING = (date: string) => `---\ndate: ${date}\n---\n`;
const MONTHS: Record<string, number | undefined> = { monthly: 1, 'bi-monthly': 2, quarterly: 3, 'ad-hoc': undefined };
/** Grace beyond the frequency before a gap is flagged, in days. */
const FREQUENCY_GRACE_DAYS = 14;

export const rule: Rule = {
  id: 'frequency',
  severity: 'warning',
  summary: `A gap between consecutive meetings longer than the partnership's frequency allows (monthly, bi-monthly or quarterly, plus ${FREQUENCY_GRACE_DAYS} days).`,
  check(ctx, report) {
    const months = MONTHS[ctx.rec.settings.meetings.frequency];
    if (months === undefined) return;
    const held = ctx.rec.meetings.filter((m) => m.meeting && m.meeting.data.status !== 'cancelled');
    for (let i = 1; i < held.length; i++) {
      const prev = held[i - 1]!;
      const cur = held[i]!;
      const latest = addDays(addMonths(prev.date, months), FREQUENCY_GRACE_DAYS);
      if (cur.date > latest) {
        report(
          { loaded: cur.meeting as Loaded<unknown>, path: ['date'] },
          `This meeting comes more than ${months} month${months > 1 ? 's' : ''} after the last one (${prev.id}); the partnership meets ${ctx.rec.settings.meetings.frequency}. Schedule a meeting by ${latest}, or change meetings.frequency in partnership.md.`,
        );
      }
    }
  },
  examples: {
    notOk: [
      {
        title: 'a quarterly partnership meeting more than three months and 14 days after the last, at the later date',
        files: {
          'meetings/2026-01-15/meeting.md': MEETING('2026-01-15'),
          'meetings/2026-04-30/meeting.md': MEETING('2026-04-30'),
        },
        findings: [
          {
            file: 'records/meetings/2026-04-30/meeting.md',
            line: 2,
            column: 7,
            severity: 'warning',
            message:
              'This meeting comes more than 3 months after the last one (2026-01-15); the partnership meets quarterly. Schedule a meeting by 2026-04-29, or change meetings.frequency in partnership.md.',
          },
        ],
      },
    ],
    ok: [
      {
        title: 'a quarterly gap within the grace: 15 January to 29 April',
        files: {
          'meetings/2026-01-15/meeting.md': MEETING('2026-01-15'),
          'meetings/2026-04-29/meeting.md': MEETING('2026-04-29'),
        },
      },
      {
        title: 'any gap when the partnership meets ad hoc',
        files: {
          'partnership.md': '---\nname: Test CSP\nmeetings: { frequency: ad-hoc }\n---\n',
          'meetings/2025-01-15/meeting.md': MEETING('2025-01-15'),
          'meetings/2026-04-30/meeting.md': MEETING('2026-04-30'),
        },
      },
    ],
  },
};
