/**
 * The import of one or more minutes documents into the record: read each, recognise its
 * meeting, refuse to overwrite, write meeting.md and minutes.md as new files (and, with
 * --add-people, the roster's new `others`), and say what was placed and what was not.
 * Takes typed options and returns a result; it prints nothing and never exits.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../core/diagnostic.js';
import { isRealDate } from '../core/dates.js';
import { MEETING_ID } from '../core/ids.js';
import { nodeFileOps } from '../workspace/durable.js';
import { commit, type FileChange } from '../workspace/transaction.js';
import { extractFile, extractIsolated } from './extract.js';
import { Roster, type RosterPerson } from './people.js';
import { recognise, type Draft, type Note, type Place, type UnknownName } from './recognise.js';
import { readFacts, type RecordFacts } from './record.js';
import { renderMeeting, renderMinutes } from './render.js';
import { appendOthers } from './roster-append.js';

/** What to import, and how. */
export interface ImportOptions {
  /** The record folder (absolute). */
  root: string;
  /** The record folder as the clerk sees it ("records"). */
  display: string;
  /** The working directory the file names are relative to. */
  cwd: string;
  files: string[];
  /** The meeting date (or id) to use instead of the document's. */
  meeting?: string;
  dryRun: boolean;
  addPeople: boolean;
  /** Read each document in a worker thread (the built CLI); in-thread otherwise. */
  worker?: URL;
  /** Called as each document is finished. */
  onProgress?: (done: number, total: number, file: string) => void;
  /** Checks the record after writing; returns every finding. */
  validate?: () => Promise<Diagnostic[]>;
}

/** What became of one document. */
export interface FileResult {
  file: string;
  status: 'imported' | 'dry-run' | 'already-imported' | 'exists' | 'unreadable' | 'no-date' | 'no-items';
  message?: string;
  meeting?: string;
  /** Files written (or, in a dry run, that would be): path as shown, and the text. */
  writes: { path: string; text: string }[];
  items: number;
  firstMinute?: number;
  lastMinute?: number;
  decisions: number;
  actions: number;
  unknown: UnknownName[];
  unplaced: Place[];
  notes: Note[];
  added: RosterPerson[];
  format?: string;
}

/** The whole import. */
export interface ImportResult {
  results: FileResult[];
  /** Findings of csp validate on the new files, after writing. */
  diagnostics: Diagnostic[];
  /** A problem with the whole run (the roster could not be read, a bad option). */
  usage?: string;
  exitCode: 0 | 1 | 2;
}

/** Runs the import. */
export async function runImport(opts: ImportOptions): Promise<ImportResult> {
  const usage = (message: string): ImportResult => ({ results: [], diagnostics: [], usage: message, exitCode: 2 });
  if (!opts.files.length) return usage('name at least one minutes document to import.');
  if (opts.meeting !== undefined) {
    const m = MEETING_ID.exec(opts.meeting);
    if (!m || !isRealDate(m[1]))
      return usage(
        `--meeting ${opts.meeting} is not a meeting date: write it YYYY-MM-DD (a real day), or YYYY-MM-DD-name for a second meeting that day.`,
      );
    if (opts.files.length > 1)
      return usage('--meeting gives the date of one meeting, so import one document with it at a time.');
  }
  const facts = await readFacts(opts.root);
  if ('message' in facts) return usage(facts.message);

  const results: FileResult[] = [];
  const written: string[] = [];
  let n = 0;
  for (const file of opts.files) {
    const r = await importOne(file, opts, facts);
    results.push(r);
    if (r.status === 'imported') written.push(...r.writes.map((w) => w.path));
    opts.onProgress?.(++n, opts.files.length, file);
  }

  let diagnostics: Diagnostic[] = [];
  if (written.length && opts.validate) {
    const all = await opts.validate();
    const mine = new Set(written);
    diagnostics = all.filter((d) => mine.has(d.file));
  }
  const problem =
    results.some(
      (r) => r.status === 'exists' || r.status === 'unreadable' || r.status === 'no-date' || r.status === 'no-items',
    ) || diagnostics.some((d) => d.severity === 'error');
  return { results, diagnostics, exitCode: problem ? 1 : 0 };
}

