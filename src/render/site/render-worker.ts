/** A worker thread of a cold export: renders the fragments it is handed, its links and markers answered from the facts it was sent. */
import { workerData, type MessagePort } from 'node:worker_threads';
import { renderMarkdown } from '../html/markdown.js';
import { factsSource, jobOptions, UnknownOwner, type FragmentJob, type LinkFacts } from './links.js';

/** A batch of fragments, numbered by the main thread. */
export interface RenderBatch {
  batch: number;
  jobs: FragmentJob[];
}

/** A fragment rendered (its HTML and the papers it links to), or null when it is left to the main thread. */
export type RenderedJob = { html: string; papers: [string, string][] } | null;

/** A batch's results in the order of its jobs; or word that the worker is ready. */
export type RenderReply = { batch: number; results: RenderedJob[] } | { ready: true };

const { port, signal, facts } = workerData as { port: MessagePort; signal: Int32Array; facts: LinkFacts };
const source = factsSource(facts);

/** Sends a reply and wakes the main thread, which waits on this counter. */
function reply(message: RenderReply): void {
  port.postMessage(message);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}

function render(job: FragmentJob): RenderedJob {
  const linked: [string, string][] = [];
  try {
    const r = renderMarkdown(
      job.markdown,
      jobOptions(job, source, () => linked),
    );
    // Markdown that cannot be published is reported by the main thread, which renders it again.
    return 'problem' in r ? null : { html: r.html.value, papers: linked };
  } catch (e) {
    if (e instanceof UnknownOwner) return null;
    throw e;
  }
}

port.on('message', (message: RenderBatch | 'stop') => {
  if (message === 'stop') {
    port.close();
    return;
  }
  let results: RenderedJob[];
  try {
    results = message.jobs.map(render);
  } catch {
    results = message.jobs.map(() => null);
  }
  reply({ batch: message.batch, results });
});
reply({ ready: true });
