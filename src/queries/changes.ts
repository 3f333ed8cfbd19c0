/**
 * What a change does to the record, as facts a reviewer cares about: meetings added or
 * rescheduled, minutes drafted, edited or approved, decisions, actions, apologies and
 * attendance, members, and any change to approved minutes. Pure: it compares the record
 * as it was (`before`) with the record as it is (`after`); the words are the renderer's.
 */
import type {
  ActionDoc,
  ActionEntry,
  ActionUpdate,
  Apology,
  MeetingEntry,
  MeetingStatus,
  Member,
  MinuteItem,
  OtherPerson,
  RecordIndex,
  Loaded,
} from '../model/types.js';
import type { Approval, Partnership } from '../model/types.js';
import { approvedEdit, isApprovedText } from './approved-minutes.js';
import { exemptMinutes, withoutMarkers } from './decisions.js';

/** The record at one revision, as far as the comparison needs it. */
export type RecordSide = Pick<
  RecordIndex,
  'display' | 'meetings' | 'meetingsById' | 'actions' | 'members' | 'others' | 'people' | 'partnership'
> & {
  settings: Partnership;
  /** members.yaml, for the line a person is on. */
  membersFile?: Loaded<unknown> | undefined;
};

/** Where a change is: the file as shown to the user and, when it still exists, a line in it. */
interface Place {
  file: string;
  line?: number;
}

/** When and where a meeting is held. */
export interface MeetingTime {
  date: string;
  start?: string;
  venue?: string;
}

/** A decision's text, or null when its item is exempt (its text is not repeated). */
type DecisionText = string | null;

/** One thing the change does to the record. */
export type Change = Place &
  (
    | { kind: 'meeting-added'; meeting: string; time: MeetingTime }
    | { kind: 'meeting-removed'; meeting: string; time: MeetingTime }
    | { kind: 'meeting-rescheduled'; meeting: string; was: string; from: MeetingTime; to: MeetingTime }
    | { kind: 'meeting-status'; meeting: string; from?: MeetingStatus; to?: MeetingStatus; published?: string }
    | { kind: 'agenda-item-added' | 'agenda-item-removed'; meeting: string; title: string }
    | {
        kind: 'apologies-added' | 'apologies-withdrawn';
        meeting: string;
        /** In the notice (meeting.md, before the meeting) or the minutes. */
        in: 'meeting' | 'minutes';
        person: string;
        substitute?: string;
        /** For apologies already recorded: the substitute named before. */
        wasSubstitute?: string;
      }
    | {
        kind: 'attendance-changed';
        meeting: string;
        present: { added: string[]; removed: string[] };
        inAttendance: { added: string[]; removed: string[] };
        chair?: { from?: string | string[]; to?: string | string[] };
      }
    | { kind: 'minutes-drafted'; meeting: string; status: 'draft' | 'approved'; minutes: number[]; approvedAt?: string }
    | {
        kind: 'minutes-edited';
        meeting: string;
        /** Items whose heading or text changed, and items added or removed. */
        items: { number: number; title: string; how: 'added' | 'removed' | 'edited' }[];
        /** Other front-matter fields changed (attendance and apologies are their own changes). */
        fields: string[];
      }
    | { kind: 'minutes-approved'; meeting: string; at?: string }
    | { kind: 'minutes-unapproved'; meeting: string }
    | { kind: 'minutes-removed'; meeting: string; approved: boolean }
    | { kind: 'approved-minutes-changed'; meeting: string; correctionsAltered: boolean; removed: boolean }
    | { kind: 'correction-added'; meeting: string; at?: string; minute?: number; note?: string }
    | {
        kind: 'decision-added' | 'decision-removed';
        meeting: string;
        minute: number;
        title: string;
        text: DecisionText;
      }
    | {
        kind: 'decision-changed';
        meeting: string;
        minute: number;
        title: string;
        from: DecisionText;
        to: DecisionText;
      }
    | {
        kind: 'action-raised';
        /** Absent for a marker not yet synced into an action file. */
        action?: string;
        meeting?: string;
        minute?: number;
        owners: string[];
        due?: string;
        title: string;
      }
    | { kind: 'action-reassigned'; action: string; title: string; from: string[]; to: string[] }
    | { kind: 'action-redated'; action: string; title: string; from?: string; to?: string }
    | { kind: 'action-closed'; action: string; title: string; status: 'done' | 'dropped'; completed?: string }
    | { kind: 'action-reopened' | 'action-status'; action: string; title: string; from: string; to: string }
    | { kind: 'action-progress'; action: string; title: string; updates: ActionUpdate[] }
    | { kind: 'action-removed'; action: string; title: string }
    | { kind: 'member-joined'; person: string; organisation: string; role: string; joined: string; wasOther: boolean }
    | { kind: 'member-left'; person: string; organisation: string; left: string }
    | { kind: 'member-changed'; person: string; fields: { field: string; from: unknown; to: unknown }[] }
    | { kind: 'person-added' | 'person-removed'; person: string; seat: boolean }
    | { kind: 'terms-changed'; settings: string[]; text: boolean }
  );

