/**
 * What the public may see of the record, decided once for every page and file of the
 * site: which minutes are published (approved ones; drafts only when asked), which
 * agendas have gone out, which actions and papers are public, and what an exempt item
 * leaves behind (its title and Schedule 12A paragraph). The queries already in the code
 * (attendance, decisions, actions, quorum) answer over this view.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { LoadedRecord } from '../../load/load.js';
import { fileBytes } from '../../workspace/read.js';
import type { ActionDoc, MeetingDoc, MeetingEntry, MinuteItem, MinutesDoc, RecordIndex } from '../../model/types.js';
import { actionRows, type ActionRow } from '../../queries/actions.js';
import { attendance, type AttendanceReport } from '../../queries/attendance.js';
import { decisions, exemptMinutes, type DecisionEntry } from '../../queries/decisions.js';
import { displayName, looksLikeId } from '../../queries/people.js';
import { quorum, type QuorumResult } from '../../queries/quorum.js';
import { agendaItems, type ItemView } from '../agenda.js';
import { paperKey } from './links.js';

/** What the export was asked for. */
export interface SiteOptions {
  /** "Today": which meetings are still to come, and days overdue. */
  asOf: string;
  includeDrafts: boolean;
  /** Where the site will be served, for the calendar, the feed and JSON-LD (absolute links). */
  baseUrl?: string;
}

/** Minutes as published. */
export interface PublishedMinutes {
  data: MinutesDoc;
  items: MinuteItem[];
  draft: boolean;
  /** SHA-256 of minutes.md exactly as it is in the record (byte-order mark and line ends included). */
  sha256: string;
  /** Minute number → Schedule 12A paragraph. */
  /** Minute → Schedule 12A paragraph, or the reason in words it is withheld. */
  exempt: Map<number, number | string>;
  /** The minutes' body as the record holds it (for links relative to the meeting). */
  rel: string;
}

/** One meeting as the public sees it. */
export interface PublicMeeting {
  id: string;
  date: string;
  /** meeting.md, when it could be read. */
  doc?: MeetingDoc;
  entry: MeetingEntry;
  cancelled: boolean;
  /** The agenda has gone out (published, held, or minuted). */
  agendaOut: boolean;
  /** Agenda items with exempt items cut to their title and paragraph; papers only when public. */
  items: ItemView[];
  /** The meeting.md body (notes for the agenda), shown once the agenda is out. */
  notes: string;
  minutes?: PublishedMinutes;
  quorum?: QuorumResult;
  /** Papers published with this meeting: path in the meeting folder ("papers/x.pdf") → absolute source. */
  papers: Map<string, string>;
  /** Papers of exempt items: never published, whatever links to them. */
  exemptPapers: Set<string>;
}

/** An action as the tracker shows it; `exempt` when it was raised at an exempt minute (then nothing but that is shown). */
export interface PublicAction {
  id: string;
  row: ActionRow;
  exempt?: number | string;
  doc: ActionDoc;
}

/** The public view of the whole record. */
export interface SiteView {
  rec: LoadedRecord;
  options: SiteOptions;
  meetings: PublicMeeting[];
  byId: Map<string, PublicMeeting>;
  /** The record as the queries see it: only published minutes. */
  index: Pick<RecordIndex, 'meetings' | 'meetingsById' | 'members' | 'people'>;
  decisions: (DecisionEntry & { draft: boolean })[];
  actions: PublicAction[];
  /** The ids of the actions published in full (not withheld as exempt). */
  publicActionIds: Set<string>;
  attendance: AttendanceReport;
  /** Any draft content on the site (only with includeDrafts). */
  hasDrafts: boolean;
}

/** Normalises a paper path as written in meeting.md ("./papers/x.pdf" → "papers/x.pdf"). */
export { paperKey } from './links.js';

