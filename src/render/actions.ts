/**
 * The action listings: a plain table to paste into an e-mail, the overdue report
 * grouped by owner, CSV and a markdown table for an agenda paper, and the text of a
 * new action file.
 */
import type { ChalkInstance } from 'chalk';
import type { ActionRow, OwnerGroup } from '../queries/actions.js';
import type { OwnerLookup } from '../queries/people.js';
import { csv, mdTable, textTable } from './table.js';
import { flowMap, yamlScalar } from '../core/yaml-text.js';

/** "Name, Organisation", or the id itself when it names no one. */
export function ownerLabel(lookup: OwnerLookup, id: string): string {
  const p = lookup(id);
  if (!p) return id;
  return p.organisation ? `${p.name}, ${p.organisation}` : p.name;
}

const NO_DUE = 'none';

function ownersCell(lookup: OwnerLookup, row: ActionRow): string {
  return row.owners.map((o) => ownerLabel(lookup, o)).join('; ');
}

/** The flat table: id, what, owner, due, status, days overdue (red on a terminal). */
export function actionsText(
  rows: readonly ActionRow[],
  lookup: OwnerLookup,
  color: ChalkInstance,
  maxWidth?: number,
): string {
  const body = rows.map((r) => [
    r.id,
    r.title,
    ownersCell(lookup, r),
    r.due ?? NO_DUE,
    r.status,
    r.daysOverdue !== undefined ? color.red(String(r.daysOverdue)) : '',
  ]);
  return textTable(['ID', 'Action', 'Owner', 'Due', 'Status', 'Days overdue'], body, {
    right: [5],
    shrink: 1,
    ...(maxWidth ? { maxWidth } : {}),
  });
}

/** The overdue report: a heading per owner (name, organisation), then their actions, most overdue first. */
export function overdueText(
  groups: readonly OwnerGroup[],
  lookup: OwnerLookup,
  color: ChalkInstance,
  asOf: string,
  maxWidth?: number,
): string {
  const count = new Set(groups.flatMap((g) => g.rows.map((r) => r.id))).size;
  const parts = [
    `Overdue actions on ${asOf}: ${count} action${count === 1 ? '' : 's'}, ${groups.length} owner${groups.length === 1 ? '' : 's'}.\n`,
  ];
  for (const g of groups) {
    const heading = ownerLabel(lookup, g.owner);
    const body = g.rows.map((r) => [r.id, r.title, r.due ?? NO_DUE, r.status, color.red(String(r.daysOverdue ?? ''))]);
    parts.push(
      `${color.bold(heading)}\n${textTable(['ID', 'Action', 'Due', 'Status', 'Days overdue'], body, { right: [4], shrink: 1, ...(maxWidth ? { maxWidth } : {}) })}`,
    );
  }
  return parts.join('\n');
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
