/**
 * The record index: for each file, the stat it had when last read (size, mtime, ctime,
 * inode), a digest of its bytes, and what reading it found. Like git's index, a file whose
 * stat is unchanged is trusted without being read; any other is read again, and parsed
 * again only if its bytes changed. Git's rule for "racily clean" files holds: a file
 * changed within the timestamp granularity of the moment it was checked might change
 * again without its stat showing it, so it is never trusted on its stat alone, only on
 * its digest.
 *
 * It lives outside the record ($CSP_CACHE_DIR, else $XDG_CACHE_HOME/csp, else
 * ~/.cache/csp; one folder per record; never inside the record), is read lazily (rows are
 * found by path, readings decoded only when asked for), and is only ever an optimisation:
 * CSP_NO_CACHE=1 turns it off, and a damaged or foreign index is no index.
 */
import path from 'node:path';
import type { FileStamp } from '../model/types.js';
import type { Env } from '../core/env.js';
import type { ParsedBody } from '../parse/body.js';
import { cacheOff, recordCacheDir, removeOldCache, sourcesDigest } from '../workspace/cache-store.js';
import {
  IndexFile,
  PackWriter,
  wantsCompaction,
  writeIndex,
  type BlobRef,
  type IndexRow,
} from '../workspace/index-store.js';
import type { FolderCache, FolderEntry } from '../workspace/read.js';
import { settledAt } from '../workspace/trust.js';
import type { FileResult, FrontFacts, Places } from './read-file.js';

declare const __CSP_BUILD__: string | undefined;

/** Bumped whenever what a reading holds changes shape. */
const READING_VERSION = 4;

/**
 * The build's identity: a reading made by other code is never trusted. The bundle carries
 * a digest of the sources it was built from; running from the sources (the tests), the
 * same kind of digest is worked out from them, so an edit to the code or the schemas is
 * never answered from readings the old code made.
 */
function buildId(): string {
  return typeof __CSP_BUILD__ === 'string' ? __CSP_BUILD__ : `sources-${sourcesDigest()}`;
}

/** What an index (or a summary beside it) is made for: this build of csp, this shape of reading, this record. */
export function indexKey(root: string): string {
  return `${buildId()}:${READING_VERSION}:${path.resolve(root)}`;
}

/** Whether a row's stat matches a file's stat now. */
export function sameStamp(row: IndexRow, s: FileStamp): boolean {
  return row.size === s.size && row.mtimeMs === s.mtimeMs && row.ctimeMs === s.ctimeMs && row.ino === s.ino;
}

/** Whether a row may be trusted on its stat alone: the file was last changed well before it was checked. */
export function settled(row: Pick<IndexRow, 'mtimeMs' | 'ctimeMs' | 'verifiedAt'>): boolean {
  return settledAt(row.mtimeMs, row.ctimeMs, row.verifiedAt);
}

/** The digest of a folder's row (a folder has no bytes of its own). */
const NO_DIGEST = '0'.repeat(40);

/** Most bodies (of actions and meetings) hold no link: they are kept as a mark, not a reading. */
const EMPTY_BODY_JSON = JSON.stringify({ items: [], links: [], problems: [] });
const EMPTY_BODY: BlobRef = { pack: null, offset: 0, length: 0, crc: 0 };

/**
 * A file's entry: a row of the last index (by number, read in place) or one made this run.
 * Rows of the last index are only turned into objects when a new index is written.
 */
export type Entry = { old: number } | { row: IndexRow };

/** The index of one record for one run (also a cache of its folders' listings). */
export class FileIndex implements FolderCache {
  private readonly old: IndexFile | undefined;
  private readonly rows = new Map<string, IndexRow>();
  /** Rows of the last index found still right this run. */
  private readonly kept = new Set<number>();
  /** This run's packs: the readings every command decodes, and the node positions (rarely read). */
  private writer: PackWriter | undefined;
  private placesWriter: PackWriter | undefined;
  private changed = false;
  private constructor(
    private readonly dir: string | undefined,
    private readonly key: string,
    private readonly cleanUp: () => void,
  ) {
    this.old = dir === undefined ? undefined : IndexFile.read(dir, key);
  }

