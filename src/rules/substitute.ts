/** substitute: a substitute who is not one of the member's deputies. */
import type { Rule } from './rule.js';
import type { Apology, Loaded } from '../model/types.js';
import { apologiesOf } from '../queries/minutes-facts.js';

const MEETING = '---\ndate: 2026-01-15\n---\n';

export const rule: Rule = {
  id: 'substitute',
  severity: 'warning',
  summary: "A substitute who is not one of the member's deputies in members.yaml.",
  check(ctx, report) {
    const check = (loaded: Loaded<unknown>, list: Apology[] | undefined) => {
      (list ?? []).forEach((a, i) => {
        if (!a.substitute) return;
        const m = ctx.rec.people.get(a.member);
        if (!m || m.kind !== 'member' || !ctx.rec.people.has(a.substitute)) return;
        if (!m.deputies.includes(a.substitute)) {
          report(
            { loaded, path: ['apologies', i, 'substitute'] },
            `${a.substitute} is not one of ${m.name}'s deputies${m.deputies.length ? ` (${m.deputies.join(', ')})` : ' (they have none)'}. Add them to deputies in members.yaml if they may stand in.`,
          );
        }
      });
    };
    for (const entry of ctx.rec.meetings) {
      if (entry.meeting) check(entry.meeting, entry.meeting.data.apologies);
      if (entry.minutes) check(entry.minutes, apologiesOf(entry.minutes.data));
    }
  },
  examples: {
    notOk: [
      {
        title: "a substitute who is not one of the member's deputies, at the substitute",
        files: {
          'meetings/2026-01-15/meeting.md': MEETING,
          'meetings/2026-01-15/minutes.md': `---
status: draft
chair: cllr-chair
present: [cllr-chair, dr-health]
apologies:
  - { member: pc-police, substitute: dep-health }
---
## 1. Community safety plan

RESOLVED that the plan be noted.
`,
        },
        findings: [
          {
            file: 'records/meetings/2026-01-15/minutes.md',
            line: 6,
            column: 38,
            severity: 'warning',
            message:
              "dep-health is not one of Supt Pat Police's deputies (dep-police). Add them to deputies in members.yaml if they may stand in.",
          },
        ],
      },
      {
        title: 'a substitute for a member with no deputies, in the apologies sent before a meeting',
        files: {
          'meetings/2026-12-10/meeting.md': `---
date: 2026-12-10
apologies:
  - member: cllr-chair
    substitute: clerk
---
`,
        },
        findings: [
          {
            file: 'records/meetings/2026-12-10/meeting.md',
            line: 5,
            column: 17,
            severity: 'warning',
            message:
              "clerk is not one of Cllr Ada Chair's deputies (they have none). Add them to deputies in members.yaml if they may stand in.",
          },
        ],
      },
    ],
    ok: [
      {
        title: "a substitute who is one of the member's deputies",
        files: {
          'meetings/2026-01-15/meeting.md': MEETING,
          'meetings/2026-01-15/minutes.md': `---
status: draft
chair: cllr-chair
present: [cllr-chair, dr-health]
apologies:
  - { member: pc-police, substitute: dep-police }
---
## 1. Community safety plan

RESOLVED that the plan be noted.
`,
        },
      },
    ],
  },
};
