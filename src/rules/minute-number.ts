/** minute-number: minute numbers used twice, or out of step within and across minutes. */
import type { Rule } from './rule.js';
import { withItems } from './walk.js';
import { formatMinute, numberingOn } from '../core/minute-label.js';

const HEAD = '---\nstatus: draft\nchair: cllr-chair\npresent: [cllr-chair, pc-police, dr-health]\n---\n';
const MEETING = (date: string) => `---\ndate: ${date}\n---\n`;

export const rule: Rule = {
  id: 'minute-number',
  severity: 'error / warning',
  summary:
    'A minute number used twice (error); a gap, or a restart under continuous numbering, or a first number out of step with the previous minutes (warning). Per-year numbering restarts in the first meeting of each municipal year; a change of practice from a date starts afresh.',
  check(ctx, report) {
    const settings = ctx.rec.settings;
    // The numbers in use in the current run: across meetings (continuous), the municipal year (per-year), or none.
    let seen = new Map<number, string>();
    let previous: { id: string; last: number; run: string; period: string } | undefined;
    for (const entry of withItems(ctx.rec.meetings)) {
      const file = entry.minutes!.file.display;
      const n0 = numberingOn(settings, entry.date);
      const name = (n: number) => formatMinute(n0.label, n);
      // The run the minutes belong to: one period of practice, and for per-year numbering one municipal year.
      const run =
        n0.mode === 'per-meeting'
          ? `${n0.period}:${entry.id}`
          : n0.mode === 'per-year'
            ? `${n0.period}:${n0.year}`
            : n0.period;
      const sameRun = previous?.run === run;
      const samePeriod = previous?.period === n0.period;
      if (!sameRun) seen = new Map();
      const local = new Map<number, boolean>();
      let last: number | undefined;
      for (const item of entry.items!) {
        const where = { file, line: item.line, column: item.column };
        const n = item.number;
        if (local.has(n) || seen.has(n)) {
          const other = local.has(n) ? 'these minutes' : `the minutes of ${seen.get(n)}`;
          report(
            where,
            `Minute ${name(n)} is already used in ${other}. Each minute has a number of its own: renumber this item.`,
            'error',
          );
        } else if (last !== undefined && n !== last + 1) {
          report(
            where,
            n < last
              ? `Minute ${name(n)} comes after minute ${name(last)}; numbers run upwards. Renumber this item ${name(last + 1)}.`
              : `Minute numbers jump from ${name(last)} to ${name(n)}. Number this item ${name(last + 1)}.`,
            'warning',
          );
        } else if (last === undefined) {
          if (n0.mode !== 'per-meeting' && sameRun && previous && n !== previous.last + 1) {
            report(
              where,
              n0.mode === 'per-year'
                ? `These minutes start at ${name(n)}, but the minutes of ${previous.id}, earlier in the same municipal year, ended at ${name(previous.last)}. With per-year numbering they start at ${name(previous.last + 1)}.`
                : `These minutes start at ${name(n)}, but the minutes of ${previous.id} ended at ${name(previous.last)}. With continuous numbering they start at ${name(previous.last + 1)}.`,
              'warning',
            );
          } else if (n0.mode === 'per-meeting' && n !== 1) {
            report(where, `With per-meeting numbering the minutes start at 1, not ${name(n)}.`, 'warning');
          } else if (n0.mode === 'per-year' && !sameRun && samePeriod && n !== 1) {
            report(
              where,
              `These are the first minutes of the municipal year starting ${n0.year}-${settings.year_starts}, so with per-year numbering they start at ${name(1)}, not ${name(n)}.`,
              'warning',
            );
          }
        }
        local.set(n, true);
        if (n0.mode !== 'per-meeting' && !seen.has(n)) seen.set(n, entry.id);
        last = last === undefined ? n : Math.max(last, n);
      }
      if (last !== undefined) previous = { id: entry.id, last, run, period: n0.period };
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
