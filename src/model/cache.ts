/**
 * A cache of what parsing found in each file, keyed by the file's exact content, so a
 * second run over an unchanged record parses nothing. It lives outside the record (in
 * $CSP_CACHE_DIR, else $XDG_CACHE_HOME/csp, else ~/.cache/csp); CSP_NO_CACHE=1 turns it
 * off. It is only ever an optimisation: any problem reading or writing it is ignored.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const VERSION = 1;
const here = path.dirname(fileURLToPath(import.meta.url));

/** What a cache holds: entries by key, and whether any were added this run. */
export interface ParseCache {
  /** Whether the cache holds a key (from an earlier run or set in this one). */
  has(key: string): boolean;
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): void;
  /**
   * Writes the cache. After a full read of the record only the entries used are kept, so
   * the cache never grows beyond the record; after a partial read the others are kept too.
   */
  save(full: boolean): void;
}

/** A cache for this run only (CSP_NO_CACHE): nothing is read or written. */
function memoryOnly(): ParseCache {
  const entries = new Map<string, unknown>();
  return {
    has: (key) => entries.has(key),
    get: <T>(key: string) => entries.get(key) as T | undefined,
    set: (key, value) => void entries.set(key, value),
    save: () => undefined,
  };
}

let fingerprint: string | undefined;
/** Changes whenever the code that produces cached results changes. */
function codeFingerprint(): string {
  if (fingerprint === undefined) {
    const h = createHash('sha256');
    h.update(String(VERSION));
    for (const dir of ['parse', 'schema', 'model', 'queries']) {
      const abs = path.join(here, '..', dir);
      let names: string[] = [];
      try {
        names = readdirSync(abs).filter((n) => /\.(c?js|json)$/.test(n)).sort();
      } catch {
        /* running from src: every file below still counts */
      }
      for (const n of names) {
        h.update(n);
        h.update(readFileSync(path.join(abs, n)));
      }
    }
    fingerprint = h.digest('hex');
  }
  return fingerprint;
}

/** A key for content under a kind of reading (e.g. "minutes:front"). */
export function cacheKey(kind: string, text: string): string {
  return createHash('sha1').update(kind).update('\0').update(text).digest('base64url');
}

function cacheDir(env: NodeJS.ProcessEnv): string {
  if (env.CSP_CACHE_DIR) return env.CSP_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return path.join(env.XDG_CACHE_HOME, 'csp');
  return path.join(homedir(), '.cache', 'csp');
}

/** Opens the cache of the record at `root` (one file per record folder). */
export function openCache(root: string, env: NodeJS.ProcessEnv = process.env): ParseCache {
  if (env.CSP_NO_CACHE && env.CSP_NO_CACHE !== '0') return memoryOnly();
  const dir = cacheDir(env);
  const file = path.join(dir, `${createHash('sha1').update(path.resolve(root)).digest('hex').slice(0, 16)}.json`);
  const print = codeFingerprint();
  let stored: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { fingerprint?: string; entries?: Record<string, unknown> };
    if (parsed.fingerprint === print && parsed.entries && typeof parsed.entries === 'object') stored = parsed.entries;
  } catch {
    /* no cache yet, or unreadable: start afresh */
  }
  const used = new Map<string, unknown>();
  let added = false;
  return {
    has: (key) => used.has(key) || Object.hasOwn(stored, key),
    get<T>(key: string): T | undefined {
      if (used.has(key)) return used.get(key) as T;
      if (!Object.hasOwn(stored, key)) return undefined;
      const v = stored[key];
      used.set(key, v);
      return v as T;
    },
    set(key, value) {
      used.set(key, value);
      added = true;
    },
    save(full) {
      if (!added && (!full || used.size === Object.keys(stored).length)) return;
      const entries = full ? Object.fromEntries(used) : { ...stored, ...Object.fromEntries(used) };
      try {
        mkdirSync(dir, { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, JSON.stringify({ fingerprint: print, entries }));
        renameSync(tmp, file);
      } catch {
        /* a cache that cannot be written is no cache */
      }
    },
  };
}
