/**
 * The agenda of a meeting as data for its templates (templates/agenda.md.hbs and
 * agenda.html.hbs): the meeting, the contact, numbered items, actions for review and
 * future meetings. The same record and "today" always give the same agenda.
 */
import path from 'node:path';
import type { AgendaFacts } from '../load/agenda-facts.js';
import type { LoadedRecord } from '../load/load.js';
import type { MeetingDoc, MeetingEntry } from '../model/types.js';
import { daysBetween, formatLongDate } from '../core/dates.js';
import { noticeDeadline, type HolidayRegion } from '../core/working-days.js';
import { displayName, looksLikeId } from '../queries/people.js';
import { mapStrings, mdInline } from './record-templates.js';

/** A file size as people read it: "812 bytes", "24 KB", "1.4 MB". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The words that mark an exempt item: its Schedule 12A paragraph, or the reason it is withheld. */
export function exemptText(paragraph: number | string): string {
  return typeof paragraph === 'string'
    ? `Withheld: ${paragraph}`
    : `Exempt — not for publication (Local Government Act 1972, Schedule 12A, paragraph ${paragraph})`;
}

/** How each kind of meeting is named. */
export const KIND_LABEL: Record<string, string> = {
  ordinary: 'Ordinary meeting',
  extraordinary: 'Extraordinary meeting',
  themed: 'Themed meeting',
};
const PURPOSE_LABEL: Record<string, string> = {
  decision: 'For decision',
  discussion: 'For discussion',
  information: 'For information',
  noting: 'For noting',
};

/** A paper on the agenda: its path in the meeting folder and, when it is there, its size. */
export interface PaperView {
  path: string;
  size?: string;
  text: string;
}

/** One numbered item of an agenda, as plain text. */
export interface ItemView {
  number: number;
  title: string;
  standard: boolean;
  presenter?: string;
  lead?: string;
  purpose?: string;
  priority?: string;
  papers: PaperView[];
  exempt?: string;
  deferred?: string;
}

interface ActionView {
  id: string;
  title: string;
  owners: string;
  due: string;
  status: string;
  overdue: boolean;
  days_overdue?: number;
  overdue_text: string;
}

/** The agenda's data, with plain (unescaped) text. */
export interface AgendaData {
  partnership: { name: string; short_name: string };
  meeting: {
    id: string;
    date: string;
    date_long: string;
    time: string;
    start: string;
    end?: string;
    venue?: string;
    online_url?: string;
    /** The online link, only when it is an http(s) address (never a javascript: or other URL). */
    online_href?: string;
    kind: string;
    kind_label: string;
    theme?: string;
    status: string;
    published_long?: string;
  };
  contact: { name?: string; role?: string; email?: string; phone?: string; line: string };
  deadline_long: string;
  notice_days: number;
  items: ItemView[];
  actions: ActionView[];
  future: { id: string; date_long: string; start: string; text: string }[];
  /** The optional notes in meeting.md's body: markdown as the clerk wrote it, and as paragraphs of plain text. */
  notes_md: string;
  notes_paragraphs: string[];
  as_of: string;
  as_of_long: string;
  /** Papers named on the agenda that are not in the meeting's folder. */
  missing_papers: string[];
}

