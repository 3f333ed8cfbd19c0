/**
 * Reading the record from disk: which files are where, and each text file decoded
 * safely (size limit, UTF-8 only, no binary, no link out of the record).
 */
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { shown, toPosix } from '../core/paths.js';
import { positionAt } from '../core/position.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { SourceFile } from '../model/types.js';

/** Markdown and YAML files larger than this are refused (papers may be any size). */
export const MAX_TEXT_BYTES = 1024 * 1024;

export interface RecordListing {
  partnership?: string;
  members?: string;
  /** Meeting folder name → the files found in it. */
  meetings: Map<string, { dir: string; meeting?: string; minutes?: string; papers: Map<string, number> }>;
  /** Action id (file name without .md) → absolute path. */
  actions: Map<string, string>;
  diagnostics: Diagnostic[];
}

function layout(display: string, rel: string, message: string): Diagnostic {
  return { file: shown(display, rel), line: 1, column: 1, severity: 'error', rule: 'layout', message };
}

/** Lists the record folder, reporting anything that does not belong. */
export function listRecord(root: string, display: string): RecordListing {
  const out: RecordListing = { meetings: new Map(), actions: new Map(), diagnostics: [] };
  const realRoot = realpathSync(root);
  const entries = (dir: string) => {
    try {
      return readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch {
      return [];
    }
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
  const kindOf = (dir: string, e: import('node:fs').Dirent, rel: string): 'file' | 'dir' | undefined => {
    if (e.isSymbolicLink()) return linkTarget(path.join(dir, e.name), rel);
    if (e.isDirectory()) return 'dir';
    if (e.isFile()) return 'file';
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
    else if (kind === 'dir' && e.name === 'actions') listActions(abs, 'actions');
    else
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

/** Reads a markdown or YAML file of the record, refusing what is too big, binary or not UTF-8. */
export function readText(root: string, display: string, abs: string): ReadResult {
  const rel = toPosix(path.relative(root, abs));
  const file = shown(display, rel);
  const fail = (message: string, line = 1, column = 1): ReadResult => ({
    ok: false,
    diagnostic: { file, line, column, severity: 'error', rule: 'layout', message },
  });
  let size: number;
  try {
    size = lstatSync(abs).isSymbolicLink() ? statSync(abs).size : lstatSync(abs).size;
  } catch {
    return fail('This file could not be read. Check that it exists and that you may read it.');
  }
  if (size > MAX_TEXT_BYTES) {
    return fail(
      `This file is ${(size / 1024 / 1024).toFixed(1)} MiB; markdown and YAML files in a record may be at most 1 MiB. Move long reports into the meeting's papers/ folder.`,
    );
  }
  let buf: Buffer;
  try {
    buf = readFileSync(abs);
  } catch {
    return fail('This file could not be read. Check that you may read it.');
  }
  const nul = buf.indexOf(0);
  if (nul !== -1) {
    const p = positionOfByte(buf, nul);
    return fail(
      "This file holds binary data, not text. A record's markdown and YAML files must be plain text; put documents in papers/.",
      p.line,
      p.column,
    );
  }
  const bad = firstInvalidUtf8(buf);
  if (bad !== -1) {
    const p = positionOfByte(buf, bad);
    return fail(
      'This file is not UTF-8 text. Save it as UTF-8 in your editor (for example "Save with encoding: UTF-8").',
      p.line,
      p.column,
    );
  }
  let text = buf.toString('utf8');
  const bom = text.charCodeAt(0) === 0xfeff;
  if (bom) text = text.slice(1);
  const eol = /\r\n/.test(text.slice(0, 4096)) ? '\r\n' : '\n';
  return { ok: true, file: { abs, rel, display: file, text, bom, eol } };
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