/** Builds the public view. */
export function siteView(rec: LoadedRecord, options: SiteOptions): SiteView {
  const meetings: PublicMeeting[] = [];
  const publicEntries: MeetingEntry[] = [];
  for (const entry of rec.meetings) {
    const doc = entry.meeting?.data;
    const m = entry.minutes;
    const published =
      m !== undefined && entry.items !== undefined && (m.data.status === 'approved' || options.includeDrafts);
    let minutes: PublishedMinutes | undefined;
    if (published) {
      minutes = {
        data: m.data,
        items: entry.items!,
        draft: m.data.status !== 'approved',
        sha256: createHash('sha256').update(fileBytes(m.file)).digest('hex'),
        exempt: exemptMinutes(entry),
        rel: m.file.rel,
      };
    }
    // The queries see a meeting's minutes only when they are published.
    const { minutes: _minutes, items: _items, ...unpublished } = entry;
    const shown: MeetingEntry = published ? entry : unpublished;
    publicEntries.push(shown);
    const cancelled = doc?.status === 'cancelled';
    const agendaOut =
      !cancelled &&
      (doc?.status === 'published' ||
        doc?.status === 'held' ||
        doc?.published !== undefined ||
        entry.minutes !== undefined);
    const papers = new Map<string, string>();
    let items: ItemView[] = [];
    if (doc && agendaOut) {
      items = agendaItems(rec, entry, doc).items.map(publicItem);
      for (const item of items) {
        for (const p of item.papers) {
          const key = paperKey(p.path);
          if (entry.papers.has(key)) papers.set(key, path.join(entry.dir, ...key.split('/')));
        }
      }
    }
    const notes =
      entry.meeting && agendaOut
        ? entry.meeting.file.text.slice(entry.meeting.bodyStart).replace(/\r\n/g, '\n').trim()
        : '';
    const exemptPapers = new Set(
      (doc?.items ?? []).filter((i) => i.exempt).flatMap((i) => (i.papers ?? []).map(paperKey)),
    );
    const pm: PublicMeeting = {
      id: entry.id,
      date: entry.date,
      entry,
      cancelled,
      agendaOut,
      items,
      notes,
      papers,
      exemptPapers,
    };
    if (doc) pm.doc = doc;
    if (minutes) pm.minutes = minutes;
    meetings.push(pm);
  }
  const index = {
    meetings: publicEntries,
    meetingsById: new Map(publicEntries.map((e) => [e.id, e])),
    members: rec.members,
    people: rec.people,
  };
  for (const pm of meetings) {
    const shown = index.meetingsById.get(pm.id)!;
    if (pm.minutes && rec.rosterComplete) pm.quorum = quorum(index, rec.settings, shown);
  }
  const byId = new Map(meetings.map((m) => [m.id, m]));
  const draftMeeting = (id: string) => byId.get(id)?.minutes?.draft === true;
  const decisionList = decisions(index).map((d) => ({ ...d, draft: draftMeeting(d.meeting) }));

  const actions: PublicAction[] = [];
  const docs = new Map(rec.actions.map((a) => [a.id, a.action.data]));
  for (const row of actionRows(rec.actions, options.asOf)) {
    const doc = docs.get(row.id)!;
    if (row.raised) {
      const pm = byId.get(row.raised.meeting);
      // Actions raised in minutes that are not published yet are not published either.
      if (!pm?.minutes) continue;
      const paragraph = pm.minutes.exempt.get(row.raised.minute);
      if (paragraph !== undefined) {
        actions.push({ id: row.id, row, exempt: paragraph, doc });
        continue;
      }
    }
    actions.push({ id: row.id, row, doc });
  }

  return {
    rec,
    options,
    meetings,
    byId,
    index,
    decisions: decisionList,
    actions,
    publicActionIds: new Set(actions.filter((a) => a.exempt === undefined).map((a) => a.id)),
    attendance: attendance(index, rec.settings.absence_limit),
    hasDrafts: meetings.some((m) => m.minutes?.draft === true),
  };
}

/** An exempt agenda item keeps its number, title and the exempt notice, nothing else. */
function publicItem(item: ItemView): ItemView {
  if (item.exempt === undefined) return item;
  return { number: item.number, title: item.title, standard: false, papers: [], exempt: item.exempt };
}

/** A person's name for a page: the roster's name for an id, else the text as written. */
export function personName(view: SiteView, ref: string): string {
  return looksLikeId(ref) ? displayName(view.rec, ref) : ref;
}

/** A person's organisation, when the roster gives one. */
export function personOrganisation(view: SiteView, ref: string): string | undefined {
  return view.rec.people.get(ref)?.organisation;
}

/** "Name (Organisation)", or the name alone. */
export function nameAndOrganisation(view: SiteView, ref: string): string {
  const org = personOrganisation(view, ref);
  return org ? `${personName(view, ref)} (${org})` : personName(view, ref);
}
