/** Values checked once where they are read, and the messages of issue-reported cases in the clerk's words. */
import { describe, it, expect, vi } from 'vitest';
import { spawn } from 'node:child_process';
import { chownSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BIN, cli, copyBundled, csp, minimalRecord, noStackTrace, tempDir } from './helpers.js';
import { actionsRecord } from './actions-fixture.js';

// Several runs on the bundled record per test, some of them spawned: slow on a busy machine.
vi.setConfig({ testTimeout: 180_000 });

const json = (r: { stdout: string }) =>
  JSON.parse(r.stdout) as {
    diagnostics: { file: string; line: number; column: number; rule: string; message: string }[];
  };

function edit(dir: string, rel: string, fn: (s: string) => string): void {
  const abs = path.join(dir, 'records', rel);
  writeFileSync(abs, fn(readFileSync(abs, 'utf8')));
}

describe('impossible dates: one finding in validate, a skip or a refusal elsewhere, never an internal error', () => {
  it('an impossible due in an open action', async () => {
    const dir = copyBundled();
    edit(dir, 'actions/2026-01-15-255-1.md', (s) => s.replace(/^due: .*$/m, 'due: 2023-04-31'));
    const v = await cli(dir, ['validate', '--format', 'json', '--as-of', '2026-11-01']);
    expect(json(v).diagnostics.map((d) => [d.file, d.line, d.column, d.rule])).toEqual([
      ['records/actions/2026-01-15-255-1.md', 5, 6, 'date'],
    ]);
    for (const args of [
      ['actions', '--format', 'json'],
      ['actions', '--overdue'],
      ['actions', '--status', 'in-progress', '--format', 'csv'],
      ['agenda', '2026-12-10'],
      ['start'],
    ]) {
      const r = await cli(dir, [...args, '--as-of', '2026-11-01']);
      expect(noStackTrace(r)).toBe(true);
      expect(r.stderr).not.toMatch(/did not expect/);
      expect([0, 1]).toContain(r.code);
    }
    const list = await cli(dir, ['actions', '--format', 'json', '--as-of', '2026-11-01']);
    expect(list.stderr).toContain('1 action file could not be read and is not listed');
    expect(list.stdout).not.toContain('2026-01-15-255-1');
  });

  it('an impossible published date: agenda and minutes new refuse (exit 2) naming the place', async () => {
    const dir = copyBundled();
    edit(dir, 'meetings/2026-12-10/meeting.md', (s) =>
      s.replace(/^status: .*$/m, 'status: published\npublished: 2099-02-29'),
    );
    const v = await cli(dir, ['validate', '--format', 'json', '--as-of', '2026-11-01']);
    expect(v.code).toBe(1);
    expect(json(v).diagnostics.map((d) => [d.file, d.line, d.column, d.rule])).toEqual([
      ['records/meetings/2026-12-10/meeting.md', 8, 12, 'date'],
    ]);
    for (const args of [
      ['agenda', '2026-12-10'],
      ['minutes', 'new', '2026-12-10'],
    ]) {
      const r = await cli(dir, [...args, '--as-of', '2026-11-01']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('records/meetings/2026-12-10/meeting.md:8:12: "2099-02-29" is not a real day.');
    }
    const s = await cli(dir, ['start', '--as-of', '2026-11-01']);
    expect(s.stderr).not.toMatch(/did not expect/);
  });

  it('years 0001-0099 are real days', async () => {
    const dir = actionsRecord();
    edit(dir, 'actions/no-due.md', (s) => s.replace('status: open', 'status: open\ndue: 0050-01-01'));
    const v = await cli(dir, ['validate', '--format', 'json', '--as-of', '2026-06-01']);
    expect(json(v).diagnostics.filter((d) => d.rule === 'date')).toEqual([]);
  });
});

describe('messages', () => {
  it('a %YAML directive, and .nan where text belongs', async () => {
    const dir = actionsRecord();
    edit(dir, 'actions/done-one.md', (s) => s.replace('---\n', '---\n%YAML 1.2\n'));
    edit(dir, 'actions/no-due.md', (s) => s.replace(/^title: .*$/m, 'title: .nan'));
    const d = json(await cli(dir, ['validate', '--format', 'json', '--as-of', '2026-06-01'])).diagnostics;
    expect(d.find((x) => x.file.endsWith('done-one.md'))?.message).toBe(
      'A line starting with "%" (a YAML directive such as %YAML 1.2) cannot stand in front matter. Remove it: csp reads YAML 1.2 already.',
    );
    expect(d.find((x) => x.file.endsWith('no-due.md'))?.message).toBe(
      '"title" should be text, not .nan (which YAML reads as a special number; put text in quotes).',
    );
  });

  it('csp action and csp minutes without a subcommand are usage errors (exit 2), with the help on stderr', async () => {
    for (const cmd of ['action', 'minutes']) {
      const r = await cli(tempDir(), [cmd]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`Usage: csp ${cmd}`);
    }
    expect((await cli(tempDir(), ['minutes', '--help'])).code).toBe(0);
  });

  it('a --note holding a terminal escape is refused, not stored and echoed', async () => {
    const dir = actionsRecord();
    const before = readFileSync(path.join(dir, 'records/actions/no-due.md'), 'utf8');
    const r = await cli(dir, ['action', 'update', 'no-due', '--note', 'Done \u001b[2J\u001b[31mred', '--by', 'clerk']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--note holds a control character');
    expect(r.stdout).not.toContain('\u001b');
    expect(readFileSync(path.join(dir, 'records/actions/no-due.md'), 'utf8')).toBe(before);
  });

  it('validate --base where git is not installed', () => {
    const dir = actionsRecord();
    const noGit = csp(dir, ['validate', '--base', 'main'], { PATH: tempDir() });
    expect(noGit.code).toBe(2);
    expect(noGit.stderr).toContain('git is not installed here');
  });

  it('deleted approved minutes are "deleted", not "can no longer be read"', async () => {
    const { execFileSync } = await import('node:child_process');
    const dir = actionsRecord();
    const g = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
    g('init', '-q');
    g('-c', 'user.email=t@example.org', '-c', 'user.name=T', 'add', '.');
    g('-c', 'user.email=t@example.org', '-c', 'user.name=T', 'commit', '-qm', 'record');
    rmSync(path.join(dir, 'records/meetings/2026-01-15/minutes.md'));
    const d = json(
      await cli(dir, ['validate', '--base', 'HEAD', '--format', 'json', '--as-of', '2026-06-01']),
    ).diagnostics;
    expect(d.filter((x) => x.rule === 'approved-changed').map((x) => x.message)).toEqual([
      'These minutes were approved at HEAD and have been deleted. Approved minutes are a legal record: restore them from HEAD.',
    ]);
    // A repository owned by another user: git refuses it, and csp says how to trust it.
    chownSync(dir, 65534, 65534);
    const home = tempDir();
    const r = csp(dir, ['validate', '--base', 'HEAD'], { HOME: home, XDG_CONFIG_HOME: home, GIT_CONFIG_NOSYSTEM: '1' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"dubious ownership"');
    expect(r.stderr).toContain(`git config --global --add safe.directory ${dir}`);
  });

  it('csp output piped to a reader that stops early ends quietly, without a stack trace', async () => {
    const dir = minimalRecord();
    const stderr = await new Promise<string>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'validate', '--help'], {
        cwd: dir,
        env: { ...process.env, NO_COLOR: '1' },
      });
      let err = '';
      child.stdout.destroy();
      child.stderr.on('data', (b: Buffer) => (err += b.toString()));
      child.on('close', () => resolve(err));
    });
    expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
  });
});

