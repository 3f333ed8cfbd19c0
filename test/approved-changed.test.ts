import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { cli, minimalRecord, noStackTrace } from './helpers.js';

const MEETING = '---\ndate: 2026-01-15\nstart: "14:00"\nstatus: held\n---\n';
const MINUTES = [
  '---',
  'status: approved',
  'approved: { meeting: 2026-04-16 }',
  'chair: cllr-chair',
  'present: [cllr-chair, pc-police, dr-health]',
  '---',
  '## 1. Minutes',
  '',
  'RESOLVED',
  '',
  '- That the minutes be confirmed.',
  '',
].join('\n');
const LATER = '---\ndate: 2026-04-16\nstart: "14:00"\nstatus: held\n---\n';
const LATER_MINUTES =
  '---\nstatus: draft\nchair: cllr-chair\npresent: [cllr-chair, pc-police, dr-health]\n---\n## 2. Minutes\n\nRESOLVED\n\n- That the minutes of 15 January be confirmed, with a correction to minute 1.\n';

function gitRepo(): string {
  const dir = minimalRecord({
    'meetings/2026-01-15/meeting.md': MEETING,
    'meetings/2026-01-15/minutes.md': MINUTES,
    'meetings/2026-04-16/meeting.md': LATER,
    'meetings/2026-04-16/minutes.md': LATER_MINUTES,
  });
  const g = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
  g('init', '-q', '-b', 'main');
  g('-c', 'user.name=Clerk', '-c', 'user.email=clerk@example.gov.uk', 'add', '.');
  g('-c', 'user.name=Clerk', '-c', 'user.email=clerk@example.gov.uk', 'commit', '-qm', 'record');
  return dir;
}

const file = 'records/meetings/2026-01-15/minutes.md';

describe('validate --base: approved-changed', () => {
  it('passes when approved minutes are untouched', async () => {
    const dir = gitRepo();
    const r = await cli(dir, ['validate', '--base', 'HEAD', '--format', 'json']);
    expect(JSON.parse(r.stdout).diagnostics).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('reports an edit to approved minutes at the changed line', async () => {
    const dir = gitRepo();
    const abs = path.join(dir, file);
    writeFileSync(abs, readFileSync(abs, 'utf8').replace('confirmed.', 'confirmed, as amended.'));
    const r = await cli(dir, ['validate', '--base', 'HEAD', '--format', 'json']);
    const found = JSON.parse(r.stdout).diagnostics.filter((d: { rule: string }) => d.rule === 'approved-changed');
    expect(found.map((d: { file: string; line: number; column: number }) => [d.file, d.line, d.column])).toEqual([
      [file, 11, 1],
    ]);
    expect(r.code).toBe(1);
  });

  it('accepts an added correction agreed at a later meeting', async () => {
    const dir = gitRepo();
    const abs = path.join(dir, file);
    writeFileSync(
      abs,
      readFileSync(abs, 'utf8').replace(
        'chair: cllr-chair\n',
        'chair: cllr-chair\ncorrections:\n  - { meeting: 2026-04-16, minute: 2, note: Name spelt wrongly }\n',
      ),
    );
    const r = await cli(dir, ['validate', '--base', 'HEAD', '--format', 'json']);
    expect(JSON.parse(r.stdout).diagnostics).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('reports a correction plus another change', async () => {
    const dir = gitRepo();
    const abs = path.join(dir, file);
    writeFileSync(
      abs,
      readFileSync(abs, 'utf8')
        .replace(
          'chair: cllr-chair\n',
          'chair: cllr-chair\ncorrections:\n  - { meeting: 2026-04-16, minute: 2, note: x }\n',
        )
        .replace('## 1. Minutes', '## 1. Minutes of the last meeting'),
    );
    const r = await cli(dir, ['validate', '--base', 'HEAD', '--format', 'json']);
    const found = JSON.parse(r.stdout).diagnostics.filter((d: { rule: string }) => d.rule === 'approved-changed');
    expect(found.map((d: { line: number }) => d.line)).toEqual([9]);
  });

  it('reports deleted approved minutes', async () => {
    const dir = gitRepo();
    rmSync(path.join(dir, file));
    const r = await cli(dir, ['validate', '--base', 'HEAD', '--format', 'json']);
    const found = JSON.parse(r.stdout).diagnostics.filter((d: { rule: string }) => d.rule === 'approved-changed');
    expect(found.map((d: { file: string; line: number }) => [d.file, d.line])).toEqual([[file, 1]]);
  });

  it('is a usage error for an unknown revision or a record outside git', async () => {
    const dir = gitRepo();
    const r = await cli(dir, ['validate', '--base', 'no-such-branch']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not a revision');
    expect(noStackTrace(r)).toBe(true);
    const plain = minimalRecord();
    const r2 = await cli(plain, ['validate', '--base', 'HEAD']);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('not in a git repository');
  });
});
