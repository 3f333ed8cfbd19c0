/**
 * The one way csp writes a file, so that no byte of the clerk's work is ever lost:
 * the new content goes to a temp file of csp's own (a dotfile beside the target), every
 * byte written (a short write is carried on, never ignored), flushed to disk and closed;
 * only then does it take the target's name — a new file by a hard link, which fails if
 * the name is taken (so a new file never overwrites), an edit by a rename over the
 * original after checking that the original is still what was read. The folder is then
 * flushed too. On any failure the temp file is removed, the original is untouched, and
 * the clerk is told what happened and what to do (a WriteError, never a stack trace).
 *
 * Every change to the disk goes through a FileOps, so a test can make the disk full,
 * short-write, or "kill" the process at any step.
 */
import * as fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { WriteError } from '../core/errors.js';

/** The calls that change the disk: node:fs by default, a test's own to inject faults. */
export interface FileOps {
  openSync(file: string, flags: string, mode?: number): number;
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number): number;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  linkSync(existing: string, target: string): void;
  renameSync(from: string, to: string): void;
  unlinkSync(file: string): void;
  mkdirSync(dir: string, options: { recursive: true }): unknown;
}

/** The real disk. */
export const nodeFileOps: FileOps = {
  openSync: (file, flags, mode) => fs.openSync(file, flags, mode),
  writeSync: (fd, buffer, offset, length) => fs.writeSync(fd, buffer, offset, length),
  fsyncSync: (fd) => {
    fs.fsyncSync(fd);
  },
  closeSync: (fd) => {
    fs.closeSync(fd);
  },
  linkSync: (existing, target) => {
    fs.linkSync(existing, target);
  },
  renameSync: (from, to) => {
    fs.renameSync(from, to);
  },
  unlinkSync: (file) => {
    fs.unlinkSync(file);
  },
  mkdirSync: (dir, options) => fs.mkdirSync(dir, options),
};

/** csp's temp files start with this: dotfiles, ignored by the record listing, removed by the next write. */
export const TEMP_PREFIX = '.csp-tmp-';

/** Whether a file name is one of csp's temp files. */
export function isTempName(name: string): boolean {
  return name.startsWith(TEMP_PREFIX);
}

/** A temp file's path beside `target`. */
export function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `${TEMP_PREFIX}${path.basename(target)}.${randomBytes(6).toString('hex')}`);
}

const code = (e: unknown): string | undefined => (e as NodeJS.ErrnoException | undefined)?.code;

/**
 * The clerk's message for a failed write of `shown`: what happened, that nothing was
 * changed (or what was), and what to do.
 */
export function writeFailure(e: unknown, shown: string, outcome = 'nothing was changed'): WriteError {
  if (e instanceof WriteError) return e;
  switch (code(e)) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new WriteError(
        `The disk is full: ${shown} could not be written, and ${outcome}. Free some space on the disk, then run the command again.`,
      );
    case 'EROFS':
      return new WriteError(
        `${shown} is on a read-only disk, so it could not be written, and ${outcome}. Run csp where the record can be written.`,
      );
    case 'EACCES':
    case 'EPERM':
      return new WriteError(
        `You may not write ${shown} (permission denied), so ${outcome}. Ask whoever manages the folder for write access, then run the command again.`,
      );
    case 'ENOTDIR':
    case 'EEXIST':
      return new WriteError(
        `Cannot create ${shown}: a file stands where one of its folders should be, so ${outcome}. Move or rename that file.`,
      );
    default: {
      const why = e instanceof Error ? e.message : String(e);
      return new WriteError(
        `${shown} could not be written (${why}), and ${outcome}. Check the disk, then run the command again.`,
      );
    }
  }
}

/** Writes every byte of `bytes`, carrying on after a short write; a write that makes no progress is a full disk. */
export function writeAll(ops: FileOps, fd: number, bytes: Uint8Array): void {
  let done = 0;
  while (done < bytes.length) {
    const n = ops.writeSync(fd, bytes, done, bytes.length - done);
    if (!Number.isInteger(n) || n <= 0) {
      throw Object.assign(new Error('no space left on device (a write made no progress)'), { code: 'ENOSPC' });
    }
    done += n;
  }
}