/** Imports one document. */
async function importOne(file: string, opts: ImportOptions, facts: RecordFacts): Promise<FileResult> {
  const result: FileResult = {
    file,
    status: 'unreadable',
    writes: [],
    items: 0,
    decisions: 0,
    actions: 0,
    unknown: [],
    unplaced: [],
    notes: [],
    added: [],
  };
  const abs = path.resolve(opts.cwd, file);
  const read = opts.worker ? await extractIsolated(abs, opts.worker) : await extractFile(abs);
  if (!read.ok) {
    result.message = `${file} ${read.message}`;
    return result;
  }
  result.format = read.source.format;
  const sha256 = read.sha256!;
  const before = facts.importedAs(sha256);
  if (before) {
    result.status = 'already-imported';
    result.meeting = before;
    result.message = `${file} was imported before, as the minutes of ${before} (same SHA-256); nothing was written.`;
    return result;
  }

  const base = {
    meetingDate: opts.meeting?.slice(0, 10),
    decisionWords: facts.decisionWords,
    standardTitles: facts.standardTitles,
    knownMeetings: facts.meetings,
  };
  // A first reading finds the date, which says where numbering continues from.
  const probe = recognise(read.source.blocks, {
    ...base,
    roster: new Roster([...facts.roster.people]),
    firstNumber: 1,
    addPeople: false,
  });
  const date = opts.meeting?.slice(0, 10) ?? probe.date;
  if (!date) {
    result.status = 'no-date';
    result.message = `${file}: no meeting date was found in it (such as "HELD ON Thursday, 8th October, 2015"); give it with --meeting YYYY-MM-DD.`;
    return result;
  }
  const first = facts.numbering === 'per-meeting' ? 1 : facts.lastNumberBefore(date) + 1;
  const draftOpts = {
    ...base,
    roster: opts.dryRun ? new Roster([...facts.roster.people]) : facts.roster,
    firstNumber: first,
    addPeople: opts.addPeople,
  };
  const draft: Draft = recognise(read.source.blocks, draftOpts);
  const id = opts.meeting ?? date;
  result.meeting = id;
  Object.assign(result, summary(draft));
  for (const note of read.source.notes) result.notes.unshift({ line: 0, where: 'the file', text: '', message: note });

  if (!draft.items.length) {
    result.status = 'no-items';
    result.message = `${file}: no minutes items were found in it (headings such as "168. FILMING AT MEETINGS", or a number on a line of its own before the title), so nothing was written. Is it a set of minutes?`;
    return result;
  }

  const dir = path.join(opts.root, 'meetings', id);
  const shown = (name: string) => path.join(opts.display, 'meetings', id, name).split(path.sep).join('/');
  for (const name of ['meeting.md', 'minutes.md']) {
    if (await exists(path.join(dir, name))) {
      result.status = 'exists';
      result.message = `${shown(name)} already exists; csp import never overwrites a meeting or its minutes. Move it aside, or import into another date with --meeting.`;
      return result;
    }
  }

  const eol = '\n';
  const writes = [
    { path: shown('meeting.md'), abs: path.join(dir, 'meeting.md'), text: renderMeeting(draft, date, eol) },
    {
      path: shown('minutes.md'),
      abs: path.join(dir, 'minutes.md'),
      text: renderMinutes(draft, { file: path.basename(file), sha256 }, eol),
    },
  ];
  let members: { abs: string; path: string; text: string; original: string } | undefined;
  if (draft.added.length) {
    const abs = path.join(opts.root, 'members.yaml');
    const original = await readFile(abs, 'utf8');
    const appended = appendOthers(original, draft.added);
    if (!appended.ok) {
      result.status = 'unreadable';
      result.message = `${file}: ${appended.message}`;
      return result;
    }
    members = {
      abs,
      path: path.join(opts.display, 'members.yaml').split(path.sep).join('/'),
      text: appended.text,
      original,
    };
  }
  result.writes = [...(members ? [members] : []), ...writes].map((w) => ({ path: w.path, text: w.text }));
  if (opts.dryRun) {
    result.status = 'dry-run';
    return result;
  }

  // The roster and the two new files are written together (all or none); the new files never overwrite.
  const changes: FileChange[] = writes.map((w) => ({
    kind: 'create',
    abs: w.abs,
    shown: w.path,
    bytes: Buffer.from(w.text),
  }));
  if (members) {
    changes.unshift({
      kind: 'replace',
      abs: members.abs,
      shown: members.path,
      bytes: Buffer.from(members.text),
      original: Buffer.from(members.original),
    });
  }
  try {
    const done = commit(nodeFileOps, opts.root, changes);
    if (done.existed.length > 0) {
      result.status = 'exists';
      result.message = `${done.existed.join(', ')} appeared while importing; nothing was overwritten.`;
      return result;
    }
  } catch (e) {
    result.status = 'exists';
    result.message = `could not write the meeting's files (${e instanceof Error ? e.message : String(e)}).`;
    return result;
  }
  facts.recordImport(id, sha256, result.lastMinute);
  result.status = 'imported';
  return result;
}

/** Counts of a draft for the report. */
function summary(d: Draft): Partial<FileResult> {
  const numbers = d.items.map((i) => i.number);
  const out: Partial<FileResult> = {
    items: d.items.length,
    decisions: d.decisions,
    actions: d.actions,
    unknown: d.unknown,
    unplaced: d.unplaced,
    notes: d.notes,
    added: d.added,
  };
  if (numbers.length) {
    out.firstMinute = Math.min(...numbers);
    out.lastMinute = Math.max(...numbers);
  }
  return out;
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}
