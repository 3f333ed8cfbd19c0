/**
 * Where the parse cache lives on disk, outside the record: $CSP_CACHE_DIR, else
 * $XDG_CACHE_HOME/csp, else ~/.cache/csp; one file per record folder. Reading and
 * writing it never fails a command: a cache that cannot be used is no cache.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The environment variables the cache reads. */
export type CacheEnv = Readonly<Record<string, string | undefined>>;

/** Whether the cache is turned off (CSP_NO_CACHE set to anything but "" or "0"). */
export function cacheOff(env: CacheEnv): boolean {
  return env.CSP_NO_CACHE !== undefined && env.CSP_NO_CACHE !== '' && env.CSP_NO_CACHE !== '0';
}

function cacheDir(env: CacheEnv): string {
  if (env.CSP_CACHE_DIR) return env.CSP_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return path.join(env.XDG_CACHE_HOME, 'csp');
  return path.join(env.HOME || homedir(), '.cache', 'csp');
}

/** The cache file of the record at `root`. */
export function cacheFile(root: string, env: CacheEnv): string {
  return path.join(cacheDir(env), `${createHash('sha1').update(path.resolve(root)).digest('hex').slice(0, 16)}.json`);
}

/** The cache file's text, or undefined when there is none or it cannot be read. */
export function readCacheFile(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Replaces the cache file (a temp file renamed over it); any failure is ignored. */
export function writeCacheFile(file: string, text: string): void {
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch {
    rmSync(tmp, { force: true });
  }
}

const here = path.dirname(fileURLToPath(import.meta.url));
const fingerprints = new Map<string, string>();

/**
 * A digest of csp's own built code in the named folders (siblings of this one), so a
 * cache written by another version of csp is never trusted. Running from the sources
 * (no .js files) gives a constant.
 */
export function codeFingerprint(version: number, folders: readonly string[]): string {
  const key = `${version}:${folders.join(',')}`;
  let print = fingerprints.get(key);
  if (print === undefined) {
    const h = createHash('sha256');
    h.update(String(version));
    for (const dir of folders) {
      const abs = path.join(here, '..', dir);
      let names: string[] = [];
      try {
        names = readdirSync(abs)
          .filter((n) => /\.(c?js|json)$/.test(n))
          .sort();
      } catch {
        /* not built: nothing to add */
      }
      for (const n of names) {
        h.update(n);
        h.update(readFileSync(path.join(abs, n)));
      }
    }
    print = h.digest('hex');
    fingerprints.set(key, print);
  }
  return print;
}