  /** Opens the index of the record at `root` (an empty one that saves nothing when turned off). */
  static open(root: string, env: Env): FileIndex {
    const dir = cacheOff(env) ? undefined : recordCacheDir(root, env);
    const key = indexKey(root);
    return new FileIndex(dir, key, () => {
      removeOldCache(root, env);
    });
  }

  /** Whether anything is kept between runs. */
  get enabled(): boolean {
    return this.dir !== undefined;
  }

  /** The entry of a file from this run or the last, whatever its stat. */
  entry(rel: string): Entry | undefined {
    const mine = this.rows.get(rel);
    if (mine) return { row: mine };
    const i = this.old?.find(rel) ?? -1;
    return i < 0 ? undefined : { old: i };
  }

  /** Whether an entry may be trusted for a file whose stat is now `s`: the same stat, and not racily clean. */
  trusts(e: Entry, s: FileStamp): boolean {
    if ('row' in e) return sameStamp(e.row, s) && settled(e.row);
    return this.old!.sameStamp(e.old, s) && settled(this.old!.times(e.old));
  }

  /** The digest of the bytes an entry was made from. */
  digest(e: Entry): string {
    return 'row' in e ? e.row.digest : this.old!.digest(e.old);
  }

  private ref(e: Entry, which: 'front' | 'places' | 'body'): BlobRef | undefined {
    return 'row' in e ? e.row[which] : this.old!.ref(e.old, which);
  }

  /** Whether an entry holds a reading of the body. */
  hasBody(e: Entry): boolean {
    return this.ref(e, 'body') !== undefined;
  }

  /** Marks an entry of the last index as still right this run (it is kept in the index written at the end). */
  keep(e: Entry): void {
    if ('old' in e) this.kept.add(e.old);
  }

  /** The front matter's reading of an entry; undefined when it cannot be read back. */
  front(e: Entry): FrontFacts | undefined {
    return decode(this.ref(e, 'front')) as FrontFacts | undefined;
  }

  /** The node positions of an entry. */
  places(e: Entry): Places | undefined {
    return decode(this.ref(e, 'places')) as Places | undefined;
  }

  /** The body's reading of an entry, when it was read. */
  body(e: Entry): ParsedBody | undefined {
    const ref = this.ref(e, 'body');
    if (ref && !ref.pack) return { items: [], links: [], problems: [] };
    return decode(ref) as ParsedBody | undefined;
  }

  /** A folder's entries as listed before, when its stat is unchanged (and not racily so). */
  get(rel: string, stamp: FileStamp): FolderEntry[] | undefined {
    if (this.dir === undefined) return undefined;
    const e = this.entry(`${rel}/`);
    if (!e || !this.trusts(e, stamp)) return undefined;
    const entries = decode(this.ref(e, 'front')) as FolderEntry[] | undefined;
    if (entries) this.keep(e);
    return entries;
  }

  /** Keeps a folder's listing, under the stat it had. */
  put(rel: string, stamp: FileStamp, verifiedAt: number, entries: FolderEntry[]): void {
    if (this.dir === undefined) return;
    const path = `${rel}/`;
    const front = this.store(JSON.stringify(entries), false);
    if (!front) return;
    const before = this.entry(path);
    this.rows.set(path, {
      path,
      size: stamp.size,
      mtimeMs: stamp.mtimeMs,
      ctimeMs: stamp.ctimeMs,
      ino: stamp.ino,
      verifiedAt,
      digest: NO_DIGEST,
      front,
      places: undefined,
      body: undefined,
    });
    if (before && 'old' in before) this.kept.delete(before.old);
    this.changed = true;
  }

