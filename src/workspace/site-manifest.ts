/**
 * The manifest of the last export to a folder: what it was made from (this build of csp,
 * the record's folder, the options, and the stat of every file of the record) and what it
 * wrote (the stat and digest of every file of the site). When all of that is still so, a
 * new export would write the same bytes again, so there is nothing to do.
 *
 * Git's rule for "racily clean" files holds here as in the record index: a file changed
 * within the timestamp granularity of the moment its stat was taken could change again
 * without its stat showing it, so it is trusted only on its digest (read again and
 * compared). Any doubt (no manifest, a damaged one, another build, another option, a file
 * added, removed or changed in the record or in the site) means a full export.
 *
 * The manifest is kept in csp's cache folder, never in the site (it names the record's
 * files, which are not all public) and never in the record; CSP_NO_CACHE turns it off.
 */
import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import type { FileStamp, SourceFile } from '../model/types.js';
import { digestHex, settledAt, type Stamp } from './trust.js';
import { cacheFile, cacheOff, readCacheFile, recordCacheDir, writeCacheFile, type CacheEnv } from './cache-store.js';

const VERSION = 1;
/** As the record index: a file changed this close to (or after) the moment it was checked is racily clean. */

/** A file as the manifest holds it: its path (a folder's ends in "/"), its stat, and its digest when known. */
type Row = [rel: string, stamp: Stamp | null, digest: string | null];

/** What the summary of an export said, repeated when the site is up to date. */
export interface SiteSummary {
  /** The partnership's name. */
  name: string;
  pages: number;
  files: number;
  papers: number;
  bytes: number;
  drafts: boolean;
}

interface Manifest {
  version: number;
  /** The build of csp and the record it read. */
  key: string;
  options: string;
  recordCheckedAt: number;
  record: Row[];
  siteCheckedAt: number;
  site: Row[];
  summary: SiteSummary;
}

/** Where the manifest of the site at `outAbs` is kept, or undefined when there is to be none. */
export function manifestFile(outAbs: string, recordRoot: string, env: CacheEnv): string | undefined {
  if (cacheOff(env)) return undefined;
  // Never inside the record, nor inside the site (which is published whole).
  if (recordCacheDir(recordRoot, env) === undefined) return undefined;
  const file = cacheFile(path.join(outAbs, '.csp-site-manifest'), env);
  const rel = path.relative(outAbs, file);
  if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))) return undefined;
  return file;
}

const stampOf = (st: FileStamp): Stamp => [st.size, st.mtimeMs, st.ctimeMs, st.ino];

/**
 * Every file and folder under `root` (not `skip`, e.g. ".git"), sorted, with the stat of
 * each file (following a link; a folder's own stat is not kept, its entries are). A file
 * in `known` (by its path under `root`) has the stat given there, taken as it was read.
 * Undefined when a folder cannot be listed.
 */
function walk(
  root: string,
  skip: ReadonlySet<string> = new Set(),
  known: ReadonlyMap<string, Stamp> = new Map(),
): [string, Stamp | null][] | undefined {
  const rows: [string, Stamp | null][] = [];
  const visit = (abs: string, rel: string): boolean => {
    let entries: Dirent[];
    try {
      entries = readdirSync(abs, { withFileTypes: true }).sort((a, b) =>
        a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
      );
    } catch {
      return false;
    }
    for (const entry of entries) {
      const name = entry.name;
      if (rel === '' && skip.has(name)) continue;
      const r = rel === '' ? name : `${rel}/${name}`;
      const stamp = entry.isFile() ? known.get(r) : undefined;
      if (stamp) {
        rows.push([r, stamp]);
        continue;
      }
      const child = path.join(abs, name);
      let st;
      try {
        st = statSync(child, { throwIfNoEntry: false });
      } catch {
        return false;
      }
      if (st === undefined) {
        rows.push([r, null]);
      } else if (st.isDirectory()) {
        rows.push([`${r}/`, null]);
        if (!visit(child, r)) return false;
      } else rows.push([r, stampOf(st)]);
    }
    return true;
  };
  return visit(root, '') ? rows : undefined;
}

/** The stat of record files as they were read (by their paths under the record), so that listing the record takes none of them again. */
export type KnownStamps = ReadonlyMap<string, Stamp>;

/** KnownStamps of the files given (those without a stat are left out). */
export function knownStamps(files: Iterable<Pick<SourceFile, 'rel' | 'stamp'>>): KnownStamps {
  const known = new Map<string, Stamp>();
  for (const f of files) if (f.stamp) known.set(f.rel, stampOf(f.stamp));
  return known;
}

/** The files and folders of a record (not .git) as a manifest lists them, with the stat of each file. */
export type ManifestListing = [string, Stamp | null][];

/**
 * The record at `recordRoot` listed for the manifest (undefined when a folder cannot be
 * listed): any time after the export began to read it will do, since a file changed after
 * that has a time after `recordCheckedAt` and is kept as racily clean. The files in `known`
 * keep the stat taken as they were read (which is also the one that matches the bytes read).
 */