/** Removes a file, ignoring that it is already gone (and any other failure: this is cleaning up). */
export function removeQuietly(ops: FileOps, file: string): void {
  try {
    ops.unlinkSync(file);
  } catch {
    /* already gone, or cannot be removed: the next write command cleans up */
  }
}

/** Flushes a folder's entries to disk (a new name or a rename is durable only then). */
export function syncFolder(ops: FileOps, dir: string): void {
  let fd: number | undefined;
  try {
    fd = ops.openSync(dir, 'r');
    ops.fsyncSync(fd);
  } catch (e) {
    // Some systems cannot flush a folder; the rename itself is already atomic.
    if (!['EISDIR', 'EINVAL', 'EPERM', 'EBADF', 'ENOTSUP'].includes(code(e) ?? '')) throw e;
  } finally {
    if (fd !== undefined) ops.closeSync(fd);
  }
}

/**
 * Writes `bytes` to a new temp file beside `target`, flushed and closed, and returns its
 * path. Nothing is left behind on failure.
 */
export function stageTemp(
  ops: FileOps,
  target: string,
  bytes: Uint8Array,
  mode = 0o666,
  tmp = tempPathFor(target),
): string {
  let fd: number | undefined;
  try {
    fd = ops.openSync(tmp, 'wx', mode);
    writeAll(ops, fd, bytes);
    ops.fsyncSync(fd);
    const closing = fd;
    fd = undefined;
    ops.closeSync(closing);
    return tmp;
  } catch (e) {
    if (fd !== undefined) {
      try {
        ops.closeSync(fd);
      } catch {
        /* closing after a failure: nothing more to do */
      }
    }
    removeQuietly(ops, tmp);
    throw e;
  }
}

/** Makes the folders up to `dir`. */
export function makeFolders(ops: FileOps, dir: string): void {
  ops.mkdirSync(dir, { recursive: true });
}

/**
 * Gives a staged temp file the target's name, creating it: false when the name is taken
 * (the temp file is then removed). Uses a hard link, which cannot overwrite; where the
 * disk has no hard links, an exclusive create and a copy of the bytes.
 */
export function linkNew(ops: FileOps, tmp: string, target: string, bytes: Uint8Array): boolean {
  try {
    ops.linkSync(tmp, target);
  } catch (e) {
    if (code(e) === 'EEXIST') {
      removeQuietly(ops, tmp);
      return false;
    }
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV'].includes(code(e) ?? '')) {
      removeQuietly(ops, tmp);
      throw e;
    }
    removeQuietly(ops, tmp);
    return createDirect(ops, target, bytes);
  }
  removeQuietly(ops, tmp);
  return true;
}

/** An exclusive create written in place, removed again if it cannot be completed. */
function createDirect(ops: FileOps, target: string, bytes: Uint8Array): boolean {
  let fd: number;
  try {
    fd = ops.openSync(target, 'wx');
  } catch (e) {
    if (code(e) === 'EEXIST') return false;
    throw e;
  }
  try {
    writeAll(ops, fd, bytes);
    ops.fsyncSync(fd);
  } catch (e) {
    try {
      ops.closeSync(fd);
    } catch {
      /* closing after a failure */
    }
    removeQuietly(ops, target); // csp made it a moment ago: it holds no one's work
    throw e;
  }
  ops.closeSync(fd);
  return true;
}

/** Whether a file's mode bits say nobody may write it (root ignores them; csp does not). */
export function isReadOnly(abs: string): boolean {
  try {
    return (fs.statSync(abs).mode & 0o222) === 0;
  } catch {
    return false;
  }
}

/** The file's permission bits, to give a replacement the same. */
export function modeOf(abs: string): number | undefined {
  try {
    return fs.statSync(abs).mode & 0o777;
  } catch {
    return undefined;
  }
}

/** The bytes of a file on disk, or undefined when it cannot be read. */
export function bytesOf(abs: string): Buffer | undefined {
  try {
    return fs.readFileSync(abs);
  } catch {
    return undefined;
  }
}
