/** Shared by new-meeting, agenda and minutes: loading the record, naming a meeting, checking what is about to be written. */
import { exists } from '../workspace/files.js';
import { readRecord } from './read.js';
import path from 'node:path';
import type { Ctx } from './context.js';
import { ProblemError, UsageError } from '../core/errors.js';
import type { LoadedRecord } from '../load/load.js';
import { MEETING_ID } from '../core/ids.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { MeetingDoc, MeetingEntry } from '../model/types.js';
import { splitFrontMatter } from '../parse/frontmatter.js';
import { parseYaml } from '../parse/yaml.js';
import { checkSchema, type SchemaKind } from '../schema/check.js';
import { findMeeting, readProblem } from '../queries/meetings.js';
import { isRealDate } from '../core/dates.js';
import { shown } from '../core/paths.js';

/** "records/x.md:3:5: message" — where a reading problem is. */
export function where(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.message}`;
}

/**
 * Loads the record for a command that writes meetings or minutes. partnership.md must be
 * readable (its notice period, standard items and numbering decide what is written), and,
 * when `roster` is asked for, members.yaml too: exit 2 otherwise.
 */
export function loadForMeetings(ctx: Ctx, options: { minutesBodies?: boolean; roster?: boolean } = {}): LoadedRecord {
  const rec = readRecord(ctx, { minutesBodies: options.minutesBodies ?? false });
  if (!rec.partnership) {
    const p = readProblem(rec, 'partnership.md');
    throw new UsageError(
      `partnership.md cannot be read, so the partnership's rules (notice, standard items, numbering) are unknown${p ? ` (${where(p)})` : ''}. Correct it first; csp validate lists every problem.`,
    );
  }
  if (options.roster && !rec.rosterComplete) {
    const p = readProblem(rec, 'members.yaml');
    throw new UsageError(
      `members.yaml cannot be read, so who holds a seat is unknown${p ? ` (${where(p)})` : ''}. Correct it first; csp validate lists every problem.`,
    );
  }
  return rec;
}

/** Checks that a meeting id the user typed is well formed (exit 2 otherwise); nothing is looked up. */
export function meetingIdArg(value: string, what: string): string {
  const m = MEETING_ID.exec(value);
  if (!m || !isRealDate(m[1]!)) {
    throw new UsageError(
      `${what} "${value}" is not a meeting id. Name a meeting by its date, YYYY-MM-DD, a real day (or YYYY-MM-DD-slug for a second meeting on one day), e.g. 2026-12-10.`,
    );
  }
  return value;
}

/** The meeting a user named; exit 2, with a "did you mean", when the record has no such meeting. */
export function meetingArg(rec: LoadedRecord, value: string, what = 'The meeting'): MeetingEntry {
  meetingIdArg(value, what);
  const look = findMeeting(rec, value);
  if ('problem' in look) throw new UsageError(look.problem);
  return look.entry;
}

/** The meeting's meeting.md, or exit 2 saying why it cannot be used. */
export function meetingDoc(rec: LoadedRecord, entry: MeetingEntry): MeetingDoc {
  if (entry.meeting) return entry.meeting.data;
  const rel = `meetings/${entry.id}/meeting.md`;
  if (!exists(path.join(entry.dir, 'meeting.md'))) {
    throw new UsageError(
      `The meeting ${entry.id} has no meeting.md. Create it with: csp new-meeting --date ${entry.date}${entry.id.length > 10 ? ` --slug ${entry.id.slice(11)}` : ''}`,
    );
  }
  const p = readProblem(rec, rel);
  throw new UsageError(
    `${shown(rec.display, rel)} cannot be read${p ? ` (${where(p)})` : ''}. Correct it first; csp validate lists every problem.`,
  );
}

/**
 * Checks the front matter of a text csp is about to write (it may come from the
 * partnership's own template): it must parse and pass its schema. Exit 2 otherwise,
 * naming the template, with nothing written.
 */
export function checkRendered(text: string, kind: SchemaKind, template: string): void {
  const split = splitFrontMatter(text);
  const problems: string[] = [];
  if (split.problem) problems.push(`line ${split.problem.line}: ${split.problem.message}`);
  else if (!split.present) problems.push('it has no front matter (--- … ---)');
  else {
    const parsed = parseYaml(split.yaml, split.yamlLine);
    for (const p of parsed.problems) if (p.severity === 'error') problems.push(`line ${p.line}: ${p.message}`);
    if (parsed.ok) {
      for (const p of checkSchema(kind, parsed.data))
        problems.push(`line ${parsed.pos(p.path, p.key).line}: ${p.message}`);
    }
  }
  if (problems.length > 0) {
    throw new UsageError(
      `${template} produced a ${kind === 'meeting' ? 'meeting.md' : 'minutes.md'} that csp would not accept, so nothing was written: ${problems.slice(0, 5).join('; ')}. Correct the template.`,
    );
  }
}

/**
 * Reads back the front matter of an edited text and checks it holds exactly `expected`
 * (the old data with the intended changes); exit 1 with nothing written otherwise.
 */
export function checkEdit(newText: string, expected: unknown, display: string): void {
  const split = splitFrontMatter(newText);
  const parsed = split.present && !split.problem ? parseYaml(split.yaml, split.yamlLine) : undefined;
  if (!parsed || !parsed.ok || JSON.stringify(sortKeys(parsed.data)) !== JSON.stringify(sortKeys(expected))) {
    throw new ProblemError(
      `csp could not edit ${display} safely (the result would not read back as intended); nothing was written. Make the change by hand, or report this.`,
    );
  }
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v as object)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

/** Meetings whose minutes.md exists but could not be read, with the first problem in each. */
export function unreadMinutes(rec: LoadedRecord): { id: string; problem: Diagnostic }[] {
  const out: { id: string; problem: Diagnostic }[] = [];
  for (const entry of rec.meetings) {
    if (entry.minutes) continue;
    const problem = readProblem(rec, `meetings/${entry.id}/minutes.md`);
    if (problem) out.push({ id: entry.id, problem });
  }
  return out;
}

/** Warns on stderr about minutes left out because they could not be read. */
export function warnUnread(ctx: Ctx, rec: LoadedRecord): void {
  for (const { id, problem } of unreadMinutes(rec)) {
    ctx.err(
      `csp: warning: the minutes of ${id} cannot be read and are left out (${where(problem)}). Run csp validate.\n`,
    );
  }
}
