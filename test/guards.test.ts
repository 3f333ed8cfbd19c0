/** Guards that keep the record true: refusals in the commands, warnings from validate (in-process and the built binary). */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, csp, minimalRecord, snapshot } from './helpers.js';

/** The same arguments in-process and through the built binary: same exit code and output. */
async function both(cwd: string, args: string[]) {
  const a = await cli(cwd, args);
  return { a, run: () => csp(cwd, args) };
}

const HELD = (date: string, extra = '') => `---\ndate: ${date}\nstatus: held\n${extra}---\n`;
const WRITTEN_UP =
  '---\nstatus: draft\nchair: cllr-chair\npresent: [cllr-chair, pc-police, dr-health]\n---\n## 1. Community safety plan\n\nThe manager presented the plan.\n\nRESOLVED that the plan be noted.\n';

/** A record with draft minutes of 8 October 2026 and a meeting on 10 December 2026 to confirm them. */
function record(extra: Record<string, string> = {}): string {
  return minimalRecord({
    'meetings/2026-10-08/meeting.md': HELD('2026-10-08'),
    'meetings/2026-10-08/minutes.md': WRITTEN_UP,
    'meetings/2026-12-10/meeting.md': '---\ndate: 2026-12-10\nstatus: scheduled\n---\n',
    ...extra,
  });
}

const json = async (dir: string, asOf: string) =>
  JSON.parse((await cli(dir, ['validate', '--format', 'json', '--as-of', asOf])).stdout) as {
    diagnostics: { file: string; line: number; severity: string; rule: string; message: string }[];
  };

