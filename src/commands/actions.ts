/**
 * csp actions: the action list and the overdue report (SPEC 1.5, 2), and
 * csp actions sync: turning `[action: …]` markers in draft minutes into action files.
 */
import { exists } from '../workspace/files.js';
import { readRecord } from './read.js';
import path from 'node:path';
import type { Ctx } from './context.js';
import { ProblemError, UsageError } from '../core/errors.js';
import type { Env } from '../core/env.js';
import { loadRecord, type LoadedRecord } from '../load/load.js';
import type { System } from '../workspace/system.js';
import { MEETING_ID } from '../core/ids.js';
import type { ActionMarker, ActionStatus, MinuteItem } from '../model/types.js';
import { markdownParser } from '../parse/lazy.js';
import { actionIdFor } from '../core/ids.js';
import {
  actionRows,
  actionsJson,
  actionTitle,
  filterActions,
  groupByOwner,
  markerWithId,
  nextActionNumber,
  sortByDue,
  sortByOverdue,
  type ActionFilter,
} from '../queries/actions.js';
import { resolvePerson } from '../queries/people.js';
import { formatLongDate, isRealDate } from '../core/dates.js';
import {
  actionFileText,
  actionsCsv,
  actionsMd,
  actionsText,
  overdueText,
  type OwnerLookup,
} from '../render/actions.js';
import { nearest } from '../core/nearest.js';
import { applyEdits, type Edit } from '../ops/edit.js';
import { createExclusive, replaceFile, withRecordLock } from '../workspace/write.js';
import { shown } from '../core/paths.js';

/** Looks owners up on the loaded roster. */
export function ownerLookup(rec: Pick<LoadedRecord, 'people'>): OwnerLookup {
  return (id) => {
    const p = rec.people.get(id);
    if (!p) return undefined;
    return p.organisation ? { name: p.name, organisation: p.organisation } : { name: p.name };
  };
}

/** Resolves a person the user typed (id or roster name) to an id; exit 2 when unknown or ambiguous. */
export function personOption(rec: Pick<LoadedRecord, 'people'>, value: string, option: string): string {
  const r = resolvePerson(rec, value);
  if ('person' in r) return r.person.id;
  if ('ambiguous' in r) {
    throw new UsageError(
      `${option} "${value}" matches ${r.ambiguous.length} people (${r.ambiguous.map((p) => p.id).join(', ')}). Give the person's id instead.`,
    );
  }
  const guess =
    nearest(value, [...rec.people.keys()]) ??
    nearest(
      value,
      [...rec.people.values()].map((p) => p.name),
    );
  throw new UsageError(
    `${option} "${value}": no one on the roster (members.yaml) has that id or name.${guess ? ` Did you mean "${guess}"?` : ''}`,
  );
}

/** How many action files exist but could not be read (bad name, front matter or schema). */
function unreadCount(rec: LoadedRecord): number {
  return rec.unreadActions.size - rec.actions.length;
}