export type ChangeKind = Change['kind'];

/** Every kind of change, in the order a reviewer reads them. */
export const CHANGE_KINDS: readonly ChangeKind[] = [
  'approved-minutes-changed',
  'meeting-added',
  'meeting-rescheduled',
  'meeting-removed',
  'meeting-status',
  'agenda-item-added',
  'agenda-item-removed',
  'apologies-added',
  'apologies-withdrawn',
  'minutes-drafted',
  'minutes-edited',
  'minutes-approved',
  'minutes-unapproved',
  'minutes-removed',
  'correction-added',
  'attendance-changed',
  'decision-added',
  'decision-changed',
  'decision-removed',
  'action-raised',
  'action-reassigned',
  'action-redated',
  'action-closed',
  'action-reopened',
  'action-status',
  'action-progress',
  'action-removed',
  'member-joined',
  'member-left',
  'member-changed',
  'person-added',
  'person-removed',
  'terms-changed',
];

/** The meeting a change belongs with, if any (the renderers group by it). */
export function meetingOf(c: Change): string | undefined {
  return 'meeting' in c ? c.meeting : undefined;
}

const json = (v: unknown) => JSON.stringify(v ?? null);
const same = (a: unknown, b: unknown) => json(a) === json(b);
const owners = (o: ActionDoc['owner']) => (Array.isArray(o) ? o : [o]);

function timeOf(m: MeetingEntry): MeetingTime {
  const d = m.meeting?.data;
  return {
    date: m.date,
    ...(d?.start !== undefined ? { start: d.start } : {}),
    ...(d?.venue !== undefined ? { venue: d.venue } : {}),
  };
}

function titles(m: MeetingEntry | undefined): string[] {
  return (m?.meeting?.data.items ?? []).map((i) => i.title);
}

/** The file a meeting's notice lives in (or its folder when it has none). */
function noticeFile(display: string, m: MeetingEntry): Place {
  return m.meeting
    ? { file: m.meeting.file.display, line: 1 }
    : { file: `${display === '.' ? '' : `${display}/`}meetings/${m.id}` };
}

/** A notice without its date lines: two notices alike but for the date are one meeting moved. */
function noticeWithoutDate(m: MeetingEntry): string | undefined {
  return m.meeting?.file.text.replace(/^date:.*$/m, '').replace(/^published:.*$/m, '');
}

/**
 * Pairs meetings that went with meetings that came, as one meeting moved to another day:
 * the same agenda items, or the same notice but for its date. A meeting with minutes is
 * never taken for a moved one; other meetings that went or came stay removed or added.
 */
function pairMoves(gone: MeetingEntry[], come: MeetingEntry[]): [MeetingEntry, MeetingEntry][] {
  const c = come.filter((m) => !m.minutes);
  const pairs: [MeetingEntry, MeetingEntry][] = [];
  for (const old of gone.filter((m) => !m.minutes)) {
    const t = json(titles(old));
    const notice = noticeWithoutDate(old);
    const match = c.find(
      (n) =>
        (titles(old).length > 0 && json(titles(n)) === t) || (notice !== undefined && noticeWithoutDate(n) === notice),
    );
    if (match) {
      pairs.push([old, match]);
      c.splice(c.indexOf(match), 1);
    }
  }
  return pairs;
}

