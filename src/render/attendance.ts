/** Attendance as text (a grid of members by meetings, then the organisations flagged) and as CSV. */
import type { ChalkInstance } from 'chalk';
import { formatShortDate } from '../core/dates.js';
import { clip } from '../core/text.js';
import type { LoadedRecord } from '../load/load.js';
import type { AttendanceMark, AttendanceReport } from '../queries/attendance.js';
import { csv } from './table.js';
import { centre, wrap } from './text.js';

const SYMBOL: Record<string, string> = { present: 'P', substituted: 'S', apologies: 'A', absent: '·' };
const WIDTH = 80;

/** One row per member, one column per meeting (the record's words; empty when not a member). */
export function attendanceCsv(report: AttendanceReport): string {
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

/** A grid of members by meetings grouped by organisation, a legend, then the organisations flagged. */
export function attendanceText(rec: LoadedRecord, report: AttendanceReport, color: ChalkInstance): string {
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
        ? `${name}: attendance at the meeting of ${formatShortDate(first)}`
        : `${name}: attendance at ${ids.length} meetings with minutes, ${formatShortDate(first)} to ${formatShortDate(latest)}`,
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
      const seat = rec.members.find((x) => x.id === m.id);
      // null is "not a member then", or, for a member then, minutes that do not record attendance.
      const mark = (r: AttendanceMark, i: number) => {
        if (r !== null) return SYMBOL[r]!;
        const date = dateOf(ids[i]!);
        const seated = seat !== undefined && seat.joined <= date && (seat.left === undefined || date < seat.left);
        return seated ? '?' : '';
      };
      const cells = m.record.map((r: AttendanceMark, i) => ' ' + centre(mark(r, i), cellW)).join('');
      const label = clip(m.name, nameW);
      lines.push(`  ${label}${' '.repeat(nameW - [...label].length)}${cells}`.trimEnd());
    }
  }
  lines.push('');
  lines.push(
    report.recorded.every(Boolean)
      ? 'P present  S substituted  A apologies  · absent  blank: not a member then'
      : 'P present  S substituted  A apologies  · absent  ? not recorded  blank: not a member then',
  );
  if (key) lines.push(...wrap(`Meetings: ${key}.`, WIDTH, '', '  '));
  const drafts = ids.filter((id) => rec.meetingsById.get(id)?.minutes?.data.status === 'draft');
  if (drafts.length > 0)
    lines.push(
      ...wrap(
        `Minutes still in draft: ${drafts.map((id) => formatShortDate(dateOf(id))).join(', ')}.`,
        WIDTH,
        '',
        '  ',
      ),
    );
  lines.push('');

  const limit = report.absence_limit;
  const flagged = report.organisations.filter((o) => o.flagged);
  const plural = (n: number) => `${n} meeting${n === 1 ? '' : 's'}`;
  const meetingsOf = (run: string[]) => run.map((id) => formatShortDate(dateOf(id))).join(', ');
  if (flagged.length === 0)
    lines.push(
      ...wrap(`No organisation has gone unrepresented for ${plural(limit)} in a row (the absence limit).`, WIDTH),
    );
  else {
    const heading = `Unrepresented for ${plural(limit)} or more in a row (the absence limit): ask ${flagged.length === 1 ? 'it' : 'each'} to re-appoint or confirm its commitment to the partnership.`;
    lines.push(...wrap(heading, WIDTH).map((l) => color.red(l)));
    for (const o of flagged)
      lines.push(
        ...wrap(
          `${o.organisation}: ${plural(o.unrepresented_run)}: ${meetingsOf(o.unrepresented_meetings)}.`,
          WIDTH,
          '  ',
          '    ',
        ),
      );
  }
  const watch = report.organisations.filter((o) => !o.flagged && o.unrepresented_run > 0);
  if (watch.length > 0) {
    lines.push('Not represented at the latest meetings, below the limit:');
    for (const o of watch)
      lines.push(
        ...wrap(
          `${o.organisation}: ${plural(o.unrepresented_run)}: ${meetingsOf(o.unrepresented_meetings)}.`,
          WIDTH,
          '  ',
          '    ',
        ),
      );
  }
  return lines.join('\n') + '\n';
}