/** csp actions [--overdue] [--owner P] [--status S] [--priority P] [--meeting M] [--format F] */
export async function runList(ctx: Ctx, opts: Record<string, unknown>): Promise<number> {
  const format = String(opts.format ?? 'text');
  const meeting = typeof opts.meeting === 'string' ? opts.meeting : undefined;
  if (meeting !== undefined && (!MEETING_ID.exec(meeting) || !isRealDate(meeting.slice(0, 10)))) {
    throw new UsageError(
      `--meeting "${meeting}" is not a meeting id. Write the meeting's date, YYYY-MM-DD (or YYYY-MM-DD-slug for a second meeting that day).`,
    );
  }
  const found = ctx.record();
  // Listing needs neither meetings nor minutes: only the action files and the roster.
  const rec = readRecord(ctx, { meetings: false });

  const filter: ActionFilter = {};
  if (opts.overdue === true) filter.overdue = true;
  if (typeof opts.status === 'string') filter.status = opts.status as ActionStatus;
  if (typeof opts.owner === 'string') filter.owner = personOption(rec, opts.owner, '--owner');
  if (typeof opts.priority === 'string') {
    const known = new Set([
      ...rec.settings.priorities.map((p) => p.id),
      ...rec.actions.flatMap((a) => (a.action.data.priority ? [a.action.data.priority] : [])),
    ]);
    if (!known.has(opts.priority)) {
      const guess = nearest(opts.priority, [...known]);
      throw new UsageError(
        `--priority "${opts.priority}" is not one of the partnership's priorities.${guess ? ` Did you mean "${guess}"?` : ` They are: ${[...known].join(', ') || 'none (partnership.md lists no priorities)'}.`}`,
      );
    }
    filter.priority = opts.priority;
  }
  if (meeting !== undefined) {
    const folder = exists(path.join(found.root, 'meetings', meeting));
    if (!folder && !rec.actions.some((a) => a.action.data.raised?.meeting === meeting)) {
      throw new UsageError(
        `There is no meeting "${meeting}" in the record (no folder meetings/${meeting}/). Check the date.`,
      );
    }
    filter.meeting = meeting;
  }

  const rows = filterActions(actionRows(rec.actions, ctx.today), filter);
  const sorted = filter.overdue ? sortByOverdue(rows) : sortByDue(rows);
  const lookup = ownerLookup(rec);

  if (format === 'json') ctx.out(JSON.stringify(actionsJson(sorted), null, 2) + '\n');
  else if (format === 'csv') ctx.out(actionsCsv(sorted, lookup));
  else if (sorted.length === 0)
    ctx.out(
      filter.overdue
        ? 'No overdue actions.\n'
        : Object.keys(filter).length
          ? 'No actions match.\n'
          : 'No actions yet.\n',
    );
  else if (format === 'md') ctx.out(actionsMd(sorted, lookup));
  else if (filter.overdue) {
    const groups = groupByOwner(sorted, (id) => lookup(id)?.name ?? id, filter.owner);
    ctx.out(overdueText(groups, lookup, ctx.color, formatLongDate(ctx.today), ctx.io.columns));
  } else ctx.out(actionsText(sorted, lookup, ctx.color, ctx.io.columns));

  const unread = unreadCount(rec);
  if (unread > 0) {
    ctx.err(
      `csp: warning: ${unread} action file${unread === 1 ? '' : 's'} could not be read and ${unread === 1 ? 'is' : 'are'} not listed. Run "csp validate" to see why.\n`,
    );
  }
  return 0;
}

// --- csp actions sync ---

/** What `syncActions` may be asked. */
export interface SyncOptions {
  /** Absolute path of the record folder, and how it is shown ("records"). */
  root: string;
  display: string;
  /** Only these meetings' minutes (default: every draft). */
  meetings?: string[];
  /** Take the record lock (default true). Pass false only when the caller already holds it. */
  lock?: boolean;
  /** The environment (the parse cache's settings). */
  env: Env;
  /** The process (for the record lock). */
  system: System;
}

/** What a sync did. Display paths throughout. */
export interface SyncResult {
  created: { id: string; owners: string[]; title: string; file: string }[];
  /** Minutes files whose markers were given ids. */
  minutesUpdated: string[];
  /** Markers left alone, with why (their minutes are otherwise synced). */
  refused: { file: string; line: number; column: number; message: string }[];
  /** Approved minutes holding markers without an action file: never edited. */
  approvedSkipped: { meeting: string; file: string; markers: number }[];
  /** Minutes files that could not be read (front matter broken), so were not synced. */
  unreadMinutes: string[];
}

interface Plan {
  marker: ActionMarker;
  item: MinuteItem;
  id: string;
  owners: string[];
  /** The marker has no id yet (else only its file is missing). */
  writeId: boolean;
}