/** Apologies as member → substitute ('' for none). */
function apologyMap(list: readonly Apology[] | undefined): Map<string, string> {
  return new Map((list ?? []).map((a) => [a.member, a.substitute ?? '']));
}

function apologyChanges(
  meeting: string,
  where: 'meeting' | 'minutes',
  place: Place,
  before: readonly Apology[] | undefined,
  after: readonly Apology[] | undefined,
): Change[] {
  const b = apologyMap(before);
  const a = apologyMap(after);
  const out: Change[] = [];
  for (const [person, substitute] of a) {
    const was = b.get(person);
    if (was === substitute) continue;
    out.push({
      kind: 'apologies-added',
      meeting,
      in: where,
      person,
      ...(substitute !== '' ? { substitute } : {}),
      ...(was !== undefined ? { wasSubstitute: was } : {}),
      ...place,
    });
  }
  for (const [person, substitute] of b) {
    if (!a.has(person))
      out.push({
        kind: 'apologies-withdrawn',
        meeting,
        in: where,
        person,
        ...(substitute !== '' ? { substitute } : {}),
        ...place,
      });
  }
  return out;
}

function added<T>(before: readonly T[], after: readonly T[]): T[] {
  const b = new Set(before.map(json));
  return after.filter((x) => !b.has(json(x)));
}

/** The decisions of each minute, by number, with their texts (null for an exempt item). */
function decisionsByMinute(m: MeetingEntry | undefined): Map<number, { item: MinuteItem; texts: DecisionText[] }> {
  const out = new Map<number, { item: MinuteItem; texts: DecisionText[] }>();
  if (!m?.items) return out;
  const exempt = exemptMinutes(m);
  for (const item of m.items) {
    out.set(item.number, {
      item,
      texts: item.decisions.map((d) => (exempt.has(item.number) ? null : withoutMarkers(d.text))),
    });
  }
  return out;
}

function decisionChanges(
  meeting: string,
  file: string,
  before: MeetingEntry | undefined,
  after: MeetingEntry,
): Change[] {
  const b = decisionsByMinute(before);
  const a = decisionsByMinute(after);
  const out: Change[] = [];
  const numbers = [...new Set([...b.keys(), ...a.keys()])].sort((x, y) => x - y);
  for (const n of numbers) {
    const was = b.get(n)?.texts ?? [];
    const now = a.get(n);
    const nowTexts = now?.texts ?? [];
    const title = now?.item.title ?? b.get(n)?.item.title ?? '';
    const lineOf = (i: number) => now?.item.decisions[i]?.line ?? now?.item.line;
    const at = (i: number) => ({ file, ...(lineOf(i) !== undefined ? { line: lineOf(i)! } : {}) });
    // Unchanged texts pair off first; what is left pairs in order as edits, the rest added or removed.
    // An exempt item's texts are not compared (they are not shown): only how many there are.
    const exempt = nowTexts.includes(null) || was.includes(null);
    const left = exempt ? was.slice(nowTexts.length) : [...was];
    const fresh: number[] = [];
    nowTexts.forEach((t, i) => {
      if (exempt) {
        if (i >= was.length) fresh.push(i);
        return;
      }
      const k = left.indexOf(t);
      if (k >= 0) left.splice(k, 1);
      else fresh.push(i);
    });
    fresh.forEach((i, j) => {
      if (j < left.length) {
        out.push({ kind: 'decision-changed', meeting, minute: n, title, from: left[j]!, to: nowTexts[i]!, ...at(i) });
      } else out.push({ kind: 'decision-added', meeting, minute: n, title, text: nowTexts[i]!, ...at(i) });
    });
    for (const t of left.slice(fresh.length)) {
      out.push({
        kind: 'decision-removed',
        meeting,
        minute: n,
        title,
        text: t,
        file,
        ...(now ? { line: now.item.line } : {}),
      });
    }
  }
  return out;
}

/** A body with its markers' action ids taken out: syncing actions is not an edit of the minutes. */
const unsynced = (body: string) => body.replace(/\[action [^\]:]*:/g, '[action:');

