/**
 * What a meeting's agenda needs from the rest of the record, without reading the record:
 * the open actions (with the fields an agenda shows), each meeting's status, start and
 * the items on it deferred from earlier meetings, and what each set of minutes deferred.
 *
 * These facts are kept as one summary beside the record index, with the stat each file
 * had when its fact was taken (size, modification and change times, inode). A run lists
 * meetings/ and actions/ (from the summary when a folder's own stat is unchanged) and
 * takes the stat of each action, meeting.md and minutes.md; a fact is trusted only while
 * its file's stat is unchanged and was not racily clean (changed within RACY_MS of when
 * the stat was taken), as the index trusts its rows. Any other file is read again through
 * the index, and the summary is rewritten. Anything unusual (a link, a folder that cannot
 * be opened, a damaged summary, the index turned off) is left to the full load.
 */
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { isRealDate } from '../core/dates.js';
import type { Env } from '../core/env.js';
import { ACTION_ID, MEETING_ID } from '../core/ids.js';
import type { ActionDoc, AgendaItem, MeetingDoc, MinutesDoc } from '../model/types.js';
import type { SchemaKind } from '../schema/check.js';
import { cacheOff, recordCacheDir } from '../workspace/cache-store.js';
import { folderEntries, lstampOf, readBeside, replaceBeside } from '../workspace/index-store.js';
import { FIELDS, KIND, statHelper, statMany, stopHelper, type StatHelper } from '../workspace/stat-many.js';
import { settledAt } from '../workspace/trust.js';
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
const SUMMARY_VERSION = 2;
/** magic, crc32 of the rest, head bytes, names bytes, stamps count: 24 bytes, so the stamps that follow are aligned. */
const HEAD = 24;

/** size, mtimeMs, ctimeMs, ino. */
type Stamp = [number, number, number, number];
type MeetingFact = NonNullable<FactsMeeting['meeting']>['data'];
type MinutesFact = NonNullable<FactsMeeting['minutes']>['data'];
/** A file's fact: null when the file gives the agenda nothing (unreadable, or an action that is not open). */
type Fact = AgendaAction | MeetingFact | MinutesFact | null;

/**
 * One folder's part of the summary: its stamp, its entries (name and kind: "d" folder,
 * "f" file, "l" link, "o" other), and for each entry `slots` files (a meeting folder's
 * meeting.md and minutes.md; an action file itself): their stamps (NaN for none) and facts.
 */
interface DirPart {
  stamp: Stamp;
  names: string[];
  types: string;
  stamps: Float64Array;
  /** Facts by slot number (entry × slots + slot); a slot not here has none. */
  facts: Record<number, Fact>;
}

interface Summary {
  verifiedAt: number;
  dirs: Record<string, DirPart>;
}

/** What the head of a summary file holds (the names and stamps follow it, in binary). */
interface Head {
  key: string;
  verifiedAt: number;
  dirs: { rel: string; stamp: Stamp; count: number; slots: number; facts: Record<number, Fact> }[];
}

const settled = (s: ArrayLike<number>, at: number, verifiedAt: number) => settledAt(s[at + 1]!, s[at + 2]!, verifiedAt);
const same = (a: Stamp, b: Stamp) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3];

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
    const count = buf.readUInt32LE(20);
    if (HEAD + count * 8 + headBytes + namesBytes !== buf.length) return undefined;
    const all = new Float64Array(buf.buffer.slice(buf.byteOffset + HEAD, buf.byteOffset + HEAD + count * 8));
    const head = JSON.parse(buf.toString('utf8', HEAD + count * 8, HEAD + count * 8 + headBytes)) as Head;
    if (head.key !== key || typeof head.verifiedAt !== 'number' || !Array.isArray(head.dirs)) return undefined;
    const names = buf.toString('utf8', HEAD + count * 8 + headBytes).split('\0');
    const dirs: Summary['dirs'] = {};
    let name = 0;
    let stamp = 0;
    for (const d of head.dirs) {
      const entries = names.slice(name, name + d.count);
      name += d.count;
      const n = d.count * d.slots * 4;
      if (entries.length !== d.count || stamp + n > all.length) return undefined;
      dirs[d.rel] = {
        stamp: d.stamp,
        names: entries.map((e) => e.slice(1)),
        types: entries.map((e) => e[0]).join(''),
        stamps: all.subarray(stamp, stamp + n),
        facts: d.facts,
      };
      stamp += n;
    }
    return { verifiedAt: head.verifiedAt, dirs };
  } catch {
    return undefined;
  }
}

