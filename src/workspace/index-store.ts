/**
 * The on-disk form of the record index (see src/load/file-index.ts for what it means):
 * a small binary table, one row per file (its path, the stat it had, a digest of its
 * bytes and where its readings are), and pack files holding the readings themselves.
 *
 *   <dir>/index          header, then rows sorted by path, then the paths; crc32-checked
 *   <dir>/pack-<id>      readings (JSON texts), each checked by its own crc32 when read
 *
 * A pack is written once, under a temporary name, and never changed; the index is
 * replaced whole by a rename, so a reader sees one consistent index and the packs it
 * names (their file handles are opened with it). Two runs at once each write their own
 * pack and the last index renamed wins; packs no index names are removed later.
 * Anything unreadable, damaged or of another format is no index at all: reading the
 * record files again is always correct.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import type { Stamp } from './trust.js';

const MAGIC = 'CSPINDEX';
const FORMAT = 1;
const ROW = 112;
/** Pack numbers in a row that name no pack: no reading, or an empty one. */
const NONE = 0xffff;
const EMPTY = 0xfffe;
const HEADER_FIXED = 8 + 4 + 4 + 4 + 4 + 4 + 2; // magic, format, rows, paths bytes, crc, header bytes, pack count
/** Keep at most this many packs; past it, or when most of their bytes are stale, the live readings are copied into one. */
const MAX_PACKS = 6;
/** A pack no index names is removed once it is this old (a run that just wrote it may still be writing its index). */
const STALE_PACK_MS = 60_000;

/** Where one reading lives: a pack, an offset and a length, and its crc32. An empty reading needs no pack. */
export interface BlobRef {
  pack: Pack | null;
  offset: number;
  length: number;
  crc: number;
}

/** One row of the index. */
export interface IndexRow {
  /** Path relative to the record, with forward slashes. */
  path: string;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  /** When (ms since the epoch, before the stat) the file was last checked. */
  verifiedAt: number;
  /** sha1 of the file's bytes, hex (a string, so no row pins a shared buffer). */
  digest: string;
  front?: BlobRef | undefined;
  places?: BlobRef | undefined;
  body?: BlobRef | undefined;
}

/** A pack file, read lazily: single readings with positioned reads, the whole file once many are wanted. */
export class Pack {
  private fd: number | undefined;
  private whole: Buffer | undefined;
  private reads = 0;
  /** Closed at the end of the load: a reading asked for later (a finding's position) opens the file only for that read. */
  private closed = false;
  /** A pack still being written is never read whole (it grows). */
  private readonly growing: boolean;
  constructor(
    readonly name: string,
    readonly file: string,
    fd?: number,
  ) {
    this.fd = fd;
    this.growing = fd !== undefined;
  }

  /** Opens the pack's file handle (so a later rename or removal by another run cannot take it away). */
  open(): boolean {
    if (this.fd !== undefined) return true;
    try {
      this.fd = openSync(this.file, 'r');
      return true;
    } catch {
      return false;
    }
  }

  /** The bytes of a reading, or undefined when they cannot be read or fail their check. */
  read(offset: number, length: number, crc: number): Buffer | undefined {
    if (this.closed && this.fd === undefined) {
      if (!this.open()) return undefined;
      try {
        return this.read(offset, length, crc);
      } finally {
        this.close();
      }
    }
    if (this.fd === undefined && !this.open()) return undefined;
    try {
      let out: Buffer;
      if (this.whole === undefined && !this.growing && ++this.reads > 64) this.whole = readWhole(this.fd!);
      if (this.whole !== undefined) out = this.whole.subarray(offset, offset + length);
      else {
        out = Buffer.allocUnsafe(length);
        if (readSync(this.fd!, out, 0, length, offset) !== length) return undefined;
      }
      return out.length === length && crc32(out) === crc ? out : undefined;
    } catch {
      return undefined;
    }
  }

  size(): number {
    try {
      return this.fd === undefined ? statSync(this.file).size : fstatSync(this.fd).size;
    } catch {
      return 0;
    }
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    this.whole = undefined;
    this.closed = true;
  }
}

function readWhole(fd: number): Buffer {
  const size = fstatSync(fd).size;
  const buf = Buffer.allocUnsafe(size);
  let done = 0;
  while (done < size) {
    const n = readSync(fd, buf, done, size - done, done);
    if (n === 0) break;
    done += n;
  }
  return buf.subarray(0, done);
}

/** An index read from disk: rows found by path (binary search, or a map once many are asked for). */
export class IndexFile {
  private map: Map<string, number> | undefined;
  private lookups = 0;
  private constructor(
    private readonly buf: Buffer,
    private readonly rows: number,
    private readonly rowsAt: number,
    private readonly pathsAt: number,
    readonly packs: Pack[],
  ) {}

