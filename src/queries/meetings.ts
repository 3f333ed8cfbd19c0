/** Finding meetings: the next one to come, and a meeting named by the user. */
import type { MeetingEntry, RecordIndex } from '../model/types.js';
import { MEETING_ID } from '../core/ids.js';
import { UsageError } from '../core/errors.js';
import { nearest } from '../core/nearest.js';

/** The next meeting: the first on or after `today` that has no minutes yet and is not cancelled. */
export function nextMeeting(rec: Pick<RecordIndex, 'meetings'>, today: string): MeetingEntry | undefined {
  return rec.meetings.find((m) => m.date >= today && !m.minutes && m.meeting?.data.status !== 'cancelled');
}

export type MeetingLookup = { entry: MeetingEntry } | { problem: string };

/** Looks up a meeting id the user typed; a problem message (with a "did you mean") when there is none. */
export function findMeeting(
  rec: Pick<RecordIndex, 'meetings' | 'meetingsById'> & { display?: string; meetingIds?: string[] },
  id: string,
): MeetingLookup {
  const entry = rec.meetingsById.get(id);
  if (entry) return { entry };
  // Every meeting folder's name, when only some meetings were read.
  const ids = rec.meetingIds ?? rec.meetings.map((m) => m.id);
  if (!MEETING_ID.test(id)) {
    return {
      problem: `"${id}" is not a meeting id. Name a meeting by its date, YYYY-MM-DD (or YYYY-MM-DD-slug for a second meeting on one day).${hint(id, ids)}`,
    };
  }
  const folder = rec.display && rec.display !== '.' ? `${rec.display}/meetings/${id}` : `meetings/${id}`;
  return { problem: `There is no meeting ${id} in the record (no folder ${folder}/).${hint(id, ids)}` };
}

function hint(id: string, ids: string[]): string {
  if (ids.length === 0) return ' The record has no meetings yet: create one with csp new-meeting --date YYYY-MM-DD.';
  const guess = nearest(id, ids);
  if (guess) return ` Did you mean ${guess}?`;
  const recent = ids.slice(-3).join(', ');
  return ` The latest meetings are ${recent}.`;
}

/** The meeting with this id; exit 2, with a "did you mean", when the record has none. */
export function requireMeeting(
  rec: Pick<RecordIndex, 'meetings' | 'meetingsById'> & { display?: string },
  id: string,
): MeetingEntry {
  const look = findMeeting(rec, id);
  if ('problem' in look) throw new UsageError(look.problem);
  return look.entry;
}
