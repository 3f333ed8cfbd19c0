/**
 * A file system that keeps whole seconds (ext4 with 128-byte inodes), for the tests of the
 * record index's rule that a file changed within the tick of its last check is read again;
 * and the wait after which files just written are no longer racily clean.
 */
import { afterAll, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { RACY_MS } from '../../src/workspace/trust.js';
import { minimalRecord, tempDir } from '../helpers.js';

/**
 * Mounts a small whole-second file system for the describe block it is called in; `record()`
 * copies the minimal record onto it and gives its records/ folder, a record index outside it,
 * and the path of an action file (book-venue.md) ready to be written.
 */
export function wholeSecondMount(): {
  record: () => { root: string; env: Record<string, string>; file: string };
} {
  const base = tempDir('csp-coarse-');
  const image = path.join(base, 'fs.img');
  const mnt = path.join(base, 'mnt');
  beforeAll(() => {
    writeFileSync(image, Buffer.alloc(8 * 1024 * 1024));
    execFileSync('mkfs.ext4', ['-q', '-F', '-I', '128', image], { stdio: 'ignore' });
    mkdirSync(mnt);
    execFileSync('mount', ['-o', 'loop', image, mnt]);
  });
  afterAll(() => {
    execFileSync('umount', [mnt]);
    rmSync(base, { recursive: true, force: true });
  });
  const record = () => {
    const root = path.join(mnt, 'records');
    execFileSync('cp', ['-r', path.join(minimalRecord(), 'records'), root]);
    const file = path.join(root, 'actions', 'book-venue.md');
    mkdirSync(path.dirname(file), { recursive: true });
    return { root, env: { CSP_CACHE_DIR: path.join(base, 'cache') }, file };
  };
  return { record };
}

/**
 * Writes `first` to `file`, calls `read`, then overwrites it in place with `second` (the same
 * length, so size and inode stay) within the same second, so that its stat is unchanged, and
 * calls `readAgain`. Tries again when the second runs out; false if it never fitted in one.
 */
export function editWithinOneSecond(
  file: string,
  first: string,
  second: string,
  read: () => void,
  readAgain: () => void,
): boolean {
  for (let attempt = 0; attempt < 10; attempt++) {
    // Start early in a second, so the write, the run and the edit all fall within it.
    while (Date.now() % 1000 > 100) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    writeFileSync(file, first);
    read();
    if (!overwriteKeepingStat(file, second)) continue; // the second ran out: try again
    readAgain();
    return true;
  }
  return false;
}

/**
 * Overwrites `file` in place with `second` (the same length); true when its stat (size,
 * times, inode) is unchanged by it and the second it was last changed in has not ended.
 */
export function overwriteKeepingStat(file: string, second: string): boolean {
  const before = statSync(file);
  const fd = openSync(file, 'r+');
  writeSync(fd, second, 0, 'utf8');
  closeSync(fd);
  const after = statSync(file);
  return (
    after.mtimeMs === before.mtimeMs &&
    after.ctimeMs === before.ctimeMs &&
    after.size === before.size &&
    after.ino === before.ino &&
    Math.floor(Date.now() / 1000) === Math.floor(before.mtimeMs / 1000)
  );
}

/** Waits until files written now are settled: their times well before the next run's check (the index's RACY_MS). */
export function settle(): void {
  const until = Date.now() + RACY_MS + 50;
  while (Date.now() < until) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
}