/** The numbered agenda items of a meeting (standard items around the substantive ones), and the papers named that are not in its folder. */
export function agendaItems(
  rec: Pick<LoadedRecord, 'settings' | 'people'> & { meetingsById: ReadonlyMap<string, { date: string }> },
  entry: MeetingEntry,
  doc: MeetingDoc,
): { items: ItemView[]; missing: string[] } {
  const s = rec.settings;
  const name = (ref: string) => (looksLikeId(ref) ? displayName(rec, ref) : ref);
  const missing: string[] = [];
  const items: ItemView[] = [];
  let n = 0;
  for (const title of s.standard_items.opening) items.push({ number: ++n, title, standard: true, papers: [] });
  for (const item of doc.items ?? []) {
    const papers = (item.papers ?? []).map((p): PaperView => {
      const norm = path.posix.normalize(p).replace(/^\.\//, '');
      const bytes = entry.papers.get(norm);
      if (bytes === undefined) missing.push(p);
      return bytes === undefined
        ? { path: p, text: p }
        : { path: p, size: formatSize(bytes), text: `${p} (${formatSize(bytes)})` };
    });
    const priority =
      item.priority === undefined
        ? undefined
        : (s.priorities.find((pr) => pr.id === item.priority)?.title ?? item.priority);
    const view: ItemView = { number: ++n, title: item.title, standard: false, papers };
    if (item.presenter !== undefined) view.presenter = name(item.presenter);
    if (item.lead !== undefined) view.lead = name(item.lead);
    if (item.purpose !== undefined) view.purpose = PURPOSE_LABEL[item.purpose] ?? item.purpose;
    if (priority !== undefined) view.priority = priority;
    if (item.exempt) view.exempt = exemptText(item.exempt.paragraph);
    if (item.deferred_from !== undefined) {
      const from = rec.meetingsById.get(item.deferred_from);
      view.deferred = `Deferred from the meeting of ${from ? formatLongDate(from.date) : item.deferred_from}`;
    }
    items.push(view);
  }
  for (const title of s.standard_items.closing) items.push({ number: ++n, title, standard: true, papers: [] });

  return { items, missing };
}

/**
 * Builds the agenda's data for `entry` as of `today`: the meeting from `rec`, the actions
 * for review and the other meetings from `facts` (the whole record, or its summary).
 */
export function agendaData(
  rec: LoadedRecord,
  facts: AgendaFacts,
  entry: MeetingEntry,
  doc: MeetingDoc,
  today: string,
): AgendaData {
  const s = rec.settings;
  const name = (ref: string) => (looksLikeId(ref) ? displayName(rec, ref) : ref);
  const start = doc.start ?? s.meetings.default_start;
  const kind = doc.kind ?? 'ordinary';
  const deadline = noticeDeadline(entry.date, s.meetings.notice_working_days, s.meetings.holidays as HolidayRegion);
  const { items, missing } = agendaItems(
    { settings: s, people: rec.people, meetingsById: facts.meetingsById },
    entry,
    doc,
  );

  // Actions for review: open or in progress, raised before this meeting (or not in minutes at all).
  const actions = facts.actions
    .filter(
      ({ action }) =>
        (action.data.status === 'open' || action.data.status === 'in-progress') &&
        (!action.data.raised || action.data.raised.meeting < entry.id),
    )
    .sort((a, b) => {
      const da = a.action.data.due ?? '9999-99-99';
      const db = b.action.data.due ?? '9999-99-99';
      return da < db ? -1 : da > db ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    })
    .map(({ id, action }): ActionView => {
      const a = action.data;
      const owners = (Array.isArray(a.owner) ? a.owner : [a.owner]).map(name).join(', ');
      const overdue = a.due !== undefined && a.due < today;
      const days = overdue ? daysBetween(a.due!, today) : undefined;
      const view: ActionView = {
        id,
        title: a.title,
        owners,
        due: a.due ?? '',
        status: a.status,
        overdue,
        overdue_text: overdue ? `Overdue by ${days} day${days === 1 ? '' : 's'}` : '',
      };
      if (days !== undefined) view.days_overdue = days;
      return view;
    });

  const future = facts.meetings
    .filter((m) => m.id > entry.id && m.meeting && m.meeting.data.status !== 'cancelled')
    .map((m) => {
      const st = m.meeting!.data.start ?? s.meetings.default_start;
      return { id: m.id, date_long: formatLongDate(m.date), start: st, text: `${formatLongDate(m.date)} at ${st}` };
    });

  const body = entry.meeting
    ? entry.meeting.file.text.slice(entry.meeting.bodyStart).replace(/\r\n/g, '\n').trim()
    : '';
  const contact = s.contact;
  const contactLine = [contact.name, contact.role, contact.email, contact.phone]
    .filter((x): x is string => x !== undefined && x !== '')
    .join(', ');

  const meeting: AgendaData['meeting'] = {
    id: entry.id,
    date: entry.date,
    date_long: formatLongDate(entry.date),
    time: doc.end !== undefined ? `${start} to ${doc.end}` : start,
    start,
    kind,
    kind_label: KIND_LABEL[kind] ?? kind,
    status: doc.status ?? 'scheduled',
  };
  if (doc.end !== undefined) meeting.end = doc.end;
  if (doc.venue !== undefined) meeting.venue = doc.venue;
  if (doc.online_url !== undefined) {
    meeting.online_url = doc.online_url;
    if (/^https?:\/\/[^\s<>"'`\\]+$/i.test(doc.online_url)) meeting.online_href = doc.online_url;
  }
  if (doc.theme !== undefined) meeting.theme = doc.theme;
  if (doc.published !== undefined) meeting.published_long = formatLongDate(doc.published);

  return {
    partnership: { name: s.name, short_name: s.short_name },
    meeting,
    contact: { ...contact, line: contactLine },
    deadline_long: formatLongDate(deadline),
    notice_days: s.meetings.notice_working_days,
    items,
    actions,
    future,
    notes_md: body,
    notes_paragraphs:
      body === ''
        ? []
        : body
            .split(/\n[ \t]*\n/)
            .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
            .filter((p) => p !== ''),
    as_of: today,
    as_of_long: formatLongDate(today),
    missing_papers: missing,
  };
}

/** The view a template gets: for markdown every record text is escaped (the notes stay the clerk's markdown); for HTML the template's own escaping does it. */
export function agendaView(data: AgendaData, format: 'md' | 'html'): AgendaData {
  if (format === 'html') return data;
  // Ids, dates and URLs are left as they are: escaping would show backslashes in them.
  return mapStrings(data, mdInline, new Set(['notes_md', 'id', 'date', 'online_href', 'as_of', 'due', 'status']));
}
