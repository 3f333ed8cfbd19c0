/**
 * What a meeting's agenda needs from the rest of the record, without reading the record:
 * the open actions (with the fields an agenda shows), each meeting's status, start and
 * the items on it deferred from earlier meetings, and what each set of minutes deferred.
 *
 * These facts are kept as one summary beside the record index, with the stat each file
 * had when its fact was taken (size, modification and change times, inode), in the order
 * the stats are asked. A run takes the stat of meetings/ and actions/: when both are as they
 * were (and settled), the same files are asked about in the same order, and if every one is
 * as it was the summary's facts are the answer and nothing is written. Otherwise a folder
 * that changed is listed again, the stat of each action, meeting.md and minutes.md is taken,
 * a fact is trusted only while its file's stat is unchanged and was not racily clean
 * (changed within RACY_MS of when the stat was taken), as the index trusts its rows, any
 * other file is read again through the index, and the summary is rewritten. Anything
 * unusual (a link, a folder that cannot be opened, a damaged summary, the index turned off)
 * is left to the full load.
 */
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { isRealDate } from '../core/dates.js';
import type { Env } from '../core/env.js';
import { ACTION_ID, MEETING_ID } from '../core/ids.js';
import type { ActionDoc, AgendaItem, MeetingDoc, MinutesDoc } from '../model/types.js';
import type { SchemaKind } from '../schema/check.js';
import { cacheOff, recordCacheDir } from '../workspace/cache-store.js';
import { folderEntries, lstampOf, readBeside, removeBeside, replaceBeside } from '../workspace/index-store.js';
import { FIELDS, KIND, statMany } from '../workspace/stat-many.js';
import { settledAt, type Stamp } from '../workspace/trust.js';
import {
  NO_SWEEP_FILE,
  sameAsKept,
  SWEEP_FILE,
  SWEEP_LIST,
  sweepAgrees,
  sweepFileBytes,
  listBytes,
  type Sweep,
  type SummaryId,
  type SweepEntry,
} from './agenda-sweep.js';
import { FileIndex, indexKey } from './file-index.js';
import { readRecordFiles, type FileOutcome } from './files.js';

/** An action as an agenda shows it. */
export type AgendaAction = Pick<ActionDoc, 'title' | 'owner' | 'raised' | 'due' | 'status'>;

/** A meeting as an agenda of another meeting sees it. */
export interface FactsMeeting {
  id: string;
  date: string;
  meeting?: { data: Pick<MeetingDoc, 'status' | 'start'> & { items?: Pick<AgendaItem, 'title' | 'deferred_from'>[] } };
  minutes?: { data: Pick<MinutesDoc, 'deferred'> };
}

/** What an agenda needs of the record beyond its own meeting (a loaded record has all of it too). */
export interface AgendaFacts {
  /** The actions an agenda may list (open or in progress; a loaded record gives every action). */
  actions: readonly { id: string; action: { data: AgendaAction } }[];
  /** Every meeting of the record, in id order. */
  meetings: readonly FactsMeeting[];
  meetingsById: ReadonlyMap<string, { date: string }>;
}

const SUMMARY_FILE = 'agenda';
const MAGIC = 'CSPAGEND';
const SUMMARY_VERSION = 3;
/**
 * magic, crc32 of the rest, then the byte lengths of the head, the names and the paths, and
 * the count of files: 32 bytes (with padding), so the stamps and places that follow are aligned.
 */
const HEAD = 32;

type MeetingFact = NonNullable<FactsMeeting['meeting']>['data'];
type MinutesFact = NonNullable<FactsMeeting['minutes']>['data'];
/** A file's fact: null when the file gives the agenda nothing (unreadable, or an action that is not open). */
type Fact = AgendaAction | MeetingFact | MinutesFact | null;

