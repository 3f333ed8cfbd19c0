/** csp export: the public website, each file checked for anything withheld as it is made, the whole moved into place; or nothing to do when the site is up to date. */
import path from 'node:path';
import type { Ctx } from './context.js';
import { ProblemError, UsageError } from '../core/errors.js';
import { digestHex } from '../workspace/trust.js';
import { fileBytes } from '../workspace/read.js';
import { readRecord } from './read.js';
import { buildSite } from '../render/site/build.js';
import { withheldSource } from '../render/site/leak-check.js';
import { openSiteSink } from '../render/site/site-sink.js';
import { openRenderCache, type RenderCache } from '../render/site/render-cache.js';
import { renderAhead } from '../render/site/render-ahead.js';
import { checkSiteFolder, SiteWriter } from '../workspace/site-dir.js';
import {
  knownStamps,
  manifestFile,
  siteUpToDate,
  writeManifest,
  type ManifestKey,
  type SiteSummary,
} from '../workspace/site-manifest.js';
import { indexKey } from '../load/file-index.js';
import type { LoadedRecord } from '../load/load.js';
import type { SourceFile } from '../model/types.js';
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

  // A site exactly as the last export wrote it, from a record and options exactly as they were then, is up to date.
  const manifest = manifestFile(outAbs, found.root, ctx.io.env);
  const want: ManifestKey = {
    key: indexKey(found.root),
    options: JSON.stringify({ asOf: ctx.today, includeDrafts, baseUrl: baseUrl ?? null }),
  };
  if (manifest !== undefined) {
    const was = siteUpToDate(manifest, want, found.root, outAbs);
    if ('summary' in was) {
      const s = was.summary;
      ctx.out(
        `The website of ${s.name} in ${out}/ is up to date: nothing in the record has changed since it was written, so nothing was written (${s.pages} pages, ${s.files} files (${s.papers} papers), ${formatBytes(s.bytes)}).${s.drafts ? ' Draft minutes are included, each marked DRAFT.' : ''}\nOpen ${path.join(out, 'index.html')} in a browser, or publish the folder as it is.\n`,
      );
      return 0;
    }
    if (ctx.io.env.CSP_DEBUG) ctx.err(`export: a full export, because ${was.why}\n`);
  }

  const recordCheckedAt = Date.now();
  // Every text is read for the site and its check: kept as read, not read again.
  const rec = readRecord(ctx, { minutesBodies: true, texts: true });
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

  // Each file is checked for anything withheld as soon as it is made (the independent
  // check of the finished output), then written into a temporary folder and let go; the
  // folder replaces the previous site only if every file passed.
  const debug = ctx.io.env.CSP_DEBUG ? ctx.err : undefined;
  let t = Date.now();
  const lap = (what: string) => {
    const now = Date.now();
    const mb = ctx.io.system.memoryMb?.();
    debug?.(`export: ${what} ${now - t} ms${mb === undefined ? '' : `, ${mb} MB`}\n`);
    t = now;
  };
  const writer = SiteWriter.open(ctx.io.system, outAbs);
  let pages = 0;
  const making = progress(ctx, 'Making pages:');
  let cache: RenderCache | undefined;
  let built;
  let checked;
  // Papers are copied as soon as a page publishes them, while the other pages are made.
  const sent = new Map<string, string>();
  // The stat of each record file as it was read, for the manifest's listing of the record.
  const known = manifest !== undefined ? knownStamps(recordFiles(rec)) : undefined;
  try {
    // On a large record a worker thread works out what is withheld (and lists the record for
    // the manifest) while this thread makes the view of the site and its pages.
    const sink = openSiteSink(
      () => withheldSource(rec),
      writer,
      rec.meetings.length,
      ctx.io.env,
      debug,
      known !== undefined ? { root: found.root, known } : undefined,
    );
    lap('what is withheld, sent');
    built = buildSite(
      rec,
      { asOf: ctx.today, includeDrafts, ...(baseUrl !== undefined ? { baseUrl } : {}) },
      {
        onPage: making.tick,
        renderer: (view) => {
          cache = openRenderCache(found.root, ctx.io.env, view);
          // A large record's minutes are rendered ahead on every core; the pages then take them from the cache.
          const ahead = progress(ctx, 'Rendering minutes:');
          renderAhead(view, cache, ctx.io.env, ahead.tick, ctx.err);
          ahead.end();
          lap('rendering ahead');
          return cache.renderer;
        },
        emit: (file, text) => {
          if (file.endsWith('.html')) pages++;
          sink.file(file, text);
        },
        paper: (site, abs) => {
          sent.set(site, abs);
          sink.paper(site, abs);
        },
      },
    );
    making.end();
    lap('making pages');
    cache?.save();
    for (const [site, abs] of built.papers) {
      if (sent.get(site) !== abs)
        throw new ProblemError(
          `the paper ${site} would be published from two places; nothing was written. Please report this.`,
        );
    }
    checked = sink.finish();
    lap('checking and writing the rest');
  } catch (e) {
    writer.abandon();
    throw e;
  }
  if (built.problems.length > 0) {
    writer.abandon();
    for (const p of built.problems) ctx.err(`${rec.display === '.' ? '' : `${rec.display}/`}${p}\n`);
    ctx.err(
      'csp: the website was not written: some text cannot be published as it stands. Correct it and export again.\n',
    );
    return 1;
  }
  const { leaks, schema } = checked;
  if (schema.length > 0) {
    writer.abandon();
    throw new ProblemError(
      `record.json would not match schemas/public-record.schema.json (${schema.slice(0, 3).join('; ')}); nothing was written. Please report this.`,
    );
  }
  if (leaks.length > 0) {
    writer.abandon();
    for (const l of leaks) ctx.err(`${out}/${l.file}: would publish ${l.what}\n`);
    ctx.err(
      'csp: the website was not written, because it would have published information that is withheld (exempt text, or contact details from members.yaml). Remove it from the public text of the record, and export again.\n',
    );
    return 1;
  }

  const written = writer.commit();
  const summary: SiteSummary = {
    name: rec.settings.name,
    pages,
    files: written.files + 1,
    papers: built.papers.size,
    bytes: written.bytes,
    drafts: built.view.hasDrafts,
  };
  lap('moving into place');
  if (manifest !== undefined) {
    writeManifest(manifest, want, found.root, outAbs, {
      recordCheckedAt,
      recordDigest: recordDigests(rec, found.root, built.papers, writer.digests),
      siteDigests: writer.digests,
      siteStamps: writer.stamps,
      summary,
      record: checked.record,
      known,
    });
    lap('manifest');
  }
  const draftNote = summary.drafts ? ' Draft minutes are included, each marked DRAFT.' : '';
  ctx.out(
    `Wrote the website of ${summary.name} to ${out}/: ${summary.pages} pages, ${summary.files} files (${summary.papers} papers), ${formatBytes(summary.bytes)}.${draftNote}\nOpen ${path.join(out, 'index.html')} in a browser, or publish the folder as it is.\n`,
  );
  return 0;
}

/** The files of the record the export read. */
function* recordFiles(rec: LoadedRecord): Generator<SourceFile> {
  if (rec.partnership) yield rec.partnership.file;
  if (rec.membersFile) yield rec.membersFile.file;
  for (const m of rec.meetings) {
    if (m.meeting) yield m.meeting.file;
    if (m.minutes) yield m.minutes.file;
  }
  for (const a of rec.actions) yield a.action.file;
}

/**
 * The digest of a record file's bytes as this export read them: the text files from the
 * record as loaded (byte-order mark and all), the papers as copied into the site.
 */
function recordDigests(
  rec: LoadedRecord,
  root: string,
  papers: Map<string, string>,
  written: ReadonlyMap<string, string>,
): (rel: string) => string | undefined {
  const texts = new Map<string, SourceFile>();
  for (const f of recordFiles(rec)) texts.set(f.rel, f);
  const copied = new Map<string, string>();
  for (const [site, abs] of papers) {
    const d = written.get(site);
    if (d !== undefined) copied.set(path.relative(root, abs).split(path.sep).join('/'), d);
  }
  return (rel) => {
    const f = texts.get(rel);
    if (f) return f.digest ?? digestHex(fileBytes(f));
    return copied.get(rel);
  };
}
