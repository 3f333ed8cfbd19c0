/** quorum: minutes of a meeting that was not quorate, yet record decisions. */
import type { Rule } from './rule.js';
import type { Loaded } from '../model/types.js';
import { quorum as quorumOf } from '../queries/quorum.js';
import { withItems } from './walk.js';

const MEETING = '---\ndate: 2026-01-15\n---\n';

export const rule: Rule = {
  id: 'quorum',
  severity: 'warning',
  summary: 'Minutes of a meeting that was not quorate, yet record decisions.',
  check(ctx, report) {
    if (!ctx.rec.rosterComplete) return;
    for (const entry of withItems(ctx.rec.meetings)) {
      const decided = entry.items!.filter((i) => i.decisions.length > 0);
      if (decided.length === 0) continue;
      const q = quorumOf(ctx.rec, ctx.rec.settings, entry);
      // Not quorate only when the record says so: not-recorded attendance is not a finding.
      if (q.quorate !== false) continue;
      const missing = q.requirements.filter((r) => r.met === false).map((r) => r.label);
      report(
        { loaded: entry.minutes as Loaded<unknown>, path: ['present'], key: true },
        `The meeting was not quorate (missing: ${missing.join('; ')}), yet the minutes record decisions (first at minute ${decided[0]!.number}). Check who was present, or note that the decisions need ratifying.`,
      );
    }
  },
  examples: {
    notOk: [
      {
        title: 'an inquorate meeting that records decisions, at "present"',
        files: {
          'meetings/2026-01-15/meeting.md': MEETING,
          'meetings/2026-01-15/minutes.md': `---
status: draft
chair: cllr-chair
present: [cllr-chair, pc-police]
---
## 1. Community safety plan

RESOLVED that the plan be noted.
`,
        },
        findings: [
          {
            file: 'records/meetings/2026-01-15/minutes.md',
            line: 4,
            column: 1,
            severity: 'warning',
            message:
              'The meeting was not quorate (missing: health), yet the minutes record decisions (first at minute 1). Check who was present, or note that the decisions need ratifying.',
          },
        ],
      },
    ],
    ok: [
      {
        title: 'decisions taken by a quorate meeting',
        files: {
          'meetings/2026-01-15/meeting.md': MEETING,
          'meetings/2026-01-15/minutes.md': `---
status: draft
chair: cllr-chair
present: [cllr-chair, pc-police, dr-health]
---
## 1. Community safety plan

RESOLVED that the plan be noted.
`,
        },
      },
      {
        title: 'an inquorate meeting that decided nothing',
        files: {
          'meetings/2026-01-15/meeting.md': MEETING,
          'meetings/2026-01-15/minutes.md': `---
status: draft
chair: cllr-chair
present: [cllr-chair, pc-police]
---
## 1. Apologies

Apologies from Dr Hana Health.
`,
        },
      },
    ],
  },
};
