/**
 * Quorum, as the terms of reference define it: every requirement met by the people
 * present (from the minutes) or expected (from the apologies so far).
 */
import type { Apology, MeetingEntry, Member, QuorumRequirement, RecordIndex, Partnership } from '../model/types.js';
import { membersOn } from './people.js';
import { apologiesOf, apologiesRecorded, attendanceRecorded } from './minutes-facts.js';

/** Someone counted at a meeting: a member in person, or a substitute standing in for one. */
export interface Attendee {
  /** The id shown in satisfied_by: the member's, or the substitute's own. */
  id: string;
  /** The member whose seat this is. */
  seat: Member;
  substitute: boolean;
}

export interface RequirementResult {
  label: string;
  min: number;
  /** People counted, or organisations under `count: organisations`; null when attendance was not recorded. */
  count: number | null;
  /** null when the record cannot say (attendance not recorded). */
  met: boolean | null;
  /** What is counted: people, or organisations (beyond the documented JSON fields, only for organisations). */
  counts?: 'organisations';
  satisfied_by: string[];
  /** For an unmet requirement: the members who would meet it, with their deputies. */
  could_meet?: { member: string; deputies: string[] }[];
}

export interface QuorumResult {
  meeting: string;
  /** not-recorded: the minutes do not say who attended, so the quorum cannot be known. */
  basis: 'minutes' | 'predicted' | 'not-recorded';
  /** null when the record cannot say. */
  quorate: boolean | null;
  requirements: RequirementResult[];
}

/** Who counts at a meeting: from its minutes if it has them, else predicted from the apologies. */
export function attendees(
  index: Pick<RecordIndex, 'members' | 'people'>,
  entry: MeetingEntry,
): { basis: 'minutes' | 'predicted' | 'not-recorded'; list: Attendee[]; partial?: boolean } {
  const onDay = membersOn(index, entry.date);
  const seatOf = new Map(onDay.map((m) => [m.id, m]));
  const list: Attendee[] = [];
  const withSubs = (apologies: Apology[] | undefined) => {
    for (const a of apologies ?? []) {
      const seat = seatOf.get(a.member);
      if (seat && a.substitute) list.push({ id: a.substitute, seat, substitute: true });
    }
  };
  if (entry.minutes) {
    const d = entry.minutes.data;
    if (!attendanceRecorded(d)) return { basis: 'not-recorded', list };
    for (const id of d.present ?? []) {
      const seat = seatOf.get(id);
      if (seat) list.push({ id, seat, substitute: false });
    }
    withSubs(apologiesOf(d));
    // Without the apologies, substitutes who attended are not known: the present may still be enough.
    return apologiesRecorded(d) ? { basis: 'minutes', list } : { basis: 'minutes', list, partial: true };
  }
  const away = new Set((entry.meeting?.data.apologies ?? []).map((a) => a.member));
  // Non-voting members are expected too: they count only for a requirement with
  // `voting: false`, which could otherwise never be predicted as met.
  for (const m of onDay) if (!away.has(m.id)) list.push({ id: m.id, seat: m, substitute: false });
  withSubs(entry.meeting?.data.apologies);
  return { basis: 'predicted', list };
}

function matches(req: QuorumRequirement, seat: Member, substitute: boolean): boolean {
  // A substitute counts for the member's organisation and sector, never their role.
  if (req.roles && (substitute || !req.roles.includes(seat.role))) return false;
  if (req.sectors && !req.sectors.includes(seat.sector)) return false;
  if (req.organisations && !req.organisations.includes(seat.organisation)) return false;
  if (req.voting !== false && !seat.voting) return false;
  return true;
}

/** `fraction` of `total` rounded up, without floating-point noise (0.1 × 30 is 3, not 4). */
export function fractionOf(fraction: number, total: number): number {
  return Math.ceil(Math.round(fraction * total * 1e9) / 1e9);
}

/** Applies the partnership's quorum rules to one meeting. */
export function quorum(
  index: Pick<RecordIndex, 'members' | 'people'>,
  settings: Partnership,
  entry: MeetingEntry,
): QuorumResult {
  const { basis, list, partial } = attendees(index, entry);
  const onDay = membersOn(index, entry.date);
  const votingCount = onDay.filter((m) => m.voting).length;
  const requirements = settings.quorum.map((req): RequirementResult => {
    const min = req.min ?? fractionOf(req.fraction ?? 0, votingCount);
    const byOrganisation = req.count === 'organisations';
    if (basis === 'not-recorded') {
      const unknown: RequirementResult = { label: req.label, min, count: null, met: null, satisfied_by: [] };
      if (byOrganisation) unknown.counts = 'organisations';
      return unknown;
    }
    const who = list.filter((a) => matches(req, a.seat, a.substitute));
    const ids = [...new Set(who.map((a) => a.id))];
    const count = byOrganisation ? new Set(who.map((a) => a.seat.organisation)).size : ids.length;
    const met = count >= min ? true : partial ? null : false;
    const result: RequirementResult = { label: req.label, min, count, met, satisfied_by: ids };
    if (byOrganisation) result.counts = 'organisations';
    if (met === false) {
      const counted = new Set(who.map((a) => a.seat.id));
      result.could_meet = onDay
        .filter((m) => !counted.has(m.id) && matches(req, m, false))
        .map((m) => ({ member: m.id, deputies: req.roles ? [] : m.deputies }));
    }
    return result;
  });
  const quorate = requirements.some((r) => r.met === false)
    ? false
    : requirements.every((r) => r.met === true)
      ? true
      : null;
  return {
    meeting: entry.id,
    basis: quorate === null && basis === 'minutes' ? 'not-recorded' : basis,
    quorate,
    requirements,
  };
}
