/**
 * The action listings: a plain table to paste into an e-mail, the overdue report
 * grouped by owner, CSV and a markdown table for an agenda paper, and the text of a
 * new action file.
 */
import type { ChalkInstance } from 'chalk';
import type { ActionRow, OwnerGroup } from '../queries/actions.js';
import type { OwnerLookup } from '../queries/people.js';
import { columnWidths, csv, mdTable, textTable, textTables } from './table.js';
import { flowMap, yamlScalar } from '../core/yaml-text.js';
import { fitLines } from './text.js';

/** "Name, Organisation", or the id itself when it names no one. */
export function ownerLabel(lookup: OwnerLookup, id: string): string {
  const p = lookup(id);
  if (!p) return id;
  return p.organisation ? `${p.name}, ${p.organisation}` : p.name;
}

const NO_DUE = 'none';
/** The length of an id raised in minutes (2026-10-08-293-1): kept whole while the table can afford it. */
const ID_KEEP = 16;

function ownersCell(lookup: OwnerLookup, row: ActionRow, names = false): string {
  return row.owners.map((o) => (names ? (lookup(o)?.name ?? o) : ownerLabel(lookup, o))).join('; ');
}

/** The flat table: id, what, owner, due, status, days overdue (red on a terminal; the column left out when none is). */
export function actionsText(
  rows: readonly ActionRow[],
  lookup: OwnerLookup,
  color: ChalkInstance,
  maxWidth?: number,
): string {
  const overdue = rows.some((r) => r.daysOverdue !== undefined);
  const headers = ['ID', 'Action', 'Owner', 'Due', 'Status', ...(overdue ? ['Days overdue'] : [])];
  const body = (names: boolean) =>
    rows.map((r) => [
      r.id,
      r.title,
      ownersCell(lookup, r, names),
      r.due ?? NO_DUE,
      r.status,
      ...(overdue ? [r.daysOverdue !== undefined ? color.red(String(r.daysOverdue)) : ''] : []),
    ]);
  // On a terminal too narrow for the whole table the owner is named without the organisation,
  // leaving the room to the action's title.
  const whole = body(false);
  const natural = columnWidths(headers, whole)!;
  const fits = maxWidth === undefined || natural.reduce((a, b) => a + b, 2 * (natural.length - 1)) <= maxWidth;
  const options = { right: [5], wrap: [1, 2, 0], keep: { 0: ID_KEEP }, ...(maxWidth ? { maxWidth } : {}) };
  return textTable(headers, fits ? whole : body(true), options);
}

/** The overdue report: a heading per owner (name, organisation), then their actions, most overdue first; one set of column widths for all. */
export function overdueText(
  groups: readonly OwnerGroup[],
  lookup: OwnerLookup,
  color: ChalkInstance,
  asOf: string,
  maxWidth?: number,
): string {
  const count = new Set(groups.flatMap((g) => g.rows.map((r) => r.id))).size;
  const tables = textTables(
    ['ID', 'Action', 'Due', 'Status', 'Days overdue'],
    groups.map((g) => ({
      heading: fitLines(color.bold(ownerLabel(lookup, g.owner)), maxWidth),
      rows: g.rows.map((r) => [r.id, r.title, r.due ?? NO_DUE, r.status, color.red(String(r.daysOverdue ?? ''))]),
    })),
    { right: [4], wrap: [1, 0], keep: { 0: ID_KEEP }, ...(maxWidth ? { maxWidth } : {}) },
  );
  return [
    fitLines(
      `Overdue actions on ${asOf}: ${count} action${count === 1 ? '' : 's'}, ${groups.length} owner${groups.length === 1 ? '' : 's'}.\n`,
      maxWidth,
    ),
    ...tables,
  ].join('\n');
}

/** CSV (RFC 4180) with a header row; several owners are joined with "; ". */
export function actionsCsv(rows: readonly ActionRow[], lookup: OwnerLookup): string {
  return csv(
    [
      'id',
      'title',
      'owner',
      'owner_name',
      'organisation',
      'due',
      'status',
      'days_overdue',
      'raised_meeting',
      'raised_minute',
      'file',
    ],
    rows.map((r) => [
      r.id,
      r.title,
      r.owners.join('; '),
      r.owners.map((o) => lookup(o)?.name ?? o).join('; '),
      r.owners.map((o) => lookup(o)?.organisation ?? '').join('; '),
      r.due,
      r.status,
      r.daysOverdue,
      r.raised?.meeting,
      r.raised?.minute,
      r.file,
    ]),
  );
}

/** A markdown table for an agenda paper. */
export function actionsMd(rows: readonly ActionRow[], lookup: OwnerLookup): string {
  return mdTable(
    ['ID', 'Action', 'Owner', 'Due', 'Status', 'Days overdue'],
    rows.map((r) => [
      r.id,
      r.title,
      ownersCell(lookup, r),
      r.due ?? NO_DUE,
      r.status,
      r.daysOverdue !== undefined ? String(r.daysOverdue) : '',
    ]),
  );
}

/** What a new action file holds. */
export interface NewAction {
  title: string;
  owners: string[];
  raised?: { meeting: string; minute: number };
  due?: string;
  /** A priority id from partnership.md. */
  priority?: string;
  body: string;
}

/** The text of a new actions/<id>.md, status open, with `eol` line ends. */
export function actionFileText(a: NewAction, eol: '\n' | '\r\n' = '\n'): string {
  const lines = ['---', `title: ${yamlScalar(a.title)}`];
  lines.push(
    `owner: ${a.owners.length === 1 ? yamlScalar(a.owners[0]!) : `[${a.owners.map((o) => yamlScalar(o)).join(', ')}]`}`,
  );
  if (a.raised)
    lines.push(
      `raised: ${flowMap([
        ['meeting', a.raised.meeting],
        ['minute', a.raised.minute],
      ])}`,
    );
  if (a.due !== undefined) lines.push(`due: ${a.due}`);
  lines.push('status: open');
  if (a.priority !== undefined) lines.push(`priority: ${yamlScalar(a.priority)}`);
  lines.push('---');
  const body = a.body.trim();
  return lines.join(eol) + eol + (body ? body.split(/\r?\n/).join(eol) + eol : '');
}
