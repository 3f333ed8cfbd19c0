/** membership: someone recorded as a member on a day they held no seat. */
import type { Rule } from './rule.js';
import type { Loaded } from '../model/types.js';
import { apologiesOf, chairsOf } from '../queries/minutes-facts.js';
import { membersOn } from '../queries/people.js';

const MEETING = '---\ndate: 2026-01-15\n---\n';

export const rule: Rule = {
  id: 'membership',
  severity: 'warning',
  summary:
    'Someone recorded present (or chairing, or sending apologies) as a member who did not hold a seat on that day.',
  check(ctx, report) {
    if (!ctx.rec.rosterComplete) return;
    for (const entry of ctx.rec.meetings) {
      const seats = new Set(membersOn(ctx.rec, entry.date).map((m) => m.id));
      const check = (loaded: Loaded<unknown>, p: (string | number)[], id: string | undefined, as: string) => {
        if (id === undefined || seats.has(id) || !ctx.rec.people.has(id)) return;
        const who = ctx.rec.people.get(id)!;
        const why =
          who.kind === 'other'
            ? `${who.name} has no seat on the board (they are listed under others)`
            : who.joined > entry.date
              ? `${who.name} joined on ${who.joined}`
              : `${who.name} left on ${who.left}`;
        report(
          { loaded, path: p },
          `Recorded ${as} on ${entry.date}, but ${why}. Move them to in_attendance, or record them as a substitute.`,
        );
      };
      const mn = entry.minutes;
      if (mn) {
        const l = mn as Loaded<unknown>;
        (mn.data.present ?? []).forEach((id, i) => {
          check(l, ['present', i], id, 'present as a member');
        });
        const chair = mn.data.chair;
        chairsOf(mn.data).forEach((c, i) => {
          check(l, Array.isArray(chair) ? ['chair', i] : ['chair'], c, 'as chair');
        });
        apologiesOf(mn.data).forEach((a, i) => {
          check(l, ['apologies', i, 'member'], a.member, 'sending apologies as a member');
        });
      }
      const mt = entry.meeting;
      if (mt && !mn)
        (mt.data.apologies ?? []).forEach((a, i) => {
          check(mt, ['apologies', i, 'member'], a.member, 'sending apologies as a member');
        });
    }
  },
  examples: {
    notOk: [
      {
        title: 'someone without a seat recorded present as a member, at their id',
        files: {
          'meetings/2026-01-15/meeting.md': MEETING,
          'meetings/2026-01-15/minutes.md': `---
status: draft
chair: cllr-chair
present: [cllr-chair, pc-police, dr-health, clerk]
---
## 1. Community safety plan

RESOLVED that the plan be noted.
`,
        },
        findings: [
          {
            file: 'records/meetings/2026-01-15/minutes.md',
            line: 4,
            column: 45,
            severity: 'warning',
            message:
              'Recorded present as a member on 2026-01-15, but Committee Clerk has no seat on the board (they are listed under others). Move them to in_attendance, or record them as a substitute.',
          },
        ],
      },
      {
        title: 'a member who had left by the day of the meeting',
        files: {
          'members.yaml': `members:
  - { id: cllr-chair, name: Cllr Ada Chair, organisation: Test Borough Council, sector: local-authority, role: chair, joined: 2020-01-01 }
  - { id: pc-police, name: Supt Pat Police, organisation: Test Police, sector: police, role: member, joined: 2020-01-01 }
  - { id: old-member, name: Ola Member, organisation: Test NHS, sector: health, role: member, joined: 2020-01-01, left: 2025-12-31 }
`,
          'meetings/2026-01-15/meeting.md': MEETING,
          'meetings/2026-01-15/minutes.md': `---
status: draft
chair: cllr-chair
present: [cllr-chair, pc-police]
apologies:
  - { member: old-member }
---
## 1. Community safety plan

RESOLVED that the plan be noted.
`,
        },
        findings: [
          {
            file: 'records/meetings/2026-01-15/minutes.md',
            line: 6,
            column: 15,
            severity: 'warning',
            message:
              'Recorded sending apologies as a member on 2026-01-15, but Ola Member left on 2025-12-31. Move them to in_attendance, or record them as a substitute.',
          },
        ],
      },
    ],
    ok: [
      {
        title: 'members who held a seat that day, and a guest in attendance',
        files: {
          'meetings/2026-01-15/meeting.md': MEETING,
          'meetings/2026-01-15/minutes.md': `---
status: draft
chair: cllr-chair
present: [cllr-chair, pc-police, dr-health]
in_attendance: [clerk]
---
## 1. Community safety plan

RESOLVED that the plan be noted.
`,
        },
      },
    ],
  },
};