/** Markers in the minutes not synced into action files yet: new ones are actions raised. */
function unsyncedMarkers(
  m: MeetingEntry | undefined,
): { key: string; item: MinuteItem; marker: MinuteItem['actions'][number] }[] {
  const out: { key: string; item: MinuteItem; marker: MinuteItem['actions'][number] }[] = [];
  for (const item of m?.items ?? []) {
    for (const marker of item.actions) {
      if (marker.id !== undefined) continue;
      out.push({ key: json([item.number, marker.text, marker.owners, marker.due]), item, marker });
    }
  }
  return out;
}

function minutesChanges(before: MeetingEntry | undefined, after: MeetingEntry | undefined): Change[] {
  const id = (after ?? before)!.id;
  const out: Change[] = [];
  const was = before?.minutes;
  const now = after?.minutes;
  if (!was && !now) return out;
  if (was && !now) {
    const approved = was.data.status === 'approved';
    const file = was.file.display;
    // Approved minutes that went are reported as the change to approved minutes below.
    if (!approved) out.push({ kind: 'minutes-removed', meeting: id, approved, file });
    return out;
  }
  const file = now!.file.display;
  if (!was) {
    out.push({
      kind: 'minutes-drafted',
      meeting: id,
      status: now!.data.status,
      minutes: (after?.items ?? []).map((i) => i.number),
      ...(approvedAt(now!.data.approved) !== undefined ? { approvedAt: approvedAt(now!.data.approved)! } : {}),
      file,
      line: 1,
    });
  } else {
    const statusLine = now!.pos(['status']).line;
    if (was.data.status !== 'approved' && now!.data.status === 'approved') {
      out.push({
        kind: 'minutes-approved',
        meeting: id,
        ...(approvedAt(now!.data.approved) !== undefined ? { at: approvedAt(now!.data.approved)! } : {}),
        file,
        line: statusLine,
      });
    } else if (was.data.status === 'approved' && now!.data.status !== 'approved') {
      out.push({ kind: 'minutes-unapproved', meeting: id, file, line: statusLine });
    }
    // What was edited: items by number, and the fields that are not attendance or apologies.
    const bItems = new Map((before.items ?? []).map((i) => [i.number, i]));
    const aItems = new Map((after?.items ?? []).map((i) => [i.number, i]));
    const items: { number: number; title: string; how: 'added' | 'removed' | 'edited' }[] = [];
    let firstLine: number | undefined;
    for (const n of [...new Set([...bItems.keys(), ...aItems.keys()])].sort((x, y) => x - y)) {
      const b = bItems.get(n);
      const a = aItems.get(n);
      const how = !b
        ? 'added'
        : !a
          ? 'removed'
          : b.title !== a.title || unsynced(b.body) !== unsynced(a.body)
            ? 'edited'
            : undefined;
      if (!how) continue;
      items.push({ number: n, title: (a ?? b)!.title, how });
      if (a && firstLine === undefined) firstLine = a.line;
    }
    const skip = new Set(['status', 'approved', 'present', 'apologies', 'in_attendance', 'chair', 'corrections']);
    const keys = [...new Set([...Object.keys(was.data), ...Object.keys(now!.data)])].filter((k) => !skip.has(k));
    const fields = keys.filter((k) => !same((was.data as never)[k], (now!.data as never)[k])).sort();
    if (items.length > 0 || fields.length > 0) {
      const line = fields.length > 0 ? now!.pos([fields[0]!], true).line : firstLine;
      out.push({ kind: 'minutes-edited', meeting: id, items, fields, file, ...(line !== undefined ? { line } : {}) });
    }
  }
  const place = { file, line: 1 };
  if (was)
    out.push(
      ...apologyChanges(
        id,
        'minutes',
        { file, line: now!.pos(['apologies'], true).line },
        listed(was.data.apologies),
        listed(now!.data.apologies),
      ),
    );
  const present = {
    added: added(was?.data.present ?? [], now!.data.present ?? []),
    removed: added(now!.data.present ?? [], was?.data.present ?? []),
  };
  const inAttendance = {
    added: added(was?.data.in_attendance ?? [], now!.data.in_attendance ?? []),
    removed: added(now!.data.in_attendance ?? [], was?.data.in_attendance ?? []),
  };
  const chairChanged = was !== undefined && !same(was.data.chair, now!.data.chair);
  if (
    was &&
    (present.added.length + present.removed.length + inAttendance.added.length + inAttendance.removed.length > 0 ||
      chairChanged)
  ) {
    out.push({
      kind: 'attendance-changed',
      meeting: id,
      present,
      inAttendance,
      ...(chairChanged
        ? {
            chair: {
              ...(was.data.chair !== undefined ? { from: was.data.chair } : {}),
              ...(now!.data.chair !== undefined ? { to: now!.data.chair } : {}),
            },
          }
        : {}),
      file,
      line: now!.pos(
        [
          present.added.length + present.removed.length > 0
            ? 'present'
            : inAttendance.added.length + inAttendance.removed.length > 0
              ? 'in_attendance'
              : 'chair',
        ],
        true,
      ).line,
    });
  }
  out.push(...decisionChanges(id, file, before?.minutes ? before : undefined, after!));
  // New markers not yet synced: actions raised (synced ones are counted by their action files).
  const old = new Set(unsyncedMarkers(before).map((m) => m.key));
  for (const { key, item, marker } of unsyncedMarkers(after)) {
    if (old.has(key)) continue;
    out.push({
      kind: 'action-raised',
      meeting: id,
      minute: item.number,
      owners: marker.owners,
      ...(marker.due !== undefined ? { due: marker.due } : {}),
      title: marker.text,
      ...place,
      line: marker.line,
    });
  }
  return out;
}

