/**
 * The facts of one set of minutes as every command reads them, whatever form the clerk
 * used: apologies or attendance not recorded, one chair or several, approval at a meeting
 * or by e-mail, exempt under a paragraph or for a reason, minute labels.
 */
import type { Apology, MinutesDoc } from '../model/types.js';

/** The apologies the minutes record (none when they say `apologies: not-recorded`). */
export function apologiesOf(d: Pick<MinutesDoc, 'apologies'>): Apology[] {
  return Array.isArray(d.apologies) ? d.apologies : [];
}

/** Whether the minutes record who was present (`attendance: not-recorded` says they do not). */
export function attendanceRecorded(d: Pick<MinutesDoc, 'attendance'>): boolean {
  return d.attendance !== 'not-recorded';
}

/** Whether the minutes record who sent apologies. */
export function apologiesRecorded(d: Pick<MinutesDoc, 'apologies'>): boolean {
  return d.apologies !== 'not-recorded';
}

/** The chairs, in the order they took the chair. */
export function chairsOf(d: Pick<MinutesDoc, 'chair'>): string[] {
  return d.chair === undefined ? [] : Array.isArray(d.chair) ? d.chair : [d.chair];
}

/** The meeting that confirmed the minutes, when they were confirmed at one. */
export function approvedAtMeeting(d: Pick<MinutesDoc, 'approved'>): string | undefined {
  return d.approved && 'meeting' in d.approved ? d.approved.meeting : undefined;
}

/** The e-mail approval of the minutes, when members approved them by e-mail. */
export function approvedByEmail(d: Pick<MinutesDoc, 'approved'>): { date: string; note?: string } | undefined {
  return d.approved && 'by' in d.approved ? d.approved : undefined;
}
