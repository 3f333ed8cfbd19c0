/** The meetings register (csp meetings): each meeting's status, its agenda's notice, and the state of its minutes. */
import { approvedAtMeeting } from './minutes-facts.js';
import { noticeDeadline, type HolidayRegion } from '../core/working-days.js';
import type { MeetingEntry, MeetingStatus, Partnership, RecordIndex } from '../model/types.js';

/** One meeting as the register shows it. */
export interface MeetingRow {
  id: string;
  date: string;
  /** From meeting.md (`scheduled` when it says nothing); null when meeting.md cannot be read. */
  status: MeetingStatus | null;
  start: string | null;
  venue: string | null;
  agenda: {
    /** The last day the agenda can go out and still give the partnership's notice. */
    deadline: string;
    /** The day it was circulated (`published`), or null. */
    published: string | null;
    /** Circulated after the deadline. */
    late: boolean;
  };
  minutes: { status: 'none' | 'draft' | 'approved' | 'unreadable'; approved_at: string | null };
}

/** Which meetings: all, those on or after today, or those before it. */
export type MeetingFilter = 'all' | 'upcoming' | 'past';

/** Every meeting of the record, oldest first, as the register shows it. */
export function meetingList(
  rec: Pick<RecordIndex, 'meetings'>,
  settings: Pick<Partnership, 'meetings'>,
  today: string,
  filter: MeetingFilter = 'all',
  /** Whether a meeting's minutes.md exists but could not be read. */
  unreadable: (m: MeetingEntry) => boolean = () => false,
): MeetingRow[] {
  const s = settings.meetings;
  return rec.meetings
    .filter((m) => filter === 'all' || (filter === 'upcoming' ? m.date >= today : m.date < today))
    .map((m) => {
      const d = m.meeting?.data;
      const deadline = noticeDeadline(m.date, s.notice_working_days, s.holidays as HolidayRegion);
      const published = d?.published ?? null;
      const minutes = m.minutes?.data;
      return {
        id: m.id,
        date: m.date,
        status: d ? (d.status ?? 'scheduled') : null,
        start: d ? (d.start ?? null) : null,
        venue: d ? (d.venue ?? null) : null,
        agenda: { deadline, published, late: published !== null && published > deadline },
        minutes: minutes
          ? { status: minutes.status, approved_at: approvedAtMeeting(minutes) ?? null }
          : { status: unreadable(m) ? 'unreadable' : 'none', approved_at: null },
      };
    });
}
