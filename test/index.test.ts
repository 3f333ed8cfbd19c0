/**
 * The record index (src/load/file-index.ts): a warm run trusts a file whose stat is
 * unchanged and reads any other again; never a stale reading, whatever happens to the
 * files or to the index itself.
 */
import { beforeAll, describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { cli, copyBundled, csp, cspAsync, minimalRecord, tempDir, writeFiles } from './helpers.js';
import { loadRecord } from '../src/load/load.js';
import { editWithinOneSecond, settle, wholeSecondMount } from './support/coarse-fs.js';
import { sameStamp, settled } from '../src/load/file-index.js';
import { RACY_MS } from '../src/workspace/trust.js';

const AS_OF = ['--as-of', '2026-11-22'];
const JSON_ARGS = ['validate', '--format', 'json', ...AS_OF];

const action = (owner: string) => `---\ntitle: Book the venue\nowner: ${owner}\nstatus: open\n---\n`;

/** The findings of a run as [file, line, column, rule]. */
function places(stdout: string): [string, number, number, string][] {
  const report = JSON.parse(stdout) as { diagnostics: { file: string; line: number; column: number; rule: string }[] };
  return report.diagnostics.map((d) => [d.file, d.line, d.column, d.rule]);
}

/** How many files a run trusted from the index without reading them, and of how many (CSP_DEBUG). */
function trusted(stderr: string): [number, number] {
  const m = /index: (\d+) of (\d+) files trusted unread/.exec(stderr);
  if (!m) throw new Error(`no index line in:\n${stderr}`);
  return [Number(m[1]), Number(m[2])];
}

/**
 * A run in this process with the index in the environment's cache folder: the same index
 * code as the built binary's (whose own index the first test checks, spawned), without a
 * process start for every run.
 */
const run = (dir: string, args: string[], env: Record<string, string>) => cli(dir, args, { env });

describe('the record index', () => {
  // The records the first tests start from, made together and settled with one wait of the
  // racy window, not one wait a test: each test then starts from files the index may trust.
  const start = {
    bundled: copyBundled(),
    edited: minimalRecord({ 'actions/book-venue.md': action('clerk'), 'actions/other.md': action('clerk') }),
    replaced: minimalRecord({ 'actions/book-venue.md': action('clerk') }),
    inPlace: minimalRecord({ 'actions/book-venue.md': action('clerk') }),
    recreated: minimalRecord({ 'actions/book-venue.md': action('clerk') }),
  };
  beforeAll(settle);

  it('a warm run reads no unchanged file and gives byte-identical output', async () => {
    const dir = start.bundled;
    const cache = tempDir('csp-cache-');
    const env = { CSP_CACHE_DIR: cache, CSP_DEBUG: '1' };
    const cold = csp(dir, JSON_ARGS, env);
    expect(trusted(cold.stderr)[0]).toBe(0);
    const warm = csp(dir, JSON_ARGS, env);
    const [unread, all] = trusted(warm.stderr);
    expect(all).toBeGreaterThan(40);
    expect(unread).toBe(all);
    expect(warm.stdout).toBe(cold.stdout);
    expect(warm.code).toBe(cold.code);
    // Nothing changed, so those were the last check's findings; without them, the index alone reads no file either.
    expect(warm.stderr).toMatch(/^findings: those of the last check/m);
    const [folder] = readdirSync(cache);
    rmSync(path.join(cache, folder!, 'findings'));
    const indexOnly = csp(dir, JSON_ARGS, env);
    expect(indexOnly.stderr).not.toMatch(/^findings:/m);
    expect(trusted(indexOnly.stderr)).toEqual([all, all]);
    expect(indexOnly.stdout).toBe(cold.stdout);
    // Compact storage: a binary index and packs of readings, not one JSON document (and the findings kept beside it).
    const names = readdirSync(path.join(cache, folder!)).sort();
    expect(names[0]).toBe('findings');
    expect(names[1]).toBe('index');
    expect(names.slice(2).every((n) => /^pack-[a-z0-9-]+$/.test(n))).toBe(true);
    expect(
      readFileSync(path.join(cache, folder!, 'index'))
        .subarray(0, 8)
        .toString('latin1'),
    ).toBe('CSPINDEX');
    // The same for every other command, and with the index turned off.
    const start1 = await run(dir, ['start', ...AS_OF], { CSP_CACHE_DIR: cache });
    const start2 = await run(dir, ['start', ...AS_OF], { CSP_NO_CACHE: '1' });
    expect(start1.stdout).toBe(start2.stdout);
  });

  it('an edited file is read again; the others are not', async () => {
    const dir = start.edited;
    const cache = tempDir('csp-cache-');
    expect((await run(dir, JSON_ARGS, { CSP_CACHE_DIR: cache })).code).toBe(0);
    writeFileSync(path.join(dir, 'records/actions/book-venue.md'), action('nobody'));
    const r = await run(dir, JSON_ARGS, { CSP_CACHE_DIR: cache, CSP_DEBUG: '1' });
    expect(places(r.stdout)).toEqual([['records/actions/book-venue.md', 3, 8, 'unknown-ref']]);
    expect(r.code).toBe(1);
    const [unread, all] = trusted(r.stderr);
    expect(unread).toBe(all - 1);
  });

  it('a file replaced by another of the same size and mtime (a new inode) is read again', async () => {
    const dir = start.replaced;
    const cache = tempDir('csp-cache-');
    const file = path.join(dir, 'records/actions/book-venue.md');
    expect((await run(dir, JSON_ARGS, { CSP_CACHE_DIR: cache })).code).toBe(0);
    const before = statSync(file);
    // Same length ("clerk" → "nobod"), the old times put back, then renamed over the file.
    const tmp = `${file}.new`;
    writeFileSync(tmp, action('nobod'));
    execFileSync('touch', ['-r', file, tmp]); // the times to the nanosecond
    renameSync(tmp, file);
    const after = statSync(file);
    expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs]);
    expect(after.ino).not.toBe(before.ino);
    const r = await run(dir, JSON_ARGS, { CSP_CACHE_DIR: cache });
    expect(places(r.stdout)).toEqual([['records/actions/book-venue.md', 3, 8, 'unknown-ref']]);
  });

  it('a file edited in place with its old size and mtime put back (same inode) is read again', async () => {
    const dir = start.inPlace;
    const cache = tempDir('csp-cache-');
    const file = path.join(dir, 'records/actions/book-venue.md');
    expect((await run(dir, JSON_ARGS, { CSP_CACHE_DIR: cache })).code).toBe(0);
    const ref = path.join(dir, 'times');
    writeFileSync(ref, '');
    execFileSync('touch', ['-r', file, ref]);
    const before = statSync(file);
    const fd = openSync(file, 'r+');
    writeSync(fd, action('nobod'), 0, 'utf8');
    closeSync(fd);
    execFileSync('touch', ['-r', ref, file]);
    const after = statSync(file);
    expect([after.size, after.mtimeMs, after.ino]).toEqual([before.size, before.mtimeMs, before.ino]);
    const r = await run(dir, JSON_ARGS, { CSP_CACHE_DIR: cache });
    expect(places(r.stdout)).toEqual([['records/actions/book-venue.md', 3, 8, 'unknown-ref']]);
  });

  it('a deleted and re-created file is read again, even with its old size and mtime', async () => {
    const dir = start.recreated;
    const cache = tempDir('csp-cache-');
    const file = path.join(dir, 'records/actions/book-venue.md');
    expect((await run(dir, JSON_ARGS, { CSP_CACHE_DIR: cache })).code).toBe(0);
    const ref = path.join(dir, 'times');
    writeFileSync(ref, '');
    execFileSync('touch', ['-r', file, ref]);
    rmSync(file);
    const gone = await run(dir, JSON_ARGS, { CSP_CACHE_DIR: cache });
    expect(JSON.parse(gone.stdout)).toEqual({ ok: true, errors: 0, warnings: 0, diagnostics: [] });
    writeFileSync(file, action('nobod'));
    execFileSync('touch', ['-r', ref, file]);
    expect(statSync(file).mtimeMs).toBe(statSync(ref).mtimeMs);
    const back = await run(dir, JSON_ARGS, { CSP_CACHE_DIR: cache });
    expect(places(back.stdout)).toEqual([['records/actions/book-venue.md', 3, 8, 'unknown-ref']]);
  });

  it('two runs at once both give the right answer and leave an index a third run can use', async () => {
    const dir = copyBundled();
    const cache = tempDir('csp-cache-');
    const expected = csp(dir, JSON_ARGS, { CSP_NO_CACHE: '1' });
    const runs = await Promise.all([
      cspAsync(dir, JSON_ARGS, { CSP_CACHE_DIR: cache }),
      cspAsync(dir, JSON_ARGS, { CSP_CACHE_DIR: cache }),
      cspAsync(dir, ['start', ...AS_OF], { CSP_CACHE_DIR: cache }),
    ]);
    expect(runs[0].stdout).toBe(expected.stdout);
    expect(runs[1].stdout).toBe(expected.stdout);
    settle();
    // Two more at once, now warm (and one of them rewriting the index after the settle).
    const again = await Promise.all([
      cspAsync(dir, JSON_ARGS, { CSP_CACHE_DIR: cache }),
      cspAsync(dir, JSON_ARGS, { CSP_CACHE_DIR: cache }),
    ]);
    for (const r of again) expect(r.stdout).toBe(expected.stdout);
    const third = csp(dir, JSON_ARGS, { CSP_CACHE_DIR: cache, CSP_DEBUG: '1' });
    expect(third.stdout).toBe(expected.stdout);
    const [unread, all] = trusted(third.stderr);
    expect(unread).toBe(all);
    // No temporary file is left behind.
    const [folder] = readdirSync(cache);
    expect(readdirSync(path.join(cache, folder!)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  describe('a damaged index is ignored (and replaced)', () => {
    const dir = copyBundled();
    // A finding to keep an eye on, in a file every damage below may touch.
    writeFiles(path.join(dir, 'records'), { 'actions/book-venue.md': action('nobody') });
    let expected: { stdout: string; stderr: string };
    beforeAll(async () => {
      expected = await run(dir, JSON_ARGS, { CSP_NO_CACHE: '1' });
      expect(places(expected.stdout)).toContainEqual(['records/actions/book-venue.md', 3, 8, 'unknown-ref']);
    });
    /** A cache filled by one run: its index file and its packs. */
    const fresh = async (cache: string) => {
      expect((await run(dir, JSON_ARGS, { CSP_CACHE_DIR: cache })).stdout).toBe(expected.stdout);
      const folder = path.join(cache, readdirSync(cache)[0]!);
      const packs = readdirSync(folder).filter((n) => n.startsWith('pack-'));
      return { index: path.join(folder, 'index'), packs: packs.map((p) => path.join(folder, p)) };
    };
    const flip = (file: string, at: number) => {
      const fd = openSync(file, 'r+');
      const b = Buffer.alloc(1);
      b[0] = readFileSync(file)[at]! ^ 0x5a;
      writeSync(fd, b, 0, 1, at);
      closeSync(fd);
    };
    const damages: [string, (cache: string) => Promise<void>][] = [
      [
        'garbage',
        async (c) => {
          writeFileSync((await fresh(c)).index, '{ not an index');
        },
      ],
      [
        'a flipped byte in the table',
        async (c) => {
          flip((await fresh(c)).index, 200);
        },
      ],
      [
        'a flipped byte in the header',
        async (c) => {
          flip((await fresh(c)).index, 13);
        },
      ],
      [
        'a truncated index',
        async (c) => {
          truncateSync((await fresh(c)).index, 100);
        },
      ],
      [
        'a flipped byte in every pack',
        async (c) => {
          for (const p of (await fresh(c)).packs) flip(p, Math.floor(statSync(p).size / 2));
        },
      ],
      [
        'truncated packs',
        async (c) => {
          for (const p of (await fresh(c)).packs) truncateSync(p, Math.floor(statSync(p).size / 3));
        },
      ],
      [
        'missing packs',
        async (c) => {
          for (const p of (await fresh(c)).packs) rmSync(p);
        },
      ],
    ];
    for (const [what, damage] of damages) {
      it(what, async () => {
        const cache = tempDir('csp-cache-');
        await damage(cache);
        const r = await run(dir, JSON_ARGS, { CSP_CACHE_DIR: cache });
        expect(r.stdout).toBe(expected.stdout);
        expect(r.stderr).toBe(expected.stderr);
        // The run after is right too (the damage was replaced or is ignored again).
        expect((await run(dir, JSON_ARGS, { CSP_CACHE_DIR: cache })).stdout).toBe(expected.stdout);
      });
    }
  });

  it('CSP_NO_CACHE=1 writes nothing, and a cache folder inside the record is never used', async () => {
    const dir = minimalRecord();
    const cache = path.join(tempDir('csp-cache-'), 'inner');
    await run(dir, JSON_ARGS, { CSP_CACHE_DIR: cache, CSP_NO_CACHE: '1' });
    expect(existsSync(cache)).toBe(false);
    const inside = path.join(dir, 'records', 'cache');
    const r = await run(dir, JSON_ARGS, { CSP_CACHE_DIR: inside });
    expect(JSON.parse(r.stdout)).toEqual({ ok: true, errors: 0, warnings: 0, diagnostics: [] });
    expect(existsSync(inside)).toBe(false);
  });
});

describe('the racily clean rule', () => {
  it('trusts a stat only when the file last changed well before it was checked', () => {
    const row = { size: 10, mtimeMs: 1_000_000, ctimeMs: 1_000_000, ino: 7, verifiedAt: 1_000_000 + RACY_MS + 1 };
    expect(settled(row)).toBe(true);
    expect(
      sameStamp({ ...row, path: 'a', digest: '' }, { size: 10, mtimeMs: 1_000_000, ctimeMs: 1_000_000, ino: 7 }),
    ).toBe(true);
    // Changed in the same tick as the check (or within a coarse file system's granularity): never trusted on its stat.
    expect(settled({ ...row, verifiedAt: 1_000_000 + 500 })).toBe(false);
    expect(settled({ ...row, ctimeMs: row.verifiedAt - 10 })).toBe(false);
    // A time in the future (a clock set wrong) is never settled either.
    expect(settled({ ...row, mtimeMs: row.verifiedAt + 60_000 })).toBe(false);
    for (const change of [{ size: 11 }, { mtimeMs: 1_000_001 }, { ctimeMs: 999_999 }, { ino: 8 }]) {
      expect(
        sameStamp({ ...row, path: 'a', digest: '' }, { size: 10, mtimeMs: 1e6, ctimeMs: 1e6, ino: 7, ...change }),
      ).toBe(false);
    }
  });

  describe('on a file system that keeps whole seconds', () => {
    const { record } = wholeSecondMount();

    it('an edit within the same second, same size and inode, is still read again', () => {
      const { root, env, file } = record();
      const owner = () => loadRecord(root, 'records', { env }).actionsById.get('book-venue')?.action.data.owner;
      const proved = editWithinOneSecond(
        file,
        action('clerk'),
        action('nobod'),
        () => expect(owner()).toBe('clerk'),
        () => expect(owner()).toBe('nobod'),
      );
      expect(proved).toBe(true);
    });
  });
});
