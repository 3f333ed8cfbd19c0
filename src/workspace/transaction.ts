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
}

/**
 * Finishes a journalled change a killed run left (roll forward), then removes csp's
 * other temp files (roll back). Call it holding the record lock, before any change.
 */
export function recover(ops: FileOps, root: string, isAlive: (pid: number) => boolean): Recovery {
  const out: Recovery = { finished: [], removed: [] };
  const journal = path.join(root, JOURNAL);
  let text: string | undefined;
  try {
    text = fs.readFileSync(journal, 'utf8');
  } catch {
    text = undefined;
  }
  if (text !== undefined) {
    let entries: JournalEntry[];
    try {
      const parsed = JSON.parse(text) as { changes?: JournalEntry[] };
      entries = Array.isArray(parsed.changes) ? parsed.changes : [];
    } catch {
      entries = []; // not csp's journal after all: nothing to finish
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