function approvedChanges(before: MeetingEntry | undefined, after: MeetingEntry | undefined): Change[] {
  const was = before?.minutes;
  if (!was || !isApprovedText(was.file.text)) return [];
  const id = before.id;
  const now = after?.minutes;
  if (!now)
    return [
      {
        kind: 'approved-minutes-changed',
        meeting: id,
        correctionsAltered: false,
        removed: true,
        file: was.file.display,
        line: 1,
      },
    ];
  const edit = approvedEdit(was.file.text, now.file.text);
  if (edit.changed) {
    return [
      {
        kind: 'approved-minutes-changed',
        meeting: id,
        correctionsAltered: edit.correctionsAltered,
        removed: false,
        file: now.file.display,
        line: edit.line,
      },
    ];
  }
  const line = now.pos(['corrections'], true).line;
  return edit.added.map((c) => {
    const e = (c ?? {}) as { meeting?: unknown; minute?: unknown; note?: unknown };
    return {
      kind: 'correction-added' as const,
      meeting: id,
      ...(typeof e.meeting === 'string' ? { at: e.meeting } : {}),
      ...(typeof e.minute === 'number' ? { minute: e.minute } : {}),
      ...(typeof e.note === 'string' ? { note: e.note } : {}),
      file: now.file.display,
      line,
    };
  });
}

function meetingChanges(display: string, before: MeetingEntry, after: MeetingEntry): Change[] {
  const out: Change[] = [];
  const b = before.meeting?.data;
  const a = after.meeting?.data;
  const file = after.meeting?.file.display ?? noticeFile(display, after).file;
  const at = (key: string) => after.meeting?.pos([key], true).line ?? 1;
  if (a && b && (a.start !== b.start || a.venue !== b.venue) && before.id === after.id) {
    out.push({
      kind: 'meeting-rescheduled',
      meeting: after.id,
      was: before.id,
      from: timeOf(before),
      to: timeOf(after),
      file,
      line: at(a.start !== b.start ? 'start' : 'venue'),
    });
  }
  if (a && (a.status !== b?.status || a.published !== b?.published)) {
    out.push({
      kind: 'meeting-status',
      meeting: after.id,
      ...(b?.status !== undefined ? { from: b.status } : {}),
      ...(a.status !== undefined ? { to: a.status } : {}),
      ...(a.published !== undefined && a.published !== b?.published ? { published: a.published } : {}),
      file,
      line: at(a.status !== b?.status ? 'status' : 'published'),
    });
  }
  const items = a?.items ?? [];
  const t0 = titles(before);
  items.forEach((item, i) => {
    if (!t0.includes(item.title))
      out.push({
        kind: 'agenda-item-added',
        meeting: after.id,
        title: item.title,
        file,
        line: after.meeting?.pos(['items', i], false).line ?? 1,
      });
  });
  const t1 = titles(after);
  for (const title of t0)
    if (!t1.includes(title))
      out.push({ kind: 'agenda-item-removed', meeting: after.id, title, file, line: at('items') });
  out.push(...apologyChanges(after.id, 'meeting', { file, line: at('apologies') }, b?.apologies, a?.apologies));
  return out;
}