/** Replaces the summary whole (a temporary file renamed over it); a failure only means no summary next time. */
function writeSummary(dir: string, key: string, s: Summary, slots: Record<string, number>): void {
  const rels = Object.keys(s.dirs);
  const head: Head = {
    key,
    verifiedAt: s.verifiedAt,
    dirs: rels.map((rel) => {
      const d = s.dirs[rel]!;
      return { rel, stamp: d.stamp, count: d.names.length, slots: slots[rel]!, facts: d.facts };
    }),
  };
  const headBuf = Buffer.from(JSON.stringify(head), 'utf8');
  const names: string[] = [];
  for (const rel of rels) {
    const d = s.dirs[rel]!;
    d.names.forEach((n, i) => names.push(`${d.types[i]!}${n}`));
  }
  const namesBuf = Buffer.from(names.join('\0'), 'utf8');
  const stamps = rels.map((rel) => s.dirs[rel]!.stamps);
  const count = stamps.reduce((n, a) => n + a.length, 0);
  const top = Buffer.alloc(HEAD);
  top.write(MAGIC, 0, 'latin1');
  top.writeUInt32LE(headBuf.length, 12);
  top.writeUInt32LE(namesBuf.length, 16);
  top.writeUInt32LE(count, 20);
  const whole = Buffer.concat([
    top,
    ...stamps.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)),
    headBuf,
    namesBuf,
  ]);
  whole.writeUInt32LE(crc32(whole.subarray(12)), 8);
  replaceBeside(dir, SUMMARY_FILE, whole);
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

/** The files kept for each entry of a folder: a meeting folder's meeting.md and minutes.md; an action file. */
const SLOTS: Record<string, number> = { meetings: 2, actions: 1 };
const KIND_OF: Record<string, SchemaKind[]> = { meetings: ['meeting', 'minutes'], actions: ['action'] };

/**
 * The agenda's facts of the record at `root`, from the summary where files are unchanged;
 * undefined when the full load should answer (no index, or something unusual in the record).
 */
export function agendaFacts(
  root: string,
  display: string,
  env: Env,
  trace?: (line: string) => void,
  early?: EarlyFacts,
): AgendaFacts | undefined {
  const start = early ?? startAgendaFacts(root, env);
  if (start === undefined) return undefined;
  try {
    return factsFrom(start, root, display, env, trace);
  } finally {
    if (early === undefined) stopAgendaFacts(start);
  }
}

/** The summary read ahead, and a helper thread started for the stats of a large record. */
export interface EarlyFacts {
  dir: string;
  key: string;
  old: Summary | undefined;
  helper: StatHelper | undefined;
}

/**
 * Reads the summary and, when it speaks of a large record, starts a thread to help with the
 * stats, so that the thread is ready by the time they are asked (see statHelper); undefined
 * when the index is off. Stop it with stopAgendaFacts once the facts are taken.
 */
export function startAgendaFacts(root: string, env: Env): EarlyFacts | undefined {
  const dir = cacheOff(env) ? undefined : recordCacheDir(root, env);
  if (dir === undefined) return undefined;
  const key = `${indexKey(root)}:${SUMMARY_VERSION}`;
  const old = readSummary(dir, key);
  let files = 0;
  for (const d of Object.values(old?.dirs ?? {})) files += d.stamps.length / 4;
  return { dir, key, old, helper: statHelper(files, env) };
}

/** Stops the helper thread of startAgendaFacts, if it started one. */
export function stopAgendaFacts(early: EarlyFacts | undefined): void {
  stopHelper(early?.helper);
}

