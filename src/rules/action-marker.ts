/** action-marker: [action …] markers in minutes that do not follow the grammar (found while the minutes are read). */
import type { Rule } from './rule.js';

const HEAD = `---
status: draft
chair: cllr-chair
present: [cllr-chair, pc-police, dr-health]
---
`;
const MEETING = '---\ndate: 2026-01-15\n---\n';

export const rule: Rule = {
  id: 'action-marker',
  severity: 'error',
  summary:
    'An `[action …]` marker that does not follow the grammar `[action: OWNER[, OWNER]; due YYYY-MM-DD]`, or that stands before the first item.',
  examples: {
    notOk: [
      {
        title: 'something other than "due DATE" after the owners, at the marker',
        files: {
          'meetings/2026-01-15/meeting.md': MEETING,
          'meetings/2026-01-15/minutes.md': `${HEAD}## 1. Venue

The clerk will book a venue. [action: clerk; by Friday]
`,
        },
        findings: [
          {
            file: 'records/meetings/2026-01-15/minutes.md',
            line: 8,
            column: 30,
            severity: 'error',
            message:
              'The action marker has "by Friday" where only "due YYYY-MM-DD" may follow the owners. Write it as [action: OWNER; due YYYY-MM-DD].',
          },
        ],
      },
      {
        title: 'a marker before the first item, and one with no owner',
        files: {
          'meetings/2026-01-15/meeting.md': MEETING,
          'meetings/2026-01-15/minutes.md': `${HEAD}Preamble. [action: clerk]

## 1. Venue

RESOLVED that a venue be found.

- Book it [action: ; due 2026-02-01]
`,
        },
        findings: [
          {
            file: 'records/meetings/2026-01-15/minutes.md',
            line: 6,
            column: 11,
            severity: 'error',
            message:
              'This action marker comes before the first item heading, so it belongs to no minute. Move it under the item it arose from.',
          },
          {
            file: 'records/meetings/2026-01-15/minutes.md',
            line: 12,
            column: 11,
            severity: 'error',
            message: 'The action marker names no owner. Write who is to do it: [action: OWNER; due YYYY-MM-DD].',
          },
        ],
      },
      {
        title: 'a marker that is not complete',
        files: {
          'meetings/2026-01-15/meeting.md': MEETING,
          'meetings/2026-01-15/minutes.md': `${HEAD}## 1. Venue

RESOLVED that a venue be found [action clerk].
`,
        },
        findings: [
          {
            file: 'records/meetings/2026-01-15/minutes.md',
            line: 8,
            column: 32,
            severity: 'error',
            message:
              'This looks like an action marker but is not complete. Write it as [action: OWNER; due YYYY-MM-DD].',
          },
        ],
      },
    ],
    ok: [
      {
        title: 'a marker with its id, two owners and a due date, and its action file',
        files: {
          'meetings/2026-01-15/meeting.md': MEETING,
          'meetings/2026-01-15/minutes.md': `${HEAD}## 1. Venue

The clerk and the police will book a venue. [action 2026-01-15-1-1: clerk, pc-police; due 2026-02-01]
`,
          'actions/2026-01-15-1-1.md': `---
title: Book a venue
owner: [clerk, pc-police]
raised: { meeting: 2026-01-15, minute: 1 }
status: open
due: 2026-02-01
---
`,
        },
      },
    ],
  },
};
