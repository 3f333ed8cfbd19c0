/**
 * Importing minutes documents (csp import): read each document, recognise its meeting,
 * refuse to overwrite, write meeting.md and minutes.md as new files (and, with
 * --add-people, the roster's new `others`) through the one write path, then check what
 * was written as csp validate would. Typed options in, a result out; it prints nothing.
 */
import path from 'node:path';
import type { Diagnostic } from '../core/diagnostic.js';
import { isRealDate } from '../core/dates.js';
import { UsageError } from '../core/errors.js';
import { MEETING_ID } from '../core/ids.js';
import { aliasOf } from '../core/names.js';
import type { Alias } from '../model/types.js';
import { shown } from '../core/paths.js';
import { extractFile, extractIsolated } from '../import/extract.js';
import { type RosterGroup, type RosterPerson } from '../import/people.js';
import { recognise, type Draft } from '../import/recognise.js';
import type { FileResult, ImportResult } from '../import/result.js';
import { recordFacts, type RecordFacts } from '../import/record.js';
import { renderMeeting, renderMinutes } from '../import/render.js';
import { appendOthers } from '../import/roster-append.js';
import { loadForMeetings } from '../load/checked.js';
import { loadRecord, type LoadedRecord } from '../load/load.js';
import { runRules } from '../rules/index.js';
import { exists } from '../workspace/files.js';
import { readText } from '../workspace/read.js';
import { underLock, writePlanned, type OpContext, type Planned } from './seam.js';

/** What to import, and how (already checked by the command). */
export interface ImportOptions {
  /** The documents: as typed (for messages) and as absolute paths. */
  files: { typed: string; abs: string }[];
  /** The meeting date (or id) to use instead of the document's. */
  meeting?: string | undefined;
  dryRun: boolean;
  addPeople: boolean;
  /** The built worker that reads a document in isolation; in this thread when absent. */
  worker?: URL | undefined;
  /** Called as each document is finished. */
  onProgress?: ((done: number, total: number, file: string) => void) | undefined;
}

export type { ImportResult };

/** Checks --meeting: a real day, optionally with a slug (exit 2 otherwise). */
export function checkMeetingOption(meeting: string | undefined, files: number): void {
  if (meeting === undefined) return;
  const m = MEETING_ID.exec(meeting);
  if (!m || !isRealDate(m[1])) {
    throw new UsageError(
      `--meeting ${meeting} is not a meeting date: write it YYYY-MM-DD (a real day), or YYYY-MM-DD-name for a second meeting that day.`,
    );
  }
  if (files > 1)
    throw new UsageError('--meeting gives the date of one meeting, so import one document with it at a time.');
}

/** The facts of a loaded record that an import works from. */
export function factsOf(rec: LoadedRecord): RecordFacts {
  const aliases = (list: (string | Alias)[] | undefined) => (list ?? []).map(aliasOf);
  const people: RosterPerson[] = [
    ...rec.members.map((m) => {
      const p: RosterPerson = {
        id: m.id,
        name: m.name,
        kind: 'member',
        organisation: m.organisation,
        joined: m.joined,
      };
      if (m.left !== undefined) p.left = m.left;
      if (m.aliases) p.aliases = aliases(m.aliases);
      return p;
    }),
    ...rec.others.map((o) => {
      const p: RosterPerson = { id: o.id, name: o.name, kind: 'other' };
      if (o.organisation !== undefined) p.organisation = o.organisation;
      if (o.aliases) p.aliases = aliases(o.aliases);
      return p;
    }),
  ];
  const groups: RosterGroup[] = [...rec.groups.values()].map((g) =>
    g.aliases ? { id: g.id, name: g.name, aliases: aliases(g.aliases) } : { id: g.id, name: g.name },
  );
  const s = rec.settings;
  return recordFacts({
    people,
    groups,
    numbering: s,
    standardTitles: [...s.standard_items.opening, ...s.standard_items.closing],
    decisionWords: s.decision_words,
    actions: rec.actions.map((a) => ({ id: a.id, title: a.action.data.title, meeting: a.action.data.raised?.meeting })),
    meetings: rec.meetings.map((m) => ({
      id: m.id,
      lastMinute: m.items?.length ? Math.max(...m.items.map((i) => i.number)) : undefined,
      importedSha256: m.minutes?.data.imported_from?.sha256,
    })),
  });
}

/** Runs the import under the record lock. */
export function importMinutes(op: OpContext, opts: ImportOptions): Promise<ImportResult> {
  if (!opts.files.length) throw new UsageError('Name at least one minutes document to import (csp import FILE…).');
  checkMeetingOption(opts.meeting, opts.files.length);
  return underLock(op, async () => {
    const rec = loadForMeetings(op.root, op.display, {
      minutesBodies: true,
      roster: true,
      env: op.env,
      trace: op.note,
    });
    const facts = factsOf(rec);
    const results: FileResult[] = [];
    const written: string[] = [];
    let n = 0;
    for (const file of opts.files) {
      const r = await importOne(op, file, opts, facts);
      results.push(r);
      if (r.status === 'imported') written.push(...r.writes.map((w) => w.path));
      opts.onProgress?.(++n, opts.files.length, file.typed);
    }

    let diagnostics: Diagnostic[] = [];
    if (written.length) {
      const after = loadRecord(op.root, op.display, { minutesBodies: true, links: true, env: op.env, trace: op.note });
      const mine = new Set(written);
      diagnostics = runRules({ rec: after, today: op.today }).filter((d) => mine.has(d.file));
    }
    const problem =
      results.some((r) => ['exists', 'unreadable', 'no-date', 'no-items'].includes(r.status)) ||
      diagnostics.some((d) => d.severity === 'error');
    return { results, diagnostics, exitCode: problem ? 1 : 0 };
  });
}