  /**
   * Records what reading a file found: new readings (stored in this run's pack), or, when
   * its bytes were those of `old`, the old readings under the new stat. Returns the row.
   */
  record(rel: string, result: FileResult, before: Entry | undefined): Entry | undefined {
    if (!result.stamp || result.digest === undefined) return undefined;
    if (this.dir === undefined) return undefined;
    const { stamp } = result;
    const old = before === undefined ? undefined : 'row' in before ? before.row : this.old!.row(before.old);
    const same = result.same === true && old !== undefined;
    // Built whole, field by field: rows of one shape keep the index small in memory.
    const row: IndexRow = {
      path: rel,
      size: stamp.size,
      mtimeMs: stamp.mtimeMs,
      ctimeMs: stamp.ctimeMs,
      ino: stamp.ino,
      verifiedAt: result.verifiedAt,
      digest: result.digest,
      front: same ? old.front : this.store(result.front, false),
      places: same ? old.places : this.store(result.places, true),
      body: same ? old.body : this.store(result.body, false),
    };
    // A reading that could not be stored: the row is not kept, and the file is read again next time.
    if (
      !same &&
      (!row.front || (result.places !== undefined && !row.places) || (result.body !== undefined && !row.body))
    )
      return undefined;
    this.rows.set(rel, row);
    if (before && 'old' in before) this.kept.delete(before.old);
    this.changed = true;
    return { row };
  }

  private store(json: string | undefined, places: boolean): BlobRef | undefined {
    if (json === undefined) return undefined;
    if (json === EMPTY_BODY_JSON) return EMPTY_BODY;
    return this.pack(places)?.add(json);
  }

  private pack(places: boolean): PackWriter | undefined {
    if (places) return (this.placesWriter ??= PackWriter.create(this.dir!));
    return (this.writer ??= PackWriter.create(this.dir!));
  }

  /**
   * Writes the index when this run changed anything. After a read of the whole record
   * (`complete`), rows of files no longer there are dropped; otherwise every row of the
   * last index is kept.
   */
  save(complete: boolean): void {
    if (this.dir === undefined) return;
    const dropped = complete && this.old !== undefined && this.old.size !== this.kept.size;
    const writers = () => [this.writer, this.placesWriter].filter((w) => w !== undefined);
    if (!this.changed && !dropped) {
      for (const w of writers()) w.discard();
      return;
    }
    let rows = [...this.rows.values()];
    if (this.old) {
      for (let i = 0; i < this.old.size; i++) {
        if (!complete || this.kept.has(i)) {
          const r = this.old.row(i);
          if (!this.rows.has(r.path)) rows.push(r);
        }
      }
    }
    if (wantsCompaction(rows, new Set(writers().map((w) => w.pack)))) rows = this.compact(rows);
    for (const w of writers()) {
      if (!w.commit()) {
        for (const x of writers()) x.discard();
        return;
      }
    }
    if (writeIndex(this.dir, this.key, rows) && !this.old) this.cleanUp();
  }

  /** Copies every reading the rows use into this run's pack, so older packs can go. */
  private compact(rows: IndexRow[]): IndexRow[] {
    const move = (ref: BlobRef | undefined, places: boolean): BlobRef | undefined | null => {
      const w = this.pack(places);
      if (!ref?.pack || ref.pack === w?.pack) return ref;
      const bytes = ref.pack.read(ref.offset, ref.length, ref.crc);
      return bytes && w ? (w.add(bytes) ?? null) : null;
    };
    const out: IndexRow[] = [];
    for (const r of rows) {
      const front = move(r.front, false);
      const places = move(r.places, true);
      const body = move(r.body, false);
      // A reading that cannot be read back drops its row: the file is simply read again next time.
      if (front === null || places === null || body === null) continue;
      out.push({
        path: r.path,
        size: r.size,
        mtimeMs: r.mtimeMs,
        ctimeMs: r.ctimeMs,
        ino: r.ino,
        verifiedAt: r.verifiedAt,
        digest: r.digest,
        front,
        places,
        body,
      });
    }
    return out;
  }

  /** Lets go of the files held open: the last index's packs and this run's (a later read opens one again). */
  close(): void {
    this.old?.close();
    this.writer?.pack.close();
    this.placesWriter?.pack.close();
  }
}

/** A reading's JSON, parsed; undefined when it cannot be read back. */
function decode(ref: BlobRef | undefined): unknown {
  if (!ref?.pack) return undefined;
  const bytes = ref.pack.read(ref.offset, ref.length, ref.crc);
  if (!bytes) return undefined;
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}
