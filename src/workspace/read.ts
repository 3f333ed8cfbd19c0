/**
 * Reading the record from disk: which files are where, and each text file decoded
 * safely (size limit, UTF-8 only, no binary, no link out of the record).
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readdirSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { shown, toPosix } from '../core/paths.js';
import { positionAt } from '../core/position.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { FileStamp, SourceFile } from '../model/types.js';

/** Markdown and YAML files larger than this are refused (papers may be any size). */
export const MAX_TEXT_BYTES = 1024 * 1024;

export interface RecordListing {
  partnership?: string;
  members?: string;
  /** Meeting folder name → the files found in it (the folders asked for). */
  meetings: Map<string, { dir: string; meeting?: string; minutes?: string; papers: Map<string, number> }>;
  /** Every name under meetings/ (folders or not), sorted. */
  meetingNames: string[];
  /** Whether every folder and file of the record was listed (not only some meetings, or no actions). */
  complete: boolean;
  /** Action id (file name without .md) → absolute path. */
  actions: Map<string, string>;
  /** Folders of the record that exist but could not be opened (relative paths, e.g. "actions"): their files are unknown, not absent. */
  unlisted: string[];
  diagnostics: Diagnostic[];
}

function layout(display: string, rel: string, message: string): Diagnostic {
  return { file: shown(display, rel), line: 1, column: 1, severity: 'error', rule: 'layout', message };
}

/**
 * Which parts of the record to list: every meeting folder (the default), or only the names
 * under meetings/ and the folders named; actions/, or not.
 */
export interface ListScope {
  meetings?: 'all' | readonly string[];
  actions?: boolean;
}

/** One entry of a folder, as listed: its name and what it is. */
export interface FolderEntry {
  name: string;
  type: 'file' | 'dir' | 'link' | 'other';
}

/**
 * Folder listings kept between runs (the record index): a folder whose stat is unchanged
 * has the same entries (adding, removing or renaming one changes the folder's times).
 */
export interface FolderCache {
  /** The entries of the folder at `rel` (relative to the record), when its stat shows it unchanged. */
  get(rel: string, stamp: FileStamp): FolderEntry[] | undefined;
  /** Keeps a listing made now (`verifiedAt`: just before the folder's stat was taken). */
  put(rel: string, stamp: FileStamp, verifiedAt: number, entries: FolderEntry[]): void;
}

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** A folder's entries, sorted by name: from the cache when the folder is unchanged, else listed (and kept); the error when it cannot be listed. */
function listFolder(abs: string, rel: string, cache: FolderCache | undefined): FolderEntry[] | NodeJS.ErrnoException {
  try {
    const verifiedAt = Date.now();
    const st = cache ? statSync(abs) : undefined;
    const stamp = st && { size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino };
    const cached = stamp && cache?.get(rel, stamp);
    if (cached) return cached;
    const list: FolderEntry[] = readdirSync(abs, { withFileTypes: true })
      .map((e) => ({
        name: e.name,
        type: e.isSymbolicLink() ? 'link' : e.isDirectory() ? 'dir' : e.isFile() ? 'file' : 'other',
      }))
      .sort(byName) as FolderEntry[];
    if (stamp && cache) cache.put(rel, stamp, verifiedAt, list);
    return list;
  } catch (e) {
    return e as NodeJS.ErrnoException;
  }
}

/** Why a folder could not be listed, in the clerk's words. */
function unlistable(e: NodeJS.ErrnoException): string {
  const why =
    e.code === 'EACCES' || e.code === 'EPERM'
      ? 'permission denied'
      : e.code === 'EIO'
        ? 'the disk reported an error'
        : e.code === 'ENOTDIR'
          ? 'it is not a folder'
          : (e.code ?? e.message);
  return `csp cannot open this folder (${why}), so none of the files in it were read. Let csp's user account read the folder (check its permissions), then run csp again.`;
}

