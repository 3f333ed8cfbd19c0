/**
 * Reading many files at once: a cold read of a large record is shared out, in batches
 * handed out on demand, to one worker thread per core, while the main thread takes in
 * the results as they come. The main thread stays synchronous (it waits on a shared
 * counter the workers bump), so the loader keeps its simple shape. Small reads, runs from
 * the TypeScript sources (there is no built worker) and CSP_WORKERS=0 read in this thread;
 * a worker that fails leaves its batches to this thread. Either way the results are the same.
 */
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Env } from '../core/env.js';
import type { Batch, BatchReply } from './parse-worker.js';
import { runFileJob, type FileJob, type FileResult } from './read-file.js';

/** Below this many files to read, starting workers (~50 ms each) costs more than it saves. */
export const PARALLEL_FILES = 250;
const BATCH = 48;
/** A worker that has not answered for this long is given up (its batches are read here). */
const WORKER_TIMEOUT_MS = 10 * 60 * 1000;
/** A worker not started by then (its code missing or broken) is given up. */
const READY_TIMEOUT_MS = 20 * 1000;

/** How a read runs: the environment (CSP_WORKERS: 0 for none, or how many) and where timings go (CSP_DEBUG). */
export interface PoolOptions {
  env: Env;
  trace?: ((line: string) => void) | undefined;
}

/** How many worker threads to use for `files` files. */
export function workerCount(files: number, env: Env): number {
  if (!import.meta.url.endsWith('.js')) return 0;
  const asked = env.CSP_WORKERS;
  if (asked !== undefined && asked !== '') {
    const n = Number(asked);
    return Number.isInteger(n) && n >= 0 ? Math.min(n, 64) : 0;
  }
  const cores = availableParallelism();
  if (cores < 2 || files < PARALLEL_FILES) return 0;
  return Math.min(cores, 16);
}

/**
 * The young generation of the site's worker threads (the export's check-and-write thread and
 * its render workers), in MB. They hold each page or fragment they are handed while they work
 * on it, so with Node's default most of it lives through a scavenge and is copied; with 48 MB
 * a cold export of a council's record took 3-4% less time and CPU (three paired runs of
 * eight), at the same peak.
 */
export const SITE_WORKER_YOUNG_MB = 48;

/**
 * Starts a worker thread of `url` with a port of its own (`workerData.port`, beside `data`)
 * and a young generation of `youngMb`; undefined when it cannot be started. It does not keep
 * the process alive, and an error it reports is ignored: a worker that fails is then simply
 * never heard from, and its caller does the work itself.
 */
export function startPortWorker(
  url: URL,
  data: Record<string, unknown>,
  youngMb: number,
): { worker: Worker; port: MessagePort } | undefined {
  const { port1, port2 } = new MessageChannel();
  try {
    const worker = new Worker(url, {
      workerData: { port: port2, ...data },
      transferList: [port2],
      resourceLimits: { maxYoungGenerationSizeMb: youngMb },
    });
    worker.unref();
    worker.on('error', () => undefined);
    return { worker, port: port1 };
  } catch {
    port1.close();
    return undefined;
  }
}

interface Slot {
  worker: Worker;
  port: MessagePort;
  /** Batch numbers handed to it and not answered yet. */
  pending: Set<number>;
  lastHeard: number;
  ready: boolean;
  dead: boolean;
}

/** Runs every job, calling `done` with each job's index and result as it comes (in no particular order). */
export function readFiles(
  jobs: FileJob[],
  done: (index: number, result: FileResult) => void,
  options: PoolOptions,
): void {
  // Nothing to read needs no worker, whatever CSP_WORKERS asks for.
  const count = jobs.length === 0 ? 0 : workerCount(jobs.length, options.env);
  const t0 = Date.now();
  const trace = (workers: number) => {
    if (options.env.CSP_DEBUG && options.trace)
      options.trace(`read: ${jobs.length} files, ${workers} workers, ${Date.now() - t0} ms\n`);
  };
  if (count === 0) {
    jobs.forEach((job, i) => {
      done(i, runFileJob(job));
    });
    trace(0);
    return;
  }
  const batches: number[][] = [];
  // Large files first, so no worker is left with a big one at the end.
  const order = jobs.map((_, i) => i);
  order.sort((a, b) => weight(jobs[b]!) - weight(jobs[a]!));
  for (let i = 0; i < order.length; i += BATCH) batches.push(order.slice(i, i + BATCH));
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const slots: Slot[] = [];
  for (let k = 0; k < count; k++) {
    // Parsing makes much short-lived garbage: a small young generation keeps each worker lean.
    const started = startPortWorker(
      new URL('./parse-worker.js', import.meta.url),
      { signal },
      Number(options.env.CSP_YOUNG ?? 8),
    );
    if (started) slots.push({ ...started, pending: new Set(), lastHeard: Date.now(), ready: false, dead: false });
  }
  let next = 0;
  let answered = 0;
  const give = (slot: Slot) => {
    if (next >= batches.length) return;
    const b = next++;
    const message: Batch = { batch: b, jobs: batches[b]!.map((i) => jobs[i]!) };
    slot.port.postMessage(message);
    slot.pending.add(b);
  };
  const runHere = (b: number) => {
    for (const i of batches[b]!) done(i, runFileJob(jobs[i]!));
    answered++;
  };
  // Two batches in hand each, so a worker never waits for the main thread.
  for (const s of slots) {
    give(s);
    give(s);
  }
  let seen = Atomics.load(signal, 0);
  while (answered < batches.length) {
    let heard = false;
    for (const s of slots) {
      if (s.dead) continue;
      for (let m = receiveMessageOnPort(s.port); m; m = receiveMessageOnPort(s.port)) {
        heard = true;
        const reply = m.message as BatchReply;
        s.lastHeard = Date.now();
        if ('ready' in reply) {
          s.ready = true;
          continue;
        }
        s.pending.delete(reply.batch);
        if ('error' in reply) runHere(reply.batch);
        else {
          const ids = batches[reply.batch]!;
          reply.results.forEach((r, j) => {
            done(ids[j]!, r);
          });
          answered++;
        }
        give(s);
      }
    }
    if (heard) continue;
    const live = slots.filter((s) => !s.dead);
    if (live.length === 0) {
      // No worker at all (none started, or all given up): read what is left here.
      while (next < batches.length) runHere(next++);
      continue;
    }
    const now = Date.now();
    for (const s of live) {
      if (s.pending.size > 0 && now - s.lastHeard > (s.ready ? WORKER_TIMEOUT_MS : READY_TIMEOUT_MS)) {
        s.dead = true;
        for (const b of s.pending) runHere(b);
        s.pending.clear();
      }
    }
    Atomics.wait(signal, 0, seen, 1000);
    seen = Atomics.load(signal, 0);
  }
  for (const s of slots) {
    s.port.postMessage('stop');
    s.port.close();
    void s.worker.terminate();
  }
  trace(slots.length);
}

/** A job's likely cost: minutes are the big files. */
function weight(job: FileJob): number {
  return job.kind === 'minutes' ? 3 : job.kind === 'action' ? 1 : 2;
}
