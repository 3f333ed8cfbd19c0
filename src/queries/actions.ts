/**
 * Pure answers about actions: which are overdue and by how many days, filtering,
 * ordering, grouping by owner, the JSON shape of `csp actions --format json`, and the small
 * helpers `csp actions sync` uses to name and title a new action.
 */
import path from 'node:path';
import type { ActionDoc, ActionEntry, ActionStatus } from '../model/types.js';
import { daysBetween } from '../core/dates.js';

/** One action as the listing sees it. */
export interface ActionRow {
  id: string;
  title: string;
  /** Owner ids, in the order the file gives them. */
  owners: string[];
  due?: string;
  status: ActionStatus;
  priority?: string;
  raised?: { meeting: string; minute: number };
  /** The display path, e.g. "records/actions/x.md". */
  file: string;
  /** Calendar days past due on "today"; only for overdue actions. */
  daysOverdue?: number;
}

/** The JSON of one action (`csp actions --format json`). `due` is null when the action has none. */
export interface ActionJson {
  id: string;
  title: string;
  owner: string[];
  due: string | null;
  status: ActionStatus;
  days_overdue?: number;
  raised?: { meeting: string; minute: number };
  file: string;
}

/** Whether an action counts as still to be done. */
export function isActive(status: ActionStatus): boolean {
  return status === 'open' || status === 'in-progress';
}

/** Days overdue on `today`, or undefined when the action is not overdue. */
export function daysOverdue(action: Pick<ActionDoc, 'status' | 'due'>, today: string): number | undefined {
  if (!isActive(action.status) || action.due === undefined || !(action.due < today)) return undefined;
  return daysBetween(action.due, today);
}

/** The owners of an action as a list of ids. */
export function ownersOf(action: Pick<ActionDoc, 'owner'>): string[] {
  return Array.isArray(action.owner) ? [...action.owner] : [action.owner];
}

/** Rows for the loaded actions, with days_overdue worked out for `today`. */
export function actionRows(actions: readonly ActionEntry[], today: string): ActionRow[] {
  return actions.map(({ id, action }) => {
    const d = action.data;
    const row: ActionRow = { id, title: d.title, owners: ownersOf(d), status: d.status, file: action.file.display };
    if (d.due !== undefined) row.due = d.due;
    if (d.priority !== undefined) row.priority = d.priority;
    if (d.raised !== undefined) row.raised = { meeting: d.raised.meeting, minute: d.raised.minute };
    const late = daysOverdue(d, today);
    if (late !== undefined) row.daysOverdue = late;
    return row;
  });
}

/** What to keep; every given filter must match. `owner` is a person id. */
export interface ActionFilter {
  overdue?: boolean;
  owner?: string;
  status?: ActionStatus;
  priority?: string;
  meeting?: string;
}

/** The rows that pass every filter. */
export function filterActions(rows: readonly ActionRow[], f: ActionFilter): ActionRow[] {
  return rows.filter(
    (r) =>
      (!f.overdue || r.daysOverdue !== undefined) &&
      (f.owner === undefined || r.owners.includes(f.owner)) &&
      (f.status === undefined || r.status === f.status) &&
      (f.priority === undefined || r.priority === f.priority) &&
      (f.meeting === undefined || r.raised?.meeting === f.meeting),
  );
}

const byId = (a: ActionRow, b: ActionRow) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function compareDue(a: ActionRow, b: ActionRow): number {
  if (a.due !== b.due) {
    if (a.due === undefined) return 1;
    if (b.due === undefined) return -1;
    return a.due < b.due ? -1 : 1;
  }
  return byId(a, b);
}

/** Soonest due first; actions with no due date last; then by id. */
export function sortByDue(rows: readonly ActionRow[]): ActionRow[] {
  return [...rows].sort(compareDue);
}

/** Most overdue first (not-overdue rows after, soonest due first); then by id. */
export function sortByOverdue(rows: readonly ActionRow[]): ActionRow[] {
  return [...rows].sort((a, b) => {
    const da = a.daysOverdue ?? -Infinity;
    const db = b.daysOverdue ?? -Infinity;
    if (da !== db) return db - da;
    return compareDue(a, b);
  });
}

/** The rows of one owner. */
export interface OwnerGroup {
  owner: string;
  rows: ActionRow[];
}

/**
 * Groups rows by owner; an action with several owners appears under each. Groups
 * come most overdue first (by their worst action), then by `nameOf(owner)`; rows
 * keep the order they were given in. With `only`, just that owner's group.
 */