/**
 * Gives every action marker in draft minutes that lacks one an id
 * (`<meeting>-<minute>-<n>`), writes the id into the marker and creates the action
 * file; a marker whose id has no file gets its file. Markers whose owners do not
 * resolve (or that carry a malformed due date) are refused and reported. Approved
 * minutes are never touched. Holds the record lock and re-reads the record inside it,
 * so two syncs at once never create two files for one marker.
 */
export async function syncActions(options: SyncOptions): Promise<SyncResult> {
  const work = () => syncUnlocked(options);
  return options.lock === false ? work() : withRecordLock(options.root, options.system, work);
}

function syncUnlocked({ root, display, meetings: only, env }: SyncOptions): SyncResult {
  const rec = loadRecord(root, display, { minutesBodies: true, env });
  const result: SyncResult = { created: [], minutesUpdated: [], refused: [], approvedSkipped: [], unreadMinutes: [] };

  // Every id in use: action files (readable or not) and markers anywhere in the record.
  const used = new Set<string>(rec.unreadActions);
  for (const e of rec.meetings)
    for (const item of e.items ?? []) for (const m of item.actions) if (m.id !== undefined) used.add(m.id);
  const badMarkers = new Map<string, string>();
  for (const d of rec.diagnostics) {
    if (d.rule === 'action-marker' || d.rule === 'date') badMarkers.set(`${d.file}:${d.line}:${d.column}`, d.message);
  }

  for (const entry of rec.meetings) {
    if (only && !only.includes(entry.id)) continue;
    const mn = entry.minutes;
    if (!mn || !entry.items) {
      if (exists(path.join(entry.dir, 'minutes.md')))
        result.unreadMinutes.push(shown(display, `meetings/${entry.id}/minutes.md`));
      continue;
    }
    const pending = entry.items.flatMap((item) =>
      item.actions
        .filter((m) => m.id === undefined || !rec.unreadActions.has(m.id))
        .map((marker) => ({ item, marker })),
    );
    if (pending.length === 0) continue;
    if (mn.data.status === 'approved') {
      result.approvedSkipped.push({ meeting: entry.id, file: mn.file.display, markers: pending.length });
      continue;
    }

    const plans: Plan[] = [];
    for (const { item, marker } of pending) {
      const where = { file: mn.file.display, line: marker.line, column: marker.column };
      const refuse = (message: string) => result.refused.push({ ...where, message });
      const problem = badMarkers.get(`${where.file}:${where.line}:${where.column}`);
      if (problem !== undefined) {
        refuse(problem);
        continue;
      }
      if (marker.due !== undefined && !isRealDate(marker.due)) {
        refuse(`The due date ${marker.due} is not a real day. Correct it (YYYY-MM-DD).`);
        continue;
      }
      const owners: string[] = [];
      const wrong: string[] = [];
      for (const o of marker.owners) {
        const r = resolvePerson(rec, o);
        if ('person' in r) {
          if (!owners.includes(r.person.id)) owners.push(r.person.id);
        } else if ('ambiguous' in r)
          wrong.push(
            `"${o}" matches ${r.ambiguous.length} people (${r.ambiguous.map((p) => p.id).join(', ')}); write the person's id`,
          );
        else {
          const guess = nearest(o, [...rec.people.keys()]);
          wrong.push(`"${o}" is not on the roster${guess ? ` (did you mean "${guess}"?)` : ''}`);
        }
      }
      if (wrong.length > 0) {
        refuse(
          `The action owner ${wrong.join('; ')}. Correct the marker (or add the person to members.yaml), then run "csp actions sync" again.`,
        );
        continue;
      }
      let id = marker.id;
      if (id === undefined) {
        let n = nextActionNumber(entry.id, item.number, used);
        while (exists(path.join(root, 'actions', `${actionIdFor(entry.id, item.number, n)}.md`))) n++;
        id = actionIdFor(entry.id, item.number, n);
        used.add(id);
      }
      plans.push({ marker, item, id, owners, writeId: marker.id === undefined });
    }
    if (plans.length === 0) continue;

    const edits: Edit[] = [];
    for (const p of plans.filter((x) => x.writeId)) {
      const text = markerWithId(mn.file.text.slice(p.marker.start, p.marker.end), p.id);
      if (text === undefined)
        throw new ProblemError(
          `csp could not find the action marker at ${mn.file.display}:${p.marker.line}:${p.marker.column}; nothing was written. Run "csp validate".`,
        );
      edits.push({ start: p.marker.start, end: p.marker.end, text });
    }
    if (edits.length > 0) {
      const next = applyEdits(mn.file.text, edits);
      // Read back what would be written: the same markers, now each with its id.
      const check = markdownParser()
        .parseBody(next, mn.bodyStart, mn.bodyLine, true)
        .items.flatMap((i) => i.actions);
      const before = entry.items.flatMap((i) => i.actions);
      const expected = before.map((m) => plans.find((p) => p.marker === m)?.id ?? m.id);
      if (check.length !== before.length || check.some((m, i) => m.id !== expected[i])) {
        result.refused.push({
          file: mn.file.display,
          line: mn.bodyLine,
          column: 1,
          message:
            'csp could not write the action ids into these minutes safely; nothing in them was changed. Check the markers with "csp validate".',
        });
        continue;
      }
      try {
        replaceFile(mn.file, next);
      } catch (e) {
        if (e instanceof ProblemError) {
          result.refused.push({ file: mn.file.display, line: 1, column: 1, message: e.message });
          continue;
        }
        throw e;
      }
      result.minutesUpdated.push(mn.file.display);
    }

    for (const p of plans) {
      const title = actionTitle(p.marker.text) || `Action from minute ${p.item.number} (${p.item.title})`;
      const text = actionFileText(
        {
          title,
          owners: p.owners,
          raised: { meeting: entry.id, minute: p.item.number },
          ...(p.marker.due !== undefined ? { due: p.marker.due } : {}),
          body: p.marker.text,
        },
        mn.file.eol,
      );
      const rel = `actions/${p.id}.md`;
      if (!createExclusive(path.join(root, 'actions', `${p.id}.md`), text)) {
        result.refused.push({
          file: mn.file.display,
          line: p.marker.line,
          column: p.marker.column,
          message: `${shown(display, rel)} appeared while csp was working, so it was left as it is. Check that it is this marker's action.`,
        });
        continue;
      }
      result.created.push({ id: p.id, owners: p.owners, title, file: shown(display, rel) });
    }
  }
  return result;
}

