import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { rulesReference } from '../src/rules/reference.js';
import { RULES } from '../src/rules/index.js';
import { BIN, ROOT, cli, tempDir } from './helpers.js';
import { RULE_IDS } from '../src/core/diagnostic.js';

describe('README', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  it('carries the rules reference generated from the rule definitions (npm run docs)', () => {
    const section = /<!-- rules:start -->\n([\s\S]*?)<!-- rules:end -->/.exec(readme)?.[1];
    expect(section).toBe(rulesReference());
  });
  it('documents every rule id', () => {
    const ids = RULES.map((r) => r.id);
    for (const id of [
      'yaml-syntax',
      'schema',
      'layout',
      'date',
      'unknown-ref',
      'membership',
      'substitute',
      'minute-number',
      'heading',
      'action-sync',
      'outcome',
      'notice',
      'frequency',
      'quorum',
      'action-state',
      'approved-changed',
    ]) {
      expect(ids).toContain(id);
    }
  });
  it('has one rule for every rule id a finding may carry (the RuleId type), in the documented order', () => {
    expect(RULES.map((r) => r.id)).toEqual([...RULE_IDS]);
  });
  it('shows the two-command quick start', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
  });
});

/** The fenced block of the README's "A quarter in the clerk's life", one command a line. */
function quarterBlock(readme: string): string[] {
  const block = /### A quarter in the clerk's life\n[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(block).toBeDefined();
  return (block ?? '').split('\n').filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
}

/** The words bash makes of each csp line (after `csp`), from one run of bash. */
function shellWords(lines: string[]): string[][] {
  const script = lines.map((l) => `printf '%s\\0' ${l.replace(/^csp\s+/, '')}\nprintf '\\1'`).join('\n');
  const r = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  return r.stdout
    .split('\u0001')
    .slice(0, -1)
    .map((s) => s.split('\0').slice(0, -1));
}

describe("README: a quarter in the clerk's life", () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

  it('runs as written on a copy of the bundled record, each exit code as its comment says, and leaves it valid', async () => {
    const lines = quarterBlock(readme);
    expect(lines.length).toBeGreaterThan(20);
    const dir = tempDir('csp-quarter-');
    cpSync(path.join(ROOT, 'records'), path.join(dir, 'records'), { recursive: true });
    const git = {
      GIT_AUTHOR_NAME: 'Committee Clerk',
      GIT_AUTHOR_EMAIL: 'clerk@example.gov.uk',
      GIT_COMMITTER_NAME: 'Committee Clerk',
      GIT_COMMITTER_EMAIL: 'clerk@example.gov.uk',
    };
    const cache = tempDir('csp-cache-');
    // `csp` on the PATH is the built CLI, as after npm install: the lines that are not csp (git, perl), and any csp
    // line using more of the shell than words and quotes, run in bash; the final check runs there too.
    const bin = tempDir('csp-bin-');
    writeFileSync(path.join(bin, 'csp'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    chmodSync(path.join(bin, 'csp'), 0o755);
    const env = {
      ...process.env,
      ...git,
      PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
      NO_COLOR: '1',
      CSP_RECORDS: '',
      CSP_CACHE_DIR: cache,
    };
    const bash = (line: string) => spawnSync('bash', ['-c', line], { cwd: dir, env, encoding: 'utf8' });
    // The other csp lines run in this process, with the words bash makes of them (quotes and comments as a shell reads them).
    const simple = (line: string) => /^csp\s/.test(line) && !/[|&;<>$`\\()]/.test(line.split(' #')[0]!);
    const words = shellWords(lines.filter(simple));
    const ran: { line: string; code: number | null }[] = [];
    let last = { stdout: '', stderr: '' };
    for (const line of lines) {
      const r = simple(line)
        ? await cli(dir, words.shift()!, { env: { ...git, PATH: process.env.PATH, CSP_CACHE_DIR: cache } })
        : bash(line);
      const code = 'code' in r ? r.code : r.status;
      const expected = Number(/# exit (\d)\b/.exec(line)?.[1] ?? 0);
      // Every command says what went wrong in words, never a stack trace.
      expect({ line, code, trace: /\n\s+at .+:\d+:\d+/.test(r.stderr) }).toEqual({
        line,
        code: expected,
        trace: false,
      });
      ran.push({ line, code });
      last = { stdout: r.stdout, stderr: r.stderr };
    }
    expect(words).toEqual([]);
    // The final check again, as the clerk types it: the built csp on the PATH says the same.
    const typed = bash(ran.at(-1)!.line);
    expect({ code: typed.status, stdout: typed.stdout, stderr: typed.stderr }).toEqual({ code: 0, ...last });
    // The block ends with validate, and the record is clean.
    expect(ran.at(-1)?.line).toMatch(/^csp validate /);
    expect(last).toEqual({ stdout: '✓ Example CSP: no problems found.\n', stderr: '' });
    // What the block did is in the record: the action closed with its note as written, the minutes approved.
    expect(readFileSync(path.join(dir, 'records/actions/2026-01-15-256-1.md'), 'utf8')).toContain(
      '  - date: 2027-01-20\n    by: yusuf-demir\n    status: done\n    from: open\n    note: Three centres opened\n',
    );
    expect(readFileSync(path.join(dir, 'records/meetings/2026-12-10/minutes.md'), 'utf8')).toMatch(
      /^---\nstatus: approved\napproved: \{ meeting: 2027-03-11 \}/,
    );
    expect(existsSync(path.join(dir, 'minutes-2026-12-10.html'))).toBe(true);
    expect(existsSync(path.join(dir, 'records/actions/2026-12-10-306-1.md'))).toBe(true);
  }, 120_000);
});
