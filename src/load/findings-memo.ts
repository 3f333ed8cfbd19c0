/**
 * What the last full check of a record found, kept beside the record index so that a check
 * of a record in which nothing has changed since gives the same findings without reading
 * it again (as a compiler's incremental build reuses what nothing has invalidated).
 *
 * The findings are kept with what they were worked out from: this build of csp, the
 * record's folder, how its files are shown, "today", every file the check reads with the
 * digest of its bytes, each meeting's papers (name and size), every other name listed under
 * meetings/, and each question the rules asked of the disk (does this linked file exist)
 * with its answer. They are given again only when all of that is the same now:
 * every file is trusted by the index on its stat (unchanged, and not racily clean, as the
 * index trusts its rows) and has the digest it had, every folder lists the same names, and
 * every question gets the same answer. Anything else (one file edited, a paper added, a
 * damaged or foreign memo, the index turned off) is a full check, which then remembers
 * what it found.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import type { Diagnostic } from '../core/diagnostic.js';
import type { Env } from '../core/env.js';
import { cacheOff, recordCacheDir } from '../workspace/cache-store.js';
import { exists } from '../workspace/files.js';
import { readBeside, replaceBeside } from '../workspace/index-store.js';
import { listRecord, recordPaths } from '../workspace/read.js';
import { FIELDS, KIND, statMany } from '../workspace/stat-many.js';
import { FileIndex, indexKey } from './file-index.js';
import { wantedFiles } from './wanted.js';

const MEMO_FILE = 'findings';
const MAGIC = 'CSPFINDS';
const VERSION = 1;

/** What a full check found, and what else it asked of the disk. */
export interface Findings {
  /** The partnership's short name (validate's heading). */
  name: string;
  diagnostics: Diagnostic[];
}

interface Memo extends Findings {
  key: string;
  identity: string;
  /** Each path the rules asked about, and whether anything was there. */
  probes: [string, boolean][];
}

/** Where this record's memo lives, or undefined when nothing is kept between runs. */
function memoDir(root: string, env: Env): string | undefined {
  return cacheOff(env) ? undefined : recordCacheDir(root, env);
}

/** What the findings depend on besides the files: the build and record, how paths are shown, and the day. */
function memoKey(root: string, display: string, today: string): string {
  return JSON.stringify([indexKey(root), display, today]);
}

/**
 * The identity of the record as the index knows it now: a digest over every file a full
 * check reads (its path, and the digest of its bytes), every name listed and what listing
 * found (links, stray files, folders that cannot be opened); undefined when any file is not
 * trusted on its stat.
 */
export function recordIdentity(root: string, display: string, env: Env): { digest: string; files: number } | undefined {
  const index = FileIndex.open(root, env);
  try {
    if (!index.enabled) return undefined;
    const listing = listRecord(root, display, { meetings: 'all', actions: true }, index);
    const hash = createHash('sha1');
    const add = (...parts: (string | number)[]) => hash.update(`${parts.join('\0')}\n`);
    // What listing found (a stray file, a link out of the record, a folder that cannot be opened), as found now.
    add('listing', JSON.stringify(listing.diagnostics), ...listing.unlisted);
    add('names', ...listing.meetingNames);
    for (const [id, found] of listing.meetings) {
      add('meeting', id, found.meeting ?? '', found.minutes ?? '');
      for (const [name, size] of found.papers) add('paper', name, size);
    }
    const wants = wantedFiles(listing, true, () => true);
    // Every file's stat (a link's own stat never matches its row).
    const answers = statMany(wants.map((w) => w.abs));
    for (let i = 0; i < wants.length; i++) {
      const want = wants[i]!;
      const at = i * FIELDS;
      if (answers[at] !== KIND.file) return undefined;
      const stamp = {
        size: answers[at + 1]!,
        mtimeMs: answers[at + 2]!,
        ctimeMs: answers[at + 3]!,
        ino: answers[at + 4]!,
      };
      const rel = recordPaths(root, display, want.abs).rel;
      const entry = index.entry(rel);
      if (!entry || !index.trusts(entry, stamp)) return undefined;
      add('file', want.kind, rel, index.digest(entry));
    }
    return { digest: hash.digest('hex'), files: wants.length };
  } finally {
    // Folders listed afresh are kept (every other row stays as it was); nothing else was read.
    index.save(false);
    index.close();
  }
}