export function listForManifest(recordRoot: string, known?: KnownStamps): ManifestListing | undefined {
  return walk(recordRoot, RECORD_SKIP, known);
}

/** The digest kept of a file's bytes. */

function digestFile(abs: string): string | undefined {
  try {
    return digestHex(readFileSync(abs));
  } catch {
    return undefined;
  }
}

const racy = (s: Stamp, checkedAt: number) => !settledAt(s[1], s[2], checkedAt);

const sameStamp = (a: Stamp | null, b: Stamp | null) =>
  a === null || b === null ? a === b : a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3];

const RECORD_SKIP = new Set(['.git']);

/** What a new export is asked to make: the same key and options as the last one are needed for it to be up to date. */
export interface ManifestKey {
  /** The build of csp and the record's folder. */
  key: string;
  /** The options that change what is written (as-of, drafts, base URL), as one string. */
  options: string;
}

/**
 * Whether the site at `outAbs` is exactly as the last export wrote it, from a record and
 * with options exactly as they were then: its summary if so, else why not (for CSP_DEBUG).
 * Files racily clean are read and compared by digest; when that was needed, the
 * manifest is written again with the new stats, so the next check need not read them.
 */
export function siteUpToDate(
  file: string,
  want: ManifestKey,
  recordRoot: string,
  outAbs: string,
): { summary: SiteSummary } | { why: string } {
  let m: Manifest;
  try {
    m = JSON.parse(readCacheFile(file) ?? 'null') as Manifest;
  } catch {
    return { why: 'the manifest of the last export cannot be read' };
  }
  if (!validManifest(m)) return { why: 'no manifest of the last export' };
  if (m.key !== want.key) return { why: 'another build of csp or another record' };
  if (m.options !== want.options) return { why: 'other options' };
  const recordAt = Date.now();
  const record = walk(recordRoot, RECORD_SKIP);
  if (!record) return { why: 'a folder of the record cannot be listed' };
  const recordRows = compare(m.record, record, m.recordCheckedAt, (rel) => path.join(recordRoot, ...rel.split('/')));
  if (typeof recordRows === 'string') return { why: `the record: ${recordRows}` };
  const siteAt = Date.now();
  const site = walk(outAbs);
  if (!site) return { why: 'a folder of the site cannot be listed' };
  const siteRows = compare(m.site, site, m.siteCheckedAt, (rel) => path.join(outAbs, ...rel.split('/')));
  if (typeof siteRows === 'string') return { why: `the site: ${siteRows}` };
  if (recordRows.read || siteRows.read) {
    writeCacheFile(
      file,
      JSON.stringify({
        ...m,
        recordCheckedAt: recordAt,
        record: keepRacy(recordRows.rows, recordAt),
        siteCheckedAt: siteAt,
        site: siteRows.rows,
      } satisfies Manifest),
    );
  }
  return { summary: m.summary };
}

/** Rows with the digests kept only where they will be needed (racily clean files); a site keeps every digest. */
function keepRacy(rows: Row[], checkedAt: number): Row[] {
  return rows.map(([rel, s, d]) => [rel, s, s !== null && racy(s, checkedAt) ? d : null]);
}

/**
 * Compares the files found now with the manifest's rows: the same paths, the same stats,
 * and for each file racily clean then, the same digest now. The rows to keep (with the
 * digests), and whether any file had to be read; or what differs.
 */
function compare(
  then: Row[],
  now: [string, Stamp | null][],
  checkedAt: number,
  abs: (rel: string) => string,
): { rows: Row[]; read: boolean } | string {
  if (then.length !== now.length) return 'files were added or removed';
  const rows: Row[] = [];
  let read = false;
  for (let i = 0; i < now.length; i++) {
    const [rel, stamp, digest] = then[i]!;
    const [relNow, stampNow] = now[i]!;
    if (rel !== relNow) return `${rel} or ${relNow} was added or removed`;
    if (!sameStamp(stamp, stampNow)) return `${rel} changed`;
    if (stamp !== null && racy(stamp, checkedAt)) {
      if (digest === null || digestFile(abs(rel)) !== digest) return `${rel} may have changed`;
      read = true;
    }
    rows.push([rel, stamp, digest]);
  }
  return { rows, read };
}

