/** Rules about meetings and actions over time: notice, frequency, action-state. */
import { addDays, addMonths, formatLongDate } from '../core/dates.js';
import type { Rule } from './rule.js';
import type { Loaded } from '../model/types.js';
import { noticeDeadline, type HolidayRegion } from '../core/working-days.js';

export const notice: Rule = {
  id: 'notice',
  severity: 'warning',
  summary:
    'An agenda published later than the notice deadline (clear working days before the meeting, bank holidays excluded).',
  check(ctx, report) {
    const { notice_working_days: days, holidays } = ctx.rec.settings.meetings;
    for (const entry of ctx.rec.meetings) {
      const published = entry.meeting?.data.published;
      if (!published || entry.meeting?.data.status === 'cancelled') continue;
      const deadline = noticeDeadline(entry.date, days, holidays as HolidayRegion);
      if (published > deadline) {
        report(
          { loaded: entry.meeting as Loaded<unknown>, path: ['published'] },
          `The agenda went out on ${formatLongDate(published)}, after the notice deadline of ${formatLongDate(deadline)} (${days} clear working days before the meeting). Late items are at the Chairs' discretion: note why in the minutes.`,
        );
      }
    }
  },
};

const MONTHS: Record<string, number | undefined> = { monthly: 1, 'bi-monthly': 2, quarterly: 3, 'ad-hoc': undefined };
/** Grace beyond the frequency before a gap is flagged, in days. */
export const FREQUENCY_GRACE_DAYS = 14;

export const frequency: Rule = {
  id: 'frequency',
  severity: 'warning',
  summary: `A gap between consecutive meetings longer than the partnership's frequency allows (monthly, bi-monthly or quarterly, plus ${FREQUENCY_GRACE_DAYS} days).`,
  check(ctx, report) {
    const months = MONTHS[ctx.rec.settings.meetings.frequency];
    if (months === undefined) return;
    const held = ctx.rec.meetings.filter((m) => m.meeting && m.meeting.data.status !== 'cancelled');
    for (let i = 1; i < held.length; i++) {
      const prev = held[i - 1]!;
      const cur = held[i]!;
      const latest = addDays(addMonths(prev.date, months), FREQUENCY_GRACE_DAYS);
      if (cur.date > latest) {
        report(
          { loaded: cur.meeting as Loaded<unknown>, path: ['date'] },
          `This meeting comes more than ${months} month${months > 1 ? 's' : ''} after the last one (${prev.id}); the partnership meets ${ctx.rec.settings.meetings.frequency}. Schedule a meeting by ${latest}, or change meetings.frequency in partnership.md.`,
        );
      }
    }
  },
};

export const actionState: Rule = {
  id: 'action-state',
  severity: 'error',
  summary: 'An action done or dropped without a `completed` date, or with `completed` while still open or in progress.',
  check(ctx, report) {
    for (const { action } of ctx.rec.actions) {
      const a = action.data;
      const l = action as Loaded<unknown>;
      if ((a.status === 'done' || a.status === 'dropped') && a.completed === undefined) {
        report(
          { loaded: l, path: ['status'] },
          `The action is ${a.status} but has no "completed" date. Add completed: YYYY-MM-DD (csp action update sets it).`,
        );
      } else if ((a.status === 'open' || a.status === 'in-progress') && a.completed !== undefined) {
        report(
          { loaded: l, path: ['completed'], key: true },
          `The action is ${a.status} but has a "completed" date. Remove it, or set the status to done or dropped.`,
        );
      }
    }
  },
};
