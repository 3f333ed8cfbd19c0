/** csp decisions: the decisions register, every RESOLVED with its meeting and minute number. */
import { userDate, type Ctx } from '../cli/context.js';
import type { LoadedRecord } from '../model/load.js';
import { decisions, type DecisionEntry } from '../queries/decisions.js';
import { formatLongDate } from '../queries/working-days.js';
import { wrap } from './attendance.js';
import { loadForMeetings, warnUnread } from './meeting-docs.js';

const WIDTH = 80;

/** Runs csp decisions; exit 0, with or without matches. */
export async function run(ctx: Ctx, opts: Record<string, unknown>): Promise<number> {
  const since = typeof opts.since === 'string' ? userDate(opts.since, '--since') : undefined;
  const search = typeof opts.search === 'string' && opts.search.trim() !== '' ? opts.search.trim() : undefined;
  const format = String(opts.format ?? 'text');
  const rec = loadForMeetings(ctx, { minutesBodies: true, roster: true });
  warnUnread(ctx, rec);
  const list = decisions(rec, { ...(search !== undefined ? { search } : {}), ...(since !== undefined ? { since } : {}) });
  if (format === 'json') ctx.out(JSON.stringify(list, null, 2) + '\n');
  else ctx.out(renderText(rec, list, { search, since }));
  return 0;
}

/** The register grouped by meeting: the date, the minutes' status, then "N. Title — decision". */
export function renderText(rec: LoadedRecord, list: DecisionEntry[], filter: { search?: string | undefined; since?: string | undefined }): string {
  const lines: string[] = [];
  const conditions = [
    filter.search !== undefined ? `mentioning "${filter.search}"` : '',
    filter.since !== undefined ? `from ${formatLongDate(filter.since)}` : '',
  ].filter((s) => s !== '');
  lines.push(...wrap(`${rec.settings.short_name}: decisions register${conditions.length ? ` (${conditions.join(', ')})` : ''}`, WIDTH));
  if (list.length === 0) {
    lines.push('', conditions.length ? 'No decisions match.' : 'No minutes record a decision yet.');
    return lines.join('\n') + '\n';
  }
  let meeting: string | undefined;
  for (const d of list) {
    if (d.meeting !== meeting) {
      meeting = d.meeting;
      const entry = rec.meetingsById.get(d.meeting);
      const minutes = entry?.minutes?.data;
      const at = minutes?.approved ? rec.meetingsById.get(minutes.approved.meeting) : undefined;
      const status =
        minutes?.status === 'approved'
          ? `minutes approved${minutes.approved ? ` ${at ? formatLongDate(at.date).replace(/^\S+ /, '') : minutes.approved.meeting}` : ''}`
          : 'minutes in DRAFT, not yet approved';
      lines.push('', ...wrap(`${formatLongDate(entry?.date ?? d.meeting.slice(0, 10))} (${d.meeting}), ${status}`, WIDTH));
    }
    const head = `${d.minute}. ${d.title}`;
    if (d.text === null) {
      lines.push(...wrap(`${head} (exempt: paragraph ${d.exempt}). The decision is exempt information under Schedule 12A and is not shown.`, WIDTH, '  ', '    '));
      continue;
    }
    const parts = d.text.split('\n');
    if (parts.length === 1) lines.push(...wrap(`${head} — ${parts[0]}`, WIDTH, '  ', '    '));
    else {
      lines.push(...wrap(head, WIDTH, '  ', '    '));
      for (const part of parts) lines.push(...wrap(part, WIDTH, '    - ', '      '));
    }
  }
  return lines.join('\n') + '\n';
}
