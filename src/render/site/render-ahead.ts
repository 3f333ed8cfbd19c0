/**
 * Rendering ahead, for a cold export of a large record: the published minutes' text that
 * is not plain (plain text is written on the main thread, faster than it could be sent)
 * is shared out in batches to worker threads, one per core, each running the same sanitising pipeline with links and markers answered from the facts of
 * the public view; what they render goes into the render cache, and the pages are then
 * made on the main thread as before. A fragment a worker cannot answer for (an owner it
 * was not told about, markdown that cannot be published) or any failure of a worker is
 * simply left to the main thread, which renders it as it would have anyway; so the site
 * is the same, byte for byte, with workers or without.
 */
import { receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import type { Env } from '../../core/env.js';
import { SITE_WORKER_YOUNG_MB, startPortWorker, workerCount } from '../../load/pool.js';
import { ACTION_MARKER } from '../../parse/marker.js';
import { looksPlain } from '../html/plain-markdown.js';
import { markerOwners, type FragmentJob, type LinkFacts } from './links.js';
import { minuteFragments, viewSource } from './pages.js';
import type { RenderCache } from './render-cache.js';
import type { RenderBatch, RenderReply } from './render-worker.js';
import type { SiteView } from './view.js';

const BATCH = 24;
/** Workers not heard from for this long are given up (what they hold is rendered on the main thread). */
const SILENT_MS = 60 * 1000;
/** Workers none of which has started by then (their code missing or broken) are given up. */
const READY_MS = 20 * 1000;

/** The facts of the view the fragments' links and markers need. */
function linkFacts(view: SiteView, jobs: FragmentJob[]): LinkFacts {
  const meetings: LinkFacts['meetings'] = {};
  for (const [id, pm] of view.byId) {
    meetings[id] = {
      agendaOut: pm.agendaOut,
      dir: pm.entry.dir,
      papers: [...pm.entry.papers.keys()],
      withheld: [...pm.exemptPapers],
    };
  }
  const source = viewSource(view);
  const owners: Record<string, string> = {};
  const marker = new RegExp(ACTION_MARKER.source, 'g');
  for (const job of jobs) {
    if (!job.markdown.includes('[action')) continue;
    for (const m of job.markdown.matchAll(marker)) {
      for (const o of markerOwners((m[2] ?? '').trim())) if (!Object.hasOwn(owners, o)) owners[o] = source.owner(o);
    }
  }
  return { meetings, publicActions: [...view.publicActionIds], owners };
}

/** Renders ahead, into `cache`, the published minutes' text it does not hold yet (nothing on a small record). */
export function renderAhead(
  view: SiteView,
  cache: RenderCache,
  env: Env,
  onProgress?: (done: number, total: number) => void,
  trace?: (line: string) => void,
): void {
  const t0 = Date.now();
  const jobs: FragmentJob[] = [];
  const keys: string[] = [];
  for (const job of minuteFragments(view)) {
    // Plain text is written on the main thread faster than it could be sent to a worker.
    if (looksPlain(job.markdown)) continue;
    const key = cache.missing(job);
    if (key === undefined) continue;
    jobs.push(job);
    keys.push(key);
  }
  const count = jobs.length === 0 ? 0 : workerCount(jobs.length, env);
  if (count === 0) return;
  // Long texts first, so no worker is left with a big one at the end.
  const order = jobs.map((_, i) => i).sort((a, b) => jobs[b]!.markdown.length - jobs[a]!.markdown.length);
  const batches: number[][] = [];
  for (let i = 0; i < order.length; i += BATCH) batches.push(order.slice(i, i + BATCH));
  const facts = linkFacts(view, jobs);
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const slots: { worker: Worker; port: MessagePort }[] = [];
  for (let k = 0; k < count; k++) {
    const started = startPortWorker(
      new URL('./render-worker.js', import.meta.url),
      { signal, facts },
      SITE_WORKER_YOUNG_MB,
    );
    if (started) slots.push(started);
  }
  let next = 0;
  let answered = 0;
  let done = 0;
  let put = 0;
  const give = (port: MessagePort) => {
    if (next >= batches.length) return;
    const b = next++;
    const message: RenderBatch = { batch: b, jobs: batches[b]!.map((i) => jobs[i]!) };
    port.postMessage(message);
  };
  for (const s of slots) {
    give(s.port);
    give(s.port);
  }
  const started = Date.now();
  let heardAt = started;
  let ready = false;
  let seen = Atomics.load(signal, 0);
  while (answered < next && slots.length > 0) {
    let heard = false;
    for (const s of slots) {
      for (let m = receiveMessageOnPort(s.port); m; m = receiveMessageOnPort(s.port)) {
        heard = true;
        const reply = m.message as RenderReply;
        if ('ready' in reply) {
          ready = true;
          continue;
        }
        answered++;
        const ids = batches[reply.batch]!;
        reply.results.forEach((r, j) => {
          if (r) {
            cache.put(keys[ids[j]!]!, r.html, r.papers);
            put++;
          }
        });
        done += ids.length;
        onProgress?.(done, jobs.length);
        give(s.port);
      }
    }
    if (heard) {
      heardAt = Date.now();
      continue;
    }
    // Workers silent for too long (or never started): the rest is rendered on the main thread.
    const now = Date.now();
    if (now - heardAt > SILENT_MS || (!ready && now - started > READY_MS)) break;
    Atomics.wait(signal, 0, seen, 1000);
    seen = Atomics.load(signal, 0);
  }
  for (const s of slots) {
    s.port.postMessage('stop');
    s.port.close();
    void s.worker.terminate();
  }
  if (env.CSP_DEBUG && trace)
    trace(`render ahead: ${put} of ${jobs.length} fragments, ${slots.length} workers, ${Date.now() - t0} ms\n`);
}