  /** Reads the index at `dir` written for `key` (the code's fingerprint and the record's folder); undefined if there is none that can be trusted. */
  static read(dir: string, key: string): IndexFile | undefined {
    let buf: Buffer;
    try {
      buf = readFileSync(path.join(dir, 'index'));
    } catch {
      return undefined;
    }
    try {
      if (buf.length < HEADER_FIXED || buf.toString('latin1', 0, 8) !== MAGIC) return undefined;
      if (buf.readUInt32LE(8) !== FORMAT) return undefined;
      const rows = buf.readUInt32LE(12);
      const pathBytes = buf.readUInt32LE(16);
      const crc = buf.readUInt32LE(20);
      const headerBytes = buf.readUInt32LE(24);
      const packCount = buf.readUInt16LE(28);
      if (headerBytes < HEADER_FIXED || headerBytes + rows * ROW + pathBytes !== buf.length) return undefined;
      if (checksum(buf) !== crc) return undefined;
      let at = HEADER_FIXED;
      const keyLength = buf.readUInt16LE(at);
      if (buf.toString('utf8', at + 2, at + 2 + keyLength) !== key) return undefined;
      at += 2 + keyLength;
      const packs: Pack[] = [];
      for (let i = 0; i < packCount; i++) {
        const n = buf.readUInt16LE(at);
        const name = buf.toString('utf8', at + 2, at + 2 + n);
        at += 2 + n;
        if (!/^pack-[a-z0-9-]+$/.test(name)) return undefined;
        packs.push(new Pack(name, path.join(dir, name)));
      }
      if (at !== headerBytes) return undefined;
      // Take hold of every pack now: a pack removed later by another run stays readable through its handle.
      for (const p of packs) p.open();
      return new IndexFile(buf, rows, headerBytes, headerBytes + rows * ROW, packs);
    } catch {
      return undefined;
    }
  }

  get size(): number {
    return this.rows;
  }

  private pathOf(row: number): string {
    const at = this.rowsAt + row * ROW;
    const off = this.buf.readUInt32LE(at);
    return this.buf.toString('utf8', this.pathsAt + off, this.pathsAt + off + this.buf.readUInt32LE(at + 4));
  }

  /** The row number of a path, or -1. */
  find(rel: string): number {
    if (this.map) return this.map.get(rel) ?? -1;
    if (++this.lookups > 64) {
      this.map = new Map();
      for (let i = 0; i < this.rows; i++) this.map.set(this.pathOf(i), i);
      return this.map.get(rel) ?? -1;
    }
    let lo = 0;
    let hi = this.rows - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const p = this.pathOf(mid);
      if (p === rel) return mid;
      if (p < rel) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Whether row `i` holds exactly this stat. */
  sameStamp(i: number, s: { size: number; mtimeMs: number; ctimeMs: number; ino: number }): boolean {
    const b = this.buf;
    const at = this.rowsAt + i * ROW;
    return (
      b.readDoubleLE(at + 8) === s.size &&
      b.readDoubleLE(at + 16) === s.mtimeMs &&
      b.readDoubleLE(at + 24) === s.ctimeMs &&
      b.readDoubleLE(at + 32) === s.ino
    );
  }

  /** The times of row `i` that decide whether its stat can be trusted. */
  times(i: number): { mtimeMs: number; ctimeMs: number; verifiedAt: number } {
    const at = this.rowsAt + i * ROW;
    return {
      mtimeMs: this.buf.readDoubleLE(at + 16),
      ctimeMs: this.buf.readDoubleLE(at + 24),
      verifiedAt: this.buf.readDoubleLE(at + 40),
    };
  }

  /** The digest of row `i`. */
  digest(i: number): string {
    const at = this.rowsAt + i * ROW;
    return this.buf.toString('hex', at + 48, at + 68);
  }

  /** Where one of row `i`'s readings is. */
  ref(i: number, which: 'front' | 'places' | 'body'): BlobRef | undefined {
    const b = this.buf;
    const at = this.rowsAt + i * ROW;
    const [packAt, offAt] = which === 'front' ? [68, 76] : which === 'places' ? [70, 88] : [72, 100];
    const no = b.readUInt16LE(at + packAt);
    if (no === NONE) return undefined;
    if (no === EMPTY) return { pack: null, offset: 0, length: 0, crc: 0 };
    const pack = this.packs[no];
    if (!pack) return undefined;
    return {
      pack,
      offset: b.readUInt32LE(at + offAt),
      length: b.readUInt32LE(at + offAt + 4),
      crc: b.readUInt32LE(at + offAt + 8),
    };
  }

  /** The row at a row number. */
  row(i: number): IndexRow {
    const b = this.buf;
    const at = this.rowsAt + i * ROW;
    return {
      path: this.pathOf(i),
      size: b.readDoubleLE(at + 8),
      mtimeMs: b.readDoubleLE(at + 16),
      ctimeMs: b.readDoubleLE(at + 24),
      ino: b.readDoubleLE(at + 32),
      verifiedAt: b.readDoubleLE(at + 40),
      digest: this.digest(i),
      front: this.ref(i, 'front'),
      places: this.ref(i, 'places'),
      body: this.ref(i, 'body'),
    };
  }

  /** Every row, in path order. */
  *all(): Generator<IndexRow> {
    for (let i = 0; i < this.rows; i++) yield this.row(i);
  }

  close(): void {
    for (const p of this.packs) p.close();
  }
}

/** A pack being written by this run: readings are appended as they come and can be read back at once. */
export class PackWriter {
  readonly pack: Pack;
  private readonly fd: number;
  private readonly tmp: string;
  private offset = 0;
  private failed = false;
  private constructor(
    readonly dir: string,
    name: string,
  ) {
    this.tmp = path.join(dir, `${name}.tmp`);
    this.fd = openSync(this.tmp, 'wx+');
    this.pack = new Pack(name, path.join(dir, name), this.fd);
  }

