/**
 * The agenda's sweep: the stat of every file the agenda summary hangs on (see
 * agenda-facts.ts), taken by GNU find in a process of its own while csp is still starting,
 * so that on a council's record the tens of thousands of questions to the file system are
 * asked on another core, not after csp has loaded.
 *
 * The summary keeps, beside itself, the list of paths to ask about (SWEEP_LIST, relative to
 * the record, the meetings/ and actions/ folders first) and the sweep's output from a run
 * whose every answer was checked against the summary's own stats (SWEEP_FILE). When a new
 * sweep prints exactly the same bytes, every file is as it was when the summary's stats were
 * taken, and the summary's facts are the answer. Anything else (another output, no GNU find,
 * a sweep cut short) leaves the agenda to take the stats itself, as it does without a sweep.
 */
import { RACY_MS } from '../workspace/trust.js';

/** The paths the sweep asks about, NUL after each, relative to the record. */
export const SWEEP_LIST = 'agenda-paths';
/** The checked output of an earlier sweep, after a head naming the summary it was checked against. */
export const SWEEP_FILE = 'agenda-sweep';
/** Left when find could not sweep here, so that later runs do not try again (it names the summary key). */
export const NO_SWEEP_FILE = 'agenda-no-sweep';
/** What find prints of each path: kind, size, modification and change times (seconds, to the nanosecond), inode and the path, NUL after each. */
const FORMAT = '%y %s %T@ %C@ %i %p\\0';
const MAGIC = 'CSPSWEEP';
const HEAD = 24;

/** The arguments of find for a sweep of the paths in `list` (run in the record folder), written to `out`. */
export function sweepArgs(list: string, out: string): string[] {
  return ['-files0-from', list, '-maxdepth', '0', '-fprintf', out, FORMAT];
}

/** A sweep's output and when it was started (Date.now(), before find asked anything). */
export interface Sweep {
  bytes: Buffer;
  startedAt: number;
}

/** A sweep started before csp loaded (by src/cli/early.ts), of the record at `root`. */
export interface EarlySweep {
  root: string;
  /**
   * The sweep's output once find has ended; "failed" when find could not sweep here (none,
   * or not GNU find); undefined when it did not end in time (it is stopped) or was cut short.
   */
  result(): Promise<Sweep | 'failed' | undefined>;
}

/** What is asked about, in the sweep's order: a path relative to the record, what should be there (null for nothing) and its stamp. */
export interface SweepEntry {
  rel: string;
  kind: 'd' | 'f' | null;
  stamp: ArrayLike<number> | undefined;
}

/** Which summary a kept sweep was checked against: its checksum, length and when its stats were taken. */
export interface SummaryId {
  crc: number;
  length: number;
  verifiedAt: number;
}

/** The list file's bytes for these entries. */
export function listBytes(entries: readonly SweepEntry[]): Buffer {
  return Buffer.from(entries.map((e) => `${e.rel}\0`).join(''), 'utf8');
}

/** Milliseconds since the epoch from find's %T@ ("seconds.nanoseconds0"), as Node computes mtimeMs; NaN when it is not that shape. */
function msOf(text: string): number {
  const m = /^(\d+)\.(\d{9})(0*)$/.exec(text);
  return m ? Number(m[1]) * 1000 + Number(m[2]) / 1e6 : NaN;
}

/**
 * Whether a sweep's output says exactly what `entries` say (each file and folder with its
 * kind and stamp, nothing where there should be nothing, in order) and every stamp is settled
 * (changed at least the racy window before the earlier of `verifiedAt` and the sweep's start):
 * only then may a later sweep with the same bytes stand for the stats.
 */
export function sweepAgrees(sweep: Sweep, entries: readonly SweepEntry[], verifiedAt: number): boolean {
  const text = sweep.bytes.toString('utf8');
  if (text.length > 0 && !text.endsWith('\0')) return false;
  const records = text.length === 0 ? [] : text.slice(0, -1).split('\0');
  const before = Math.min(verifiedAt, sweep.startedAt) - RACY_MS;
  let r = 0;
  for (const e of entries) {
    // Where there is nothing, find prints nothing (a file there after all is a record out of place).
    if (e.kind === null || e.stamp === undefined) continue;
    const rec = records[r];
    const fields = rec === undefined ? undefined : splitFields(rec);
    if (fields === undefined || fields[5] !== e.rel || fields[0] !== e.kind) return false;
    const size = Number(fields[1]);
    const mtimeMs = msOf(fields[2]!);
    const ctimeMs = msOf(fields[3]!);
    const ino = Number(fields[4]);
    const s = e.stamp;
    if (size !== s[0] || mtimeMs !== s[1] || ctimeMs !== s[2] || ino !== s[3]) return false;
    if (!(Math.max(mtimeMs, ctimeMs) < before)) return false;
    r++;
  }
  return r === records.length;
}

/** A record's six fields (the path last, which may hold spaces); undefined when there are fewer. */
function splitFields(rec: string): string[] | undefined {
  const out: string[] = [];
  let from = 0;
  for (let k = 0; k < 5; k++) {
    const at = rec.indexOf(' ', from);
    if (at < 0) return undefined;
    out.push(rec.slice(from, at));
    from = at + 1;
  }
  out.push(rec.slice(from));
  return out;
}

/** The bytes of a kept sweep: its head (the summary it was checked against) and the output. */
export function sweepFileBytes(id: SummaryId, sweep: Sweep): Buffer {
  const head = Buffer.alloc(HEAD);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(id.crc >>> 0, 8);
  head.writeUInt32LE(id.length >>> 0, 12);
  head.writeDoubleLE(id.verifiedAt, 16);
  return Buffer.concat([head, sweep.bytes]);
}

/**
 * Whether `sweep` printed the same bytes as the sweep kept in `kept` (a SWEEP_FILE's
 * bytes) for the summary `id`: then every file is as the summary's stats found it.
 */
export function sameAsKept(kept: Buffer | undefined, id: SummaryId, sweep: Sweep): boolean {
  if (kept === undefined || kept.length < HEAD || kept.toString('latin1', 0, 8) !== MAGIC) return false;
  if (kept.readUInt32LE(8) !== id.crc >>> 0 || kept.readUInt32LE(12) !== id.length >>> 0) return false;
  if (kept.readDoubleLE(16) !== id.verifiedAt) return false;
  return kept.length - HEAD === sweep.bytes.length && kept.subarray(HEAD).equals(sweep.bytes);
}
