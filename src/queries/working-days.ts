import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type HolidaysLib from 'date-holidays';

/** A UK bank-holiday region, as named in partnership.md `meetings.holidays`. */
export type HolidayRegion = 'GB-ENG' | 'GB-WLS' | 'GB-SCT' | 'GB-NIR';

type HolidaysCtor = typeof HolidaysLib;

// date-holidays carries ~800 KB of data for every country; the pure date helpers here are
// used all over the CLI, so the library is only required when a bank holiday is first asked for.
let holidaysCtor: HolidaysCtor | undefined;
function loadHolidays(): HolidaysCtor {
  if (holidaysCtor === undefined) {
    const require = createRequire(import.meta.url);
    // The package's CommonJS build sets module.exports to the class itself.
    holidaysCtor = require('date-holidays') as HolidaysCtor;
  }
  return holidaysCtor;
}

// date-holidays has a Wales state with the same list as England; using it keeps GB-WLS honest
// if the two ever diverge.
const STATE: Record<HolidayRegion, string> = {
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
/** The list the build pins from the same library (scripts/compile-holidays.js); null when not built. */
function pinnedHolidays(): Pinned | null {
  if (pinned === undefined) {
    try {
      pinned = JSON.parse(readFileSync(new URL('./bank-holidays.json', import.meta.url), 'utf8')) as Pinned;
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
    if (state === undefined) throw new RangeError(`Unknown holiday region: ${String(region)}`);
    const pinned = pinnedHolidays()?.regions[region]?.[String(year)];
    if (pinned) days = new Set(pinned);
    else {
      const Holidays = loadHolidays();
      const hd = new Holidays('GB', state);
      days = new Set<string>();
      // The library mixes observances (Mother's Day, Easter Sunday) in with the bank holidays.
      for (const h of hd.getHolidays(year) || []) {
        if (h.type === 'public') days.add(h.date.slice(0, 10));
      }
    }
    cache.set(key, days);
  }
  return days;
}

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function toUtcMs(date: string): number {
  const m = ISO_DATE.exec(date);
  if (m !== null) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    const ms = Date.UTC(y, mo - 1, d);
    const back = new Date(ms);
    if (back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d) {
      return ms;
    }
  }
  throw new RangeError(`Not a date in YYYY-MM-DD form: ${JSON.stringify(date)}`);
}

function fromUtcMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Whether s is a strict YYYY-MM-DD string naming a day that exists. */
export function isRealDate(s: string): boolean {
  if (typeof s !== 'string') return false;
  try {
    toUtcMs(s);
    return true;
  } catch {
    return false;
  }
}

/** The date n calendar days after date (before it when n is negative). */
export function addDays(date: string, n: number): string {
  return fromUtcMs(toUtcMs(date) + n * DAY_MS);
}

/** Calendar days from a to b (b - a): positive when b is later. */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtcMs(b) - toUtcMs(a)) / DAY_MS);
}

/** Day of the week of date: 0 Sunday to 6 Saturday. */
export function weekday(date: string): number {
  return new Date(toUtcMs(date)).getUTCDay();
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
  let candidate = addDays(meetingDate, -1);
  let clear = 0;
  for (;;) {
    const working = isWorkingDay(candidate, region);
    if (working && clear >= noticeDays) return candidate;
    if (working) clear++;
    candidate = addDays(candidate, -1);
  }
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** A date written out in English, e.g. 'Thursday 17 December 2026', the same on every machine. */
export function formatLongDate(date: string): string {
  const d = new Date(toUtcMs(date));
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}
