/** future-minutes: minutes of a meeting that has not been held yet. */
import { formatLongDate } from '../core/dates.js';
import type { Rule } from './rule.js';

const DRAFT =
  '---\nstatus: draft\nchair: cllr-chair\npresent: [cllr-chair, pc-police, dr-health]\n---\n## 1. Apologies\n\nNone.\n';

export const rule: Rule = {
  id: 'future-minutes',
  severity: 'warning',
  summary:
    'Minutes of a meeting dated after today (`--as-of`): minutes record what happened, so they are written after the meeting.',
  check(ctx, report) {
    for (const entry of ctx.rec.meetings) {
      if (!entry.minutes || entry.date <= ctx.today) continue;
      report(
        { loaded: entry.minutes, path: ['status'], key: true },
        `These are minutes of a meeting that has not been held yet: it is on ${formatLongDate(entry.date)} and today is ${formatLongDate(ctx.today)}. Draft the minutes after the meeting (or check the date, and --as-of).`,
      );
    }
  },
  examples: {
    notOk: [
      {
        title: 'minutes drafted for a meeting three weeks away',
        files: {
          'meetings/2026-12-10/meeting.md': '---\ndate: 2026-12-10\n---\n',
          'meetings/2026-12-10/minutes.md': DRAFT,
        },
        findings: [
          {
            file: 'records/meetings/2026-12-10/minutes.md',
            line: 2,
            column: 1,
            severity: 'warning',
            message:
              'These are minutes of a meeting that has not been held yet: it is on Thursday 10 December 2026 and today is Sunday 22 November 2026. Draft the minutes after the meeting (or check the date, and --as-of).',
          },
        ],
      },
    ],
    ok: [
      {
        title: 'minutes of a meeting held two days before',
        files: {
          'meetings/2026-11-20/meeting.md': '---\ndate: 2026-11-20\n---\n',
          'meetings/2026-11-20/minutes.md': DRAFT,
        },
      },
    ],
  },
};