/** csp actions sync */
export async function runSync(ctx: Ctx): Promise<number> {
  const found = ctx.record();
  const r = await syncActions({ root: found.root, display: found.display, env: ctx.io.env, system: ctx.io.system });
  for (const c of r.created) ctx.out(`created ${c.id}  ${c.owners.join(', ')}  ${c.title}\n`);
  for (const f of r.minutesUpdated) ctx.out(`updated ${f}\n`);
  for (const s of r.approvedSkipped) {
    ctx.err(
      `csp: note: the approved minutes ${s.file} have ${s.markers} action marker${s.markers === 1 ? '' : 's'} without an action file; approved minutes never change, so they were left as they are (see "csp validate").\n`,
    );
  }
  for (const x of r.refused) ctx.err(`csp: ${x.file}:${x.line}:${x.column}: not synced: ${x.message}\n`);
  for (const f of r.unreadMinutes)
    ctx.err(
      `csp: ${f} could not be read, so its action markers were not synced. Run "csp validate" to see why, correct it, then run "csp actions sync" again.\n`,
    );
  const problems = r.refused.length + r.unreadMinutes.length;
  if (r.created.length === 0 && r.minutesUpdated.length === 0 && problems === 0) {
    ctx.out('Nothing to sync: every action marker in draft minutes has its id and action file.\n');
  }
  return problems > 0 ? 1 : 0;
}
