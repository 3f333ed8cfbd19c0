/**
 * A cold read of a large record splits the parsing over two threads: the files the
 * cache does not know are parsed half here and half in a worker, and the results go into
 * the cache, from which the loader then takes them. Small records, warm caches and runs
 * from the TypeScript sources (there is no built worker) skip it; any failure of the
 * worker just leaves its half to the loader.
 */
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { Env } from '../core/env.js';
import type { ParseCache } from './cache.js';
import { analysisKey, runJob, type ParseJob, type ParseResult } from './parse-jobs.js';

/** Below this many bytes to parse, a second thread costs more than it saves. */
export const PARALLEL_BYTES = 1024 * 1024;
const WORKER_TIMEOUT_MS = 10 * 60 * 1000;

/** How a prefetch runs: the environment (CSP_WORKERS=0 turns it off) and where its timing goes (CSP_DEBUG). */
export interface PrefetchOptions {
  env: Env;
  trace?: ((line: string) => void) | undefined;
}

/** Parses, into the cache, the jobs it does not hold yet. */
export function prefetch(jobs: ParseJob[], cache: ParseCache, { env, trace }: PrefetchOptions): void {
  const built = import.meta.url.endsWith('.js');
  if (!built || env.CSP_WORKERS === '0' || availableParallelism() < 2) return;
  const misses = jobs.filter((j) => !cache.has(analysisKey(j.kind, j.frontMatter, j.text)));
  const bytes = misses.reduce((n, j) => n + j.text.length, 0);
  if (bytes < PARALLEL_BYTES) return;

  // Deal the files out largest first, each to the lighter share.
  const mine: ParseJob[] = [];
  const theirs: ParseJob[] = [];
  let mineBytes = 0;
  let theirBytes = 0;
  for (const j of [...misses].sort((a, b) => b.text.length - a.text.length)) {
    if (theirBytes <= mineBytes) {
      theirs.push(j);
      theirBytes += j.text.length;
    } else {
      mine.push(j);
      mineBytes += j.text.length;
    }
  }

  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  let worker: Worker | undefined;
  try {
    worker = new Worker(new URL('./parse-worker.js', import.meta.url), {
      workerData: { jobs: theirs, port: port2, signal },
      transferList: [port2],
    });
    worker.unref();
  } catch {
    return;
  }
  const store = (results: ParseResult) => {
    for (const [key, value] of results) cache.set(key, value);
  };
  const t0 = Date.now();
  for (const j of mine) store(runJob(j));
  const t1 = Date.now();
  const deadline = Date.now() + WORKER_TIMEOUT_MS;
  while (Atomics.load(signal, 0) === 0 && Date.now() < deadline) Atomics.wait(signal, 0, 0, 1000);
  const t2 = Date.now();
  const received = receiveMessageOnPort(port1)?.message as { results?: ParseResult } | undefined;
  if (env.CSP_DEBUG && trace)
    trace(
      `prefetch: ${mine.length}+${theirs.length} files, main ${t1 - t0} ms, waited ${t2 - t1} ms, received ${Date.now() - t2} ms\n`,
    );
  if (received?.results) store(received.results);
  port1.close();
  void worker.terminate();
}
