/**
 * Where csp's caches live on disk, outside the record: $CSP_CACHE_DIR, else
 * $XDG_CACHE_HOME/csp, else ~/.cache/csp. The record index has a folder per record; the
 * website's render cache a file. Reading and writing them never fails a command: a cache
 * that cannot be used is no cache, and one that would fall inside the record is not used.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  mkdirSync,
  readFileSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  writeFileSync,
  type Dirent,
} from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

declare const __CSP_BUILD__: string | undefined;

/** The environment variables the cache reads. */
export type CacheEnv = Readonly<Record<string, string | undefined>>;

/** Whether the cache is turned off (CSP_NO_CACHE set to anything but "" or "0"). */
export function cacheOff(env: CacheEnv): boolean {
  return env.CSP_NO_CACHE !== undefined && env.CSP_NO_CACHE !== '' && env.CSP_NO_CACHE !== '0';
}

function cacheDir(env: CacheEnv): string {
  if (env.CSP_CACHE_DIR) return path.resolve(env.CSP_CACHE_DIR);
  if (env.XDG_CACHE_HOME) return path.resolve(env.XDG_CACHE_HOME, 'csp');
  return path.join(env.HOME || homedir(), '.cache', 'csp');
}

/** A name for a folder in the cache (a digest of its absolute path). */
function nameFor(folder: string): string {
  return createHash('sha1').update(path.resolve(folder)).digest('hex').slice(0, 16);
}

/** The cache file of the folder at `root`. */
export function cacheFile(root: string, env: CacheEnv): string {
  return path.join(cacheDir(env), `${nameFor(root)}.json`);
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
 * A digest of csp's own code in the named folders, so a cache written by another version
 * of csp is never trusted. The bundled build carries one identity for all its code (a
 * digest of the sources it was built from); the unbundled build hashes the folders'
 * .js files; running from the sources gives a constant.
 */
export function codeFingerprint(version: number, folders: readonly string[]): string {
  const key = `${version}:${folders.join(',')}`;
  let print = fingerprints.get(key);
  if (print === undefined) {
    const h = createHash('sha256');
    h.update(String(version));
    if (typeof __CSP_BUILD__ === 'string') h.update(`${folders.join(',')}\0${__CSP_BUILD__}`);
    else {
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
    }
    print = h.digest('hex');
    fingerprints.set(key, print);
  }
  return print;
}

let sources: string | undefined;

/**
 * A digest of csp's sources and schemas (src/ and schemas/ of the project), worked out once
 * a process: the identity of the code when it runs unbundled from its sources.
 */
export function sourcesDigest(): string {
  if (sources !== undefined) return sources;
  const project = path.join(here, '..', '..');
  const h = createHash('sha256');
  const walk = (rel: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(path.join(project, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const f = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(f);
      else if (e.isFile())
        h.update(f)
          .update('\0')
          .update(readFileSync(path.join(project, f)));
    }
  };
  walk('src');
  walk('schemas');
  return (sources = h.digest('hex').slice(0, 32));
}

/** The real path of `p`, or of its nearest existing ancestor with the rest appended. */
function realish(p: string): string {
  let rest = '';
  for (let at = p; ;) {
    try {
      return path.join(realpathSync(at), rest);
    } catch {
      const up = path.dirname(at);
      if (up === at) return p;
      rest = path.join(path.basename(at), rest);
      at = up;
    }
  }
}

/** The index folder of the record at `root`, or undefined when it would be inside the record. */
export function recordCacheDir(root: string, env: CacheEnv): string | undefined {
  const base = cacheDir(env);
  const record = realish(path.resolve(root));
  const cache = realish(base);
  if (cache === record || cache.startsWith(record + path.sep)) return undefined;
  return path.join(base, nameFor(root));
}

/** Removes the one-file parse cache of earlier versions of csp for the record at `root` (the index replaced it). */
export function removeOldCache(root: string, env: CacheEnv): void {
  rmSync(cacheFile(root, env), { force: true });
}