/**
 * The findings of the last full check, when nothing they were worked out from has changed
 * (with how many files that was: all of them trusted unread).
 */
function recallFindings(
  root: string,
  display: string,
  today: string,
  env: Env,
): (Findings & { files: number }) | undefined {
  const dir = memoDir(root, env);
  if (dir === undefined) return undefined;
  const memo = readMemo(dir);
  if (!memo || memo.key !== memoKey(root, display, today)) return undefined;
  if (!memo.probes.every(([abs, was]) => exists(abs) === was)) return undefined;
  const now = recordIdentity(root, display, env);
  if (now?.digest !== memo.identity) return undefined;
  return { name: memo.name, diagnostics: memo.diagnostics, files: now.files };
}

/** What a check of the whole record is asked for. */
export interface CheckOptions {
  root: string;
  display: string;
  today: string;
  env: Env;
  /** The git revision approved minutes are compared with (--base). */
  base?: string | undefined;
  /** Where debugging lines go (CSP_DEBUG). */
  trace?: ((line: string) => void) | undefined;
}

/**
 * The last full check's findings, when they still hold and the check has no base revision
 * (a check against a revision is always a full one). This module reads no record file and
 * loads neither the parsers nor the rules, so a warm validate loads them only when it
 * must check the record again (src/rules/check-record.ts).
 */
export function keptFindings(o: CheckOptions): Findings | undefined {
  if (o.base !== undefined) return undefined;
  const kept = recallFindings(o.root, o.display, o.today, o.env);
  if (kept === undefined) return undefined;
  if (o.env.CSP_DEBUG && o.trace)
    o.trace(`findings: those of the last check; index: ${kept.files} of ${kept.files} files trusted unread\n`);
  return { name: kept.name, diagnostics: kept.diagnostics };
}

/**
 * Keeps what a full check found, with the questions its rules asked of the disk. The
 * record is looked at again afterwards: findings are kept only when every file is still
 * trusted and has the bytes it had when it was read (a file changed meanwhile, or changed
 * too recently to be trusted on its stat, keeps nothing).
 */
export function rememberFindings(
  root: string,
  display: string,
  today: string,
  env: Env,
  findings: Findings,
  probes: ReadonlyMap<string, boolean>,
): void {
  const dir = memoDir(root, env);
  if (dir === undefined) return;
  const identity = recordIdentity(root, display, env);
  if (identity === undefined) return;
  const memo: Memo = {
    key: memoKey(root, display, today),
    identity: identity.digest,
    probes: [...probes].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
    name: findings.name,
    diagnostics: findings.diagnostics,
  };
  const body = Buffer.from(JSON.stringify(memo), 'utf8');
  const head = Buffer.alloc(16);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(VERSION, 8);
  head.writeUInt32LE(crc32(body), 12);
  replaceBeside(dir, MEMO_FILE, Buffer.concat([head, body]));
}

/** A memo as read back; undefined when missing, damaged or of another version. */
function readMemo(dir: string): Memo | undefined {
  const buf = readBeside(dir, MEMO_FILE);
  if (!buf || buf.length < 16 || buf.toString('latin1', 0, 8) !== MAGIC || buf.readUInt32LE(8) !== VERSION)
    return undefined;
  const body = buf.subarray(16);
  if (crc32(body) !== buf.readUInt32LE(12)) return undefined;
  try {
    const memo = JSON.parse(body.toString('utf8')) as Memo;
    const ok =
      typeof memo.key === 'string' &&
      typeof memo.identity === 'string' &&
      typeof memo.name === 'string' &&
      Array.isArray(memo.diagnostics) &&
      Array.isArray(memo.probes) &&
      memo.probes.every((p) => Array.isArray(p) && typeof p[0] === 'string' && path.isAbsolute(p[0]));
    return ok ? memo : undefined;
  } catch {
    return undefined;
  }
}