/** Imports one document. */
async function importOne(
  op: OpContext,
  file: { typed: string; abs: string },
  opts: ImportOptions,
  facts: RecordFacts,
): Promise<FileResult> {
  const name = file.typed;
  const result: FileResult = {
    file: name,
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
  const read = opts.worker ? await extractIsolated(file.abs, opts.worker) : await extractFile(file.abs);
  if (!read.ok) {
    result.message = `${name} ${read.message}`;
    return result;
  }
  result.format = read.source.format;
  const sha256 = read.sha256!;
  const before = facts.importedAs(sha256);
  if (before) {
    result.status = 'already-imported';
    result.meeting = before;
    result.message = `${name} was imported before, as the minutes of ${before} (same SHA-256); nothing was written.`;
    return result;
  }

  const base = {
    meetingDate: opts.meeting?.slice(0, 10),
    decisionWords: facts.decisionWords,
    standardTitles: facts.standardTitles,
    knownMeetings: facts.meetings,
  };
  // A first reading finds the date, which says where the numbering continues from.
  const probe = recognise(read.source.blocks, {
    ...base,
    roster: facts.roster.copy(),
    firstNumber: 1,
    addPeople: false,
  });
  const date = opts.meeting?.slice(0, 10) ?? probe.date;
  if (!date) {
    result.status = 'no-date';
    result.message = `${name}: no meeting date was found in it (such as "HELD ON Thursday, 8th October, 2015"); give it with --meeting YYYY-MM-DD.`;
    return result;
  }
  const first = facts.firstNumberOn(date);
  // A dry run (or a document that fails) must not leave its new people on the shared roster.
  const roster = facts.roster.copy();
  const label = facts.labelOn(date);
  const draft: Draft = recognise(read.source.blocks, {
    ...base,
    roster,
    firstNumber: first,
    ...(label !== undefined ? { minuteLabel: label } : {}),
    actions: facts.actions.filter((a) => a.meeting === undefined || a.meeting.slice(0, 10) < date),
    addPeople: opts.addPeople,
  });
  const id = opts.meeting ?? date;
  result.meeting = id;
  Object.assign(result, summary(draft));
  for (const note of read.source.notes) result.notes.unshift({ line: 0, where: 'the file', text: '', message: note });
  if (!draft.items.length) {
    result.status = 'no-items';
    result.message = `${name}: no minutes items were found in it (headings such as "168. FILMING AT MEETINGS", or a number on a line of its own before the title), so nothing was written. Is it a set of minutes?`;
    return result;
  }

  const dir = path.join(op.root, 'meetings', id);
  const shownAs = (f: string) => shown(op.display, `meetings/${id}/${f}`);
  for (const f of ['meeting.md', 'minutes.md']) {
    if (exists(path.join(dir, f))) {
      result.status = 'exists';
      result.message = `${shownAs(f)} already exists; csp import never overwrites a meeting or its minutes. Move it aside, or import into another date with --meeting.`;
      return result;
    }
  }

  const planned: Planned[] = [];
  if (draft.added.length) {
    const members = readText(op.root, op.display, path.join(op.root, 'members.yaml'));
    if (!members.ok)
      throw new UsageError(`members.yaml cannot be read (${members.diagnostic.message}); nothing was written.`);
    const appended = appendOthers(members.file.text, draft.added);
    if (!appended.ok) {
      result.status = 'unreadable';
      result.message = `${name}: ${appended.message}`;
      return result;
    }
    planned.push({
      kind: 'edit',
      file: members.file,
      text: appended.text,
      expected: appended.data,
      wholeYaml: true,
      refusal:
        'csp could not add the new people to members.yaml without disturbing the rest of it, so nothing was written. Add them by hand, or import without --add-people.',
    });
  }
  const eol = '\n';
  planned.push(
    {
      kind: 'create',
      abs: path.join(dir, 'meeting.md'),
      shown: shownAs('meeting.md'),
      text: renderMeeting(draft, date, eol),
      check: { kind: 'meeting', frontMatter: true },
    },
    {
      kind: 'create',
      abs: path.join(dir, 'minutes.md'),
      shown: shownAs('minutes.md'),
      text: renderMinutes(draft, { file: path.basename(name), sha256 }, eol),
      check: { kind: 'minutes', frontMatter: true },
    },
  );
  result.writes = planned.map((p) =>
    p.kind === 'create' ? { path: p.shown, text: p.text } : { path: p.file.display, text: p.text },
  );
  if (opts.dryRun) {
    result.status = 'dry-run';
    return result;
  }
  const commit = writePlanned(op, planned);
  if (commit.existed.length) {
    result.status = 'exists';
    result.message = `${commit.existed.join(', ')} appeared while importing; nothing of it was overwritten.`;
    return result;
  }
  for (const p of draft.added) facts.roster.add(p);
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