/** Lists the record folder (as much of it as `scope` asks for), reporting anything that does not belong. */
export function listRecord(root: string, display: string, scope: ListScope = {}, folders?: FolderCache): RecordListing {
  const wanted = scope.meetings === undefined || scope.meetings === 'all' ? undefined : new Set(scope.meetings);
  const withActions = scope.actions !== false;
  const out: RecordListing = {
    meetings: new Map(),
    meetingNames: [],
    complete: wanted === undefined && withActions,
    actions: new Map(),
    unlisted: [],
    diagnostics: [],
  };
  const realRoot = realpathSync(root);
  const entries = (dir: string): FolderEntry[] => {
    const rel = recordPaths(root, display, dir).rel;
    const listed = listFolder(dir, rel, folders);
    if (Array.isArray(listed)) return listed;
    // A folder gone since it was seen holds nothing; one that cannot be opened is a finding, never an empty folder.
    if (listed.code !== 'ENOENT') {
      out.unlisted.push(rel);
      out.diagnostics.push(layout(display, rel === '' ? '.' : rel, unlistable(listed)));
    }
    return [];
  };
  /** Follows a symbolic link only when it stays inside the record and leads to a file. */
  const linkTarget = (abs: string, rel: string): 'file' | 'dir' | undefined => {
    let real: string;
    try {
      real = realpathSync(abs);
    } catch {
      out.diagnostics.push(
        layout(display, rel, 'This link leads nowhere. Remove it or replace it with the file itself.'),
      );
      return undefined;
    }
    if (real !== realRoot && !real.startsWith(realRoot + path.sep)) {
      out.diagnostics.push(
        layout(
          display,
          rel,
          'This is a link to a file outside the record. A record holds its own files: copy the file in, or remove the link.',
        ),
      );
      return undefined;
    }
    return statSync(real).isDirectory() ? 'dir' : 'file';
  };
  const kindOf = (dir: string, e: FolderEntry, rel: string): 'file' | 'dir' | undefined => {
    if (e.type === 'link') return linkTarget(path.join(dir, e.name), rel);
    if (e.type === 'dir') return 'dir';
    if (e.type === 'file') return 'file';
    out.diagnostics.push(layout(display, rel, 'This is not an ordinary file or folder. Remove it from the record.'));
    return undefined;
  };

  for (const e of entries(root)) {
    if (e.name.startsWith('.')) continue;
    const rel = e.name;
    const kind = kindOf(root, e, rel);
    if (!kind) continue;
    const abs = path.join(root, e.name);
    if (kind === 'file' && e.name === 'partnership.md') out.partnership = abs;
    else if (kind === 'file' && e.name === 'members.yaml') out.members = abs;
    else if (kind === 'file' && /^readme(\.md)?$/i.test(e.name)) continue;
    else if (kind === 'dir' && e.name === 'templates') continue;
    else if (kind === 'dir' && e.name === 'meetings') listMeetings(abs, 'meetings');
    else if (kind === 'dir' && e.name === 'actions') {
      if (withActions) listActions(abs, 'actions');
    } else
      out.diagnostics.push(
        layout(
          display,
          rel,
          `"${e.name}" does not belong at the top of a record, which holds partnership.md, members.yaml, meetings/, actions/ and templates/. Move it or remove it.`,
        ),
      );
  }
  if (!out.members) {
    out.diagnostics.push(
      layout(
        display,
        'members.yaml',
        "The record has no members.yaml, so no one can be named. Create it with the board's members (csp init writes an example).",
      ),
    );
  }

  function listMeetings(dir: string, relDir: string): void {
    for (const e of entries(dir)) {
      if (e.name.startsWith('.')) continue;
      out.meetingNames.push(e.name);
      if (wanted && !wanted.has(e.name)) continue;
      const rel = `${relDir}/${e.name}`;
      const kind = kindOf(dir, e, rel);
      if (!kind) continue;
      if (kind !== 'dir') {
        out.diagnostics.push(
          layout(
            display,
            rel,
            `meetings/ holds one folder per meeting, named by its date (YYYY-MM-DD); "${e.name}" is a file. Move it into its meeting's folder.`,
          ),
        );
        continue;
      }
      const abs = path.join(dir, e.name);
      const entry: { dir: string; meeting?: string; minutes?: string; papers: Map<string, number> } = {
        dir: abs,
        papers: new Map(),
      };
      out.meetings.set(e.name, entry);
      for (const f of entries(abs)) {
        if (f.name.startsWith('.')) continue;
        const frel = `${rel}/${f.name}`;
        const fkind = kindOf(abs, f, frel);
        if (!fkind) continue;
        if (fkind === 'file' && f.name === 'meeting.md') entry.meeting = path.join(abs, f.name);
        else if (fkind === 'file' && f.name === 'minutes.md') entry.minutes = path.join(abs, f.name);
        else if (fkind === 'dir' && f.name === 'papers')
          listPapers(path.join(abs, 'papers'), 'papers', frel, entry.papers, 0);
        else
          out.diagnostics.push(
            layout(
              display,
              frel,
              `A meeting folder holds meeting.md, minutes.md and papers/; "${f.name}" does not belong here. Move reports into papers/.`,
            ),
          );
      }
    }
  }

  function listPapers(
    dir: string,
    relInMeeting: string,
    relShown: string,
    papers: Map<string, number>,
    depth: number,
  ): void {
    if (depth > 8) return;
    for (const e of entries(dir)) {
      if (e.name.startsWith('.')) continue;
      const rel = `${relShown}/${e.name}`;
      const kind = kindOf(dir, e, rel);
      if (!kind) continue;
      const abs = path.join(dir, e.name);
      if (kind === 'dir') listPapers(abs, `${relInMeeting}/${e.name}`, rel, papers, depth + 1);
      else {
        let size = 0;
        try {
          size = statSync(abs).size;
        } catch {
          /* unreadable paper: reported when linked */
        }
        papers.set(`${relInMeeting}/${e.name}`, size);
      }
    }
  }

  function listActions(dir: string, relDir: string): void {
    for (const e of entries(dir)) {
      if (e.name.startsWith('.')) continue;
      const rel = `${relDir}/${e.name}`;
      const kind = kindOf(dir, e, rel);
      if (!kind) continue;
      if (kind === 'file' && e.name.endsWith('.md')) {
        out.actions.set(e.name.slice(0, -3), path.join(dir, e.name));
      } else {
        out.diagnostics.push(
          layout(
            display,
            rel,
            `actions/ holds one markdown file per action (<action-id>.md); "${e.name}" does not belong here.`,
          ),
        );
      }
    }
  }
  return out;
}

