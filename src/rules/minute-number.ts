/** minute-number: minute numbers used twice, or out of step within and across minutes. */
import type { Rule } from './rule.js';
import { withItems } from './walk.js';

const HEAD = '---\nstatus: draft\nchair: cllr-chair\npresent: [cllr-chair, pc-police, dr-health]\n---\n';
const MEETING = (date: string) => `---\ndate: ${date}\n---\n`;

export const rule: Rule = {
  id: 'minute-number',
  severity: 'error / warning',
  summary:
    'A minute number used twice (error); a gap, or a restart under continuous numbering, or a first number out of step with the previous minutes (warning).',
  check(ctx, report) {
    const continuous = ctx.rec.settings.minute_numbering === 'continuous';
    const seen = new Map<number, string>();
    let previous: { id: string; last: number } | undefined;
    for (const entry of withItems(ctx.rec.meetings)) {
      const file = entry.minutes!.file.display;
      const local = new Map<number, boolean>();
      let last: number | undefined;
      for (const item of entry.items!) {
        const where = { file, line: item.line, column: item.column };
        const n = item.number;
        if (local.has(n) || (continuous && seen.has(n))) {
          const other = local.has(n) ? 'these minutes' : `the minutes of ${seen.get(n)}`;
          report(
            where,
            `Minute ${n} is already used in ${other}. Each minute has a number of its own: renumber this item.`,
            'error',
          );
        } else if (last !== undefined && n !== last + 1) {
          report(
            where,
            n < last
              ? `Minute ${n} comes after minute ${last}; numbers run upwards. Renumber this item ${last + 1}.`
              : `Minute numbers jump from ${last} to ${n}. Number this item ${last + 1}.`,
            'warning',
          );
        } else if (last === undefined) {
          if (continuous && previous && n !== previous.last + 1) {
            report(
              where,
              `These minutes start at ${n}, but the minutes of ${previous.id} ended at ${previous.last}. With continuous numbering they start at ${previous.last + 1}.`,
              'warning',
            );
          } else if (!continuous && n !== 1) {
            report(where, `With per-meeting numbering the minutes start at 1, not ${n}.`, 'warning');
          }
        }
        local.set(n, true);
        if (continuous && !seen.has(n)) seen.set(n, entry.id);
        last = last === undefined ? n : Math.max(last, n);
      }
      if (last !== undefined) previous = { id: entry.id, last };
    }
  },
  examples: {
    notOk: [
      {
        title: 'a number used twice in the same minutes, an error at the second heading',
        files: {
          'meetings/2026-01-15/meeting.md': MEETING('2026-01-15'),
          'meetings/2026-01-15/minutes.md': `${HEAD}## 1. Community safety plan

RESOLVED that the plan be noted.

## 1. Budget

RESOLVED that the budget be agreed.
`,
        },
        findings: [
          {
            file: 'records/meetings/2026-01-15/minutes.md',
            line: 10,
            column: 1,
            severity: 'error',
            message:
              'Minute 1 is already used in these minutes. Each minute has a number of its own: renumber this item.',
          },
        ],
      },
      {
        title: 'a gap within minutes, a warning at the heading after it',
        files: {
          'meetings/2026-01-15/meeting.md': MEETING('2026-01-15'),
          'meetings/2026-01-15/minutes.md': `${HEAD}## 1. Community safety plan

RESOLVED that the plan be noted.

## 3. Budget

RESOLVED that the budget be agreed.
`,
        },
        findings: [
          {
            file: 'records/meetings/2026-01-15/minutes.md',
            line: 10,
            column: 1,
            severity: 'warning',
            message: 'Minute numbers jump from 1 to 3. Number this item 2.',
          },
        ],
      },
      {
        title: 'under continuous numbering, minutes that do not start after the last number of the previous minutes',
        files: {
          'meetings/2026-01-15/meeting.md': MEETING('2026-01-15'),
          'meetings/2026-01-15/minutes.md': `${HEAD}## 1. Community safety plan

RESOLVED that the plan be noted.
`,
          'meetings/2026-04-16/meeting.md': MEETING('2026-04-16'),
          'meetings/2026-04-16/minutes.md': `${HEAD}## 5. Budget

RESOLVED that the budget be agreed.
`,
        },
        findings: [
          {
            file: 'records/meetings/2026-04-16/minutes.md',
            line: 6,
            column: 1,
            severity: 'warning',
            message:
              'These minutes start at 5, but the minutes of 2026-01-15 ended at 1. With continuous numbering they start at 2.',
          },
        ],
      },
    ],
    ok: [
      {
        title: 'numbers that run on from one set of minutes to the next',
        files: {
          'meetings/2026-01-15/meeting.md': MEETING('2026-01-15'),
          'meetings/2026-01-15/minutes.md': `${HEAD}## 1. Community safety plan

RESOLVED that the plan be noted.

## 2. Budget

RESOLVED that the budget be agreed.
`,
          'meetings/2026-04-16/meeting.md': MEETING('2026-04-16'),
          'meetings/2026-04-16/minutes.md': `${HEAD}## 3. Serious violence duty

RESOLVED that the strategy be adopted.
`,
        },
      },
    ],
  },
};