/** The folders the facts come from, and the files kept for each entry: a meeting folder's meeting.md and minutes.md; an action file. */
const FOLDERS = ['meetings', 'actions'] as const;
const SUFFIXES: readonly (readonly string[])[] = [[`${path.sep}meeting.md`, `${path.sep}minutes.md`], ['']];
const KIND_OF: readonly (readonly SchemaKind[])[] = [['meeting', 'minutes'], ['action']];
/** Whether an entry of a folder is one whose files are kept. */
const USE: readonly ((name: string, type: string) => boolean)[] = [
  isMeetingDir,
  (name, type) => type === 'f' && name.endsWith('.md') && ACTION_ID.test(name.slice(0, -3)),
];

/** A folder's listing: its stamp and its entries (name and kind: "d" folder, "f" file, "l" link, "o" other). */
interface Listing {
  stamp: Stamp;
  names: string[];
  types: string;
}

/**
 * The summary: the listing of each folder (undefined when it is not there), and every file a
 * fact hangs on, in the order their stats are asked: where it is (folder, entry, slot: three
 * numbers a file), its path, its stamp (four numbers, NaN when there was no file) and its fact.
 */
interface Summary {
  verifiedAt: number;
  dirs: (Listing | undefined)[];
  where: Int32Array;
  /** The paths (read from the summary file only when asked for: a run the sweep answers needs none). */
  readonly paths: string[];
  stamps: Float64Array;
  facts: Fact[];
  /** Which summary file this is (its checksum and length), once it is on disk. */
  file?: { crc: number; length: number };
}

/** What the head of a summary file holds (the stamps, places, names and paths are around it, in binary). */
interface Head {
  key: string;
  verifiedAt: number;
  /** Each folder's stamp, its count of entries and their kinds (one letter each); null for a folder not there. */
  dirs: ({ stamp: Stamp; count: number; types: string } | null)[];
  facts: Fact[];
}

const settled = (s: ArrayLike<number>, at: number, verifiedAt: number) => settledAt(s[at + 1]!, s[at + 2]!, verifiedAt);
const same = (a: Stamp, b: Stamp) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3];

/**
 * Whether the stamp kept at stamps[s..s+4) (taken for a check at `verifiedAt`) is the stat
 * statMany answered at answers[at] (a file's), and was settled: the summary's rule for
 * trusting a fact without reading its file.
 */
function stillTrusted(stamps: Float64Array, s: number, verifiedAt: number, answers: Float64Array, at: number): boolean {
  return (
    stamps[s] === answers[at + 1] &&
    stamps[s + 1] === answers[at + 2] &&
    stamps[s + 2] === answers[at + 3] &&
    stamps[s + 3] === answers[at + 4] &&
    settled(stamps, s, verifiedAt)
  );
}

/** Not for this fast path: the full load answers (it reports links, unreadable folders and the rest). */
class Unusual extends Error {}

/** The stamp of a path (not following a link): a file's, a folder's, absent, or unusual. */
function lstamp(abs: string, want: 'file' | 'dir'): Stamp | undefined {
  const st = lstampOf(abs);
  if (st === undefined) return undefined;
  if (st === null || st.kind !== want) throw new Unusual();
  return st.stamp;
}

