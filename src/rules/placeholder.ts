/** placeholder: what `csp minutes new` drafted for the clerk to replace, left as it was. */
import { isPlaceholderItem, PRESENT_NOTE, proposedPresent } from '../queries/placeholders.js';
import type { Rule } from './rule.js';

const MEETING = '---\ndate: 2026-01-15\nitems:\n  - { title: Community safety plan }\n---\n';

export const rule: Rule = {
  id: 'placeholder',
  severity: 'error / warning',
  summary:
    'What `csp minutes new` drafted for the clerk to replace, still as drafted: the proposed present list (every member with a seat, under its note to prune it) or an item whose only text is the drafted decision "That the report be noted." A warning in draft minutes, which blocks `csp minutes approve`; an error in approved ones.',
  check(ctx, report) {
    for (const entry of ctx.rec.meetings) {
      const m = entry.minutes;
      if (!m) continue;
      const severity = m.data.status === 'approved' ? 'error' : 'warning';
      const at = proposedPresent(m);
      if (at)
        report(
          { file: m.file.display, ...at },
          `The present list is still the one drafted from the roster (every member with a seat who sent no apologies). Take out those who did not attend, then delete the note "# ${PRESENT_NOTE}" (delete it too if every one of them came).`,
          severity,
        );
      for (const item of entry.items ?? []) {
        if (!isPlaceholderItem(item)) continue;
        const decision = item.decisions[0];
        report(
          decision ? { file: m.file.display, line: decision.line, column: decision.column } : { loaded: m, path: [] },
          `Minute ${item.number} (${item.title}) still has only the decision drafted for it, "That the report be noted.": write what was discussed and what the meeting resolved.`,
          severity,
        );
      }
    }
  },
  examples: {
    notOk: [
      {
        title: 'the drafted present list and decision, untouched',
        files: {
          'meetings/2026-01-15/meeting.md': MEETING,
          'meetings/2026-01-15/minutes.md': `---
status: draft
chair: cllr-chair
present:    # ${PRESENT_NOTE}
  - cllr-chair  # Cllr Ada Chair, Test Borough Council
  - pc-police   # Supt Pat Police, Test Police
  - dr-health   # Dr Hana Health, Test NHS
---
## 1. Community safety plan

RESOLVED

- That the report be noted.
`,
        },
        findings: [
          {
            file: 'records/meetings/2026-01-15/minutes.md',
            line: 4,
            column: 1,
            severity: 'warning',
            message: `The present list is still the one drafted from the roster (every member with a seat who sent no apologies). Take out those who did not attend, then delete the note "# ${PRESENT_NOTE}" (delete it too if every one of them came).`,
          },
          {
            file: 'records/meetings/2026-01-15/minutes.md',
            line: 11,
            column: 1,
            severity: 'warning',
            message:
              'Minute 1 (Community safety plan) still has only the decision drafted for it, "That the report be noted.": write what was discussed and what the meeting resolved.',
          },
        ],
      },
    ],
    ok: [
      {
        title: 'the list pruned, its note gone, and the item written up',
        files: {
          'meetings/2026-01-15/meeting.md': MEETING,
          'meetings/2026-01-15/minutes.md': `---
status: draft
chair: cllr-chair
present:
  - cllr-chair  # Cllr Ada Chair, Test Borough Council
  - pc-police   # Supt Pat Police, Test Police
  - dr-health   # Dr Hana Health, Test NHS
---
## 1. Community safety plan

The Community Safety Manager introduced the plan.

RESOLVED

- That the report be noted.
`,
        },
      },
    ],
  },
};
