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
function reply(message: BatchReply): void {
  port.postMessage(message);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}

port.on('message', (message: Batch | 'stop') => {
  if (message === 'stop') {
    port.close();
    return;
  }
  try {
    reply({ batch: message.batch, results: message.jobs.map(runFileJob) });
  } catch (e) {
    reply({ batch: message.batch, error: e instanceof Error ? e.message : String(e) });
  }
});
parentPort?.unref();
reply({ ready: true });
