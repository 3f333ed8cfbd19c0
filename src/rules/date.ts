/** date: dates that are not real days, and meetings dated unlike their folders (found while each file is read). */
import type { Rule } from './rule.js';

export const rule: Rule = {
  id: 'date',
  severity: 'error',
  summary: "A date that is not a real day (2023-02-30), or a meeting's date unlike its folder's.",
  examples: {
    notOk: [
      {
        title: 'a meeting folder named after a day that does not exist',
        files: { 'meetings/2026-02-30/meeting.md': '---\ndate: 2026-02-30\n---\n' },
        findings: [
          {
            file: 'records/meetings/2026-02-30',
            line: 1,
            column: 1,
            severity: 'error',
            message:
              'The meeting folder "2026-02-30" is named after a day that does not exist. Rename it to the meeting\'s real date.',
          },
        ],
      },
      {
        title: "a meeting's date unlike its folder's, at the date",
        files: { 'meetings/2026-01-15/meeting.md': '---\ndate: 2026-01-16\n---\n' },
        findings: [
          {
            file: 'records/meetings/2026-01-15/meeting.md',
            line: 2,
            column: 7,
            severity: 'error',
            message:
              "The meeting's date 2026-01-16 is not the date of its folder (2026-01-15). Correct the date, or move the file to meetings/2026-01-16/.",
          },
        ],
      },
      {
        title: 'a due date that is not a real day, at the value',
        files: {
          'actions/book-venue.md': `---
title: Book a venue
owner: clerk
status: open
due: 2026-02-30
---
`,
        },
        findings: [
          {
            file: 'records/actions/book-venue.md',
            line: 5,
            column: 6,
            severity: 'error',
            message: '"2026-02-30" is not a real day. Check the day and month (YYYY-MM-DD).',
          },
        ],
      },
    ],
    ok: [
      {
        title: 'real days, and a meeting dated as its folder',
        files: {
          'meetings/2026-01-15/meeting.md': '---\ndate: 2026-01-15\n---\n',
          'actions/book-venue.md': `---
title: Book a venue
owner: clerk
status: open
due: 2026-02-28
---
`,
        },
      },
    ],
  },
};
