/** A worker thread of a large cold read: reads the batches of files it is handed and sends back what it found. */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { runFileJob, type FileJob, type FileResult } from './read-file.js';

/** A batch of jobs, numbered by the pool. */
export interface Batch {
  batch: number;
  jobs: FileJob[];
}

/** A batch's results, in the order of its jobs; or why the worker could not do it; or word that it is ready. */
export type BatchReply = { batch: number; results: FileResult[] } | { batch: number; error: string } | { ready: true };

const { port, signal } = workerData as { port: MessagePort; signal: Int32Array };

/** Sends a reply and wakes the main thread, which waits on this counter rather than on its event loop. */
function reply(message: BatchReply, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}

port.on('message', (message: Batch | 'stop') => {
  if (message === 'stop') {
    port.close();
    return;
  }
  try {
    const results = message.jobs.map(runFileJob);
    reply({ batch: message.batch, results }, packBytes(results));
  } catch (e) {
    reply({ batch: message.batch, error: e instanceof Error ? e.message : String(e) });
  }
});
/**
 * Puts the bytes of the files read (when they were asked for) one after another in one
 * buffer of their own, each result keeping its part of it, so that they are handed over to
 * the main thread with the reply rather than copied (a file's bytes may share a buffer with
 * others'): the buffer to hand over, if any.
 */
function packBytes(results: FileResult[]): ArrayBuffer[] {
  let size = 0;
  for (const r of results) size += r.bytes?.length ?? 0;
  if (size === 0) return [];
  const packed = new Uint8Array(size);
  let at = 0;
  for (const r of results) {
    if (!r.bytes) continue;
    packed.set(r.bytes, at);
    r.bytes = packed.subarray(at, at + r.bytes.length);
    at += r.bytes.length;
  }
  return [packed.buffer];
}

parentPort?.unref();
reply({ ready: true });