function factsFrom(
  { dir, key, old, helper }: EarlyFacts,
  root: string,
  display: string,
  env: Env,
  trace?: (line: string) => void,
): AgendaFacts | undefined {
  const verifiedAt = Date.now();
  const next: Summary = { verifiedAt, dirs: {} };
  let changed = old === undefined;
  let files = 0;
  const reread: { rel: string; slot: number; abs: string; kind: SchemaKind }[] = [];

  /**
   * One folder: its entries (from the summary when its stamp is unchanged, else listed), and
   * the files kept for the entries `use` picks (`paths`: where each slot's file is), whose
   * stamps are taken below, all at once.
   */
  interface Listed {
    rel: string;
    stamp: Stamp;
    names: string[];
    types: string;
    oldAt: (i: number, name: string) => number;
    /** For each file to stamp: its entry, its slot, its path. */
    entry: number[];
    slot: number[];
  }
  const listedDirs: Listed[] = [];
  const toStamp: string[] = [];
  const list = (rel: string, use: (name: string, type: string) => boolean, suffixes: readonly string[]) => {
    const abs = path.join(root, rel);
    const stamp = lstamp(abs, 'dir');
    if (stamp === undefined) return;
    const before = old?.dirs[rel];
    let names: string[];
    let types: string;
    let oldAt: (i: number, name: string) => number;
    if (before && same(before.stamp, stamp) && settled(before.stamp, 0, old.verifiedAt)) {
      ({ names, types } = before);
      oldAt = (i) => i;
    } else {
      const listed = folderEntries(abs);
      if (listed === undefined) throw new Unusual();
      ({ names, types } = listed);
      const byName = before ? new Map(before.names.map((n, i) => [n, i])) : undefined;
      oldAt = (_i, name) => byName?.get(name) ?? -1;
      changed = true;
    }
    const d: Listed = { rel, stamp, names, types, oldAt, entry: [], slot: [] };
    // Paths are put together by hand: path.join for each of thousands of files is a cost of its own.
    const prefix = abs + path.sep;
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      const type = types[i]!;
      if (name.startsWith('.')) continue;
      // A link is followed by the full load, which checks that it stays inside the record.
      if (type === 'l') throw new Unusual();
      if (!use(name, type)) continue;
      for (let s = 0; s < suffixes.length; s++) {
        d.entry.push(i);
        d.slot.push(s);
        toStamp.push(prefix + name + suffixes[s]!);
      }
    }
    listedDirs.push(d);
  };

  try {
    list('meetings', isMeetingDir, [`${path.sep}meeting.md`, `${path.sep}minutes.md`]);
    list('actions', (name, type) => type === 'f' && name.endsWith('.md') && ACTION_ID.test(name.slice(0, -3)), ['']);
    // Every file's stamp a fact hangs on, asked in one go.
    const answers = statMany(toStamp, helper);
    let k = 0;
    for (const d of listedDirs) {
      const slots = SLOTS[d.rel]!;
      const before = old?.dirs[d.rel];
      const b = before?.stamps;
      const stamps = new Float64Array(d.names.length * slots * 4).fill(NaN);
      const facts: Record<number, Fact> = {};
      for (let j = 0; j < d.entry.length; j++, k++) {
        const at = k * FIELDS;
        const kind = answers[at]!;
        const i = d.entry[j]!;
        const s = d.slot[j]!;
        const o = b ? d.oldAt(i, d.names[i]!) : -1;
        const oldSlot = o * slots + s;
        if (kind === KIND.none) {
          // A file that has gone changes the summary.
          if (o < 0 || !Number.isNaN(b![oldSlot * 4])) changed = true;
          continue;
        }
        if (kind !== KIND.file) throw new Unusual();
        files++;
        const slot = i * slots + s;
        stamps[slot * 4] = answers[at + 1]!;
        stamps[slot * 4 + 1] = answers[at + 2]!;
        stamps[slot * 4 + 2] = answers[at + 3]!;
        stamps[slot * 4 + 3] = answers[at + 4]!;
        if (
          o >= 0 &&
          b![oldSlot * 4] === answers[at + 1] &&
          b![oldSlot * 4 + 1] === answers[at + 2] &&
          b![oldSlot * 4 + 2] === answers[at + 3] &&
          b![oldSlot * 4 + 3] === answers[at + 4] &&
          settled(b!, oldSlot * 4, old!.verifiedAt)
        ) {
          const f = before!.facts[oldSlot];
          if (f !== undefined && f !== null) facts[slot] = f;
        } else reread.push({ rel: d.rel, slot, abs: toStamp[k]!, kind: KIND_OF[d.rel]![s]! });
      }
      next.dirs[d.rel] = { stamp: d.stamp, names: d.names, types: d.types, stamps, facts };
    }
    // A folder that was there and is not (or the other way round) changes the summary too.
    for (const rel of Object.keys(SLOTS))
      if ((old?.dirs[rel] === undefined) !== (next.dirs[rel] === undefined)) changed = true;
  } catch (e) {
    if (e instanceof Unusual) return undefined;
    throw e;
  }
  const t1 = Date.now();

  if (reread.length > 0) {
    const index = FileIndex.open(root, env);
    const read = readRecordFiles(
      root,
      display,
      reread.map((r) => ({ abs: r.abs, kind: r.kind, frontMatter: true, body: false })),
      index,
      { env, trace },
    );
    index.save(false);
    index.close();
    for (const r of reread) {
      const f = factOf(read.get(r.abs), r.kind);
      if (f !== null) next.dirs[r.rel]!.facts[r.slot] = f;
    }
    changed = true;
  }
  if (changed) writeSummary(dir, key, next, SLOTS);
  if (env.CSP_DEBUG && trace)
    trace(
      `agenda facts: ${files - reread.length} of ${files} files trusted unread, stats ${t1 - verifiedAt} ms${helper ? ` (a second thread took ${helper.helped} of ${helper.chunks} chunks)` : ''}, the rest ${Date.now() - t1} ms\n`,
    );

  const meetings: FactsMeeting[] = [];
  const m = next.dirs.meetings;
  if (m) {
    m.names.forEach((name, i) => {
      if (name.startsWith('.') || !isMeetingDir(name, m.types[i]!)) return;
      const e: FactsMeeting = { id: name, date: name.slice(0, 10) };
      const mf = m.facts[i * 2];
      if (mf) e.meeting = { data: mf as MeetingFact };
      const nf = m.facts[i * 2 + 1];
      if (nf) e.minutes = { data: nf as MinutesFact };
      meetings.push(e);
    });
  }
  const open: AgendaFacts['actions'][number][] = [];
  const a = next.dirs.actions;
  if (a)
    a.names.forEach((name, i) => {
      const f = a.facts[i];
      if (f) open.push({ id: name.slice(0, -3), action: { data: f as AgendaAction } });
    });
  return { actions: open, meetings, meetingsById: new Map(meetings.map((x) => [x.id, x])) };
}