/** The outcome of reading one text file: the file, or a diagnostic saying why not. */
export type ReadResult = { ok: true; file: SourceFile } | { ok: false; diagnostic: Diagnostic };

/** Why a record file cannot be used as text, with the place of the first bad byte. */
export interface ReadFailure {
  message: string;
  line: number;
  column: number;
}

/** A record file's bytes with the stat taken just before reading them, or why they could not be had. */
export type BytesResult = { ok: true; stamp: FileStamp; bytes: Buffer } | { ok: false; failure: ReadFailure };

const UNREADABLE = 'This file could not be read. Check that it exists and that you may read it.';
const NOT_READ = 'This file could not be read. Check that you may read it.';

/** The stat of a record file (following a link), or undefined when there is none. */
export function stampOf(abs: string): FileStamp | undefined {
  try {
    const st = statSync(abs, { throwIfNoEntry: false });
    return st ? { size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino } : undefined;
  } catch {
    return undefined;
  }
}

/** Reads a record file's bytes, refusing one over 1 MiB (by its stat, before reading). */
export function readBytes(abs: string): BytesResult {
  let fd: number;
  try {
    fd = openSync(abs, 'r');
  } catch {
    return { ok: false, failure: { message: UNREADABLE, line: 1, column: 1 } };
  }
  try {
    const st = fstatSync(fd);
    const stamp = { size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino };
    if (!st.isFile()) return { ok: false, failure: { message: NOT_READ, line: 1, column: 1 } };
    if (st.size > MAX_TEXT_BYTES) {
      return {
        ok: false,
        failure: {
          message: `This file is ${(st.size / 1024 / 1024).toFixed(1)} MiB; markdown and YAML files in a record may be at most 1 MiB. Move long reports into the meeting's papers/ folder.`,
          line: 1,
          column: 1,
        },
      };
    }
    // One byte more than the stat said, to notice a file that grew meanwhile.
    let bytes = Buffer.allocUnsafe(st.size + 1);
    let n = 0;
    for (let r; n < bytes.length && (r = readSync(fd, bytes, n, bytes.length - n, null)) > 0;) n += r;
    if (n > st.size) {
      // It grew while being read: read it whole (the stat above stays older than the bytes, as it must).
      const rest = readFileSync(fd);
      bytes = Buffer.concat([bytes.subarray(0, n), rest]);
      if (bytes.length > MAX_TEXT_BYTES) return readBytes(abs);
    } else bytes = bytes.subarray(0, n);
    return { ok: true, stamp, bytes };
  } catch {
    return { ok: false, failure: { message: NOT_READ, line: 1, column: 1 } };
  } finally {
    closeSync(fd);
  }
}