/** The summary in `dir` made for `key`, or undefined (none, damaged, or another version's). */
function readSummary(dir: string, key: string): Summary | undefined {
  const buf = readBeside(dir, SUMMARY_FILE);
  if (buf === undefined) return undefined;
  try {
    if (buf.length < HEAD || buf.toString('latin1', 0, 8) !== MAGIC) return undefined;
    if (crc32(buf.subarray(12)) !== buf.readUInt32LE(8)) return undefined;
    const headBytes = buf.readUInt32LE(12);
    const namesBytes = buf.readUInt32LE(16);
    const pathsBytes = buf.readUInt32LE(20);
    const files = buf.readUInt32LE(24);
    let at = HEAD;
    if (at + files * 44 + headBytes + namesBytes + pathsBytes !== buf.length) return undefined;
    // Copied out, so the numbers are aligned whatever the buffer's own offset.
    const stamps = new Float64Array(buf.buffer.slice(buf.byteOffset + at, buf.byteOffset + at + files * 32));
    at += files * 32;
    const where = new Int32Array(buf.buffer.slice(buf.byteOffset + at, buf.byteOffset + at + files * 12));
    at += files * 12;
    const head = JSON.parse(buf.toString('utf8', at, at + headBytes)) as Head;
    at += headBytes;
    if (head.key !== key || typeof head.verifiedAt !== 'number' || !Array.isArray(head.dirs)) return undefined;
    if (head.dirs.length !== FOLDERS.length || !Array.isArray(head.facts) || head.facts.length !== files)
      return undefined;
    const names = namesBytes === 0 ? [] : buf.toString('utf8', at, at + namesBytes).split('\0');
    at += namesBytes;
    const pathsAt = at;
    let paths: string[] | undefined;
    const dirs: Summary['dirs'] = [];
    let name = 0;
    for (const d of head.dirs) {
      if (d === null) {
        dirs.push(undefined);
        continue;
      }
      const entries = names.slice(name, name + d.count);
      name += d.count;
      if (entries.length !== d.count || typeof d.types !== 'string' || d.types.length !== d.count) return undefined;
      dirs.push({ stamp: d.stamp, names: entries, types: d.types });
    }
    // Every place must be one of a listed entry (a damaged summary could say otherwise).
    for (let k = 0; k < files; k++) {
      const d = dirs[where[k * 3]!];
      if (
        d === undefined ||
        !(where[k * 3 + 1]! < d.names.length) ||
        !(where[k * 3 + 2]! < SUFFIXES[where[k * 3]!]!.length)
      )
        return undefined;
    }
    return {
      verifiedAt: head.verifiedAt,
      dirs,
      where,
      get paths() {
        if (paths === undefined) {
          paths = files === 0 ? [] : buf.toString('utf8', pathsAt, pathsAt + pathsBytes).split('\0');
          // The checksum held, so only a fault of csp's own could make these disagree.
          if (paths.length !== files) throw new Unusual();
        }
        return paths;
      },
      stamps,
      facts: head.facts,
      file: { crc: buf.readUInt32LE(8), length: buf.length },
    };
  } catch {
    return undefined;
  }
}

/**
 * Replaces the summary whole (a temporary file renamed over it), and says which file it is;
 * a failure only means no summary next time.
 */
function writeSummary(dir: string, key: string, s: Summary): Summary['file'] {
  const head: Head = {
    key,
    verifiedAt: s.verifiedAt,
    dirs: s.dirs.map((d) => (d === undefined ? null : { stamp: d.stamp, count: d.names.length, types: d.types })),
    facts: s.facts,
  };
  const headBuf = Buffer.from(JSON.stringify(head), 'utf8');
  const namesBuf = Buffer.from(s.dirs.flatMap((d) => d?.names ?? []).join('\0'), 'utf8');
  const pathsBuf = Buffer.from(s.paths.join('\0'), 'utf8');
  const top = Buffer.alloc(HEAD);
  top.write(MAGIC, 0, 'latin1');
  top.writeUInt32LE(headBuf.length, 12);
  top.writeUInt32LE(namesBuf.length, 16);
  top.writeUInt32LE(pathsBuf.length, 20);
  top.writeUInt32LE(s.paths.length, 24);
  const whole = Buffer.concat([
    top,
    Buffer.from(s.stamps.buffer, s.stamps.byteOffset, s.stamps.byteLength),
    Buffer.from(s.where.buffer, s.where.byteOffset, s.where.byteLength),
    headBuf,
    namesBuf,
    pathsBuf,
  ]);
  const crc = crc32(whole.subarray(12));
  whole.writeUInt32LE(crc, 8);
  return replaceBeside(dir, SUMMARY_FILE, whole) ? { crc, length: whole.length } : undefined;
}

