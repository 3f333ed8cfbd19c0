/**
 * Moving a meeting to another day (csp meeting move): the folder renamed and every
 * reference to the meeting in the record (its own date, items deferred from it, minutes
 * deferring to it or approved at it, actions raised at it, links in any body) changed,
 * in one step that either happens whole or leaves the record as it was. Approved
 * minutes are a legal record and keep their words; they are listed, not changed.
 */
import path from 'node:path';
import { ProblemError, UsageError } from '../core/errors.js';
import { shown } from '../core/paths.js';
import { noticeDeadline, type HolidayRegion } from '../core/working-days.js';
import { loadForMeetings, meetingDoc } from '../load/checked.js';
import type { Loaded, SourceFile } from '../model/types.js';
import { splitFrontMatter } from '../parse/frontmatter.js';
import { yamlParser } from '../parse/lazy.js';
import { requireMeeting } from '../queries/meetings.js';
import { commitFolderMove, type FileChange } from '../workspace/transaction.js';
import { applyEdits, replaceValue, type Edit } from './edit.js';
import { underLock, verify, type OpContext, type Planned } from './seam.js';

/** What moving a meeting did. */
export interface MoveResult {
  meeting: string;
  to: string;
  moved: { from: string; to: string };
  created: string[];
  /** Every file changed, as shown after the move. */
  changed: string[];
  /** Approved minutes that name the old day: a legal record, so left as they are. */
  kept: string[];
  /** The notice deadline for the new day. */
  deadline: string;
  /** The day the agenda went out for the old date, if it had. */
  published?: string | undefined;
}

/** Links in a body that lead to the meeting's folder: `meetings/ID/…` or `../ID/…`. */
function linkPattern(id: string): RegExp {
  return new RegExp(`(meetings/|\\.\\./)${id.replace(/-/g, '\\-')}(?=[/)#?\\s>"']|$)`, 'g');
}

/** The edits of the body's links to the old folder. */
function bodyEdits(file: SourceFile, bodyStart: number, from: string, to: string): Edit[] {
  const edits: Edit[] = [];
  const re = linkPattern(from);
  const text = file.text;
  for (let m = re.exec(text.slice(bodyStart)); m !== null; m = re.exec(text.slice(bodyStart))) {
    const start = bodyStart + m.index + m[1]!.length;
    edits.push({ start, end: start + from.length, text: to });
  }
  return edits;
}