function actionChanges(before: ActionEntry | undefined, after: ActionEntry | undefined): Change[] {
  if (!after) {
    const d = before!.action.data;
    return [{ kind: 'action-removed', action: before!.id, title: d.title, file: before!.action.file.display }];
  }
  const a = after.action.data;
  const file = after.action.file.display;
  const line = (key: string) => after.action.pos([key], true).line;
  if (!before) {
    return [
      {
        kind: 'action-raised',
        action: after.id,
        ...(a.raised ? { meeting: a.raised.meeting, minute: a.raised.minute } : {}),
        owners: owners(a.owner),
        ...(a.due !== undefined ? { due: a.due } : {}),
        title: a.title,
        file,
        line: 1,
      },
    ];
  }
  const b = before.action.data;
  const out: Change[] = [];
  const base = { action: after.id, title: a.title, file };
  if (!same(owners(b.owner), owners(a.owner)))
    out.push({ kind: 'action-reassigned', ...base, from: owners(b.owner), to: owners(a.owner), line: line('owner') });
  if (b.due !== a.due)
    out.push({
      kind: 'action-redated',
      ...base,
      ...(b.due !== undefined ? { from: b.due } : {}),
      ...(a.due !== undefined ? { to: a.due } : {}),
      line: line('due'),
    });
  if (b.status !== a.status) {
    const closed = a.status === 'done' || a.status === 'dropped';
    const wasClosed = b.status === 'done' || b.status === 'dropped';
    if (closed)
      out.push({
        kind: 'action-closed',
        ...base,
        status: a.status as 'done' | 'dropped',
        ...(a.completed !== undefined ? { completed: a.completed } : {}),
        line: line('status'),
      });
    else
      out.push({
        kind: wasClosed ? 'action-reopened' : 'action-status',
        ...base,
        from: b.status,
        to: a.status,
        line: line('status'),
      });
  }
  const updates = added(b.updates ?? [], a.updates ?? []);
  if (updates.length > 0) out.push({ kind: 'action-progress', ...base, updates, line: line('updates') });
  return out;
}

type Person = (Member & { seat: true }) | (OtherPerson & { seat: false });

function rosterChanges(
  before: RecordSide,
  after: RecordSide,
  file: string,
  line: (id: string) => number | undefined,
): Change[] {
  const out: Change[] = [];
  const roster = (r: RecordSide) =>
    new Map<string, Person>([
      ...r.others.map((o) => [o.id, { ...o, seat: false as const }] as const),
      ...r.members.map((m) => [m.id, { ...m, seat: true as const }] as const),
    ]);
  const b = roster(before);
  const a = roster(after);
  for (const [id, p] of a) {
    const was = b.get(id);
    const place = { file, ...(line(id) !== undefined ? { line: line(id)! } : {}) };
    if (p.seat) {
      if (!was || !was.seat) {
        out.push({
          kind: 'member-joined',
          person: id,
          organisation: p.organisation,
          role: p.role,
          joined: p.joined,
          wasOther: was !== undefined,
          ...place,
        });
        if (p.left !== undefined)
          out.push({ kind: 'member-left', person: id, organisation: p.organisation, left: p.left, ...place });
        continue;
      }
      if (p.left !== undefined && p.left !== was.left)
        out.push({ kind: 'member-left', person: id, organisation: p.organisation, left: p.left, ...place });
      const fields: { field: string; from: unknown; to: unknown }[] = (
        ['name', 'organisation', 'sector', 'role', 'voting', 'joined', 'deputies'] as const
      )
        .filter((f) => !same(was[f], p[f]))
        .map((f) => ({ field: f, from: was[f], to: p[f] }));
      if (p.left === undefined && was.left !== undefined) fields.push({ field: 'left', from: was.left, to: undefined });
      if (fields.length > 0) out.push({ kind: 'member-changed', person: id, fields, ...place });
    } else if (!was) out.push({ kind: 'person-added', person: id, seat: false, ...place });
    else if (was.seat) out.push({ kind: 'person-removed', person: id, seat: true, ...place });
  }
  for (const [id, p] of b) if (!a.has(id)) out.push({ kind: 'person-removed', person: id, seat: p.seat, file });
  return out;
}

