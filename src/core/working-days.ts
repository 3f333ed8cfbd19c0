/**
 * Working days and notice deadlines: weekends and the region's bank holidays left out.
 * The bank holidays for 1990-2060 are pinned at build time (scripts/compile-holidays.js)
 * from the date-holidays library, which is loaded only for a year outside that range.
 */
import { createRequire } from 'node:module';
import type HolidaysLib from 'date-holidays';
import { addDays, daysBetween, formatLongDate, weekday } from './dates.js';

const DAY_MS = 86_400_000;

/** A UK bank-holiday region, as named in partnership.md `meetings.holidays`. */
export type HolidayRegion = 'GB-ENG' | 'GB-WLS' | 'GB-SCT' | 'GB-NIR';

type HolidaysCtor = typeof HolidaysLib;

const require = createRequire(import.meta.url);

// date-holidays carries ~800 KB of data for every country: required only when a year
// outside the pinned range is first asked for.
let holidaysCtor: HolidaysCtor | undefined;
function loadHolidays(): HolidaysCtor {
  // The package's CommonJS build sets module.exports to the class itself.
  holidaysCtor ??= require('date-holidays') as HolidaysCtor;
  return holidaysCtor;
}

// date-holidays has a Wales state with the same list as England; using it keeps GB-WLS honest
// if the two ever diverge.
const STATE: Partial<Record<string, string>> = {
  'GB-ENG': 'ENG',
  'GB-WLS': 'WLS',
  'GB-SCT': 'SCT',
  'GB-NIR': 'NIR',
};

const cache = new Map<string, Set<string>>();

interface Pinned {
  regions: Record<string, Record<string, string[]> | undefined>;
}
let pinned: Pinned | null | undefined;
/** The list the build pins from the same library; null when not built (running from the sources). */
function pinnedHolidays(): Pinned | null {
  if (pinned === undefined) {
    try {
      pinned = require('./bank-holidays.json') as Pinned;
    } catch {
      pinned = null;
    }
  }
  return pinned;
}

/** ISO dates (YYYY-MM-DD) of the region's bank holidays in a year, substitute days included. */
export function bankHolidays(region: HolidayRegion, year: number): Set<string> {
  const key = `${region}:${year}`;
  let days = cache.get(key);
  if (days === undefined) {
    const state = STATE[region];
    if (state === undefined) throw new RangeError(`Unknown holiday region: ${region}`);
    const fixed = pinnedHolidays()?.regions[region]?.[String(year)];
    if (fixed) days = new Set(fixed);
    else {
      const Holidays = loadHolidays();
      const hd = new Holidays('GB', state);
      days = new Set<string>();
      // The library mixes observances (Mother's Day, Easter Sunday) in with the bank holidays.
      for (const h of hd.getHolidays(year)) {
        if (h.type === 'public') days.add(h.date.slice(0, 10));
      }
    }
    cache.set(key, days);
  }
  return days;
}

/** Whether date is neither a Saturday, a Sunday nor one of the region's bank holidays. */
export function isWorkingDay(date: string, region: HolidayRegion): boolean {
  const day = weekday(date);
  if (day === 0 || day === 6) return false;
  return !bankHolidays(region, Number(date.slice(0, 4))).has(date);
}

/** Working days strictly between from and to (neither end counted); 0 when none lie between. */
export function clearWorkingDaysBetween(from: string, to: string, region: HolidayRegion): number {
  const span = daysBetween(from, to);
  let count = 0;
  for (let i = 1; i < span; i++) {
    if (isWorkingDay(addDays(from, i), region)) count++;
  }
  return count;
}

/** The last working day before the meeting that still leaves noticeDays clear working days. */
export function noticeDeadline(meetingDate: string, noticeDays: number, region: HolidayRegion): string {
  if (!Number.isInteger(noticeDays) || noticeDays < 0) {
    throw new RangeError(`Notice must be a whole number of days, 0 or more: ${noticeDays}`);
  }
  // Walk back from the day before the meeting; `clear` is the count of working days strictly
  // between the candidate and the meeting, so the first working candidate with enough is the answer.
  // Bounded: no region has a year without working days. The walk is in UTC milliseconds (a
  // weekend needs no date text); only weekdays are turned into dates, for the bank holidays.
  let ms = Date.parse(`${addDays(meetingDate, -1)}T00:00:00Z`);
  let clear = 0;
  for (let step = 0; step < 366 * (noticeDays + 1) + 366; step++, ms -= DAY_MS) {
    const day = (((Math.floor(ms / DAY_MS) + 4) % 7) + 7) % 7; // 1 January 1970 was a Thursday
    if (day === 0 || day === 6) continue;
    const candidate = new Date(ms).toISOString().slice(0, 10);
    if (bankHolidays(region, Number(candidate.slice(0, 4))).has(candidate)) continue;
    if (clear >= noticeDays) return candidate;
    clear++;
  }
  throw new RangeError(`No notice deadline found for ${meetingDate}`);
}

/** Why a day is no working day, in words ("12 December 2026, a Saturday", "Monday 25 May 2026, a bank holiday"); undefined when it is one. */
export function notWorkingDay(date: string, region: HolidayRegion): string | undefined {
  const day = weekday(date);
  const long = formatLongDate(date);
  if (day === 6 || day === 0) return `${long.replace(/^\S+ /, '')}, a ${day === 6 ? 'Saturday' : 'Sunday'}`;
  return bankHolidays(region, Number(date.slice(0, 4))).has(date) ? `${long}, a bank holiday` : undefined;
}