/** A record file's bytes as text: refused when binary or not UTF-8; the byte-order mark taken off, the line end noted. */
export function decodeText(
  bytes: Uint8Array,
): { ok: true; text: string; bom: boolean; eol: '\n' | '\r\n' } | { ok: false; failure: ReadFailure } {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const nul = buf.indexOf(0);
  if (nul !== -1) {
    return {
      ok: false,
      failure: {
        message:
          "This file holds binary data, not text. A record's markdown and YAML files must be plain text; put documents in papers/.",
        ...positionOfByte(buf, nul),
      },
    };
  }
  // The native check first; the byte-by-byte one only to place the first bad byte.
  const bad = isUtf8(buf) ? -1 : firstInvalidUtf8(buf);
  if (bad !== -1) {
    return {
      ok: false,
      failure: {
        message:
          'This file is not UTF-8 text. Save it as UTF-8 in your editor (for example "Save with encoding: UTF-8").',
        ...positionOfByte(buf, bad),
      },
    };
  }
  let text = buf.toString('utf8');
  const bom = text.charCodeAt(0) === 0xfeff;
  if (bom) text = text.slice(1);
  const firstCr = text.indexOf('\r\n');
  const eol = firstCr !== -1 && firstCr + 2 <= 4096 ? '\r\n' : '\n';
  return { ok: true, text, bom, eol };
}

/** The path of a record file relative to the record, and as shown to the user. */
export function recordPaths(root: string, display: string, abs: string): { rel: string; display: string } {
  // Listed paths are the record folder joined with names: cut, rather than work out, the relative path.
  const inside = abs.length > root.length + 1 && abs.startsWith(root) && abs[root.length] === path.sep;
  const rel = inside
    ? path.sep === '/'
      ? abs.slice(root.length + 1)
      : toPosix(abs.slice(root.length + 1))
    : toPosix(path.relative(root, abs));
  return { rel, display: shown(display, rel) };
}

/** Reads a markdown or YAML file of the record, refusing what is too big, binary or not UTF-8. */
export function readText(root: string, display: string, abs: string): ReadResult {
  const { rel, display: file } = recordPaths(root, display, abs);
  const fail = (f: ReadFailure): ReadResult => ({
    ok: false,
    diagnostic: { file, line: f.line, column: f.column, severity: 'error', rule: 'layout', message: f.message },
  });
  const read = readBytes(abs);
  if (!read.ok) return fail(read.failure);
  const decoded = decodeText(read.bytes);
  if (!decoded.ok) return fail(decoded.failure);
  return { ok: true, file: { abs, rel, display: file, text: decoded.text, bom: decoded.bom, eol: decoded.eol } };
}

/** The line and column of a byte of a file (the text before it decoded as UTF-8). */
function positionOfByte(buf: Buffer, index: number): { line: number; column: number } {
  const before = buf.subarray(0, index).toString('utf8');
  return positionAt(before, before.length);
}

/** Offset of the first byte that breaks UTF-8, or -1. */
export function firstInvalidUtf8(buf: Buffer): number {
  let i = 0;
  const n = buf.length;
  while (i < n) {
    const b = buf[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = buf[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * A record file's bytes exactly as they are on disk: those read, when the loader kept them,
 * else its text encoded again (with its byte-order mark), which decodeText showed gives the same bytes.
 */
export function fileBytes(file: { bytes?: Uint8Array | undefined; bom: boolean; text: string }): Uint8Array {
  return file.bytes ?? Buffer.from((file.bom ? '\uFEFF' : '') + file.text, 'utf8');
}
