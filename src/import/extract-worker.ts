/** The worker thread that reads one document for `extractIsolated`. */
import { parentPort, workerData } from 'node:worker_threads';
import { extractFile } from './extract.js';
import { firstLine } from './docx.js';

const { file } = workerData as { file: string };
try {
  parentPort?.postMessage(await extractFile(file));
} catch (e) {
  parentPort?.postMessage({ ok: false, message: `could not be read (${firstLine(e)}).` });
}
