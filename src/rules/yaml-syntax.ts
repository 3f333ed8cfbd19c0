/** yaml-syntax: front matter that is not YAML csp can read (found while each file is read). */
import type { Rule } from './rule.js';

export const rule: Rule = {
  id: 'yaml-syntax',
  severity: 'error',
  summary:
    'Front matter that does not parse as YAML, uses too many aliases or is nested too deep, is missing, or is fenced as another language (`---js`); it is never run.',
  examples: {
    notOk: [
      {
        title: 'a ---js fence, refused at line 1, column 4, and never run',
        files: {
          'meetings/2026-01-15/meeting.md': `---js
module.exports = { date: "2026-01-15" }
---
`,
        },
        findings: [
          {
            file: 'records/meetings/2026-01-15/meeting.md',
            line: 1,
            column: 4,
            severity: 'error',
            message:
              'Front matter must be YAML, but this file\'s opening fence says "---js". Change the first line to "---"; csp never runs code from a record.',
          },
        ],
      },
      {
        title: 'a field given twice, at the second',
        files: {
          'meetings/2026-01-15/meeting.md': `---
date: 2026-01-15
venue: Civic Centre
venue: Town Hall
---
`,
        },
        findings: [
          {
            file: 'records/meetings/2026-01-15/meeting.md',
            line: 4,
            column: 1,
            severity: 'error',
            message: 'YAML: Map keys must be unique. Each field may appear once; remove or rename the second one.',
          },
        ],
      },
      {
        title: 'front matter that is never closed',
        files: {
          'meetings/2026-01-15/meeting.md': `---
date: 2026-01-15
`,
        },
        findings: [
          {
            file: 'records/meetings/2026-01-15/meeting.md',
            line: 1,
            column: 1,
            severity: 'error',
            message:
              'The front matter opened with "---" on line 1 is never closed. Add a line with "---" after the last field.',
          },
        ],
      },
    ],
    ok: [
      {
        title: 'front matter between two "---" lines that parses as YAML',
        files: {
          'meetings/2026-01-15/meeting.md': `---
date: 2026-01-15
venue: Civic Centre # the usual room
---
`,
        },
      },
    ],
  },
};