/** A file's fact from its reading, as the full load would take it: only front matter that loaded whole. */
function factOf(outcome: FileOutcome | undefined, kind: SchemaKind): Fact {
  if (!outcome?.ok) return null;
  const { front } = outcome.view;
  if (front.unreadable || front.analysis?.state !== 'ok') return null;
  const data = front.analysis.data as Record<string, unknown>;
  if (kind === 'action') {
    const a = data as unknown as ActionDoc;
    if (a.status !== 'open' && a.status !== 'in-progress') return null;
    const fact: AgendaAction = { title: a.title, owner: a.owner, status: a.status };
    if (a.raised !== undefined) fact.raised = a.raised;
    if (a.due !== undefined) fact.due = a.due;
    return fact;
  }
  if (kind === 'meeting') {
    const m = data as unknown as MeetingDoc;
    const fact: MeetingFact = {};
    if (m.status !== undefined) fact.status = m.status;
    if (m.start !== undefined) fact.start = m.start;
    // Only the items deferred from elsewhere matter to another meeting's agenda.
    const items = (m.items ?? []).filter((i) => i.deferred_from !== undefined);
    if (items.length > 0) fact.items = items.map((i) => ({ title: i.title, deferred_from: i.deferred_from! }));
    return fact;
  }
  const d = (data as unknown as MinutesDoc).deferred;
  return d === undefined ? {} : { deferred: d };
}

/** Whether an entry of meetings/ is a meeting's folder (named by a real date), as the full load takes it. */
function isMeetingDir(name: string, type: string): boolean {
  const m = type === 'd' ? MEETING_ID.exec(name) : null;
  return m !== null && isRealDate(m[1]);
}

/**
 * The agenda's facts of the record at `root`, from the summary where files are unchanged;
 * undefined when the full load should answer (no index, or something unusual in the record).
 * `sweep` is the output of the sweep of the stats started before csp loaded (see
 * agenda-sweep.ts): when it prints what the sweep kept with the summary printed, no stat is
 * taken here; "failed" when find could not sweep this record.
 */
export function agendaFacts(
  root: string,
  display: string,
  env: Env,
  trace?: (line: string) => void,
  sweep?: Sweep | 'failed',
  ahead = readAgendaSummary(root, env, typeof sweep === 'object'),
): AgendaFacts | undefined {
  if (ahead === undefined) return undefined;
  const { dir, key, old, kept } = ahead;
  const verifiedAt = Date.now();
  const debug = env.CSP_DEBUG && trace ? trace : undefined;
  try {
    if (old?.file && typeof sweep === 'object' && sameAsKept(kept, idOf(old)!, sweep)) {
      const facts = factsOf(old);
      const files = countFiles(old);
      debug?.(
        `agenda facts: ${files} of ${files} files trusted unread, by the sweep, in ${Date.now() - verifiedAt} ms\n`,
      );
      return facts;
    }
    const stamps = folderStamps(root);
    // The common case: both folders as they were, so the same files in the same order; if
    // each is as it was too, the summary's facts are the answer and nothing is written.
    if (old && stamps.every((s, i) => listingHolds(old.dirs[i], s, old.verifiedAt))) {
      const answers = statMany(old.paths);
      if (allAsBefore(old, answers)) {
        const statMs = Date.now() - verifiedAt;
        const facts = factsOf(old);
        const files = countFiles(old);
        keepSweep(dir, key, root, old, sweep, true);
        debug?.(
          `agenda facts: ${files} of ${files} files trusted unread, stats ${statMs} ms, the rest ${Date.now() - verifiedAt - statMs} ms\n`,
        );
        return facts;
      }
    }
    const next = takeStock(root, display, env, stamps, old, verifiedAt, trace);
    const file = writeSummary(dir, key, next.summary);
    if (file !== undefined) keepSweep(dir, key, root, { ...next.summary, file }, sweep, false);
    debug?.(
      `agenda facts: ${next.files - next.reread} of ${next.files} files trusted unread, stats ${next.statMs} ms, the rest ${Date.now() - verifiedAt - next.statMs} ms\n`,
    );
    return factsOf(next.summary);
  } catch (e) {
    if (e instanceof Unusual) return undefined;
    throw e;
  }
}

