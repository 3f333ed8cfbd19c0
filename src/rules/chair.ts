/** chair: minutes whose chair sent apologies, or is not among those present. */
import type { Loaded } from '../model/types.js';
import { apologiesOf } from '../queries/minutes-facts.js';
import type { Rule } from './rule.js';

const MEETING = '---\ndate: 2026-01-15\n---\n';
const minutes = (front: string) => `---\nstatus: draft\n${front}---\n## 1. Apologies\n\nNoted.\n`;

export const rule: Rule = {
  id: 'chair',
  severity: 'warning',
  summary: 'Minutes whose chair sent apologies, or is not among the members listed as present.',
  check(ctx, report) {
    for (const entry of ctx.rec.meetings) {
      const m = entry.minutes;
      if (!m) continue;
      const d = m.data as unknown as Record<string, unknown>;
      const chairs = typeof d.chair === 'string' ? [d.chair] : Array.isArray(d.chair) ? (d.chair as unknown[]) : [];
      const present = Array.isArray(d.present) ? new Set(d.present as unknown[]) : undefined;
      const sent = new Set(apologiesOf(m.data).map((a) => a.member));
      chairs.forEach((id, i) => {
        // A chair not on the roster is unknown-ref's finding (with the nearest id); one finding is enough.
        const person = typeof id === 'string' ? ctx.rec.people.get(id) : undefined;
        if (typeof id !== 'string' || !person) return;
        const where = {
          loaded: m as Loaded<unknown>,
          path: typeof d.chair === 'string' ? ['chair'] : ['chair', i],
        };
        const name = person.name;
        if (sent.has(id))
          report(
            where,
            `The chair, ${name}, is also listed as sending apologies. Name who took the chair, or take ${id} out of apologies.`,
          );
        else if (present && !present.has(id))
          report(
            where,
            `The chair, ${name}, is not among those present. Add ${id} to present, or name who took the chair.`,
          );
      });
    }
  },
  examples: {
    notOk: [
      {
        title: 'a chair who sent apologies, at "chair"',
        files: {
          'meetings/2026-01-15/meeting.md': MEETING,
          'meetings/2026-01-15/minutes.md': minutes(
            'chair: cllr-chair\npresent: [pc-police, dr-health]\napologies:\n  - { member: cllr-chair }\n',
          ),
        },
        findings: [
          {
            file: 'records/meetings/2026-01-15/minutes.md',
            line: 3,
            column: 8,
            severity: 'warning',
            message:
              'The chair, Cllr Ada Chair, is also listed as sending apologies. Name who took the chair, or take cllr-chair out of apologies.',
          },
        ],
      },
      {
        title: 'a chair not listed as present',
        files: {
          'meetings/2026-01-15/meeting.md': MEETING,
          'meetings/2026-01-15/minutes.md': minutes('chair: cllr-chair\npresent: [pc-police, dr-health]\n'),
        },
        findings: [
          {
            file: 'records/meetings/2026-01-15/minutes.md',
            line: 3,
            column: 8,
            severity: 'warning',
            message:
              'The chair, Cllr Ada Chair, is not among those present. Add cllr-chair to present, or name who took the chair.',
          },
        ],
      },
    ],
    ok: [
      {
        title: 'the chair among those present',
        files: {
          'meetings/2026-01-15/meeting.md': MEETING,
          'meetings/2026-01-15/minutes.md': minutes('chair: cllr-chair\npresent: [cllr-chair, pc-police, dr-health]\n'),
        },
      },
    ],
  },
};
