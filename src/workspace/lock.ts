/**
 * The record lock: one csp command writes to a record at a time. The lock file
 * (`records/.csp-lock`) is created whole, with the holder's pid, host and start time in
 * it: its content is staged in a temp file and then linked to the lock's name, which
 * fails if the lock is taken. A lock whose process is gone (same host, pid not alive) is
 * taken over; breakers are serialised by a second exclusive file, and under it the lock
 * is removed only if it is still the same stale lock, so only one process can win. A
 * lock that cannot be removed ends the command within the time limit, with a message.
 * Every wait is bounded.
 */
import * as fs from 'node:fs';
import path from 'node:path';
import { ProblemError, UsageError, WriteError } from '../core/errors.js';
import { TEMP_PREFIX, linkNew, removeQuietly, stageTemp, writeFailure, type FileOps } from './durable.js';
import { randomBytes } from 'node:crypto';
import type { System } from './system.js';

/** The lock's file name in the record folder. */
export const LOCK = '.csp-lock';
const BREAKER = '.csp-lock-break';

/** What a lock file says. */
interface Holder {
  pid: number;
  host: string;
  started: string;
}

/** How long to wait for the lock, and after how long a lock no one can check (another host, no content) counts as abandoned. */
export interface LockTimes {
  waitMs?: number;
  /** A lock from another machine, or unreadable, older than this is taken over. */
  staleMs?: number;
  /** A breaker file older than this was left by a killed breaker. */
  breakerMs?: number;
}

/** The temp file of a lock (or breaker) being created by process `pid`: `.csp-tmp-.csp-lock.<pid>.<random>`. */
function lockTempPath(file: string, pid: number): string {
  return path.join(path.dirname(file), `${TEMP_PREFIX}${path.basename(file)}.${pid}.${randomBytes(4).toString('hex')}`);
}

/** The process that staged a lock's temp file, from its name; undefined for other temp files. */
export function lockTempOwner(name: string): number | undefined {
  const m = new RegExp(`^${TEMP_PREFIX.replace(/\./g, '\\.')}\\.csp-lock(?:-break)?\\.(\\d+)\\.`).exec(name);
  return m ? Number(m[1]) : undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function readHolder(file: string): { text: string; holder?: Holder; mtimeMs: number } | 'gone' | 'folder' {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(file);
  } catch {
    return 'gone';
  }
  if (st.isDirectory()) return 'folder';
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return 'gone';
  }
  let holder: Holder | undefined;
  if (/^\d+\n?$/.test(text)) {
    holder = { pid: Number(text.trim()), host: '', started: '' }; // csp before this version wrote only its pid
  } else {
    try {
      const h = JSON.parse(text) as Partial<Holder> | null;
      if (h && typeof h.pid === 'number' && typeof h.host === 'string') {
        holder = { pid: h.pid, host: h.host, started: typeof h.started === 'string' ? h.started : '' };
      }
    } catch {
      holder = undefined; // not csp's: judged by its age
    }
  }
  return holder ? { text, holder, mtimeMs: st.mtimeMs } : { text, mtimeMs: st.mtimeMs };
}

/** Creates a file whole and exclusively; false when it exists. Its temp file names this process, so a dead one's can be told apart. */
function createWhole(ops: FileOps, file: string, text: string, pid: number): boolean {
  const bytes = Buffer.from(text);
  const tmp = stageTemp(ops, file, bytes, 0o666, lockTempPath(file, pid));
  return linkNew(ops, tmp, file, bytes);
}

/**
 * Runs `fn` holding the record's write lock. Waits up to `waitMs` for another csp
 * command to finish; takes over a lock whose process is gone.
 */
