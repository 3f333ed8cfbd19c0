import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli, minimalRecord, noStackTrace, snapshot } from './helpers.js';

const crlf = (s: string) => s.split('\n').join('\r\n');
const withBom = (s: string) => Buffer.from('\uFEFF' + crlf(s), 'utf8');
const JUNE = 'records/meetings/2026-06-11/minutes.md';

const APPROVED = [
  '---',
  '# Confirmed at the September meeting',
  'status: approved',
  'approved: { meeting: 2026-09-10 }',
  'chair: cllr-chair',
  'present: [cllr-chair, pc-police, dr-health]   # all three',
  '---',
  '## 1. Violence reduction',
  '',
  'RESOLVED that the summit be held on 14 May.',
  '',
].join('\n');
const SEPTEMBER = [
  '---',
  'status: draft',
  'chair: cllr-chair',
  'present: [cllr-chair, pc-police, dr-health]',
  '---',
  '## 2. Minutes of the last meeting',
  '',
  'RESOLVED that the minutes of 11 June be approved, with minute 1 corrected: the summit is on 14 March.',
  '',
].join('\n');

function record(files: Record<string, string | Buffer> = {}) {
  return minimalRecord({
    'meetings/2026-06-11/meeting.md': '---\ndate: 2026-06-11\nstatus: held\n---\n',
    'meetings/2026-06-11/minutes.md': withBom(APPROVED),
    'meetings/2026-09-10/meeting.md': '---\ndate: 2026-09-10\nstatus: held\n---\n',
    'meetings/2026-09-10/minutes.md': SEPTEMBER,
    'meetings/2026-12-10/meeting.md': '---\ndate: 2026-12-10\n---\n',
    ...files,
  });
}

const git = (dir: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=Clerk', '-c', 'user.email=clerk@example.gov.uk', ...args], {
    cwd: dir,
    stdio: 'pipe',
  });

describe('csp minutes correct', () => {
  it('adds the corrections entry and nothing else, which validate --base accepts (real git)', async () => {
    const dir = record();
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'the record');
    const r = await cli(dir, [
      'minutes',
      'correct',
      '2026-06-11',
      '--at',
      '2026-09-10',
      '--minute',
      '2',
      '--note',
      'Minute 1: the summit is on 14 March, not 14 May',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      `Recorded in ${JUNE} a correction agreed at 2026-09-10, minute 2: Minute 1: the summit is on 14 March, not 14 May\n`,
    );
    const want = APPROVED.replace(
      '# all three\n---',
      '# all three\ncorrections:\n  - { meeting: 2026-09-10, minute: 2, note: "Minute 1: the summit is on 14 March, not 14 May" }\n---',
    );
    expect(readFileSync(path.join(dir, JUNE)).equals(withBom(want))).toBe(true);
    const v = await cli(dir, ['validate', '--base', 'HEAD', '--format', 'json', '--as-of', '2026-12-01']);
    const found = JSON.parse(v.stdout) as { diagnostics: { rule: string; file: string }[] };
    expect(found.diagnostics.filter((d) => d.file === JUNE)).toEqual([]);
    // The rule does look: the same file changed by hand is an approved-changed error.
    writeFileSync(path.join(dir, JUNE), withBom(want.replace('be held on 14 May', 'be held on 14 March')));
    const hand = await cli(dir, ['validate', '--base', 'HEAD', '--format', 'json', '--as-of', '2026-12-01']);
    expect((JSON.parse(hand.stdout) as { diagnostics: { rule: string }[] }).diagnostics.map((d) => d.rule)).toContain(
      'approved-changed',
    );
  });

  it('appends to corrections already there, and says in JSON what it changed', async () => {
    const dir = record({
      'meetings/2026-06-11/minutes.md': APPROVED.replace(
        '---\n## 1.',
        'corrections:\n  - { meeting: 2026-09-10, minute: 2, note: First. }\n---\n## 1.',
      ),
    });
    const r = await cli(dir, [
      'minutes',
      'correct',
      '2026-06-11',
      '--at',
      '2026-09-10',
      '--minute',
      '2',
      '--note',
      'Second.',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      meeting: '2026-06-11',
      file: JUNE,
      created: [],
      changed: [JUNE],
      correction: { meeting: '2026-09-10', minute: 2, note: 'Second.' },
    });
    expect(readFileSync(path.join(dir, JUNE), 'utf8')).toContain(
      'corrections:\n  - { meeting: 2026-09-10, minute: 2, note: First. }\n  - { meeting: 2026-09-10, minute: 2, note: Second. }\n---',
    );
  });

  it('refuses anything but a correction of approved minutes agreed at a later meeting (exit 2), changing nothing', async () => {
    const dir = record();
    const before = snapshot(dir);
    const base = ['--note', 'N'];
    const cases: [string[], string][] = [
      [['2026-09-10', '--at', '2026-12-10', '--minute', '2', ...base], 'are a draft'],
      [['2026-06-11', '--at', '2026-06-11', '--minute', '1', ...base], 'is not after 2026-06-11'],
      [['2026-06-11', '--at', '2026-12-10', '--minute', '3', ...base], 'has no minutes yet'],
      [['2026-06-11', '--at', '2026-09-10', '--minute', '7', ...base], 'have no minute 7 (their minutes are 2–2)'],
      [['2026-06-11', '--at', '2026-09-10', '--minute', 'two', ...base], '--minute "two" is not a minute number'],
      [['2026-06-11', '--at', '2026-09-11', '--minute', '2', ...base], 'There is no meeting 2026-09-11'],
      [['2026-06-11', '--at', '2026-09-10', '--minute', '2', '--note', ' '], '--note must be a line of text'],
      [['2026-06-11', '--at', '2026-09-10', '--minute', '2'], "required option '--note <text>'"],
    ];
    for (const [args, message] of cases) {
      const r = await cli(dir, ['minutes', 'correct', ...args]);
      expect([args.join(' '), r.code]).toEqual([args.join(' '), 2]);
      expect(r.stderr).toContain(message);
      expect(noStackTrace(r)).toBe(true);
    }
    expect(snapshot(dir)).toEqual(before);
  });
});