function termsChanges(before: RecordSide, after: RecordSide): Change[] {
  const p = after.partnership;
  if (!p || !before.partnership) return [];
  const settings = (Object.keys(after.settings) as (keyof Partnership)[]).filter(
    (k) => !same(before.settings[k], after.settings[k]),
  );
  const body = (r: RecordSide) => (r.partnership ? r.partnership.file.text.slice(r.partnership.bodyStart) : '');
  const text = body(before) !== body(after);
  if (settings.length === 0 && !text) return [];
  const line = settings.length > 0 ? p.pos([settings[0]!], true).line : p.bodyLine;
  return [{ kind: 'terms-changed', settings, text, file: p.file.display, line }];
}

/** The people's names on either side, the record as it is first: for the renderers. */
export function peopleNames(
  before: Pick<RecordIndex, 'people'>,
  after: Pick<RecordIndex, 'people'>,
): (id: string) => string {
  return (id) => after.people.get(id)?.name ?? before.people.get(id)?.name ?? id;
}

/** Everything the change does to the record, grouped by meeting (in date order), then actions, people and terms. */
export function recordChanges(before: RecordSide, after: RecordSide): Change[] {
  const out: Change[] = [];
  const gone = before.meetings.filter((m) => !after.meetingsById.has(m.id));
  const come = after.meetings.filter((m) => !before.meetingsById.has(m.id));
  const moves = pairMoves(gone, come);
  const movedFrom = new Map(moves.map(([old, now]) => [now.id, old]));
  const movedTo = new Set(moves.map(([old]) => old.id));

  // Meetings in date order (as the record is now), then those that went.
  for (const m of after.meetings) {
    const old = before.meetingsById.get(m.id) ?? movedFrom.get(m.id);
    const place = noticeFile(after.display, m);
    if (!old) out.push({ kind: 'meeting-added', meeting: m.id, time: timeOf(m), ...place });
    else if (old.id !== m.id)
      out.push({ kind: 'meeting-rescheduled', meeting: m.id, was: old.id, from: timeOf(old), to: timeOf(m), ...place });
    out.push(...approvedChanges(old, m));
    if (old) out.push(...meetingChanges(after.display, old, m));
    else out.push(...apologyChanges(m.id, 'meeting', place, [], m.meeting?.data.apologies));
    out.push(...minutesChanges(old, m));
  }
  for (const m of gone) {
    if (movedTo.has(m.id)) continue;
    out.push({ kind: 'meeting-removed', meeting: m.id, time: timeOf(m), ...noticeFile(before.display, m) });
    out.push(...approvedChanges(m, undefined));
    out.push(...minutesChanges(m, undefined));
  }

  // Actions: by id, those raised at a meeting placed with it.
  const actionIds = [...new Set([...before.actions.map((a) => a.id), ...after.actions.map((a) => a.id)])].sort();
  for (const id of actionIds)
    out.push(
      ...actionChanges(
        before.actions.find((a) => a.id === id),
        after.actions.find((a) => a.id === id),
      ),
    );

  const membersFile =
    after.membersFile?.file.display ?? `${after.display === '.' ? '' : `${after.display}/`}members.yaml`;
  const personLine = (id: string) => {
    const m = after.members.findIndex((p) => p.id === id);
    const o = after.others.findIndex((p) => p.id === id);
    const path = m >= 0 ? ['members', m, 'id'] : o >= 0 ? ['others', o, 'id'] : undefined;
    return path && after.membersFile ? after.membersFile.pos(path).line : undefined;
  };
  out.push(...rosterChanges(before, after, membersFile, personLine));
  out.push(...termsChanges(before, after));
  return out;
}

/** The meeting that approved the minutes, or undefined (not approved, or approved by e-mail). */
function approvedAt(a: Approval | undefined): string | undefined {
  return a !== undefined && 'meeting' in a ? a.meeting : undefined;
}

/** The apologies named (none when the minutes say they were not recorded). */
function listed(a: readonly Apology[] | 'not-recorded' | undefined): readonly Apology[] | undefined {
  return a === 'not-recorded' ? undefined : a;
}