describe('csp minutes approve refuses what would make the record untrue', () => {
  it('at a meeting not yet held (after --as-of): exit 2, nothing changed; on the day it is approved', async () => {
    const dir = record();
    const before = snapshot(dir);
    const args = ['minutes', 'approve', '2026-10-08', '--at', '2026-12-10', '--as-of', '2026-11-22'];
    const { a, run } = await both(dir, args);
    expect(a.code).toBe(2);
    expect(a.stderr).toBe(
      'csp: The meeting 2026-12-10 has not been held yet: it is on Thursday 10 December 2026 and today is Sunday 22 November 2026. Minutes are approved at a meeting that has taken place: run this at or after that meeting.\n',
    );
    const b = run();
    expect([b.code, b.stderr]).toEqual([a.code, a.stderr]);
    expect(snapshot(dir)).toEqual(before);
    const ok = await cli(dir, ['minutes', 'approve', '2026-10-08', '--at', '2026-12-10', '--as-of', '2026-12-10']);
    expect(ok.code).toBe(0);
    expect(readFileSync(path.join(dir, 'records/meetings/2026-10-08/minutes.md'), 'utf8')).toContain(
      'status: approved\napproved: { meeting: 2026-12-10 }\n',
    );
  });

  it('at a meeting that is not quorate on its apologies: exit 1, nothing changed', async () => {
    const dir = record({
      'meetings/2026-12-10/meeting.md':
        '---\ndate: 2026-12-10\nstatus: scheduled\napologies:\n  - { member: dr-health }\n---\n',
    });
    const before = snapshot(dir);
    const { a, run } = await both(dir, [
      'minutes',
      'approve',
      '2026-10-08',
      '--at',
      '2026-12-10',
      '--as-of',
      '2026-12-10',
    ]);
    expect(a.code).toBe(1);
    expect(a.stderr).toContain(
      'The meeting 2026-12-10 was not quorate (missing: health, on the apologies received), so it cannot confirm minutes; nothing was changed.',
    );
    expect(run().code).toBe(1);
    expect(snapshot(dir)).toEqual(before);
  });

  it('at a meeting whose minutes show it was not quorate: exit 1', async () => {
    const dir = record({
      'meetings/2026-12-10/minutes.md':
        '---\nstatus: draft\nchair: cllr-chair\npresent: [cllr-chair, pc-police]\n---\n## 2. Apologies\n\nDr Hana Health.\n',
    });
    const r = await cli(dir, ['minutes', 'approve', '2026-10-08', '--at', '2026-12-10', '--as-of', '2026-12-11']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('(missing: health, by its minutes)');
  });

  it('while what minutes new drafted is still there: each placeholder is shown and the minutes stay a draft', async () => {
    const dir = minimalRecord({
      'meetings/2026-10-08/meeting.md': HELD('2026-10-08', 'items:\n  - { title: Community safety plan }\n'),
      'meetings/2026-12-10/meeting.md': HELD('2026-12-10'),
    });
    expect((await cli(dir, ['minutes', 'new', '2026-10-08', '--as-of', '2026-10-08'])).code).toBe(0);
    const file = path.join(dir, 'records/meetings/2026-10-08/minutes.md');
    const drafted = readFileSync(file, 'utf8');
    const args = ['minutes', 'approve', '2026-10-08', '--at', '2026-12-10', '--as-of', '2026-12-10'];
    const { a, run } = await both(dir, args);
    expect(a.code).toBe(1);
    expect(a.stderr).toMatch(
      /minutes\.md:5:1 {2}warning {2}The present list is still the one drafted .* placeholder\n/,
    );
    expect(a.stderr).toMatch(
      /minutes\.md:\d+:1 {2}warning {2}Minute 7 \(Community safety plan\) still has only the decision drafted for it.* placeholder\n/,
    );
    expect(a.stderr).toContain('still hold what csp minutes new drafted for you to replace (2 placeholders above)');
    expect(run().code).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe(drafted);
    // Pruned, the note deleted and the item written up: approved.
    writeFileSync(
      file,
      drafted
        .replace(/^present: +#.*$/m, 'present:')
        .replace(
          'RESOLVED\n\n- That the report be noted.',
          'The plan was presented.\n\nRESOLVED\n\n- That the report be noted.',
        ),
    );
    expect((await cli(dir, args)).code).toBe(0);
  });
});

describe('validate warns about minutes that cannot be true yet', () => {
  it('minutes of a meeting not yet held: minutes new warns, validate has a future-minutes warning', async () => {
    const dir = record();
    const r = await cli(dir, ['minutes', 'new', '2026-12-10', '--as-of', '2026-11-22']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      'csp: warning: the meeting of 2026-12-10 has not been held yet (it is on Thursday 10 December 2026; today is Sunday 22 November 2026).',
    );
    const v = (await json(dir, '2026-11-22')).diagnostics.filter((d) => d.rule === 'future-minutes');
    expect(v.map((d) => [d.file, d.line, d.severity])).toEqual([
      ['records/meetings/2026-12-10/minutes.md', 2, 'warning'],
    ]);
    // After the meeting it is no finding; --strict fails on it before.
    expect((await json(dir, '2026-12-10')).diagnostics.filter((d) => d.rule === 'future-minutes')).toEqual([]);
    expect((await cli(dir, ['validate', '--strict', '--as-of', '2026-11-22'])).code).toBe(1);
  });

  it('approved at a meeting after today is an error, and the chair among the apologies a warning', async () => {
    const dir = record({
      'meetings/2026-10-08/minutes.md': WRITTEN_UP.replace(
        'status: draft\n',
        'status: approved\napproved: { meeting: 2026-12-10 }\n',
      ).replace(
        'present: [cllr-chair, pc-police, dr-health]',
        'present: [pc-police, dr-health]\napologies:\n  - { member: cllr-chair }',
      ),
    });
    const r = await cli(dir, ['validate', '--as-of', '2026-11-22']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'records/meetings/2026-10-08/minutes.md:3:22  error  The minutes are recorded as approved at the meeting of Thursday 10 December 2026, which has not been held yet',
    );
    expect(r.stdout).toContain(
      'records/meetings/2026-10-08/minutes.md:4:8  warning  The chair, Cllr Ada Chair, is also listed as sending apologies.',
    );
    expect((await cli(dir, ['validate', '--as-of', '2026-12-10'])).stdout).not.toContain('approval');
  });
});

describe('csp new-meeting on a day that is not a working day', () => {
  it.each([
    ['2026-12-12', '12 December 2026, a Saturday'],
    ['2026-12-13', '13 December 2026, a Sunday'],
    ['2026-12-28', 'Monday 28 December 2026, a bank holiday'],
  ])('%s: created, with a warning, and validate warns too', async (date, why) => {
    const dir = minimalRecord();
    const r = await cli(dir, ['new-meeting', '--date', date, '--as-of', '2026-11-22']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Created records/meetings/${date}/meeting.md`);
    expect(r.stderr).toContain(`csp: warning: the meeting is on ${why}. Check the date:`);
    const spawned = csp(dir, ['validate', '--format', 'json', '--as-of', '2026-11-22']);
    const found = (JSON.parse(spawned.stdout) as { diagnostics: { rule: string; message: string }[] }).diagnostics;
    expect(found.filter((d) => d.rule === 'meeting-day').map((d) => d.message)).toEqual([
      `The meeting is on ${why}. Check the date: meetings are normally held on working days.`,
    ]);
  });
  it('on a working day: no warning', async () => {
    const dir = minimalRecord();
    const r = await cli(dir, ['new-meeting', '--date', '2026-12-29', '--as-of', '2026-11-22']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});