  /** A new pack in `dir`, or undefined when the folder cannot be written. */
  static create(dir: string): PackWriter | undefined {
    try {
      mkdirSync(dir, { recursive: true });
      return new PackWriter(dir, `pack-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`);
    } catch {
      return undefined;
    }
  }

  get bytes(): number {
    return this.offset;
  }

  /** Appends a reading (a text is written as UTF-8); its place, or undefined when writing failed. */
  add(data: Buffer | string): BlobRef | undefined {
    if (this.failed) return undefined;
    try {
      const length = typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : data.length;
      const written =
        typeof data === 'string'
          ? writeSync(this.fd, data, this.offset, 'utf8')
          : writeSync(this.fd, data, 0, length, this.offset);
      if (written !== length) throw new Error('short write');
      const ref = { pack: this.pack, offset: this.offset, length, crc: crc32(data) };
      this.offset += length;
      return ref;
    } catch {
      // Nothing after a failed write can be trusted to sit where it should.
      this.failed = true;
      return undefined;
    }
  }

  /** Gives the pack its final name (readings stay readable through the open handle). */
  commit(): boolean {
    if (this.failed) return false;
    try {
      renameSync(this.tmp, this.pack.file);
      return true;
    } catch {
      return false;
    }
  }

  /** Removes an unused pack. */
  discard(): void {
    this.pack.close();
    rmSync(this.tmp, { force: true });
  }
}

/** Writes an index naming `rows` (sorted by path here) and the packs they refer to, replacing the old one by a rename. */
export function writeIndex(dir: string, key: string, rows: IndexRow[]): boolean {
  const packs: Pack[] = [];
  const packNo = new Map<Pack, number>();
  const noOf = (ref: BlobRef | undefined): number => {
    if (!ref) return NONE;
    if (!ref.pack) return EMPTY;
    let n = packNo.get(ref.pack);
    if (n === undefined) {
      n = packs.length;
      packs.push(ref.pack);
      packNo.set(ref.pack, n);
    }
    return n;
  };
  const sorted = [...rows].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const pathBufs = sorted.map((r) => Buffer.from(r.path, 'utf8'));
  const pathBytes = pathBufs.reduce((n, b) => n + b.length, 0);
  const table = Buffer.alloc(sorted.length * ROW);
  let pathOff = 0;
  sorted.forEach((r, i) => {
    const at = i * ROW;
    table.writeUInt32LE(pathOff, at);
    table.writeUInt32LE(pathBufs[i]!.length, at + 4);
    pathOff += pathBufs[i]!.length;
    table.writeDoubleLE(r.size, at + 8);
    table.writeDoubleLE(r.mtimeMs, at + 16);
    table.writeDoubleLE(r.ctimeMs, at + 24);
    table.writeDoubleLE(r.ino, at + 32);
    table.writeDoubleLE(r.verifiedAt, at + 40);
    table.write(r.digest, at + 48, 20, 'hex');
    const put = (packAt: number, offAt: number, ref: BlobRef | undefined) => {
      table.writeUInt16LE(noOf(ref), at + packAt);
      table.writeUInt32LE(ref?.offset ?? 0, at + offAt);
      table.writeUInt32LE(ref?.length ?? 0, at + offAt + 4);
      table.writeUInt32LE(ref?.crc ?? 0, at + offAt + 8);
    };
    put(68, 76, r.front);
    put(70, 88, r.places);
    put(72, 100, r.body);
  });
  const keyBuf = Buffer.from(key, 'utf8');
  const names = packs.map((p) => Buffer.from(p.name, 'utf8'));
  const headerBytes = HEADER_FIXED + 2 + keyBuf.length + names.reduce((n, b) => n + 2 + b.length, 0);
  const header = Buffer.alloc(headerBytes);
  header.write(MAGIC, 0, 'latin1');
  header.writeUInt32LE(FORMAT, 8);
  header.writeUInt32LE(sorted.length, 12);
  header.writeUInt32LE(pathBytes, 16);
  header.writeUInt32LE(headerBytes, 24);
  header.writeUInt16LE(packs.length, 28);
  let at = HEADER_FIXED;
  header.writeUInt16LE(keyBuf.length, at);
  keyBuf.copy(header, at + 2);
  at += 2 + keyBuf.length;
  for (const n of names) {
    header.writeUInt16LE(n.length, at);
    n.copy(header, at + 2);
    at += 2 + n.length;
  }
  const whole = Buffer.concat([header, table, ...pathBufs]);
  whole.writeUInt32LE(checksum(whole), 20);
  const tmp = path.join(dir, `index.${randomBytes(6).toString('hex')}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, whole);
    renameSync(tmp, path.join(dir, 'index'));
  } catch {
    rmSync(tmp, { force: true });
    return false;
  }
  removeStalePacks(dir, new Set(packs.map((p) => p.name)));
  return true;
}

/** The crc32 of a whole index but its own checksum field. */
function checksum(buf: Buffer): number {
  return crc32(buf.subarray(24), crc32(buf.subarray(0, 20)));
}

/** Removes packs (and temporary files) no index names that are old enough not to be another run's. */
function removeStalePacks(dir: string, live: Set<string>): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  const now = Date.now();
  for (const n of names) {
    if (live.has(n) || !/^(pack-|index\.).*|\.tmp$/.test(n)) continue;
    try {
      if (now - statSync(path.join(dir, n)).mtimeMs > STALE_PACK_MS) rmSync(path.join(dir, n), { force: true });
    } catch {
      /* gone already */
    }
  }
}

/** Whether the packs `rows` use should be merged into one: too many, or mostly stale bytes. */
export function wantsCompaction(rows: IndexRow[], fresh: Set<Pack>): boolean {
  const used = new Map<Pack, number>();
  for (const r of rows)
    for (const ref of [r.front, r.places, r.body])
      if (ref?.pack && !fresh.has(ref.pack)) used.set(ref.pack, (used.get(ref.pack) ?? 0) + ref.length);
  if (used.size >= MAX_PACKS) return true;
  let live = 0;
  let total = 0;
  for (const [pack, bytes] of used) {
    live += bytes;
    total += pack.size();
  }
  return total > 1 << 20 && live * 2 < total;
}

/** The bytes of a file kept beside the index (e.g. a summary), or undefined when there is none. */
export function readBeside(dir: string, name: string): Buffer | undefined {
  try {
    return readFileSync(path.join(dir, name));
  } catch {
    return undefined;
  }
}

/** Replaces a file kept beside the index whole (a temporary file renamed over it); false when it could not be written. */
export function replaceBeside(dir: string, name: string, bytes: Buffer): boolean {
  const tmp = path.join(dir, `${name}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, bytes);
    renameSync(tmp, path.join(dir, name));
    return true;
  } catch {
    rmSync(tmp, { force: true });
    return false;
  }
}

