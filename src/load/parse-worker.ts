/** The second thread of a large cold read: runs its share of the parse jobs and hands back the results. */
import { workerData, type MessagePort } from 'node:worker_threads';
import { runJob, type ParseJob, type ParseResult } from './parse-jobs.js';

const { jobs, port, signal } = workerData as { jobs: ParseJob[]; port: MessagePort; signal: Int32Array };
let message: { results: ParseResult } | { error: string };
try {
  message = { results: jobs.flatMap(runJob) };
} catch (e) {
  message = { error: e instanceof Error ? e.message : String(e) };
}
port.postMessage(message);
Atomics.store(signal, 0, 1);
Atomics.notify(signal, 0);
