/**
 * The findings of the last check (src/load/findings-memo.ts): given again only while nothing
 * they depend on has changed, and every change of that (a file's bytes, even within the same
 * second; a file added or removed; a paper; a linked file outside the meetings; the day; how
 * paths are shown; a damaged memo) is a full check that finds what a check without the index
 * finds.
 */
import { beforeAll, describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { checkRecord } from '../src/rules/check-record.js';
import { cli, copyBundled, csp, tempDir, writeFiles } from './helpers.js';
import { editWithinOneSecond, settle, wholeSecondMount } from './support/coarse-fs.js';

const AS_OF = ['--as-of', '2026-11-22'];
const JSON_ARGS = ['validate', '--format', 'json', ...AS_OF];
const KEPT = /^findings: those of the last check; index: (\d+) of \1 files trusted unread$/m;

/** A copy of the bundled record with these files added. */
function copyWith(extra: Record<string, string> = {}): string {
  const dir = copyBundled();
  writeFiles(path.join(dir, 'records'), extra);
  return dir;
}

/** A record made by copyWith (and settled since), with a cache of its own, checked once (so its findings are kept). */
async function checked(dir: string): Promise<{ dir: string; env: Record<string, string>; memo: () => string }> {
  const cache = tempDir('csp-cache-');
  const env = { CSP_CACHE_DIR: cache, CSP_DEBUG: '1' };
  const first = await cli(dir, JSON_ARGS, { env });
  expect(first.stderr).not.toMatch(KEPT);
  const memo = () => path.join(cache, readdirSync(cache)[0]!, 'findings');
  return { dir, env, memo };
}

/** The same run with no index at all: what a warm run must give. */
const fresh = async (dir: string, args = JSON_ARGS, cwd = dir) =>
  (await cli(cwd, args, { env: { CSP_NO_CACHE: '1' } })).stdout;

const BOOK_IT = { 'actions/book-venue.md': '---\ntitle: Book it\nowner: nobody\nstatus: open\n---\n' };

describe('the findings of the last check', () => {
  // Every record these tests start from, made together and settled with one wait of the racy
  // window (not one wait a test), so that each first check keeps findings a warm run may trust.
  const start = {
    same: copyWith(BOOK_IT),
    edited: copyWith(),
    linked: copyWith({
      'README.md': 'About this record.\n',
      'actions/read-note.md':
        '---\ntitle: Read the note\nowner: clerk\nstatus: open\n---\nSee [the note](../README.md).\n',
    }),
    paper: copyWith(),
    otherDay: copyWith(BOOK_IT),
    damaged: copyWith(BOOK_IT),
    based: copyBundled(),
  };
  beforeAll(settle);

  it('are given again when nothing has changed, byte for byte in every format', async () => {
    const { dir, env, memo } = await checked(start.same);
    for (const format of ['json', 'text', 'github', 'md']) {
      const args = ['validate', '--format', format, ...AS_OF];
      const warm = await cli(dir, args, { env });
      expect(warm.stderr).toMatch(KEPT);
      expect(warm.stdout).toBe(await fresh(dir, args));
      expect(warm.code).toBe(1);
    }
    // Named files narrow the kept findings as they narrow a full check's.
    const named = ['validate', 'records/actions/book-venue.md', '--format', 'json', ...AS_OF];
    expect((await cli(dir, named, { env })).stdout).toBe(await fresh(dir, named));
    expect(JSON.parse(readFileSync(memo()).subarray(16).toString('utf8'))).toHaveProperty('diagnostics');
    // The built csp (another build, so another index) keeps and gives them again too.
    expect(csp(dir, JSON_ARGS, env).stderr).not.toMatch(KEPT);
    const spawned = csp(dir, JSON_ARGS, env);
    expect(spawned.stderr).toMatch(KEPT);
    expect(spawned.stdout).toBe(await fresh(dir));
  });

  it('an edited, added or removed file is a full check', async () => {
    const { dir, env } = await checked(start.edited);
    const actions = path.join(dir, 'records', 'actions');
    const [first] = readdirSync(actions).sort();
    writeFileSync(
      path.join(actions, first!),
      readFileSync(path.join(actions, first!), 'utf8').replace(/^owner: .*$/m, 'owner: nobody'),
    );
    const edited = await cli(dir, JSON_ARGS, { env });
    expect(edited.stderr).not.toMatch(KEPT);
    expect(edited.stdout).toBe(await fresh(dir));
    expect(edited.stdout).toContain('"unknown-ref"');
    writeFiles(dir, { 'records/actions/new-one.md': '---\ntitle: New\nowner: nobody-new\nstatus: open\n---\n' });
    const added = await cli(dir, JSON_ARGS, { env });
    expect(added.stderr).not.toMatch(KEPT);
    expect(added.stdout).toContain('nobody-new');
    rmSync(path.join(actions, 'new-one.md'));
    const removed = await cli(dir, JSON_ARGS, { env });
    expect(removed.stderr).not.toMatch(KEPT);
    expect(removed.stdout).toBe(await fresh(dir));
    expect(removed.stdout).not.toContain('nobody-new');
  });

  it('a linked file removed, outside any meeting folder, is a full check that finds the broken link', async () => {
    const { dir, env } = await checked(start.linked);
    const warm = await cli(dir, JSON_ARGS, { env });
    expect(warm.stderr).toMatch(KEPT);
    expect(warm.stdout).not.toContain('README.md');
    rmSync(path.join(dir, 'records', 'README.md'));
    const after = await cli(dir, JSON_ARGS, { env });
    expect(after.stderr).not.toMatch(KEPT);
    expect(after.stdout).toBe(await fresh(dir));
    expect(after.stdout).toContain('This link points to \\"README.md\\"');
  });

  it('a paper added to a meeting is a full check', async () => {
    const { dir, env } = await checked(start.paper);
    const meetings = path.join(dir, 'records', 'meetings');
    const [meeting] = readdirSync(meetings).sort();
    mkdirSync(path.join(meetings, meeting!, 'papers'), { recursive: true });
    writeFileSync(path.join(meetings, meeting!, 'papers', 'report.pdf'), '%PDF-1.4\n');
    const after = await cli(dir, JSON_ARGS, { env });
    expect(after.stderr).not.toMatch(KEPT);
    expect(after.stdout).toBe(await fresh(dir));
  });

  it('another day, or the record named from another folder, is a full check', async () => {
    const { dir, env } = await checked(start.otherDay);
    const later = ['validate', '--format', 'json', '--as-of', '2027-06-01'];
    const other = await cli(dir, later, { env });
    expect(other.stderr).not.toMatch(KEPT);
    expect(other.stdout).toBe(await fresh(dir, later));
    // From inside records/, paths are shown differently: never the findings kept for the other view.
    const inside = path.join(dir, 'records');
    const shown = await cli(inside, [...JSON_ARGS, '--records', '.'], { env });
    expect(shown.stderr).not.toMatch(KEPT);
    expect(shown.stdout).toBe(await fresh(dir, [...JSON_ARGS, '--records', '.'], inside));
    expect(shown.stdout).not.toBe(await fresh(dir));
  });

  it('a damaged or truncated memo is no memo', async () => {
    const { dir, env, memo } = await checked(start.damaged);
    const expected = await fresh(dir);
    const damage: Record<string, (file: string) => void> = {
      'a flipped byte in a finding': (file) => {
        const bytes = readFileSync(file);
        const at = bytes.indexOf('nobody');
        const fd = openSync(file, 'r+');
        writeSync(fd, Buffer.from('N'), 0, 1, at);
        closeSync(fd);
      },
      truncated: (file) => writeFileSync(file, readFileSync(file).subarray(0, 40)),
      garbage: (file) => writeFileSync(file, 'not a memo at all'),
    };
    for (const [what, harm] of Object.entries(damage)) {
      harm(memo());
      const run = await cli(dir, JSON_ARGS, { env });
      expect(run.stderr, what).not.toMatch(KEPT);
      expect(run.stdout, what).toBe(expected);
      // And the full check kept its findings again.
      expect((await cli(dir, JSON_ARGS, { env })).stderr, what).toMatch(KEPT);
    }
  });

  it('with --base, or the index turned off, the findings are never kept or given again', async () => {
    const dir = start.based;
    const cache = tempDir('csp-cache-');
    const off = { CSP_CACHE_DIR: cache, CSP_NO_CACHE: '1', CSP_DEBUG: '1' };
    await cli(dir, JSON_ARGS, { env: off });
    expect(readdirSync(cache)).toEqual([]);
    expect((await cli(dir, JSON_ARGS, { env: off })).stderr).not.toMatch(KEPT);
    // Approved minutes changed since the last commit: only --base finds it, never from findings kept without it.
    execFileSync('git', ['init', '-q', dir]);
    execFileSync('git', ['-C', dir, 'add', '.']);
    execFileSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-qm', 'record']);
    const meetings = path.join(dir, 'records', 'meetings');
    const approved = readdirSync(meetings)
      .map((m) => path.join(meetings, m, 'minutes.md'))
      .find((f) => existsSync(f) && /^status: approved/m.test(readFileSync(f, 'utf8')));
    appendFileSync(approved!, '\nA sentence added after approval.\n');
    settle();
    const on = { CSP_CACHE_DIR: cache, CSP_DEBUG: '1' };
    await cli(dir, JSON_ARGS, { env: on });
    expect((await cli(dir, JSON_ARGS, { env: on })).stderr).toMatch(KEPT);
    const based = await cli(dir, [...JSON_ARGS, '--base', 'HEAD'], { env: on });
    expect(based.stderr).not.toMatch(KEPT);
    expect(based.stdout).toContain('"approved-changed"');
    expect(based.stdout).toBe(
      (await cli(dir, [...JSON_ARGS, '--base', 'HEAD'], { env: { CSP_NO_CACHE: '1' } })).stdout,
    );
  });

  describe('on a file system that keeps whole seconds', () => {
    const { record } = wholeSecondMount();

    it('an edit within the same second as the check, same size and inode, is still found', () => {
      const { root, env, file } = record();
      let lines = '';
      const owners = () =>
        checkRecord({
          root,
          display: 'records',
          today: '2026-11-22',
          env: { ...env, CSP_DEBUG: '1' },
          trace: (line) => (lines += line),
        })
          .diagnostics.filter((d) => d.rule === 'unknown-ref' && d.file === 'records/actions/book-venue.md')
          .map((d) => d.message);
      const action = (owner: string) => `---\ntitle: Book the venue\nowner: ${owner}\nstatus: open\n---\n`;
      const proved = editWithinOneSecond(
        file,
        action('nobody-a'),
        action('nobody-b'),
        () => expect(owners().join()).toContain('nobody-a'),
        () => expect(owners().join()).toContain('nobody-b'),
      );
      expect(proved).toBe(true);
      expect(lines).not.toMatch(KEPT);
      // Settled, the next check keeps its findings, and the one after gives them again.
      settle();
      expect(owners().join()).toContain('nobody-b');
      lines = '';
      expect(owners().join()).toContain('nobody-b');
      expect(lines).toMatch(KEPT);
    });
  });
});
