/**
 * A cache of what parsing found in each file, keyed by the file's exact content, so a
 * second run over an unchanged record parses nothing. It lives outside the record (in
 * $CSP_CACHE_DIR, else $XDG_CACHE_HOME/csp, else ~/.cache/csp); CSP_NO_CACHE=1 turns it
 * off. It is only ever an optimisation: any problem reading or writing it is ignored.
 */
import { createHash } from 'node:crypto';
import {
  cacheFile,
  cacheOff,
  codeFingerprint,
  readCacheFile,
  writeCacheFile,
  type CacheEnv,
} from '../workspace/cache-store.js';

const VERSION = 2;
/** The folders whose code decides what a cached reading holds. */
const CODE = ['core', 'model', 'parse', 'schema', 'load'];

/** What a cache holds: entries by key, and whether any were added this run. */
export interface ParseCache {
  /** Whether the cache holds a key (from an earlier run or set in this one). */
  has(key: string): boolean;
  get(key: string): unknown;
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
    get: (key: string) => entries.get(key),
    set: (key, value) => void entries.set(key, value),
    save: () => undefined,
  };
}

/** A key for content under a kind of reading (e.g. "minutes:front"). */
export function cacheKey(kind: string, text: string): string {
  return createHash('sha1').update(kind).update('\0').update(text).digest('base64url');
}

/** Opens the cache of the record at `root` (one file per record folder). */
export function openCache(root: string, env: CacheEnv): ParseCache {
  if (cacheOff(env)) return memoryOnly();
  const file = cacheFile(root, env);
  const print = codeFingerprint(VERSION, CODE);
  let stored: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(readCacheFile(file) ?? '{}') as {
      fingerprint?: string;
      entries?: Record<string, unknown>;
    };
    if (parsed.fingerprint === print && parsed.entries && typeof parsed.entries === 'object') stored = parsed.entries;
  } catch {
    /* unreadable: start afresh */
  }
  const used = new Map<string, unknown>();
  let added = false;
  return {
    has: (key) => used.has(key) || Object.hasOwn(stored, key),
    get(key: string): unknown {
      if (used.has(key)) return used.get(key);
      if (!Object.hasOwn(stored, key)) return undefined;
      const v = stored[key];
      used.set(key, v);
      return v;
    },
    set(key, value) {
      used.set(key, value);
      added = true;
    },
    save(full) {
      if (!added && (!full || used.size === Object.keys(stored).length)) return;
      const entries = full ? Object.fromEntries(used) : { ...stored, ...Object.fromEntries(used) };
      writeCacheFile(file, JSON.stringify({ fingerprint: print, entries }));
    },
  };
}
