/** schema: front matter that breaks its JSON Schema (found while each file is read). */
import type { Rule } from './rule.js';

export const rule: Rule = {
  id: 'schema',
  severity: 'error',
  summary:
    'Front matter that breaks its JSON Schema in schemas/: an unknown field (with the nearest known one), a missing or mistyped value; or two people with one id.',
  examples: {
    notOk: [
      {
        title: 'an unknown field, at its key, with the nearest known one',
        files: {
          'meetings/2026-01-15/meeting.md': `---
date: 2026-01-15
veneu: Civic Centre
---
`,
        },
        findings: [
          {
            file: 'records/meetings/2026-01-15/meeting.md',
            line: 3,
            column: 1,
            severity: 'error',
            message: '"veneu" is not a field csp knows here. Did you mean "venue"?',
          },
        ],
      },
      {
        title: 'a value outside its list, at the value',
        files: {
          'actions/book-venue.md': `---
title: Book a venue
owner: clerk
status: finished
---
`,
        },
        findings: [
          {
            file: 'records/actions/book-venue.md',
            line: 4,
            column: 9,
            severity: 'error',
            message: '"finished" is not an accepted value for "status". Use one of: open, in-progress, done, dropped.',
          },
        ],
      },
      {
        title: 'a required field that is missing, at the start of the front matter',
        files: {
          'actions/book-venue.md': `---
title: Book a venue
status: open
---
`,
        },
        findings: [
          {
            file: 'records/actions/book-venue.md',
            line: 2,
            column: 1,
            severity: 'error',
            message: 'The front matter has no "owner", which is required. Add a line "owner: …".',
          },
        ],
      },
    ],
    ok: [
      {
        title: 'an action with every required field, each of the right kind',
        files: {
          'actions/book-venue.md': `---
title: Book a venue
owner: clerk
status: open
due: 2026-02-01
---
`,
        },
      },
    ],
  },
};
