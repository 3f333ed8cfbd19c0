/** heading: item headings in minutes that are not "## N. Title" (found while the minutes are read). */
import type { Rule } from './rule.js';

export const rule: Rule = {
  id: 'heading',
  severity: 'error',
  summary: 'An item heading in minutes not of the form `## N. Title`.',
  examples: {
    notOk: [
      {
        title: 'an item heading without a number, at the heading',
        files: {
          'meetings/2026-01-15/meeting.md': '---\ndate: 2026-01-15\n---\n',
          'meetings/2026-01-15/minutes.md': `---
status: draft
chair: cllr-chair
present: [cllr-chair, pc-police, dr-health]
---
## Community safety plan

RESOLVED that the plan be noted.
`,
        },
        findings: [
          {
            file: 'records/meetings/2026-01-15/minutes.md',
            line: 6,
            column: 1,
            severity: 'error',
            message:
              'The item heading "## Community safety plan" is not of the form "## N. Title" (for example "## 171. Probation update"). Number it, or make it a level-3 heading if it is part of the item above.',
          },
        ],
      },
    ],
    ok: [
      {
        title: 'numbered item headings, and a level-3 heading inside an item',
        files: {
          'meetings/2026-01-15/meeting.md': '---\ndate: 2026-01-15\n---\n',
          'meetings/2026-01-15/minutes.md': `---
status: draft
chair: cllr-chair
present: [cllr-chair, pc-police, dr-health]
---
## 1. Community safety plan

### Discussion

RESOLVED that the plan be noted.

## 2. Serious violence duty

RESOLVED that the strategy be adopted.
`,
        },
      },
    ],
  },
};
