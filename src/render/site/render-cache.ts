/**
 * The website's render cache: each fragment of record markdown as the sanitising pipeline
 * rendered it, with the papers it links to, kept outside the record beside the parse
 * cache and keyed by the fragment's exact text, where it goes, everything on the site its
 * links and markers depend on, and csp's own rendering code. An unchanged record is
 * therefore not rendered again; any change to any of those renders afresh.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import {
  cacheFile,
  cacheOff,
  codeFingerprint,
  readCacheFile,
  writeCacheFile,
  type CacheEnv,
} from '../../workspace/cache-store.js';
import { SafeHtml } from '../html/escape.js';
import { directRenderer, renderedWithoutPipeline, type Renderer } from './pages.js';
import type { FragmentJob } from './links.js';
import type { SiteView } from './view.js';

const VERSION = 1;
/** The folders whose code decides what a fragment renders to. */
const CODE = ['core', 'parse', 'render/html', 'render/site'];

interface Entry {
  /** The sanitised HTML. */
  h: string;
  /** Papers linked: [site path, source]. */
  p: [string, string][];
}

/** A render cache for one export. */
export interface RenderCache {
  renderer: Renderer;
  /** The key of a fragment job, when the cache does not hold it yet (then it can be rendered ahead). */
  missing(job: FragmentJob): string | undefined;
  /** Keeps a fragment rendered ahead (by the same pipeline, in a worker thread) under its key. */
  put(key: string, html: string, papers: [string, string][]): void;
  /** Writes the entries used by this export (and no others), unless nothing changed. */
  save(): void;
}

/** What every fragment's links and action markers may depend on, besides its own text and page. */
function siteFingerprint(view: SiteView): string {
  const h = createHash('sha256');
  for (const [id, p] of [...view.rec.people.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)))
    h.update(`${id}\0${p.name}\0${p.organisation ?? ''}\n`);
  for (const a of view.actions) h.update(`a\0${a.id}\0${a.exempt ?? ''}\n`);
  for (const m of view.meetings) {
    h.update(
      `m\0${m.id}\0${m.agendaOut}\0${m.entry.dir}\0${[...m.entry.papers.keys()].sort().join('\u0001')}\0${[...m.exemptPapers].sort().join('\u0001')}\n`,
    );
  }
  return h.digest('base64url');
}

/**
 * Opens the render cache of the record at `root`. When CSP_NO_CACHE is set it holds only
 * this export's fragments (those rendered ahead), in memory, and writes nothing.
 */
export function openRenderCache(root: string, env: CacheEnv, view: SiteView): RenderCache {
  const off = cacheOff(env);
  // A file of its own beside the parse cache's (named as if for a folder inside the record; nothing is written there).
  const file = off ? undefined : cacheFile(path.join(root, '.csp-site-render'), env);
  const print = codeFingerprint(VERSION, CODE);
  let stored: Record<string, Entry> = {};
  try {
    const parsed = JSON.parse((file && readCacheFile(file)) ?? '{}') as {
      fingerprint?: string;
      entries?: Record<string, Entry>;
    };
    if (parsed.fingerprint === print && parsed.entries && typeof parsed.entries === 'object') stored = parsed.entries;
  } catch {
    /* unreadable: start afresh */
  }
  const site = siteFingerprint(view);
  const used = new Map<string, Entry>();
  let added = false;
  const keyOf = (markdown: string, scope: string, headingBase: number, decisions: unknown, marker: boolean) =>
    createHash('sha1')
      .update(`${site}\0${scope}\0${headingBase}\0${JSON.stringify(decisions ?? false)}\0${marker}\0`)
      .update(markdown)
      .digest('base64url');
  const renderer: Renderer = (state, markdown, options, scope) => {
    // Plain text is written again faster than it is looked up: only the pipeline's output is kept.
    const quick = renderedWithoutPipeline(state, markdown, options);
    if (quick) return quick;
    const key = keyOf(markdown, scope, options.headingBase, options.decisions, options.actionMarker !== undefined);
    const hit = used.get(key) ?? (Object.hasOwn(stored, key) ? stored[key] : undefined);
    if (hit) {
      used.set(key, hit);
      // The entry is the sanitiser's own output, stored by an earlier run of this same code.
      return { html: new SafeHtml(hit.h), papers: hit.p };
    }
    const r = directRenderer(state, markdown, options, scope);
    if ('html' in r && !r.plain) {
      used.set(key, { h: r.html.value, p: r.papers });
      added = true;
    }
    return r;
  };
  return {
    renderer,
    missing(job) {
      // A job's fragment has an action-marker label (jobOptions gives it one).
      const key = keyOf(job.markdown, job.scope, job.options.headingBase, job.options.decisions, true);
      return used.has(key) || Object.hasOwn(stored, key) ? undefined : key;
    },
    put(key, html, papers) {
      used.set(key, { h: html, p: papers });
      added = true;
    },
    save() {
      if (file === undefined || (!added && used.size === Object.keys(stored).length)) return;
      writeCacheFile(file, JSON.stringify({ fingerprint: print, entries: Object.fromEntries(used) }));
    },
  };
}