/** The summary of the record (and the sweep kept with it), read ahead of the stats: see readAgendaSummary. */
export interface AgendaSummary {
  dir: string;
  key: string;
  old: Summary | undefined;
  kept: Buffer | undefined;
}

/**
 * The summary kept for the record at `root` (undefined when there is no index), and when
 * `withSweep`, the sweep kept with it: read while the sweep of the stats is still running,
 * before the agenda waits for it. (Another run may replace them meanwhile: the two were read
 * together, and the stats are taken after.)
 */
export function readAgendaSummary(root: string, env: Env, withSweep: boolean): AgendaSummary | undefined {
  const dir = cacheOff(env) ? undefined : recordCacheDir(root, env);
  if (dir === undefined) return undefined;
  const key = `${indexKey(root)}:${SUMMARY_VERSION}`;
  const old = readSummary(dir, key);
  return { dir, key, old, kept: old && withSweep ? readBeside(dir, SWEEP_FILE) : undefined };
}

/** Which summary `s` is, for the sweep kept with it; undefined while it is not on disk. */
function idOf(s: Summary): SummaryId | undefined {
  return s.file && { crc: s.file.crc, length: s.file.length, verifiedAt: s.verifiedAt };
}

/**
 * After the stats were taken here: keeps the list of paths for the next run's sweep beside the
 * summary `s` (on disk), and this run's sweep when it says exactly what the stats said and
 * every stamp was settled, so that the next run's sweep can stand for the stats. When find
 * could not sweep, says so (for this summary key), and no later run sweeps: so too when
 * `unchanged` (every file as the summary had it, settled) and a sweep of the same list still
 * says otherwise, which only a find that prints something else can do (a file changed
 * between the sweep and the stats would have changed its change time since).
 */
function keepSweep(
  dir: string,
  key: string,
  root: string,
  s: Summary,
  sweep: Sweep | 'failed' | undefined,
  unchanged: boolean,
): void {
  const id = idOf(s);
  if (id === undefined) return;
  const noSweepHere = () => void replaceBeside(dir, NO_SWEEP_FILE, Buffer.from(key, 'utf8'));
  if (sweep === 'failed') {
    noSweepHere();
    return;
  }
  const noSweep = readBeside(dir, NO_SWEEP_FILE);
  if (noSweep !== undefined) {
    // Left by another version of csp (or for a record since moved): this one tries again.
    if (noSweep.toString('utf8') === key) return;
    removeBeside(dir, NO_SWEEP_FILE);
  }
  // A summary as it was, and no sweep to check: the list kept with it is already its list.
  if (unchanged && sweep === undefined && lstampOf(path.join(dir, SWEEP_LIST)) !== undefined) return;
  const entries = sweepEntries(root, s);
  const list = listBytes(entries);
  const sameList = readBeside(dir, SWEEP_LIST)?.equals(list) === true;
  if (!sameList) replaceBeside(dir, SWEEP_LIST, list);
  if (sweep === undefined) return;
  if (sweepAgrees(sweep, entries, s.verifiedAt)) replaceBeside(dir, SWEEP_FILE, sweepFileBytes(id, sweep));
  else if (unchanged && sameList) noSweepHere();
}

/** What the sweep asks about for summary `s`: the two folders, then every file of the summary, relative to the record. */
function sweepEntries(root: string, s: Summary): SweepEntry[] {
  const entries: SweepEntry[] = FOLDERS.map((rel, f) => {
    const d = s.dirs[f];
    return { rel, kind: d === undefined ? null : 'd', stamp: d?.stamp };
  });
  const cut = root.endsWith(path.sep) ? root.length : root.length + 1;
  const { paths, stamps } = s;
  for (let k = 0; k < paths.length; k++) {
    const missing = Number.isNaN(stamps[k * 4]!);
    entries.push({
      rel: paths[k]!.slice(cut),
      kind: missing ? null : 'f',
      stamp: missing ? undefined : stamps.subarray(k * 4, k * 4 + 4),
    });
  }
  return entries;
}

