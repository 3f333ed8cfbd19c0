/**
 * Changing several files of the record as one: every new content is first staged as a
 * complete, flushed temp file; then the intent is recorded in a journal in the record
 * folder (`.csp-journal`, written whole by a rename); then each temp file takes its
 * target's name; then the journal goes. A run killed at any point leaves the record as
 * it was (no journal: the temp files are removed by the next write command) or with the
 * journal, which the next write command, holding the record lock, finishes. A single
 * file needs no journal: its one rename or link is already all or nothing.
 */
import * as fs from 'node:fs';
import path from 'node:path';
import { ProblemError, WriteError } from '../core/errors.js';
import { toPosix } from '../core/paths.js';
import { lockTempOwner } from './lock.js';
import {
  TEMP_PREFIX,
  bytesOf,
  isReadOnly,
  isTempName,
  linkNew,
  tempPathFor,
  makeFolders,
  modeOf,
  removeQuietly,
  stageTemp,
  syncFolder,
  writeFailure,
  type FileOps,
} from './durable.js';

/** The journal of a multi-file change, in the record folder. */
export const JOURNAL = '.csp-journal';

/** One file to write. `shown` is its path as the clerk sees it. */
export type FileChange =
  | { kind: 'create'; abs: string; shown: string; bytes: Uint8Array }
  | {
      kind: 'replace';
      abs: string;
      shown: string;
      bytes: Uint8Array;
      /** The file's bytes as csp read them: it is replaced only if it still holds them. */
      original: Uint8Array;
    };

/** What a commit did, by `shown` path. */
export interface CommitResult {
  created: string[];
  replaced: string[];
  /** New files whose name was taken (by someone else) before csp could create them: left as they were. */
  existed: string[];
}

interface JournalEntry {
  kind: 'create' | 'replace';
  target: string;
  temp: string;
}

const same = (a: Uint8Array, b: Uint8Array) => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

/** Checks a replacement is still safe: the file is there, unchanged since it was read, and may be written. */
function checkOriginal(change: Extract<FileChange, { kind: 'replace' }>): void {
  const now = bytesOf(change.abs);
  if (now === undefined)
    throw new ProblemError(`${change.shown} has disappeared since csp read it; nothing was written.`);
  if (!same(now, change.original)) {
    throw new ProblemError(
      `${change.shown} was changed by someone else while csp was working; nothing was written. Run the command again.`,
    );
  }
  if (isReadOnly(change.abs)) {
    throw new WriteError(
      `${change.shown} is read-only, and csp never replaces a read-only file, so nothing was changed. If it should change, make it writable (for example chmod u+w), then run the command again.`,
    );
  }
}

/**
 * Writes every change, or none. `root` is the record folder (where the journal goes);
 * a change of several files must lie inside it. `unchanged` says, in a failure's
 * message, what was left as it was (default: nothing was changed).
 */
export function commit(ops: FileOps, root: string, changes: readonly FileChange[], unchanged?: string): CommitResult {
  const result: CommitResult = { created: [], replaced: [], existed: [] };
  const todo: { change: FileChange; temp: string }[] = [];
  const outcome = unchanged ?? (changes.length > 1 ? 'no file of the record was changed' : 'nothing was changed');
  try {
    for (const change of changes) {
      if (change.kind === 'replace') checkOriginal(change);
      else if (fs.existsSync(change.abs)) {
        result.existed.push(change.shown);
        continue;
      }
      try {
        if (change.kind === 'create') makeFolders(ops, path.dirname(change.abs));
        const mode = change.kind === 'replace' ? modeOf(change.abs) : undefined;
        todo.push({ change, temp: stageTemp(ops, change.abs, change.bytes, mode) });
      } catch (e) {
        throw writeFailure(e, change.shown, outcome);
      }
    }
  } catch (e) {
    for (const t of todo) removeQuietly(ops, t.temp);
    throw e;
  }
  if (todo.length === 0) return result;

  const journal = path.join(root, JOURNAL);
  if (todo.length > 1) {
    const entries: JournalEntry[] = todo.map(({ change, temp }) => ({
      kind: change.kind,
      target: toPosix(path.relative(root, change.abs)),
      temp: toPosix(path.relative(root, temp)),
    }));
    if (entries.some((e) => e.target.startsWith('..') || path.isAbsolute(e.target))) {
      for (const t of todo) removeQuietly(ops, t.temp);
      throw new Error('a change of several files must lie inside the record');
    }
    try {
      const tmp = stageTemp(ops, journal, Buffer.from(JSON.stringify({ version: 1, changes: entries })));
      ops.renameSync(tmp, journal);
      syncFolder(ops, root);
    } catch (e) {
      for (const t of todo) removeQuietly(ops, t.temp);
      throw writeFailure(e, 'the record', outcome);
    }
  }

  const folders = new Set<string>();
  for (const { change, temp } of todo) {
    try {
      if (change.kind === 'replace') {
        ops.renameSync(temp, change.abs);
        result.replaced.push(change.shown);
      } else if (linkNew(ops, temp, change.abs, change.bytes)) result.created.push(change.shown);
      else result.existed.push(change.shown);
      folders.add(path.dirname(change.abs));
    } catch (e) {
      if (todo.length === 1) {
        removeQuietly(ops, temp);
        throw writeFailure(e, change.shown, outcome);
      }
      throw new WriteError(
        `Writing ${change.shown} failed part-way (${e instanceof Error ? e.message : String(e)}). What csp was doing is recorded in ${JOURNAL} in the record folder: the next csp command that writes (for example csp actions sync) finishes it.`,
      );
    }
  }
  try {
    for (const dir of folders) syncFolder(ops, dir);
    if (todo.length > 1) {
      ops.unlinkSync(journal);
      syncFolder(ops, root);
    }
  } catch (e) {
    throw writeFailure(e, 'the record', 'every file was written; the next csp command that writes tidies up');
  }
  return result;
}