export async function withRecordLock<T>(
  root: string,
  system: System,
  ops: FileOps,
  fn: () => T | Promise<T>,
  times: LockTimes = {},
): Promise<T> {
  const { waitMs = 15_000, staleMs = 10 * 60_000, breakerMs = 10_000 } = times;
  const lock = path.join(root, LOCK);
  const shownLock = `${path.basename(root)}/${LOCK}`;
  const mine = JSON.stringify({ pid: system.pid, host: system.hostname, started: new Date().toISOString() });
  const deadline = Date.now() + waitMs;
  let holderSeen: Holder | undefined;

  for (let attempt = 0; ; attempt++) {
    let created: boolean;
    try {
      created = createWhole(ops, lock, `${mine}\n`, system.pid);
    } catch (e) {
      throw writeFailure(e, `the record lock (${shownLock})`, 'nothing was changed');
    }
    if (created) break;
    const seen = readHolder(lock);
    if (seen === 'folder') {
      throw new UsageError(
        `${shownLock} is a folder, not csp's lock, so csp cannot lock the record for writing. Nothing was changed. Remove or rename that folder.`,
      );
    }
    if (seen !== 'gone') {
      holderSeen = seen.holder;
      const h = seen.holder;
      const dead = h !== undefined && (h.host === system.hostname || h.host === '') && !system.isAlive(h.pid);
      const abandoned = (h === undefined || h.host !== system.hostname) && Date.now() - seen.mtimeMs > staleMs;
      if (dead || abandoned) {
        await breakStale(ops, system.pid, root, lock, seen.text, shownLock, deadline, breakerMs);
        continue;
      }
    }
    if (Date.now() > deadline) {
      const who = holderSeen
        ? ` (process ${holderSeen.pid}${holderSeen.host && holderSeen.host !== system.hostname ? ` on ${holderSeen.host}` : ''}${holderSeen.started ? `, since ${holderSeen.started}` : ''})`
        : '';
      throw new ProblemError(
        `Another csp command is writing to the record${who}: ${shownLock} exists. Try again when it has finished, or delete that file if no csp command is running.`,
      );
    }
    await sleep(20 + Math.min(attempt, 10) * 5 + Math.random() * 30);
  }
  try {
    return await fn();
  } finally {
    // Remove the lock only while it is still ours.
    const now = readHolder(lock);
    if (now !== 'gone' && now !== 'folder' && now.text === `${mine}\n`) removeQuietly(ops, lock);
  }
}

/** Removes a stale lock whose text is `stale`, unless someone else already has. Bounded by `deadline`. */
async function breakStale(
  ops: FileOps,
  pid: number,
  root: string,
  lock: string,
  stale: string,
  shownLock: string,
  deadline: number,
  breakerMs: number,
): Promise<void> {
  const breaker = path.join(root, BREAKER);
  for (let attempt = 0; ; attempt++) {
    let won: boolean;
    try {
      won = createWhole(ops, breaker, `${new Date().toISOString()}\n`, pid);
    } catch (e) {
      throw writeFailure(e, `the record lock (${shownLock})`, 'nothing was changed');
    }
    if (won) break;
    // Another command is breaking the lock: wait for it, unless it died doing so.
    const b = readHolder(breaker);
    if (b === 'folder') {
      throw new UsageError(`${path.basename(root)}/${BREAKER} is a folder, so csp cannot lock the record. Remove it.`);
    }
    if (b !== 'gone' && Date.now() - b.mtimeMs > breakerMs) removeQuietly(ops, breaker);
    if (Date.now() > deadline) {
      throw new ProblemError(
        `Another csp command is taking over a stale record lock (${shownLock}). Try again in a moment; if this persists, delete ${shownLock} and ${path.basename(root)}/${BREAKER}.`,
      );
    }
    await sleep(10 + Math.random() * 20 + attempt);
  }
  try {
    const now = readHolder(lock);
    if (now !== 'gone' && now !== 'folder' && now.text === stale) {
      try {
        ops.unlinkSync(lock);
      } catch (e) {
        const why =
          (e as NodeJS.ErrnoException).code === 'EACCES' || (e as NodeJS.ErrnoException).code === 'EPERM'
            ? 'it belongs to someone else'
            : e instanceof Error
              ? e.message
              : String(e);
        throw new WriteError(
          `${shownLock} was left by a csp command that is no longer running, but csp cannot remove it (${why}). Nothing was changed. Delete that file, then run the command again.`,
        );
      }
    }
  } finally {
    removeQuietly(ops, breaker);
  }
}