/** Each folder's stamp, as it is now (undefined when the folder is not there). */
function folderStamps(root: string): (Stamp | undefined)[] {
  return FOLDERS.map((rel) => lstamp(path.join(root, rel), 'dir'));
}

/** Whether a listing kept with the summary still holds: the folder's stamp unchanged and settled. */
function listingHolds(before: Listing | undefined, stamp: Stamp | undefined, verifiedAt: number): boolean {
  return before === undefined
    ? stamp === undefined
    : stamp !== undefined && same(before.stamp, stamp) && settled(before.stamp, 0, verifiedAt);
}

/**
 * Whether every file of the summary is as it was: the stats asked (`answers`, in the
 * summary's order) give each file its stamp, settled, and nothing where there was nothing.
 */
function allAsBefore(old: Summary, answers: Float64Array): boolean {
  const { stamps, verifiedAt } = old;
  for (let k = 0, at = 0; k < old.paths.length; k++, at += FIELDS) {
    const kind = answers[at]!;
    const s = k * 4;
    if (Number.isNaN(stamps[s]!)) {
      if (kind !== KIND.none) return false;
      continue;
    }
    if (kind !== KIND.file || !stillTrusted(stamps, s, verifiedAt, answers, at)) return false;
  }
  return true;
}

/** How many files of a summary are there (the rest are places where there was none). */
function countFiles(s: Summary): number {
  let n = 0;
  for (let k = 0; k < s.stamps.length; k += 4) if (!Number.isNaN(s.stamps[k]!)) n++;
  return n;
}

/**
 * A new summary: each folder listed again unless its listing still holds, every file's stat
 * asked, each fact kept from the old summary while its file's stamp is unchanged and settled,
 * and every other file read again (through the index). Throws Unusual for a link, a folder
 * that cannot be listed, or anything other than a file where a file should be.
 */