/** What recovering an interrupted run did. */
export interface Recovery {
  /** Files an interrupted change was finished on (record-relative). */
  finished: string[];
  /** csp's own temp files removed (record-relative). */
  removed: string[];
  /** Files and folders an interrupted folder move put back as they were (record-relative). */
  undone: string[];
}

/**
 * Finishes a journalled change a killed run left (roll forward), then removes csp's
 * other temp files (roll back). Call it holding the record lock, before any change.
 */
export function recover(ops: FileOps, root: string, isAlive: (pid: number) => boolean): Recovery {
  const out: Recovery = { finished: [], removed: [], undone: [] };
  const journal = path.join(root, JOURNAL);
  let text: string | undefined;
  try {
    text = fs.readFileSync(journal, 'utf8');
  } catch {
    text = undefined;
  }
  if (text !== undefined) {
    let entries: JournalEntry[];
    let version: unknown;
    try {
      const parsed = JSON.parse(text) as { version?: unknown; changes?: JournalEntry[] };
      entries = Array.isArray(parsed.changes) ? parsed.changes : [];
      version = parsed.version;
    } catch {
      entries = []; // not csp's journal after all: nothing to finish
    }
    if (version === UNDO_VERSION) {
      // A folder move: put everything back as it was.
      try {
        out.undone.push(...undo(ops, root, entries as UndoStep[]));
      } catch (err) {
        throw writeFailure(err, 'the record', `the interrupted change is still recorded in ${JOURNAL}`);
      }
      entries = [];
    }
    for (const e of entries) {
      if (typeof e.target !== 'string' || typeof e.temp !== 'string') continue;
      const target = path.resolve(root, e.target);
      const temp = path.resolve(root, e.temp);
      const inside = [target, temp].every((p) => p.startsWith(root + path.sep));
      if (!inside || !isTempName(path.basename(temp)) || !fs.existsSync(temp)) continue;
      try {
        if (e.kind === 'replace') ops.renameSync(temp, target);
        else if (!fs.existsSync(target)) ops.linkSync(temp, target);
        removeQuietly(ops, temp);
        out.finished.push(e.target);
      } catch (err) {
        throw writeFailure(err, e.target, `the interrupted change is still recorded in ${JOURNAL}`);
      }
      syncFolder(ops, path.dirname(target));
    }
    ops.unlinkSync(journal);
    syncFolder(ops, root);
  }
  const folders = [root, path.join(root, 'actions'), path.join(root, 'meetings')];
  try {
    for (const m of fs.readdirSync(path.join(root, 'meetings'), { withFileTypes: true })) {
      if (m.isDirectory()) folders.push(path.join(root, 'meetings', m.name));
    }
  } catch {
    /* no meetings yet */
  }
  for (const dir of folders) {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      if (!name.startsWith(TEMP_PREFIX)) continue;
      const abs = path.join(dir, name);
      // A lock's temp file may belong to a csp command taking the lock right now: kept while its process lives.
      const owner = lockTempOwner(name);
      if (owner !== undefined && isAlive(owner)) continue;
      removeQuietly(ops, abs);
      out.removed.push(toPosix(path.relative(root, abs)));
    }
  }
  return out;
}

/** A journalled change that renames a folder of the record: undone, never finished, when interrupted. */
const UNDO_VERSION = 2;

interface UndoStep {
  kind: 'replace' | 'move';
  /** replace: the file; move: the folder's new name (record-relative). */
  target: string;
  /** replace: the new content's temp file; move: the folder's old name. */
  temp: string;
  /** replace: a second name of the original file, to put back on undo. */
  backup?: string;
}

/**
 * Renames the folder `from` to `to` (inside the record, `to` not yet there) and replaces
 * files in one step, all or nothing: `outside` are files elsewhere in the record,
 * `inside` files of the folder (their `abs` under `from`). Every original keeps a
 * second name (a hard link) until the end, so a failure part-way — here, or a killed
 * run found by the next command that writes — puts every file and the folder back as
 * they were.
 */
