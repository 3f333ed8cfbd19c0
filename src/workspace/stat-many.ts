/**
 * The stat of many files (not following links), as numbers in one array: a warm command on a
 * council's record asks the file system about tens of thousands of files, and this keeps
 * each answer to five numbers rather than an object per file.
 *
 * On a machine with a core to spare the questions can be shared with a helper thread. A
 * thread takes tens of milliseconds to start, about what it would save, so it is started
 * early (`statHelper`, before the command's other work) and asked later: the files are cut
 * into chunks that this thread and the helper take in turn from a shared counter, so a
 * helper still starting takes none and costs nothing but its start, and one that fails
 * leaves its chunks to this thread.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Env } from '../core/env.js';
import { CHUNK, FIELDS, statRange, takeChunks, type StatWork } from './stat-chunks.js';

/** Below this many paths a helper is not worth starting. */
export const HELPED_PATHS = 4000;
/** How long to wait for a chunk the helper took before asking about its paths here instead. */
export const HELPER_TIMEOUT_MS = 5000;

/** A helper thread, started ahead of the questions it will help with. */
export interface StatHelper {
  worker: Worker;
  /** How long to wait for a chunk the helper took before asking about its paths here instead. */
  timeoutMs: number;
  /** Of the chunks of the last statMany, how many there were and how many the helper answered. */
  chunks: number;
  helped: number;
}

/**
 * A helper thread for a later statMany of about `expected` paths, or undefined when it would
 * not pay: a single core or fewer than HELPED_PATHS paths (CSP_WORKERS, when set, decides
 * instead: 0 for none, more for one), or a run from the TypeScript sources (no built helper).
 */
export function statHelper(expected: number, env: Env): StatHelper | undefined {
  if (!import.meta.url.endsWith('.js')) return undefined;
  const asked = env.CSP_WORKERS;
  const wanted =
    asked !== undefined && asked !== '' ? Number(asked) >= 1 : availableParallelism() >= 2 && expected >= HELPED_PATHS;
  if (!wanted) return undefined;
  try {
    const worker = new Worker(new URL('./stat-worker.cjs', import.meta.url), { stdout: true, stderr: true });
    worker.unref();
    // A helper that fails is only a helper less: its chunks are asked about here.
    worker.on('error', () => undefined);
    return { worker, timeoutMs: HELPER_TIMEOUT_MS, chunks: 0, helped: 0 };
  } catch {
    return undefined;
  }
}

/** Stops a helper (whether or not it was used). */
export function stopHelper(helper: StatHelper | undefined): void {
  if (helper) void helper.worker.terminate();
}

/** The lstat of each path, FIELDS numbers per path in order; shared with `helper` when one is given. */
export function statMany(paths: readonly string[], helper?: StatHelper): Float64Array {
  return finishStats(startStats(paths, helper));
}

/** Stats asked for and not yet all answered: the helper may be answering some already. */
export interface PendingStats {
  paths: readonly string[];
  answers: Float64Array;
  /** With a helper: the chunk counter and flags shared with it. */
  shared?: { helper: StatHelper; control: Int32Array; chunks: number };
}

/**
 * Hands the stats of `paths` to `helper`, which starts on them as soon as it can, while this
 * thread goes on with other work; finishStats then answers what is left here. Without a
 * helper (or for a single chunk) nothing is asked until finishStats.
 */
export function startStats(paths: readonly string[], helper?: StatHelper): PendingStats {
  const chunks = Math.ceil(paths.length / CHUNK);
  if (helper === undefined || chunks < 2) return { paths, answers: new Float64Array(paths.length * FIELDS) };
  const work: StatWork = {
    paths: paths.join('\0'),
    answers: new SharedArrayBuffer(paths.length * FIELDS * 8),
    control: new SharedArrayBuffer((1 + chunks) * 4),
  };
  const control = new Int32Array(work.control);
  helper.worker.postMessage(work);
  return { paths, answers: new Float64Array(work.answers), shared: { helper, control, chunks } };
}

/** Answers the stats not yet taken, waits for those the helper took, and gives every answer. */
export function finishStats(pending: PendingStats): Float64Array {
  const { paths, answers, shared } = pending;
  if (shared === undefined) {
    statRange(paths, 0, paths.length, answers);
    return answers;
  }
  const { helper, control, chunks } = shared;
  helper.chunks = chunks;
  helper.helped = chunks - takeChunks(paths, answers, control);
  // Every chunk is taken; wait for those the helper is still answering (or answer them here).
  for (let c = 0; c < chunks; c++) {
    if (Atomics.load(control, 1 + c) === 1) continue;
    if (Atomics.wait(control, 1 + c, 0, helper.timeoutMs) === 'timed-out' && Atomics.load(control, 1 + c) !== 1)
      statRange(paths, c * CHUNK, Math.min(paths.length, (c + 1) * CHUNK), answers);
  }
  return answers;
}

/** Stats no longer wanted: neither thread takes another chunk of them. */
export function dropStats(pending: PendingStats): void {
  if (pending.shared) Atomics.store(pending.shared.control, 0, pending.shared.chunks);
}
