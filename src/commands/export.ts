/** csp export: the public website, built in memory, checked for anything withheld, then moved into place. */
import { readBytes } from '../workspace/files.js';
import path from 'node:path';
import type { Ctx } from './context.js';
import { ProblemError, UsageError } from '../core/errors.js';
import { readRecord } from './read.js';
import { buildSite } from '../render/site/build.js';
import { findLeaks } from '../render/site/leak-check.js';
import { openRenderCache, type RenderCache } from '../render/site/render-cache.js';
import { renderAhead } from '../render/site/render-ahead.js';
import { publicRecordProblems } from '../schema/public-record.js';
import { checkSiteFolder, writeSiteFolder } from '../workspace/site-dir.js';
import { where } from '../load/checked.js';
import { requireRoster } from './roster-guard.js';

/** A progress line on a terminal (rewritten in place, at most every 100 ms); nothing when piped. */
function progress(ctx: Ctx, what: string): { tick: (done: number, total: number) => void; end: () => void } {
  if (!ctx.io.isTTY) return { tick: () => undefined, end: () => undefined };
  let last = 0;
  let shown = false;
  return {
    tick(done, total) {
      const now = Date.now();
      if (done !== total && now - last < 100) return;
      last = now;
      shown = true;
      ctx.err(`\r${what} ${done} of ${total}…`);
    },
    end() {
      if (shown) ctx.err('\r\u001b[2K');
    },
  };
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** csp export [--out DIR] [--include-drafts] [--base-url URL] */
export function run(ctx: Ctx, opts: Record<string, unknown>): Promise<number> {
  return Promise.resolve(exportSite(ctx, opts));
}

function exportSite(ctx: Ctx, opts: Record<string, unknown>): number {
  const out = typeof opts.out === 'string' ? opts.out : 'site';
  if (out.trim() === '') throw new UsageError('--out needs a folder, e.g. --out site.');
  const baseUrl = typeof opts.baseUrl === 'string' ? opts.baseUrl : undefined;
  if (baseUrl !== undefined && !/^https?:\/\/[^\s<>"'`\\/]+(\/[^\s<>"'`\\]*)?$/i.test(baseUrl)) {
    throw new UsageError(
      `--base-url "${baseUrl}" is not a web address. Give the address the site will be served from, e.g. --base-url https://example.gov.uk/csp/.`,
    );
  }
  const includeDrafts = opts.includeDrafts === true;
  const found = ctx.record();
  const outAbs = path.resolve(ctx.io.cwd, out);
  checkSiteFolder(outAbs, out, found.root);

  const rec = readRecord(ctx, { minutesBodies: true });
  if (!rec.partnership) {
    const p = rec.diagnostics.find((d) => d.severity === 'error' && d.file.endsWith('partnership.md'));
    throw new UsageError(
      `partnership.md cannot be read, so the partnership's name and rules are unknown${p ? ` (${where(p)})` : ''}. Correct it first; csp validate lists every problem.`,
    );
  }
  requireRoster(rec, 'the website names members');

  // Publish only what reads cleanly: a file the site is made from that has an error stops it.
  const drafts = new Set(
    rec.meetings.filter((m) => m.minutes?.data.status === 'draft').map((m) => m.minutes!.file.display),
  );
  const blocking = rec.diagnostics.filter(
    (d) =>
      d.severity === 'error' &&
      /(^|\/)(partnership\.md|meetings\/[^/]+\/(meeting|minutes)\.md|actions\/[^/]+\.md)$/.test(d.file) &&
      (includeDrafts || !drafts.has(d.file)),
  );
  if (blocking.length > 0) {
    for (const d of blocking.slice(0, 20)) ctx.err(`${where(d)}  ${d.rule}\n`);
    if (blocking.length > 20) ctx.err(`… and ${blocking.length - 20} more.\n`);
    ctx.err(
      `csp: the website was not written: ${blocking.length === 1 ? 'a file it is made from has a problem' : `${blocking.length} problems in the files it is made from`}. Correct ${blocking.length === 1 ? 'it' : 'them'} (csp validate lists every problem) and export again.\n`,
    );
    return 1;
  }

  const making = progress(ctx, 'Making pages:');
  let cache: RenderCache | undefined;
  const built = buildSite(
    rec,
    { asOf: ctx.today, includeDrafts, ...(baseUrl !== undefined ? { baseUrl } : {}) },
    making.tick,
    (view) => {
      cache = openRenderCache(found.root, ctx.io.env, view);
      // A large record's minutes are rendered ahead on every core; the pages then take them from the cache.
      const ahead = progress(ctx, 'Rendering minutes:');
      renderAhead(view, cache, ctx.io.env, ahead.tick, ctx.err);
      ahead.end();
      return cache.renderer;
    },
  );
  making.end();
  cache?.save();
  if (built.problems.length > 0) {
    for (const p of built.problems) ctx.err(`${rec.display === '.' ? '' : `${rec.display}/`}${p}\n`);
    ctx.err(
      'csp: the website was not written: some text cannot be published as it stands. Correct it and export again.\n',
    );
    return 1;
  }
  const schema = publicRecordProblems(JSON.parse(built.files.get('record.json')!));
  if (schema.length > 0)
    throw new ProblemError(
      `record.json would not match schemas/public-record.schema.json (${schema.slice(0, 3).join('; ')}); nothing was written. Please report this.`,
    );

  // The independent check of the finished output, before anything is written.
  // Papers are searched for the roster's contact details (when it has any).
  const paperBytes = new Map<string, Buffer>();
  if (rec.members.some((m) => m.email || m.phone) || rec.others.some((o) => o.email || o.phone)) {
    for (const [site, abs] of built.papers) paperBytes.set(site, readBytes(abs));
  }
  const leaks = findLeaks(rec, built.files, paperBytes);
  if (leaks.length > 0) {
    for (const l of leaks) ctx.err(`${out}/${l.file}: would publish ${l.what}\n`);
    ctx.err(
      'csp: the website was not written, because it would have published information that is withheld (exempt text, or contact details from members.yaml). Remove it from the public text of the record, and export again.\n',
    );
    return 1;
  }

  const writing = progress(ctx, 'Writing files:');
  const written = writeSiteFolder(ctx.io.system, outAbs, built.files, built.papers, writing.tick);
  writing.end();
  const pages = [...built.files.keys()].filter((f) => f.endsWith('.html')).length;
  const draftNote = built.view.hasDrafts ? ' Draft minutes are included, each marked DRAFT.' : '';
  ctx.out(
    `Wrote the website of ${rec.settings.name} to ${out}/: ${pages} pages, ${written.files + 1} files (${built.papers.size} papers), ${formatBytes(written.bytes)}.${draftNote}\nOpen ${path.join(out, 'index.html')} in a browser, or publish the folder as it is.\n`,
  );
  return 0;
}
