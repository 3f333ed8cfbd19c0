/**
 * Where the files of a site go as they are made: each is checked for anything withheld
 * and written into the site's temporary folder, then let go, so no site is ever held whole
 * in memory. On a large record this is done by a worker thread while this thread goes on
 * making pages, and by this thread too whenever the worker is behind (so neither waits for
 * the other); on a small one (or with CSP_WORKERS=0, or when the worker cannot start)
 * here. The check and the bytes written are the same either way: each file is checked
 * whole by one of them, and the leaks found are put in one order.
 */
import { receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import type { Env } from '../../core/env.js';
import { SITE_WORKER_YOUNG_MB, startPortWorker, workerCount } from '../../load/pool.js';
import type { SiteWriter } from '../../workspace/site-dir.js';
import type { KnownStamps, ManifestListing } from '../../workspace/site-manifest.js';
import type { CheckBatch, CheckReply, CheckStart, SecretsReply } from './check-worker.js';
import { publicRecordProblems } from '../../schema/public-record.js';
import {
  leakChecker,
  handedOver,
  leaksInOrder,
  packWithheld,
  parseJson,
  secretsFrom,
  type Leak,
  type LeakChecker,
  type Secrets,
  type WithheldSource,
} from './leak-check.js';

/** Files handed over in batches of about this many characters. */
const BATCH_CHARS = 256 * 1024;
/** A paper copied counts as this many characters of a batch (64 to a batch). */
const PAPER_CHARS = BATCH_CHARS / 64;
/**
 * At most this many batches' worth of characters waiting for the worker: a batch that
 * would take it past that (unless it has nothing else to do) is checked and written by
 * this thread itself rather than wait (CSP_CHECK_AHEAD: 0 for every batch here).
 */
const AHEAD = 8;

function aheadOf(env: Env): number {
  const n = Number(env.CSP_CHECK_AHEAD ?? AHEAD);
  return Number.isInteger(n) && n >= 0 ? n : AHEAD;
}
/** A worker not started by then (its code missing or broken) is not used. */
const READY_MS = 20 * 1000;
/** A worker silent for this long with work to do has failed. */
const SILENT_MS = 10 * 60 * 1000;

/** The files of a site, checked and written as they come. */
export interface SiteSink {
  file(rel: string, text: string): void;
  paper(rel: string, from: string): void;
  /** Waits for every file to be checked and written: what the checks found (nothing when the site may be published). */
  finish(): SiteChecked;
}

/** What the checks of a site found. */
export interface SiteChecked {
  /** Withheld information in the site's files. */
  leaks: Leak[];
  /** Where record.json does not match its schema (or why it is missing). */
  schema: string[];
  /** The record listed for the manifest by the worker thread, while it had nothing else to do (when it was asked to). */
  record?: ManifestListing | undefined;
}

/** A record to list for the manifest: its folder, and the stat of the files read from it (taken as they were read). */
export interface RecordToList {
  root: string;
  known: KnownStamps;
}

/** The site's public record, checked against its schema by whoever checks and writes it. */
export const PUBLIC_RECORD = 'record.json';

/** A file of the site checked for anything withheld (and the public record against its schema), given its text and the bytes to be written (its UTF-8); the schema's findings. */
export function checkFile(check: LeakChecker, rel: string, text: string, bytes?: Buffer): string[] | undefined {
  if (rel !== PUBLIC_RECORD) {
    check.file(rel, text, undefined, bytes);
    return undefined;
  }
  // Parsed once, for both checks.
  const parsed = parseJson(text);
  check.file(rel, text, parsed, bytes);
  return parsed === undefined ? ['it is not JSON'] : publicRecordProblems(parsed);
}

/**
 * Opens the sink of a site of `files` files, writing through `writer`, given (a function
 * that gathers) the texts that say what is withheld (withheldSource). On a large record its
 * worker thread starts now and works out the secrets from those texts, while this thread
 * goes on (making the view of the site and its pages), and sends them back for the batches
 * this thread does; with no worker they are worked out here. With `listRecord` (the
 * record's folder, and the stat of the files read from it), the worker first lists the
 * record for the manifest.
 */
export function openSiteSink(
  withheld: () => WithheldSource,
  writer: SiteWriter,
  files: number,
  env: Env,
  trace?: (line: string) => void,
  listRecord?: RecordToList,
): SiteSink {
  // The worker is started first, so it starts while the texts are gathered for it.
  const started = workerCount(files, env) > 0 ? startWorker(writer, env, trace, listRecord) : undefined;
  const texts = withheld();
  return started?.(texts) ?? sinkHere(secretsFrom(texts), writer);
}

/** A sink that checks and writes every file on this thread. */
function sinkHere(secrets: Secrets, writer: SiteWriter): SiteSink {
  const check = leakChecker(secrets);
  let schema = ['it was not made'];
  return {
    file(rel, text) {
      const bytes = Buffer.from(text, 'utf8');
      schema = checkFile(check, rel, text, bytes) ?? schema;
      writer.bytes(rel, bytes);
    },
    paper(rel, from) {
      check.paper(rel, writer.paper(rel, from));
    },
    finish: () => ({ leaks: check.leaks(), schema }),
  };
}

/** Starts the worker thread: handed what is withheld, the sink that shares the work with it (undefined when it did not start). */
function startWorker(
  writer: SiteWriter,
  env: Env,
  trace?: (line: string) => void,
  listRecord?: RecordToList,
): ((withheld: WithheldSource) => SiteSink | undefined) | undefined {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const started = startPortWorker(
    new URL('./check-worker.js', import.meta.url),
    { signal, dir: writer.dir, ...(listRecord !== undefined ? { listRecord } : {}) },
    SITE_WORKER_YOUNG_MB,
  );
  if (!started) return undefined;
  const { worker, port } = started;
  return (withheld) => sinkWith(worker, port, signal, withheld, writer, env, trace);
}

function sinkWith(
  worker: Worker,
  port1: MessagePort,
  signal: Int32Array,
  withheld: WithheldSource,
  writer: SiteWriter,
  env: Env,
  trace?: (line: string) => void,
): SiteSink {
  const stop = () => {
    port1.close();
    void worker.terminate();
  };
  // Waits until the counter moves past `seen` (or `ms` pass): the counter then.
  const waitPast = (seen: number, ms: number) => {
    const until = Date.now() + ms;
    let now = Atomics.load(signal, 0);
    while (now === seen && Date.now() < until) {
      Atomics.wait(signal, 0, seen, Math.min(1000, Math.max(1, until - Date.now())));
      now = Atomics.load(signal, 0);
    }
    return now;
  };
  // What it looks for comes first, before any file (taken in once it has started): it works
  // out the secrets, and sends them back. The texts are handed over packed in one buffer
  // (not copied), and it reads each only as it compares it; this thread keeps its own.
  const packed = packWithheld(withheld);
  port1.postMessage({ withheld: packed } satisfies CheckStart, handedOver(packed));
  // Its first word is that it is ready: looked for at the first batch, long after it started. A
  // worker that did not start has been sent nothing else, and this thread does it all.
  let alone: SiteSink | undefined;
  let started = false;
  const ready = () => {
    if (started || alone) return started;
    if (waitPast(0, READY_MS) === 0) {
      stop();
      trace?.('export: the worker thread that checks and writes the site did not start; doing it here\n');
      alone = sinkHere(secretsFrom(withheld), writer);
      return false;
    }
    receiveMessageOnPort(port1);
    started = true;
    return true;
  };
  // What the worker may have waiting (in characters); when it has that much, this thread checks and writes the next batch itself.
  const ahead = aheadOf(env) * BATCH_CHARS;
  // This thread's check, once the worker has sent the secrets (the counter is then past 1).
  let here: LeakChecker | undefined;
  const hereCheck = (wait: boolean): LeakChecker | undefined => {
    if (here) return here;
    if (Atomics.load(signal, 0) < 2) {
      if (!wait) return undefined;
      if (waitPast(1, SILENT_MS) < 2) {
        stop();
        writer.fail('the thread writing it stopped answering');
      }
    }
    const m = receiveMessageOnPort(port1)?.message as SecretsReply | undefined;
    if (m?.secrets === undefined) {
      stop();
      return writer.fail(m?.failed ?? 'the thread writing it gave no answer');
    }
    here = leakChecker(m.secrets);
    return here;
  };
  let hereSchema: string[] | undefined;
  let hereFiles = 0;
  let sent = 0;
  /** The size of each batch sent, those done, and the characters of those not done yet. */
  const sizes: number[] = [];
  let done = 0;
  let waiting = 0;
  // Whether the worker is too far behind to be given `size` more: a batch that would take it
  // past the limit is done here, unless the worker has nothing else to do. Until the secrets
  // are back, every batch is the worker's (with CSP_CHECK_AHEAD=0, this thread waits for them).
  const behind = (size: number): LeakChecker | undefined => {
    // The counter is 1 (ready) + 1 (the secrets sent back) + batches done.
    for (const now = Atomics.load(signal, 0) - 2; done < now; done++) waiting -= sizes[done]!;
    if (ahead === 0) return hereCheck(true);
    return waiting > 0 && waiting + size > ahead ? hereCheck(false) : undefined;
  };
  let batch: CheckBatch = { files: [], papers: [] };
  let chars = 0;
  const flush = () => {
    if (batch.files.length === 0 && batch.papers.length === 0) return;
    if (!ready()) {
      for (const [rel, text] of batch.files) alone!.file(rel, text);
      for (const [rel, from] of batch.papers) alone!.paper(rel, from);
      batch = { files: [], papers: [] };
      chars = 0;
      return;
    }
    const check = behind(chars);
    if (check) {
      for (const [rel, text] of batch.files) {
        const bytes = Buffer.from(text, 'utf8');
        hereSchema = checkFile(check, rel, text, bytes) ?? hereSchema;
        writer.bytes(rel, bytes);
      }
      for (const [rel, from] of batch.papers) check.paper(rel, writer.paper(rel, from));
      hereFiles += batch.files.length + batch.papers.length;
    } else {
      port1.postMessage(batch);
      sent++;
      sizes.push(chars);
      waiting += chars;
    }
    batch = { files: [], papers: [] };
    chars = 0;
  };
  return {
    file(rel, text) {
      batch.files.push([rel, text]);
      chars += text.length;
      if (chars >= BATCH_CHARS) flush();
    },
    paper(rel, from) {
      batch.papers.push([rel, from]);
      chars += PAPER_CHARS;
      if (chars >= BATCH_CHARS) flush();
    },
    finish() {
      flush();
      if (!ready()) return alone!.finish();
      port1.postMessage('end');
      // The counter reaches 1 (ready) + 1 (the secrets) + every batch + 1 (the reply).
      for (let now = Atomics.load(signal, 0); now < sent + 3;) {
        const next = waitPast(now, SILENT_MS);
        if (next === now) {
          stop();
          writer.fail('the thread writing it stopped answering');
        }
        now = next;
      }
      // The secrets sent back come first, unless this thread took them in.
      type Message = CheckReply | SecretsReply | undefined;
      let reply = receiveMessageOnPort(port1)?.message as Message;
      if (!here && reply && !('ready' in reply) && !('digests' in reply))
        reply = receiveMessageOnPort(port1)?.message as Message;
      stop();
      if (!reply || !('digests' in reply)) return writer.fail('the thread writing it gave no answer');
      if (reply.failed !== undefined) writer.fail(reply.failed);
      writer.absorb(reply.digests, reply.files, reply.bytes, reply.stamps);
      trace?.(`export: ${reply.files} files checked and written in a worker thread, ${hereFiles} here\n`);
      return {
        leaks: leaksInOrder(reply.leaks, ...(here ? [here.found()] : [])),
        schema: hereSchema ?? reply.schema ?? ['it was not made'],
        record: reply.record,
      };
    },
  };
}
