/**
 * How findings are printed: --format github (escaped workflow commands), text (sorted,
 * with a summary), json (the documented shape), and --strict.
 */
import { describe, it, expect } from 'vitest';
import { renameSync } from 'node:fs';
import path from 'node:path';
import { cli, minimalRecord, noStackTrace } from './helpers.js';
import { formatGithub } from '../src/render/diagnostics.js';
import { goodMinutes, meetingMd } from './rules-support.js';

const AS_OF = ['--as-of', '2026-11-22'];
const M = 'meetings/2026-01-15';

/** A record with findings in three files: an action-state error, a schema error and an outcome warning. */
function mixedRecord(): string {
  return minimalRecord({
    [`${M}/meeting.md`]: meetingMd('2026-01-15'),
    [`${M}/minutes.md`]: [
      '---',
      'status: draft',
      'chair: cllr-chair',
      'present: [cllr-chair, pc-police, dr-health]',
      '---',
      '## 1. Plan',
      '',
      'RESOLVED that the plan be noted.',
      '',
      '## 2. Serious violence',
      '',
      'Discussed.',
      '',
    ].join('\n'),
    'actions/zz-last.md': '---\ntitle: Book a venue\nowner: clerk\nstatus: done\n---\n',
    'actions/aa-first.md': '---\ntitle: Book a caterer\nowner: clerk\nstatus: open\nstauts: open\n---\n',
  });
}

