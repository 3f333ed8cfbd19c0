/** The decisions register as text, grouped by meeting. */
import { approvedAtMeeting, approvedByEmail } from '../queries/minutes-facts.js';
import { formatLongDate, formatShortDate } from '../core/dates.js';
import type { LoadedRecord } from '../load/load.js';
import type { DecisionEntry } from '../queries/decisions.js';
import { wrap } from './text.js';

const WIDTH = 80;

/** The register grouped by meeting: the date, the minutes' status, then "N. Title — decision". */
export function decisionsText(
  rec: LoadedRecord,
  list: DecisionEntry[],
  filter: { search?: string | undefined; since?: string | undefined },
): string {
  const lines: string[] = [];
  const conditions = [
    filter.search !== undefined ? `mentioning "${filter.search}"` : '',
    filter.since !== undefined ? `from ${formatLongDate(filter.since)}` : '',
  ].filter((s) => s !== '');
  lines.push(
    ...wrap(
      `${rec.settings.short_name}: decisions register${conditions.length ? ` (${conditions.join(', ')})` : ''}`,
      WIDTH,
    ),
  );
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
      const atId = minutes ? approvedAtMeeting(minutes) : undefined;
      const byEmail = minutes ? approvedByEmail(minutes) : undefined;
      const at = atId ? rec.meetingsById.get(atId) : undefined;
      const status =
        minutes?.status === 'approved'
          ? `minutes approved${atId ? ` ${at ? formatShortDate(at.date) : atId}` : byEmail ? ` by e-mail ${formatShortDate(byEmail.date)}` : ''}`
          : 'minutes in DRAFT, not yet approved';
      lines.push(
        '',
        ...wrap(`${formatLongDate(entry?.date ?? d.meeting.slice(0, 10))} (${d.meeting}), ${status}`, WIDTH),
      );
    }
    const head = `${d.minute_label ?? d.minute}. ${d.title}`;
    if (d.text === null) {
      lines.push(
        ...wrap(
          typeof d.exempt === 'string'
            ? `${head} (withheld: ${d.exempt}). The decision is withheld from publication and is not shown.`
            : `${head} (exempt: paragraph ${d.exempt}). The decision is exempt information under Schedule 12A and is not shown.`,
          WIDTH,
          '  ',
          '    ',
        ),
      );
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
