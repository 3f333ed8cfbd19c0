/** A worker thread of an export: checks each file of the site it is handed for anything withheld, and writes it into the site's temporary folder. */
import { workerData, type MessagePort } from 'node:worker_threads';
import { FolderWriter } from '../../workspace/site-dir.js';
import type { Stamp } from '../../workspace/trust.js';
import { listForManifest, type ManifestListing } from '../../workspace/site-manifest.js';
import {
  leakChecker,
  secretsFromPacked,
  type FoundLeaks,
  type LeakChecker,
  type PackedWithheld,
  type Secrets,
} from './leak-check.js';
import { checkFile, type RecordToList } from './site-sink.js';

/** The first message: the texts that say what the site must not hold, packed (the worker works out the secrets from them). */
export interface CheckStart {
  withheld: PackedWithheld;
}

/** Files to check and write (site path, text) and papers to copy (site path, source). */
export interface CheckBatch {
  files: [string, string][];
  papers: [string, string][];
}

/** The answer to the first message: what the site must not hold, or why it could not be worked out. */
export type SecretsReply = { secrets: Secrets; failed?: undefined } | { failed: string; secrets?: undefined };

/** The worker's first word (ready), then its answer once it is told the site is complete: what it found and wrote, or why it could not write. */
export type CheckReply =
  | { ready: true }
  | {
      leaks: FoundLeaks;
      /** What the schema found in record.json, when this thread checked it. */
      schema?: string[];
      digests: [string, string][];
      stamps: [string, Stamp][];
      files: number;
      bytes: number;
      failed?: string;
      /** The record listed for the manifest, when asked for and it could be. */
      record?: ManifestListing;
    };

const { port, signal, dir, listRecord } = workerData as {
  port: MessagePort;
  signal: Int32Array;
  dir: string;
  listRecord?: RecordToList;
};
let check: LeakChecker | undefined;
const folder = new FolderWriter(dir);
let failed: string | undefined;
let schema: string[] | undefined;

/** Counts a batch done (or a reply sent) and wakes the main thread, which waits on this counter. */
function bump(): void {
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}

port.on('message', (message: CheckStart | CheckBatch | 'end') => {
  if (message !== 'end' && 'withheld' in message) {
    try {
      const secrets = secretsFromPacked(message.withheld);
      check = leakChecker(secrets);
      port.postMessage({ secrets } satisfies SecretsReply);
    } catch (e) {
      failed = (e as Error).message;
      port.postMessage({ failed } satisfies SecretsReply);
    }
    bump();
    return;
  }
  // Nothing is checked before what to look for has come.
  if (!check) failed ??= 'it was given files before what to look for';
  if (message === 'end') {
    const reply: CheckReply = {
      leaks: check?.found() ?? { files: [], papers: [] },
      ...(schema !== undefined ? { schema } : {}),
      digests: [...folder.digests],
      stamps: [...folder.stamps],
      files: folder.files,
      bytes: folder.bytes,
      ...(failed !== undefined ? { failed } : {}),
      ...(listed !== undefined ? { record: listed } : {}),
    };
    port.postMessage(reply);
    bump();
    port.close();
    return;
  }
  if (failed === undefined) {
    try {
      for (const [rel, text] of message.files) {
        const bytes = Buffer.from(text, 'utf8');
        schema = checkFile(check!, rel, text, bytes) ?? schema;
        folder.write(rel, bytes);
      }
      for (const [rel, from] of message.papers) check!.paper(rel, folder.paper(rel, from));
    } catch (e) {
      failed = (e as Error).message;
    }
  }
  bump();
});
port.postMessage({ ready: true } satisfies CheckReply);
bump();
// Listed now, while the main thread works out what the site must not hold (no message is taken in before this is done).
const listed = listRecord !== undefined ? listForManifest(listRecord.root, listRecord.known) : undefined;