describe('csp validate --format', () => {
  it('text: file:line:col  severity  message  rule, sorted by file, line and column, then a summary', async () => {
    const r = await cli(mixedRecord(), ['validate', ...AS_OF]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        'records/actions/aa-first.md:5:1  error  "stauts" is not a field csp knows here. Did you mean "status"?  schema',
        'records/actions/zz-last.md:4:9  error  The action is done but has no "completed" date. Add completed: YYYY-MM-DD (csp action update sets it).  action-state',
        'records/meetings/2026-01-15/minutes.md:10:1  warning  Minute 2 (Serious violence) records no decision and no action. Every item should end in one: add a "RESOLVED" paragraph, or an [action: OWNER; due YYYY-MM-DD].  outcome',
        '',
        '✗ Test CSP: 2 errors, 1 warning.',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('');
  });

  it('text: sorts by line and then column within a file', async () => {
    const dir = minimalRecord({
      [`${M}/meeting.md`]: meetingMd('2026-01-15'),
      [`${M}/minutes.md`]: [
        '---',
        'status: draft',
        'chair: nobody',
        'present: [cllr-chair, pc-police, dr-health, ghost, ghoul]',
        '---',
        '',
      ].join('\n'),
    });
    const r = await cli(dir, ['validate', ...AS_OF]);
    expect(r.stdout.split('\n').map((l) => l.split('  ')[0])).toEqual([
      'records/meetings/2026-01-15/minutes.md:3:8',
      'records/meetings/2026-01-15/minutes.md:4:45',
      'records/meetings/2026-01-15/minutes.md:4:52',
      '',
      '✗ Test CSP: 3 errors, 0 warnings.',
      '',
    ]);
  });

  it('text: a clean record says so in one line', async () => {
    const r = await cli(minimalRecord(), ['validate', ...AS_OF]);
    expect([r.code, r.stdout]).toEqual([0, '✓ Test CSP: no problems found.\n']);
  });

  it('json: exactly the documented shape', async () => {
    const r = await cli(mixedRecord(), ['validate', '--format', 'json', ...AS_OF]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const json = JSON.parse(r.stdout) as Record<string, unknown> & { diagnostics: Record<string, unknown>[] };
    expect(Object.keys(json)).toEqual(['ok', 'errors', 'warnings', 'diagnostics']);
    expect([json.ok, json.errors, json.warnings]).toEqual([false, 2, 1]);
    for (const d of json.diagnostics)
      expect(Object.keys(d)).toEqual(['file', 'line', 'column', 'severity', 'rule', 'message']);
    expect(json.diagnostics[1]).toEqual({
      file: 'records/actions/zz-last.md',
      line: 4,
      column: 9,
      severity: 'error',
      rule: 'action-state',
      message: 'The action is done but has no "completed" date. Add completed: YYYY-MM-DD (csp action update sets it).',
    });
  });

  it('github: one workflow command per finding, on stdout; the summary on stderr', async () => {
    const r = await cli(mixedRecord(), ['validate', '--format', 'github', ...AS_OF]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        '::error file=records/actions/aa-first.md,line=5,col=1,title=schema::"stauts" is not a field csp knows here. Did you mean "status"?',
        '::error file=records/actions/zz-last.md,line=4,col=9,title=action-state::The action is done but has no "completed" date. Add completed: YYYY-MM-DD (csp action update sets it).',
        '::warning file=records/meetings/2026-01-15/minutes.md,line=10,col=1,title=outcome::Minute 2 (Serious violence) records no decision and no action. Every item should end in one: add a "RESOLVED" paragraph, or an [action: OWNER; due YYYY-MM-DD].',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('Test CSP: 2 error(s), 1 warning(s).\n');
  });

  it('github: escapes % CR LF in the message, and also : and , in properties', async () => {
    const dir = minimalRecord({
      [`${M}/meeting.md`]: meetingMd('2026-01-15'),
      // YAML turns \r\n in double quotes into a real CR LF: the message carries them.
      [`${M}/minutes.md`]: '---\nstatus: "draft,\\r\\n: 100%"\n---\n',
    });
    renameSync(path.join(dir, 'records'), path.join(dir, 'a,b:c%d'));
    const json = await cli(dir, ['validate', '--records', 'a,b:c%d', '--format', 'json', ...AS_OF]);
    expect(JSON.parse(json.stdout).diagnostics).toEqual([
      {
        file: 'a,b:c%d/meetings/2026-01-15/minutes.md',
        line: 2,
        column: 9,
        severity: 'error',
        rule: 'schema',
        message: '"draft,\r\n: 100%" is not an accepted value for "status". Use one of: draft, approved.',
      },
    ]);
    const r = await cli(dir, ['validate', '--records', 'a,b:c%d', '--format', 'github', ...AS_OF]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      '::error file=a%2Cb%3Ac%25d/meetings/2026-01-15/minutes.md,line=2,col=9,title=schema::"draft,%0D%0A: 100%25" is not an accepted value for "status". Use one of: draft, approved.\n',
    );
    // In text the line break is shown, not printed: one finding stays one line.
    const t = await cli(dir, ['validate', '--records', 'a,b:c%d', ...AS_OF]);
    expect(t.stdout.split('\n')[0]).toBe(
      'a,b:c%d/meetings/2026-01-15/minutes.md:2:9  error  "draft,\\r\\n: 100%" is not an accepted value for "status". Use one of: draft, approved.  schema',
    );
  });

  it('github: escaping follows the runner rules for every character that needs it', () => {
    const out = formatGithub([
      { file: 'x,y:z%\r\n', line: 3, column: 4, severity: 'warning', rule: 'r:1,2' as never, message: 'a%b\rc\nd:e,f' },
    ]);
    expect(out).toBe('::warning file=x%2Cy%3Az%25%0D%0A,line=3,col=4,title=r%3A1%2C2::a%25b%0Dc%0Ad:e,f\n');
  });
});

describe('csp validate --strict', () => {
  const warningsOnly = () =>
    minimalRecord({
      [`${M}/meeting.md`]: meetingMd('2026-01-15'),
      [`${M}/minutes.md`]: goodMinutes().replace('RESOLVED that the plan be noted.', 'Discussed.'),
    });

  it('warnings alone do not fail a run', async () => {
    const r = await cli(warningsOnly(), ['validate', '--format', 'json', ...AS_OF]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      ok: true,
      errors: 0,
      warnings: 1,
      diagnostics: [
        {
          file: 'records/meetings/2026-01-15/minutes.md',
          line: 6,
          column: 1,
          severity: 'warning',
          rule: 'outcome',
          message:
            'Minute 1 (Community safety plan) records no decision and no action. Every item should end in one: add a "RESOLVED" paragraph, or an [action: OWNER; due YYYY-MM-DD].',
        },
      ],
    });
  });

  it('--strict turns warnings into exit 1 (and ok: false)', async () => {
    const dir = warningsOnly();
    const r = await cli(dir, ['validate', '--strict', '--format', 'json', ...AS_OF]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, errors: 0, warnings: 1 });
    const t = await cli(dir, ['validate', '--strict', ...AS_OF]);
    expect(t.code).toBe(1);
    expect(t.stdout.split('\n').slice(-2)).toEqual(['✗ Test CSP: 0 errors, 1 warning.', '']);
    expect(noStackTrace(t)).toBe(true);
  });

  it('--strict passes a clean record', async () => {
    expect((await cli(minimalRecord(), ['validate', '--strict', ...AS_OF])).code).toBe(0);
  });
});
