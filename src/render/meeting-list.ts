/** The meetings register as text: one line per meeting. */
import type { MeetingFilter, MeetingRow } from '../queries/meeting-list.js';
import { textTable } from './table.js';

/** What the agenda column says: when it went out (and whether late), or when it must. */
function agendaCell(r: MeetingRow, today: string): string {
  if (r.status === 'cancelled') return '-';
  if (r.agenda.published !== null)
    return r.agenda.late
      ? `out ${r.agenda.published}, late (due by ${r.agenda.deadline})`
      : `out ${r.agenda.published}`;
  if (r.minutes.status !== 'none' || r.status === 'held') return 'no date recorded';
  return r.agenda.deadline < today ? `not out; was due by ${r.agenda.deadline}` : `due by ${r.agenda.deadline}`;
}

function minutesCell(r: MeetingRow): string {
  switch (r.minutes.status) {
    case 'approved':
      return r.minutes.approved_at !== null ? `approved at ${r.minutes.approved_at}` : 'approved';
    case 'draft':
      return 'draft';
    case 'unreadable':
      return 'cannot be read (csp validate)';
    default:
      return '-';
  }
}

/** The register: a heading, then the table (or a sentence when there is nothing to list). */
export function meetingListText(
  shortName: string,
  rows: MeetingRow[],
  filter: MeetingFilter,
  today: string,
  maxWidth?: number,
): string {
  const which = filter === 'upcoming' ? 'meetings to come' : filter === 'past' ? 'past meetings' : 'meetings';
  const head = `${shortName}: ${which}${filter === 'all' ? '' : ` (as of ${today})`}\n\n`;
  if (rows.length === 0) {
    const none =
      filter === 'upcoming'
        ? 'No meetings to come are scheduled. Schedule one with csp new-meeting --date YYYY-MM-DD.'
        : filter === 'past'
          ? 'No meetings before this day.'
          : 'The record has no meetings yet. Schedule one with csp new-meeting --date YYYY-MM-DD.';
    return `${head}${none}\n`;
  }
  const table = textTable(
    ['Meeting', 'Status', 'Agenda', 'Minutes'],
    rows.map((r) => [r.id, r.status ?? 'cannot be read', agendaCell(r, today), minutesCell(r)]),
    maxWidth !== undefined ? { maxWidth, wrap: [2, 3] } : {},
  );
  return head + table;
}