export function groupByOwner(
  rows: readonly ActionRow[],
  nameOf: (id: string) => string = (id) => id,
  only?: string,
): OwnerGroup[] {
  const groups = new Map<string, ActionRow[]>();
  for (const r of rows) {
    for (const o of new Set(r.owners)) {
      if (only !== undefined && o !== only) continue;
      const list = groups.get(o) ?? [];
      list.push(r);
      groups.set(o, list);
    }
  }
  const worst = (g: ActionRow[]) => Math.max(...g.map((r) => r.daysOverdue ?? -1));
  return [...groups.entries()]
    .map(([owner, list]) => ({ owner, rows: list }))
    .sort((a, b) => {
      const d = worst(b.rows) - worst(a.rows);
      if (d !== 0) return d;
      const na = nameOf(a.owner).toLowerCase();
      const nb = nameOf(b.owner).toLowerCase();
      return na < nb ? -1 : na > nb ? 1 : a.owner < b.owner ? -1 : 1;
    });
}

/** The JSON objects of `csp actions --format json`, in the rows' order. */
export function actionsJson(rows: readonly ActionRow[]): ActionJson[] {
  return rows.map((r) => {
    // Keys in the documented order: id, title, owner, due, status, days_overdue, raised, file.
    return {
      id: r.id,
      title: r.title,
      owner: [...r.owners],
      due: r.due ?? null,
      status: r.status,
      ...(r.daysOverdue !== undefined ? { days_overdue: r.daysOverdue } : {}),
      ...(r.raised !== undefined ? { raised: { meeting: r.raised.meeting, minute: r.raised.minute } } : {}),
      file: r.file,
    };
  });
}

// --- naming and titling actions raised in minutes (used by `csp actions sync`) ---

/** The next free n for a meeting and minute, given every id already used (files and markers). */
export function nextActionNumber(meeting: string, minute: number, used: Iterable<string>): number {
  const prefix = `${meeting}-${minute}-`;
  let max = 0;
  for (const id of used) {
    if (!id.startsWith(prefix)) continue;
    const rest = id.slice(prefix.length);
    if (/^[1-9]\d*$/.test(rest)) max = Math.max(max, Number(rest));
  }
  return max + 1;
}

/** Longest title csp writes for a new action; the full text goes in its body. */
export const TITLE_MAX = 100;

/** Words that mark the sentence of a paragraph that says what was promised. */
const PROMISE =
  /\b(agreed|would|will|asked|requested|undertook|to (?:report|provide|circulate|arrange|write|share))\b/i;

/**
 * A title from an action's text: the first sentence that says what was promised ("It was
 * agreed that …", "… would …"), else the first sentence; without a closing full stop,
 * cut at a word boundary (with "…") when longer than `max` characters.
 */
export function actionTitle(text: string, max = TITLE_MAX): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  // A sentence ends at . ! or ? followed by a space and a capital (or an opening quote or digit).
  const sentences = flat.split(/(?<=[.!?])\s+(?=["'‘“(]?[A-Z0-9])/);
  let first = sentences.find((s) => PROMISE.test(s)) ?? sentences[0] ?? '';
  first = first.replace(/\.$/, '').trim();
  const chars = [...first];
  if (chars.length <= max) return first;
  const cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  return (space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–—-]+$/, '') + '…';
}

/**
 * Markdown from minutes made valid in an action file: a relative link or image
 * (`[report](papers/x.pdf)`, `(#item-3)`) is rewritten to lead from actions/ to where it
 * led from the meeting's folder; links with a scheme or from the record's root stay.
 */
export function relinkForAction(markdown: string, meetingId: string): string {
  return markdown.replace(/(\]\(\s*)(<[^>\n]*>|[^\s()<>]+)/g, (all, open: string, raw: string) => {
    const angle = raw.startsWith('<');
    const url = angle ? raw.slice(1, -1) : raw;
    if (url === '' || /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('/')) return all;
    const target = url.startsWith('#') ? `minutes.md${url}` : url;
    const moved = path.posix.normalize(`../meetings/${meetingId}/${target}`);
    return open + (angle ? `<${moved}>` : moved);
  });
}

/** Markdown with each link or image reduced to its text: `[report](x.pdf)` becomes `report`. */
export function linkTextOnly(markdown: string): string {
  return markdown.replace(/!?\[([^\]\n]{0,500})\]\([^)\n]{0,2000}\)/g, '$1');
}

/** The marker's source with the id written in: `[action: x]` → `[action ID: x]`; undefined if it is not a marker. */
export function markerWithId(marker: string, id: string): string | undefined {
  const m = /^\[action(?:[ \t]+[^\s:\]]+)?[ \t]*:/.exec(marker);
  if (!m) return undefined;
  return `[action ${id}:` + marker.slice(m[0].length);
}