export function commitFolderMove(
  ops: FileOps,
  root: string,
  move: { from: string; to: string; shown: string },
  outside: readonly Extract<FileChange, { kind: 'replace' }>[],
  inside: readonly Extract<FileChange, { kind: 'replace' }>[],
): CommitResult {
  const outcome = 'the meeting and every file of the record are as they were';
  const staged: { change: Extract<FileChange, { kind: 'replace' }>; temp: string; backup: string }[] = [];
  const rel = (abs: string) => toPosix(path.relative(root, abs));
  const moved = (abs: string) => path.join(move.to, path.relative(move.from, abs));
  const cleanUp = () => {
    for (const s of staged) {
      removeQuietly(ops, s.temp);
      removeQuietly(ops, s.backup);
    }
  };
  if (fs.existsSync(move.to)) throw new ProblemError(`${move.shown} already exists; nothing was changed.`);
  try {
    for (const change of [...outside, ...inside]) {
      checkOriginal(change);
      try {
        const temp = stageTemp(ops, change.abs, change.bytes, modeOf(change.abs));
        const backup = tempPathFor(change.abs);
        staged.push({ change, temp, backup });
        ops.linkSync(change.abs, backup);
      } catch (e) {
        throw writeFailure(e, change.shown, outcome);
      }
    }
  } catch (e) {
    cleanUp();
    throw e;
  }
  const isInside = (s: (typeof staged)[number]) => inside.includes(s.change);
  const steps: UndoStep[] = [
    ...staged
      .filter((s) => !isInside(s))
      .map((s) => ({ kind: 'replace' as const, target: rel(s.change.abs), temp: rel(s.temp), backup: rel(s.backup) })),
    { kind: 'move', target: rel(move.to), temp: rel(move.from) },
    ...staged.filter(isInside).map((s) => ({
      kind: 'replace' as const,
      target: rel(moved(s.change.abs)),
      temp: rel(moved(s.temp)),
      backup: rel(moved(s.backup)),
    })),
  ];
  const journal = path.join(root, JOURNAL);
  try {
    const tmp = stageTemp(ops, journal, Buffer.from(JSON.stringify({ version: UNDO_VERSION, changes: steps })));
    ops.renameSync(tmp, journal);
    syncFolder(ops, root);
  } catch (e) {
    cleanUp();
    throw writeFailure(e, 'the record', outcome);
  }
  try {
    for (const step of steps) {
      const target = path.join(root, step.target);
      const from = path.join(root, step.temp);
      ops.renameSync(from, target);
      syncFolder(ops, path.dirname(target));
      if (step.kind === 'move' && path.dirname(from) !== path.dirname(target)) syncFolder(ops, path.dirname(from));
    }
    // The move is done once the journal is gone; until then an interruption undoes it.
    ops.unlinkSync(journal);
  } catch (e) {
    try {
      undo(ops, root, steps);
      ops.unlinkSync(journal);
      syncFolder(ops, root);
    } catch {
      throw new WriteError(
        `Moving the meeting failed part-way (${e instanceof Error ? e.message : String(e)}), and csp could not yet put it back. What csp was doing is recorded in ${JOURNAL} in the record folder: the next csp command that writes puts every file back as it was.`,
      );
    }
    cleanUp();
    throw writeFailure(e, move.shown, outcome);
  }
  try {
    syncFolder(ops, root);
  } catch {
    /* the journal's removal is already made; flushing the folder again is the next write's */
  }
  for (const s of steps) if (s.backup !== undefined) removeQuietly(ops, path.join(root, s.backup));
  for (const s of staged) removeQuietly(ops, s.temp);
  return { created: [], replaced: [...outside, ...inside].map((c) => c.shown), existed: [] };
}

/** Undoes the steps of a folder move, last first; each undo is safe to repeat. */
function undo(ops: FileOps, root: string, steps: readonly UndoStep[]): string[] {
  const undone: string[] = [];
  for (const step of [...steps].reverse()) {
    const target = path.resolve(root, step.target);
    const other = path.resolve(root, step.temp);
    if (![target, other].every((p) => p.startsWith(root + path.sep))) continue;
    if (step.kind === 'move') {
      if (fs.existsSync(target) && !fs.existsSync(other)) {
        ops.renameSync(target, other);
        syncFolder(ops, path.dirname(other));
        undone.push(step.target);
      }
      continue;
    }
    if (step.backup === undefined) continue;
    const backup = path.resolve(root, step.backup);
    if (!backup.startsWith(root + path.sep) || !isTempName(path.basename(backup))) continue;
    // The backup is a second name of the original: putting it back is right whether or not the file was replaced.
    if (fs.existsSync(backup)) {
      ops.renameSync(backup, target);
      syncFolder(ops, path.dirname(target));
      undone.push(step.target);
    }
  }
  return undone;
}
