/**
 * Attendance, as the terms of reference read it: who came to each meeting with minutes,
 * and which organisations have gone unrepresented for `absence_limit` meetings in a row.
 */
import type { MeetingEntry, Member, RecordIndex } from '../model/types.js';
import { membersOn } from './people.js';
import { apologiesOf, apologiesRecorded, attendanceRecorded } from './minutes-facts.js';

/** A member's record at one meeting; null when they held no seat that day, or the minutes do not say. */
export type AttendanceMark = 'present' | 'substituted' | 'apologies' | 'absent' | null;

export interface MemberAttendance {
  id: string;
  organisation: string;
  record: AttendanceMark[];
  /** Beyond the documented JSON fields, for the text and CSV outputs. */
  name: string;
}

export interface OrganisationAttendance {
  organisation: string;
  /** Per meeting: one of its members present, or a substitute attending for one; null when the minutes do not say. */
  represented: (boolean | null)[];
  /** Per meeting: whether the organisation held a seat that day (beyond the documented JSON fields). */
  seated: boolean[];
  /** Meetings in a row, back from the latest with minutes, at which it held a seat and was not represented. */
  unrepresented_run: number;
  flagged: boolean;
  /** The meetings of that run, oldest first (beyond the documented JSON fields). */
  unrepresented_meetings: string[];
}

export interface AttendanceReport {
  meetings: string[];
  /** Per meeting: false when its minutes do not record attendance (beyond the documented JSON fields). */
  recorded: boolean[];
  members: MemberAttendance[];
  organisations: OrganisationAttendance[];
  absence_limit: number;
}

/** Meetings whose minutes were read (draft or approved), oldest first. */
export function meetingsWithMinutes(rec: Pick<RecordIndex, 'meetings'>): MeetingEntry[] {
  return rec.meetings.filter((m) => m.minutes !== undefined);
}

/** What a set of minutes says of each member it names: present, or apologies (with a substitute or not). */
type NamedMark = 'present' | 'substituted' | 'apologies';

/**
 * Each set of minutes' marks by member, worked out once (a council's attendance asks every
 * member's mark at every meeting). Minutes are not changed once read, so the marks of a
 * set stay what its data says: present comes first, then the first apology a member sent.
 */
const namedMarks = new WeakMap<object, Map<string, NamedMark>>();

function marksOf(d: NonNullable<MeetingEntry['minutes']>['data']): Map<string, NamedMark> {
  let marks = namedMarks.get(d);
  if (marks === undefined) {
    marks = new Map();
    for (const a of apologiesOf(d))
      if (!marks.has(a.member)) marks.set(a.member, a.substitute ? 'substituted' : 'apologies');
    // A present that is not a list (which validate reports) names no one, as apologies that are not one do.
    for (const id of Array.isArray(d.present) ? d.present : []) marks.set(id, 'present');
    namedMarks.set(d, marks);
  }
  return marks;
}

/** One member's mark at one meeting with minutes. */
export function markFor(entry: MeetingEntry, member: Member): AttendanceMark {
  if (!(member.joined <= entry.date && (member.left === undefined || entry.date < member.left))) return null;
  const d = entry.minutes!.data;
  if (!attendanceRecorded(d)) return null;
  // Without the apologies, someone not present may have sent them, or a substitute.
  return marksOf(d).get(member.id) ?? (apologiesRecorded(d) ? 'absent' : null);
}

/** Whether an organisation was represented at a meeting: a member of it present, or a substitute for one. */
function representation(
  rec: Pick<RecordIndex, 'members'>,
  entry: MeetingEntry,
): { seated: Set<string>; represented: Set<string>; unknown: Set<string> } {
  const seated = new Set<string>();
  const represented = new Set<string>();
  const unknown = new Set<string>();
  for (const m of membersOn(rec, entry.date)) {
    seated.add(m.organisation);
    const mark = markFor(entry, m);
    if (mark === 'present' || mark === 'substituted') represented.add(m.organisation);
    else if (mark === null) unknown.add(m.organisation);
  }
  for (const o of represented) unknown.delete(o);
  return { seated, represented, unknown };
}

/** Whether the minutes of a meeting record who attended. */
export function attendanceKnown(entry: MeetingEntry): boolean {
  return entry.minutes !== undefined && attendanceRecorded(entry.minutes.data);
}

/**
 * The attendance report over the last `last` meetings with minutes (all when undefined).
 * The run is counted over every meeting with minutes, so `--last` never hides a flag.
 */
export function attendance(
  rec: Pick<RecordIndex, 'members' | 'meetings'>,
  absenceLimit: number,
  last?: number,
): AttendanceReport {
  const all = meetingsWithMinutes(rec);
  const shown = last === undefined ? all : all.slice(Math.max(0, all.length - last));
  const members = rec.members
    .map((m) => ({ id: m.id, organisation: m.organisation, record: shown.map((e) => markFor(e, m)), name: m.name }))
    .filter((m) => m.record.some((r) => r !== null));

  const perMeeting = new Map(all.map((e) => [e.id, representation(rec, e)]));
  const organisations: OrganisationAttendance[] = [];
  for (const organisation of [...new Set(members.map((m) => m.organisation))]) {
    const represented = shown.map((e) => {
      const r = perMeeting.get(e.id)!;
      return r.unknown.has(organisation) ? null : r.represented.has(organisation);
    });
    const seated = shown.map((e) => perMeeting.get(e.id)!.seated.has(organisation));
    const run: string[] = [];
    const latest = all[all.length - 1];
    // An organisation with no seat at the latest meeting has left the board: nothing to ask it.
    if (latest && perMeeting.get(latest.id)!.seated.has(organisation)) {
      for (let i = all.length - 1; i >= 0; i--) {
        const r = perMeeting.get(all[i]!.id)!;
        // A meeting without a seat, or whose minutes do not say who came, neither counts nor breaks the run.
        if (!r.seated.has(organisation) || r.unknown.has(organisation)) continue;
        if (r.represented.has(organisation)) break;
        run.unshift(all[i]!.id);
      }
    }
    organisations.push({
      organisation,
      represented,
      unrepresented_run: run.length,
      flagged: run.length >= absenceLimit,
      seated,
      unrepresented_meetings: run,
    });
  }
  return {
    meetings: shown.map((e) => e.id),
    recorded: shown.map(attendanceKnown),
    members,
    organisations,
    absence_limit: absenceLimit,
  };
}
