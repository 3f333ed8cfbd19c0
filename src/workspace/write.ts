/**
 * Writing to the clerk's record without ever losing a byte: new files are created
 * exclusively (never overwritten), edits replace a file atomically and only if nobody
 * changed it since it was read, and csp processes that write take a record lock.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { ProblemError, UsageError } from '../core/errors.js';
import type { SourceFile } from '../model/types.js';
import type { System } from './system.js';

/** Creates a new file; false (and nothing written) when it already exists. */
export function createExclusive(abs: string, text: string): boolean {
  try {
    mkdirSync(path.dirname(abs), { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'EEXIST' || code === 'ENOTDIR'
        ? `Cannot create ${abs}: a file stands where its folder ${path.dirname(abs)} should be. Move or rename that file.`
        : `Cannot create the folder for ${abs}: ${(e as Error).message}`,
    );
  }
  let fd: number;
  try {
    fd = openSync(abs, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new UsageError(`Could not create ${abs}: ${(e as Error).message}`);
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** The bytes of a file as csp would write them back: byte-order mark and text. */
export function fileBytes(file: SourceFile, text = file.text): string {
  return (file.bom ? '\uFEFF' : '') + text;
}

/**
 * Replaces a file with `newText` (without BOM; the file's BOM is kept), atomically,
 * refusing if the file on disk is no longer what was read.
 */
export function replaceFile(file: SourceFile, newText: string): void {
  let current: string;
  try {
    current = readFileSync(file.abs, 'utf8');
  } catch {
    throw new ProblemError(`${file.display} has disappeared since csp read it; nothing was written.`);
  }
  if (current !== fileBytes(file)) {
    throw new ProblemError(
      `${file.display} was changed by someone else while csp was working; nothing was written. Run the command again.`,
    );
  }
  let mode: number | undefined;
  try {
    mode = statSync(file.abs).mode & 0o777;
  } catch {
    mode = undefined;
  }
  writeFileAtomic.sync(file.abs, fileBytes(file, newText), {
    encoding: 'utf8',
    ...(mode !== undefined ? { mode } : {}),
  });
}

const LOCK = '.csp-lock';

/**
 * Runs `fn` holding the record's write lock, so two csp processes never edit the
 * record at once. Waits up to `waitMs`; a lock older than `staleMs` is taken over.
 */
export async function withRecordLock<T>(
  root: string,
  system: System,
  fn: () => T | Promise<T>,
  waitMs = 15000,
  staleMs = 60000,
): Promise<T> {
  const lock = path.join(root, LOCK);
  const started = Date.now();
  for (;;) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, `${system.pid}\n`);
      closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new UsageError(`Could not lock the record for writing: ${(e as Error).message}`);
      try {
        if (Date.now() - statSync(lock).mtimeMs > staleMs) {
          rmSync(lock, { force: true });
          continue;
        }
      } catch {
        continue;
      }
      if (Date.now() - started > waitMs) {
        throw new ProblemError(
          `Another csp command is writing to the record (${path.join(root, LOCK)} exists). Try again when it has finished, or delete that file if no csp command is running.`,
        );
      }
      await new Promise((r) => setTimeout(r, 25 + Math.random() * 50));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { force: true });
  }
}
