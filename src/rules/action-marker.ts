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
    'An `[action …]` marker that does not follow the grammar `[action: OWNER[, OWNER]; due YYYY-MM-DD]` (another case, `by DATE`, a comma for the semicolon, a marker over two lines, an `Action:` line), with the corrected form; a marker in a table, or before the first item. Markers in code, link text or after a backslash are not markers.',
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
              'The action marker has "by Friday" where only "due YYYY-MM-DD" may follow the owners. Write it as [action: clerk; due YYYY-MM-DD].',
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
              'This looks like an action marker but does not follow the form [action: OWNER; due YYYY-MM-DD]. Write it as [action: clerk].',
          },
        ],
      },
      {
        title: 'markers that miss the grammar: another case, a comma for the semicolon, an "Action:" line, a table',
        files: {
          'meetings/2026-01-15/meeting.md': MEETING,
          'meetings/2026-01-15/minutes.md': `${HEAD}## 1. Venue

The clerk will book a venue. [Action: clerk by 2026-02-01]

The police will staff it. [action: pc-police, due 2026-02-01]

Action: the clerk to send the invitations by 2026-02-08

| What | Who |
| --- | --- |
| Catering [action: clerk] | Clerk |
`,
        },
        findings: [
          {
            file: 'records/meetings/2026-01-15/minutes.md',
            line: 8,
            column: 30,
            severity: 'error',
            message:
              '"[Action" is not read as an action marker: markers are written in lower case. Write it as [action: clerk; due 2026-02-01].',
          },
          {
            file: 'records/meetings/2026-01-15/minutes.md',
            line: 10,
            column: 27,
            severity: 'error',
            message:
              'The action marker has "due 2026-02-01" where an owner goes: the due date follows the owners after a semicolon. Write it as [action: pc-police; due 2026-02-01].',
          },
          {
            file: 'records/meetings/2026-01-15/minutes.md',
            line: 12,
            column: 1,
            severity: 'error',
            message:
              'A line starting "Action:" is not read as an action: csp reads only markers. End the action\'s sentence with a marker naming who will do it, such as [action: OWNER; due 2026-02-08].',
          },
          {
            file: 'records/meetings/2026-01-15/minutes.md',
            line: 16,
            column: 12,
            severity: 'error',
            message:
              'This action marker is in a table, where csp cannot tell which text is the action. Put the action in its own paragraph or list item below the table.',
          },
        ],
      },
      {
        title: 'a due date written "by DATE" among the owners, and a marker run over two lines',
        files: {
          'meetings/2026-01-15/meeting.md': MEETING,
          'meetings/2026-01-15/minutes.md': `${HEAD}## 1. Venue

The clerk will book a venue. [action: clerk by 2026-02-01]

The police will staff it. [action: pc-police;
due 2026-02-08]
`,
        },
        findings: [
          {
            file: 'records/meetings/2026-01-15/minutes.md',
            line: 8,
            column: 30,
            severity: 'error',
            message:
              'The action marker has "clerk by 2026-02-01" where an owner goes: the due date follows the owners after a semicolon. Write it as [action: clerk; due 2026-02-01].',
          },
          {
            file: 'records/meetings/2026-01-15/minutes.md',
            line: 10,
            column: 27,
            severity: 'error',
            message:
              'This action marker is not closed on its line (a marker may not run over two lines). Write it on one line as [action: pc-police; due 2026-02-08].',
          },
        ],
      },
    ],
    ok: [
      {
        title: "a marker in a link's text is not a marker",
        files: {
          'meetings/2026-01-15/meeting.md': MEETING,
          'meetings/2026-01-15/minutes.md': `${HEAD}## 1. Venue

RESOLVED that the clerk circulate [the note on [action: clerk] markers](https://example.org/markers).
`,
        },
      },
      {
        title: 'a marker shown in code, or escaped, is not a marker',
        files: {
          'meetings/2026-01-15/meeting.md': MEETING,
          'meetings/2026-01-15/minutes.md': `${HEAD}## 1. Venue

RESOLVED that actions be written as \`[action: OWNER; due YYYY-MM-DD]\`, not as \\[Action: …].
`,
        },
      },
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
