/** The helper thread of statMany: answers the chunks of paths it manages to take, then waits to be stopped. */
import { parentPort } from 'node:worker_threads';
import { takeChunks, type StatWork } from './stat-chunks.js';

parentPort?.on('message', (work: StatWork) => {
  void takeChunks(work.paths.split('\0'), new Float64Array(work.answers), new Int32Array(work.control));
});
