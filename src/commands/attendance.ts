/** csp attendance: who came to which meeting, and organisations gone unrepresented (ToR: the absence rule). */
import type { Ctx } from '../cli/context.js';
import { UsageError } from '../cli/errors.js';
import type { LoadedRecord } from '../model/load.js';
import { attendance, type AttendanceMark, type AttendanceReport } from '../queries/attendance.js';
import { formatLongDate } from '../queries/working-days.js';

/** "8 October 2026": the long date without the weekday, to keep lines short. */
function dayMonthYear(date: string): string {
  return formatLongDate(date).replace(/^\S+ /, '');
}
import { csv } from '../render/table.js';
import { loadForMeetings, warnUnread } from './meeting-docs.js';

const SYMBOL: Record<string, string> = { present: 'P', substituted: 'S', apologies: 'A', absent: '·' };
const WIDTH = 80;

/** Reads --last: a positive whole number, or undefined for every meeting. */
export function parseLast(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const s = String(value).trim();
  if (!/^[1-9]\d*$/.test(s)) throw new UsageError(`--last "${String(value)}" is not a number of meetings. Give a whole number of 1 or more, for example --last 8.`);
  return Number(s);
}

/** Runs csp attendance; exit 0 (a flagged organisation is reported, not a failure). */
export async function run(ctx: Ctx, opts: Record<string, unknown>): Promise<number> {
  const last = parseLast(opts.last);
  const format = String(opts.format ?? 'text');
  const rec = loadForMeetings(ctx, { minutesBodies: false, roster: true });
  warnUnread(ctx, rec);
  const report = attendance(rec, rec.settings.absence_limit, last);
  if (format === 'json') ctx.out(JSON.stringify(report, null, 2) + '\n');
  else if (format === 'csv') ctx.out(renderCsv(report));
  else ctx.out(renderText(ctx, rec, report));
  return 0;
}

/** One row per member, one column per meeting (the record's words; empty when not a member). */
export function renderCsv(report: AttendanceReport): string {
  return csv(
    ['id', 'name', 'organisation', ...report.meetings],
    report.members.map((m) => [m.id, m.name, m.organisation, ...m.record.map((r) => r ?? '')]),
  );
}

/** Short column labels: "25-01" (year and month), or M1…Mn when two meetings share a month. */
export function columnLabels(ids: string[]): { labels: string[]; key?: string } {
  const short = ids.map((id) => `${id.slice(2, 4)}-${id.slice(5, 7)}`);
  if (new Set(short).size === short.length) return { labels: short };
  const labels = ids.map((_, i) => `M${i + 1}`);
  return { labels, key: ids.map((id, i) => `${labels[i]} ${id}`).join(', ') };
}

function clip(s: string, w: number): string {
  const chars = [...s];
  return chars.length <= w ? s : chars.slice(0, Math.max(0, w - 1)).join('') + '…';
}

function centre(s: string, w: number): string {
  const left = Math.floor((w - [...s].length) / 2);
  return ' '.repeat(Math.max(0, left)) + s + ' '.repeat(Math.max(0, w - left - [...s].length));
}

/** Word-wraps `text` to `width`, the first line after `first`, the rest after `rest`. */
export function wrap(text: string, width: number, first = '', rest = first): string[] {
  const out: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(' ').filter((w) => w !== '')) {
    if (!empty && [...line].length + 1 + [...word].length > width) {
      out.push(line);
      line = rest + word;
    } else line = empty ? line + word : `${line} ${word}`;
    empty = false;
  }
  if (!empty) out.push(line);
  return out;
}

/** A grid of members by meetings grouped by organisation, a legend, then the organisations flagged. */
export function renderText(ctx: Ctx, rec: LoadedRecord, report: AttendanceReport): string {
  const lines: string[] = [];
  const ids = report.meetings;
  const name = rec.settings.short_name;
  if (ids.length === 0) return `${name}: no meeting has minutes yet, so there is no attendance to show.\n`;
  const dateOf = (id: string) => rec.meetingsById.get(id)?.date ?? id.slice(0, 10);
  const first = dateOf(ids[0]!);
  const latest = dateOf(ids[ids.length - 1]!);
  lines.push(
    ...wrap(
      ids.length === 1
        ? `${name}: attendance at the meeting of ${dayMonthYear(first)}`
        : `${name}: attendance at ${ids.length} meetings with minutes, ${dayMonthYear(first)} to ${dayMonthYear(latest)}`,
      WIDTH,
    ),
  );
  lines.push('');

  const { labels, key } = columnLabels(ids);
  const cellW = Math.max(5, ...labels.map((l) => l.length));
  const longest = Math.max(...report.members.map((m) => [...m.name].length));
  const nameW = Math.max(12, Math.min(longest, WIDTH - 2 - ids.length * (cellW + 1)));
  lines.push(`${' '.repeat(2 + nameW)}${labels.map((l) => ' ' + centre(l, cellW)).join('')}`.trimEnd());
  for (const organisation of report.organisations.map((o) => o.organisation)) {
    lines.push(clip(organisation, WIDTH));
    for (const m of report.members.filter((x) => x.organisation === organisation)) {
      const cells = m.record.map((r: AttendanceMark) => ' ' + centre(r === null ? '' : SYMBOL[r]!, cellW)).join('');
      const label = clip(m.name, nameW);
      lines.push(`  ${label}${' '.repeat(nameW - [...label].length)}${cells}`.trimEnd());
    }
  }
  lines.push('');
  lines.push('P present  S substituted  A apologies  · absent  blank: not a member then');
  if (key) lines.push(...wrap(`Meetings: ${key}.`, WIDTH, '', '  '));
  const drafts = ids.filter((id) => rec.meetingsById.get(id)?.minutes?.data.status === 'draft');
  if (drafts.length > 0) lines.push(...wrap(`Minutes still in draft: ${drafts.map((id) => dayMonthYear(dateOf(id))).join(', ')}.`, WIDTH, '', '  '));
  lines.push('');

  const limit = report.absence_limit;
  const flagged = report.organisations.filter((o) => o.flagged);
  const plural = (n: number) => `${n} meeting${n === 1 ? '' : 's'}`;
  const meetingsOf = (run: string[]) => run.map((id) => dayMonthYear(dateOf(id))).join(', ');
  if (flagged.length === 0) lines.push(...wrap(`No organisation has gone unrepresented for ${plural(limit)} in a row (the absence limit).`, WIDTH));
  else {
    const heading = `Unrepresented for ${plural(limit)} or more in a row (the absence limit): ask ${flagged.length === 1 ? 'it' : 'each'} to re-appoint or confirm its commitment to the partnership.`;
    lines.push(...wrap(heading, WIDTH).map((l) => ctx.color.red(l)));
    for (const o of flagged) lines.push(...wrap(`${o.organisation}: ${plural(o.unrepresented_run)}: ${meetingsOf(o.unrepresented_meetings)}.`, WIDTH, '  ', '    '));
  }
  const watch = report.organisations.filter((o) => !o.flagged && o.unrepresented_run > 0);
  if (watch.length > 0) {
    lines.push('Not represented at the latest meetings, below the limit:');
    for (const o of watch) lines.push(...wrap(`${o.organisation}: ${plural(o.unrepresented_run)}: ${meetingsOf(o.unrepresented_meetings)}.`, WIDTH, '  ', '    '));
  }
  return lines.join('\n') + '\n';
}