/** Removes a file kept beside the index, if it is there; false when it could not be removed. */
export function removeBeside(dir: string, name: string): boolean {
  try {
    rmSync(path.join(dir, name), { force: true });
    return true;
  } catch {
    return false;
  }
}

/** What lstat says of a path (a link is not followed): its kind and stamp; undefined when there is nothing there; null when it cannot be asked. */
export function lstampOf(abs: string): { kind: 'file' | 'dir' | 'other'; stamp: Stamp } | undefined | null {
  try {
    const st = lstatSync(abs, { throwIfNoEntry: false });
    if (st === undefined) return undefined;
    return {
      kind: st.isFile() ? 'file' : st.isDirectory() ? 'dir' : 'other',
      stamp: [st.size, st.mtimeMs, st.ctimeMs, st.ino],
    };
  } catch {
    return null;
  }
}

/** A folder's entries, sorted by name, each with its kind ("d" folder, "f" file, "l" link, "o" other); undefined when it cannot be listed. */
export function folderEntries(abs: string): { names: string[]; types: string } | undefined {
  try {
    const listed = readdirSync(abs, { withFileTypes: true });
    listed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return {
      names: listed.map((e) => e.name),
      types: listed.map((e) => (e.isSymbolicLink() ? 'l' : e.isDirectory() ? 'd' : e.isFile() ? 'f' : 'o')).join(''),
    };
  } catch {
    return undefined;
  }
}