function validManifest(m: unknown): m is Manifest {
  if (m === null || typeof m !== 'object') return false;
  const x = m as Partial<Manifest>;
  const rowsOk = (rows: unknown) =>
    Array.isArray(rows) &&
    rows.every(
      (r) =>
        Array.isArray(r) &&
        r.length === 3 &&
        typeof r[0] === 'string' &&
        (r[1] === null || (Array.isArray(r[1]) && r[1].length === 4 && r[1].every((n) => typeof n === 'number'))) &&
        (r[2] === null || typeof r[2] === 'string'),
    );
  const s = x.summary as Partial<SiteSummary> | null | undefined;
  return (
    x.version === VERSION &&
    typeof x.key === 'string' &&
    typeof x.options === 'string' &&
    typeof x.recordCheckedAt === 'number' &&
    typeof x.siteCheckedAt === 'number' &&
    rowsOk(x.record) &&
    rowsOk(x.site) &&
    typeof s === 'object' &&
    s !== null &&
    typeof s.name === 'string' &&
    typeof s.pages === 'number' &&
    typeof s.files === 'number' &&
    typeof s.papers === 'number' &&
    typeof s.bytes === 'number' &&
    typeof s.drafts === 'boolean'
  );
}

/** What a full export tells the manifest, once the new site is in place. */
export interface ExportDone {
  /** When the export began to read the record (before any file of it was read). */
  recordCheckedAt: number;
  /** The digest of a record file's bytes as the export read them (relative path), when it holds them. */
  recordDigest: (rel: string) => string | undefined;
  /** The digest of each file written into the site (site path, e.g. "meetings/x.html"). */
  siteDigests: ReadonlyMap<string, string>;
  summary: SiteSummary;
  /** The record as listed once it was read (listForManifest), when it was; else it is listed now. */
  record?: ManifestListing | undefined;
  /** The stat of the record's files as they were read, for listing it now. */
  known?: KnownStamps | undefined;
  /** The stat of each file written into the site, taken as it was written; else the site is listed now. */
  siteStamps?: ReadonlyMap<string, Stamp>;
}

/**
 * The site's files and folders as listing it would give them (the same rows, in the same
 * order), from the files written into it and their stats as written: moving the folder into
 * place changes no file's stat. Undefined when a file's stat is missing.
 */
function writtenListing(
  digests: ReadonlyMap<string, string>,
  stamps: ReadonlyMap<string, Stamp>,
): ManifestListing | undefined {
  interface Folder {
    files: Map<string, Stamp>;
    folders: Map<string, Folder>;
  }
  const top: Folder = { files: new Map(), folders: new Map() };
  for (const rel of digests.keys()) {
    const stamp = stamps.get(rel);
    if (stamp === undefined) return undefined;
    const parts = rel.split('/');
    let at = top;
    for (const name of parts.slice(0, -1)) {
      let next = at.folders.get(name);
      if (!next) at.folders.set(name, (next = { files: new Map(), folders: new Map() }));
      at = next;
    }
    at.files.set(parts.at(-1)!, stamp);
  }
  const rows: ManifestListing = [];
  const visit = (folder: Folder, rel: string) => {
    for (const name of [...folder.files.keys(), ...folder.folders.keys()].sort()) {
      const r = rel === '' ? name : `${rel}/${name}`;
      const sub = folder.folders.get(name);
      if (sub) {
        rows.push([`${r}/`, null]);
        visit(sub, r);
      } else rows.push([r, folder.files.get(name)!]);
    }
  };
  visit(top, '');
  return rows;
}

/**
 * Writes the manifest of the site just put in place at `outAbs`. The record's stats are
 * taken after the export read it (now, unless `done` has them): a file changed since the
 * export began to read has a time after `recordCheckedAt`, so it is racily clean and is
 * kept with the digest of the bytes the export read, which will not match it. Nothing is written when a folder cannot be
 * listed or a file written cannot be accounted for (the next export is then a full one).
 */
export function writeManifest(
  file: string,
  want: ManifestKey,
  recordRoot: string,
  outAbs: string,
  done: ExportDone,
): void {
  const record = done.record ?? listForManifest(recordRoot, done.known);
  const siteAt = Date.now();
  const site = (done.siteStamps && writtenListing(done.siteDigests, done.siteStamps)) ?? walk(outAbs);
  if (!record || !site) return;
  const recordRows: Row[] = [];
  for (const [rel, s] of record) {
    let digest: string | null = null;
    if (s !== null && racy(s, done.recordCheckedAt)) {
      // A file the export did not read is taken as it is now: what it holds made no difference to the site.
      digest = done.recordDigest(rel) ?? digestFile(path.join(recordRoot, ...rel.split('/'))) ?? null;
      if (digest === null) return;
    }
    recordRows.push([rel, s, digest]);
  }
  const siteRows: Row[] = [];
  for (const [rel, s] of site) {
    if (s === null) {
      siteRows.push([rel, s, null]);
      continue;
    }
    const digest = done.siteDigests.get(rel);
    if (digest === undefined) return;
    siteRows.push([rel, s, digest]);
  }
  writeCacheFile(
    file,
    JSON.stringify({
      version: VERSION,
      key: want.key,
      options: want.options,
      recordCheckedAt: done.recordCheckedAt,
      record: recordRows,
      siteCheckedAt: siteAt,
      site: siteRows,
      summary: done.summary,
    } satisfies Manifest),
  );
}