describe('a roster that does not load', () => {
  it('is reported first, with the unknown people it causes folded into one line', async () => {
    const dir = copyBundled();
    edit(dir, 'members.yaml', (s) => s.replace('\n  - id: rosalind-okafor', '\n\t- id: rosalind-okafor'));
    const v = await cli(dir, ['validate', '--format', 'json', '--as-of', '2026-11-01']);
    expect(v.code).toBe(1);
    const d = json(v).diagnostics;
    expect(d.map((x) => [x.file, x.rule])).toEqual([
      ['records/members.yaml', 'yaml-syntax'],
      ['records/members.yaml', 'unknown-ref'],
    ]);
    expect(d[0]!.message).toContain('Tabs are not allowed as indentation');
    expect(d[1]!.message).toMatch(
      /^members\.yaml did not load, so \d{3} mentions of people in \d+ files cannot be checked and are not listed one by one\. Correct members\.yaml first, then run csp validate again\.$/,
    );
    const text = await cli(dir, ['validate', '--as-of', '2026-11-01']);
    expect(text.stdout.split('\n')[0]).toMatch(/^records\/members\.yaml:\d+:1 +error +YAML: Tabs are not allowed/);
  });

  it('csp actions still lists the actions, saying on stderr that owners are shown by their ids (in-process and built)', async () => {
    const dir = copyBundled();
    edit(dir, 'members.yaml', (s) => s.replace('\n  - id: rosalind-okafor', '\n\t- id: rosalind-okafor'));
    for (const r of [
      await cli(dir, ['actions', '--overdue', '--as-of', '2026-11-22']),
      csp(dir, ['actions', '--overdue', '--as-of', '2026-11-22']),
    ]) {
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Overdue actions on Sunday 22 November 2026');
      expect(r.stderr).toMatch(
        /^csp: warning: members\.yaml cannot be read \(records\/members\.yaml:\d+:1: YAML: Tabs are not allowed as indentation\..*\), so owners are shown by their ids, not their names\. Correct members\.yaml; csp validate lists every problem\.\n$/,
      );
    }
    const whole = await cli(copyBundled(), ['actions', '--overdue', '--as-of', '2026-11-22']);
    expect(whole.stderr).toBe('');
  });
});