function takeStock(
  root: string,
  display: string,
  env: Env,
  stamps: (Stamp | undefined)[],
  old: Summary | undefined,
  verifiedAt: number,
  trace: ((line: string) => void) | undefined,
): { summary: Summary; files: number; reread: number; statMs: number } {
  const dirs: (Listing | undefined)[] = [];
  /** For each folder: the old file (index in `old`) of each entry × slot, -1 for none. */
  const oldFile: Int32Array[] = [];
  const where: number[] = [];
  const paths: string[] = [];
  FOLDERS.forEach((rel, f) => {
    const stamp = stamps[f];
    const slots = SUFFIXES[f]!.length;
    if (stamp === undefined) {
      dirs.push(undefined);
      oldFile.push(new Int32Array(0));
      return;
    }
    const abs = path.join(root, rel);
    const before = old?.dirs[f];
    let listing: Listing;
    /** The entry in the old listing of each entry of this one. */
    let oldEntry: (i: number, name: string) => number;
    if (old && before && listingHolds(before, stamp, old.verifiedAt)) {
      listing = before;
      oldEntry = (i) => i;
    } else {
      const listed = folderEntries(abs);
      if (listed === undefined) throw new Unusual();
      listing = { stamp, ...listed };
      const byName = before ? new Map(before.names.map((n, i) => [n, i])) : undefined;
      oldEntry = (_i, name) => byName?.get(name) ?? -1;
    }
    dirs.push(listing);
    const byOldPlace = new Int32Array(listing.names.length * slots).fill(-1);
    if (old && before) {
      const fromOld = new Int32Array(before.names.length * slots).fill(-1);
      for (let k = 0; k < old.paths.length; k++)
        if (old.where[k * 3] === f) fromOld[old.where[k * 3 + 1]! * slots + old.where[k * 3 + 2]!] = k;
      for (let i = 0; i < listing.names.length; i++) {
        const o = oldEntry(i, listing.names[i]!);
        if (o >= 0) for (let s = 0; s < slots; s++) byOldPlace[i * slots + s] = fromOld[o * slots + s]!;
      }
    }
    oldFile.push(byOldPlace);
    // Paths are put together by hand: path.join for each of thousands of files is a cost of its own.
    const prefix = abs + path.sep;
    const suffixes = SUFFIXES[f]!;
    const use = USE[f]!;
    for (let i = 0; i < listing.names.length; i++) {
      const name = listing.names[i]!;
      const type = listing.types[i]!;
      if (name.startsWith('.')) continue;
      // A link is followed by the full load, which checks that it stays inside the record.
      if (type === 'l') throw new Unusual();
      if (!use(name, type)) continue;
      for (let s = 0; s < slots; s++) {
        where.push(f, i, s);
        paths.push(prefix + name + suffixes[s]!);
      }
    }
  });

  const t0 = Date.now();
  const answers = statMany(paths);
  const statMs = Date.now() - t0;
  const next: Summary = {
    verifiedAt,
    dirs,
    where: Int32Array.from(where),
    paths,
    stamps: new Float64Array(paths.length * 4).fill(NaN),
    facts: new Array<Fact>(paths.length).fill(null),
  };
  const reread: { k: number; kind: SchemaKind }[] = [];
  let files = 0;
  for (let k = 0, at = 0; k < paths.length; k++, at += FIELDS) {
    const kind = answers[at]!;
    if (kind === KIND.none) continue;
    if (kind !== KIND.file) throw new Unusual();
    files++;
    const f = where[k * 3]!;
    const slots = SUFFIXES[f]!.length;
    const s = k * 4;
    next.stamps.set(answers.subarray(at + 1, at + FIELDS), s);
    const o = oldFile[f]![where[k * 3 + 1]! * slots + where[k * 3 + 2]!]!;
    if (old && o >= 0 && stillTrusted(old.stamps, o * 4, old.verifiedAt, answers, at)) next.facts[k] = old.facts[o]!;
    else reread.push({ k, kind: KIND_OF[f]![where[k * 3 + 2]!]! });
  }

  if (reread.length > 0) {
    const index = FileIndex.open(root, env);
    const read = readRecordFiles(
      root,
      display,
      reread.map((r) => ({ abs: paths[r.k]!, kind: r.kind, frontMatter: true, body: false })),
      index,
      { env, trace },
    );
    index.save(false);
    index.close();
    for (const r of reread) next.facts[r.k] = factOf(read.get(paths[r.k]!), r.kind);
  }
  return { summary: next, files, reread: reread.length, statMs };
}

/** The agenda's facts from a summary: every meeting in id order, and the open actions. */
function factsOf(s: Summary): AgendaFacts {
  const meetings: FactsMeeting[] = [];
  const open: AgendaFacts['actions'][number][] = [];
  const m = s.dirs[0];
  const a = s.dirs[1];
  let meeting: FactsMeeting | undefined;
  for (let k = 0; k < s.facts.length; k++) {
    const f = s.where[k * 3]!;
    const i = s.where[k * 3 + 1]!;
    const fact = s.facts[k];
    if (f === 0) {
      if (s.where[k * 3 + 2] === 0) {
        const name = m!.names[i]!;
        meeting = { id: name, date: name.slice(0, 10) };
        meetings.push(meeting);
        if (fact) meeting.meeting = { data: fact as MeetingFact };
      } else if (fact && meeting) meeting.minutes = { data: fact as MinutesFact };
    } else if (fact) open.push({ id: a!.names[i]!.slice(0, -3), action: { data: fact as AgendaAction } });
  }
  return { actions: open, meetings, meetingsById: new Map(meetings.map((x) => [x.id, x])) };
}
