/** csp validate FILE… (findings on the named files only, the whole record still read), its pre-commit hook, and --format md. */
import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ROOT, cli, minimalRecord, noStackTrace } from './helpers.js';

/** A record with a finding in two files: an unknown person in minutes, a broken action. */
function record(): string {
  return minimalRecord({
    'meetings/2026-01-15/meeting.md': '---\ndate: 2026-01-15\nstart: "14:00"\nstatus: held\n---\n',
    'meetings/2026-01-15/minutes.md':
      '---\nstatus: draft\nchair: cllr-chair\npresent: [cllr-chair, pc-police, dr-health, no-such-person]\n---\n## 1. Minutes\n\nRESOLVED That the minutes be confirmed.\n',
    'actions/a1.md': '---\ntitle: Do it\nowner: cllr-chair\nstatus: done\n---\n',
  });
}

type Finding = { file: string; rule: string; line: number };
const findings = (stdout: string) =>
  (JSON.parse(stdout) as { diagnostics: Finding[] }).diagnostics.map((d) => [d.file, d.rule]);

describe('csp validate FILE…', () => {
  it('without files reports the whole record', async () => {
    const r = await cli(record(), ['validate', '--format', 'json']);
    expect(findings(r.stdout)).toEqual([
      ['records/actions/a1.md', 'action-state'],
      ['records/meetings/2026-01-15/minutes.md', 'unknown-ref'],
    ]);
    expect(r.code).toBe(1);
  });

  it('with files reports only their findings, and exits on them alone', async () => {
    const dir = record();
    const one = await cli(dir, ['validate', 'records/meetings/2026-01-15/minutes.md', '--format', 'json']);
    expect(findings(one.stdout)).toEqual([['records/meetings/2026-01-15/minutes.md', 'unknown-ref']]);
    expect(one.code).toBe(1);
    const clean = await cli(dir, ['validate', 'records/members.yaml']);
    expect(clean.stdout).toBe('✓ Test CSP, records/members.yaml: no problems found.\n');
    expect(clean.code).toBe(0);
  });

  it('reads the whole record, since rules cross files: a file is judged against the others', async () => {
    // members.yaml alone is fine; the minutes that name someone not on it are not.
    const dir = record();
    const r = await cli(dir, [
      'validate',
      'records/meetings/2026-01-15/minutes.md',
      'records/members.yaml',
      '--format',
      'json',
    ]);
    expect(findings(r.stdout)).toEqual([['records/meetings/2026-01-15/minutes.md', 'unknown-ref']]);
  });

  it('takes folders, and paths from another working directory', async () => {
    const dir = record();
    const folder = await cli(dir, ['validate', 'records/actions', '--format', 'json']);
    expect(findings(folder.stdout)).toEqual([['records/actions/a1.md', 'action-state']]);
    const fromInside = await cli(path.join(dir, 'records', 'meetings'), [
      'validate',
      '2026-01-15/minutes.md',
      '--format',
      'json',
    ]);
    expect((JSON.parse(fromInside.stdout) as { diagnostics: Finding[] }).diagnostics.map((d) => d.rule)).toEqual([
      'unknown-ref',
    ]);
  });

  it('refuses a file outside the record (exit 2, no stack trace)', async () => {
    const r = await cli(record(), ['validate', 'README.md', 'records/members.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'csp: README.md is not in the record (records/). Name files of the record, or none to check it all.\n',
    );
    expect(noStackTrace(r)).toBe(true);
  });

  it('--format md: the counts, then a table of findings, with the text of the record escaped', async () => {
    const dir = minimalRecord({ 'actions/a1.md': '---\ntitle: Do it\nowner: cllr-chair\nstatus: done\n---\n' });
    const r = await cli(dir, ['validate', '--format', 'md']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^## Test CSP: the record check\n\n❌ 1 error, 0 warnings in 1 file: the check fails\.\n\n\| \| file \| line \| rule \| finding \|\n\| --- \| --- \| ---: \| --- \| --- \|\n\| ❌ error \| records\/actions\/a1\.md \| \d+ \| `action-state` \| .+ \|\n\n$/,
    );
    const clean = await cli(minimalRecord(), ['validate', '--format', 'md']);
    expect(clean.stdout).toBe('## Test CSP: the record check\n\n✅ No problems found.\n\n');
  });
});

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parse(readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as {
    id: string;
    entry: string;
    language: string;
    files: string;
    types_or: string[];
    require_serial: boolean;
  }[];

  it('offers csp-validate, a node hook run once over the record files being committed', () => {
    expect(hooks.map((h) => [h.id, h.entry, h.language, h.require_serial])).toEqual([
      ['csp-validate', 'csp validate', 'node', true],
    ]);
  });

  it('run as pre-commit runs it on a commit, reports the findings of the staged files only', async () => {
    const dir = record();
    const g = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=C', '-c', 'user.email=c@example.org', ...args], { cwd: dir }).toString();
    g('init', '-q', '-b', 'main');
    g('add', '-A');
    const staged = g('diff', '--cached', '--name-only')
      .split('\n')
      .filter((f) => f !== '');
    // pre-commit passes the staged files that match `files`, and are markdown or YAML.
    const hook = hooks[0];
    const passed = staged.filter((f) => new RegExp(hook!.files).test(f) && /\.(md|ya?ml)$/.test(f));
    const minutesOnly = passed.filter((f) => f.includes('minutes'));
    const [command, ...args] = hook!.entry.split(' ');
    expect(command).toBe('csp');
    const r = await cli(dir, [...args, ...minutesOnly, '--format', 'json']);
    expect(findings(r.stdout)).toEqual([['records/meetings/2026-01-15/minutes.md', 'unknown-ref']]);
    expect(r.code).toBe(1);
    expect((await cli(dir, [...args, ...passed])).code).toBe(1);
  });
});