/** Moves the meeting `id` to the day (or meeting id) `to`. */
export function moveMeeting(op: OpContext, id: string, to: string): Promise<MoveResult> {
  return underLock(op, () => {
    const rec = loadForMeetings(op.root, op.display, { env: op.env, trace: op.note });
    const entry = requireMeeting(rec, id);
    const doc = meetingDoc(rec, entry);
    const newDate = to.slice(0, 10);
    if (to === id) throw new UsageError(`The meeting ${id} is already on that day; nothing was changed.`);
    if (entry.minutes || doc.status === 'held')
      throw new UsageError(
        `The meeting ${id} has been held${entry.minutes ? ' and has minutes' : ''}: a meeting that has taken place keeps its day. If the date was written wrongly, correct the folder and meeting.md by hand.`,
      );
    if (doc.status === 'cancelled')
      throw new UsageError(
        `The meeting ${id} is cancelled: it stays on its day as cancelled. Schedule the new meeting with csp new-meeting --date ${newDate}.`,
      );
    if (newDate < op.today)
      throw new UsageError(
        `--to ${to} is before today (${op.today}): a meeting is moved to a day still to come. (Use --as-of to say which day today is.)`,
      );
    const broken = rec.diagnostics.find(
      (d) =>
        d.severity === 'error' &&
        ['yaml-syntax', 'schema', 'layout', 'date'].includes(d.rule) &&
        /\.(md|yaml)$/.test(d.file),
    );
    if (broken)
      throw new UsageError(
        `${broken.file} cannot be read (${broken.file}:${broken.line}:${broken.column}: ${broken.message}), so csp cannot tell whether it refers to the meeting. Correct it first (csp validate lists every problem); nothing was changed.`,
      );
    const fromDir = entry.dir;
    const toDir = path.join(path.dirname(fromDir), to);
    const toShown = shown(rec.display, `meetings/${to}`);
    if (rec.meetingsById.has(to))
      throw new ProblemError(`There is already a meeting ${to} (${toShown}/); nothing was changed.`);

    const outside: Extract<FileChange, { kind: 'replace' }>[] = [];
    const inside: Extract<FileChange, { kind: 'replace' }>[] = [];
    const kept: string[] = [];
    const changedShown: string[] = [];
    const afterMove = (f: SourceFile) =>
      f.abs.startsWith(fromDir + path.sep)
        ? shown(rec.display, `meetings/${to}/${path.relative(fromDir, f.abs)}`)
        : f.display;

    /** Plans the edit of one file: front-matter values and body links. */
    const plan = (loaded: Loaded<unknown>, values: { path: (string | number)[]; value: string }[]) => {
      const edits = [
        ...values.map((v) => replaceValue(loaded, v.path, v.value)),
        ...bodyEdits(loaded.file, loaded.bodyStart, id, to),
      ];
      if (edits.length === 0) return;
      // What the front matter says as written (loaded data may have defaults filled in), with the new values.
      const split = splitFrontMatter(loaded.file.text);
      const parsed = yamlParser().parseYaml(split.yaml, split.yamlLine);
      const expected = (parsed.ok ? parsed.data : structuredClone(loaded.data)) as Record<string | number, unknown>;
      for (const v of values) {
        let node = expected;
        for (const k of v.path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
        node[v.path.at(-1)!] = v.value;
      }
      const text = applyEdits(loaded.file.text, edits);
      const p: Planned = {
        kind: 'edit',
        file: loaded.file,
        text: text ?? '',
        expected,
        refusal: `csp could not change ${loaded.file.display} without disturbing the rest of it, so the meeting was not moved. Make the change by hand.`,
      };
      verify(p);
      const bytes = Buffer.from(loaded.file.bom ? `\uFEFF${p.text}` : p.text, 'utf8');
      const original = Buffer.from(loaded.file.bom ? `\uFEFF${loaded.file.text}` : loaded.file.text, 'utf8');
      const change = { kind: 'replace' as const, abs: loaded.file.abs, shown: loaded.file.display, bytes, original };
      (loaded.file.abs.startsWith(fromDir + path.sep) ? inside : outside).push(change);
      changedShown.push(afterMove(loaded.file));
    };

    if (rec.partnership) plan(rec.partnership, []);
    for (const m of rec.meetings) {
      if (m.meeting) {
        const d = m.meeting.data;
        const values: { path: (string | number)[]; value: string }[] = [];
        if (m.id === id) values.push({ path: ['date'], value: newDate });
        (d.items ?? []).forEach((it, i) => {
          if (it.deferred_from === id) values.push({ path: ['items', i, 'deferred_from'], value: to });
        });
        plan(m.meeting, values);
      }
      if (m.minutes) {
        const d = m.minutes.data;
        const values: { path: (string | number)[]; value: string }[] = [];
        if (d.approved && 'meeting' in d.approved && d.approved.meeting === id)
          values.push({ path: ['approved', 'meeting'], value: to });
        (d.deferred ?? []).forEach((x, i) => {
          if (x.to === id) values.push({ path: ['deferred', i, 'to'], value: to });
        });
        (d.corrections ?? []).forEach((c, i) => {
          if (c.meeting === id) values.push({ path: ['corrections', i, 'meeting'], value: to });
        });
        const refers = values.length > 0 || bodyEdits(m.minutes.file, m.minutes.bodyStart, id, to).length > 0;
        if (d.status === 'approved') {
          if (refers) kept.push(m.minutes.file.display);
        } else plan(m.minutes, values);
      }
    }
    for (const a of rec.actions) {
      const values = a.action.data.raised?.meeting === id ? [{ path: ['raised', 'meeting'], value: to }] : [];
      plan(a.action, values);
    }

    commitFolderMove(op.system.files, rec.root, { from: fromDir, to: toDir, shown: toShown }, outside, inside);
    const s = rec.settings.meetings;
    return {
      meeting: id,
      to,
      moved: { from: shown(rec.display, `meetings/${id}`), to: toShown },
      created: [],
      changed: changedShown,
      kept,
      deadline: noticeDeadline(newDate, s.notice_working_days, s.holidays as HolidayRegion),
      published: doc.published,
    };
  });
}
