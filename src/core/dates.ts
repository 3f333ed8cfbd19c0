/**
 * Calendar dates as the record writes them, `YYYY-MM-DD` strings: whether one is a real
 * day, arithmetic in days and months, and the English forms the clerk reads. Every
 * function works in UTC, so the same date gives the same answer on every machine.
 */

const DAY_MS = 86_400_000;

/** The number written by the ASCII digits s[from..to), or -1 when any of them is not one. */
function digitsAt(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (!(c >= 0 && c <= 9)) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Days in each month of a common year. */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The days from 1970-01-01 to the day s names, when s is a strict YYYY-MM-DD string naming a
 * day that exists in the proleptic Gregorian calendar (as Date counts); NaN otherwise.
 * Worked out from the month's length and the calendar's 400-year cycle, with no Date.
 */
function dayNumber(s: string): number {
  if (s.length !== 10 || s.charCodeAt(4) !== 0x2d || s.charCodeAt(7) !== 0x2d) return NaN;
  const y = digitsAt(s, 0, 4);
  const m = digitsAt(s, 5, 7);
  const d = digitsAt(s, 8, 10);
  if (y < 0 || m < 1 || m > 12 || d < 1) return NaN;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (d > (m === 2 && leap ? 29 : MONTH_DAYS[m - 1]!)) return NaN;
  // Counted in years that start on 1 March, so the leap day ends the year.
  const year = m <= 2 ? y - 1 : y;
  const era = Math.floor(year / 400);
  const ofEra = year - era * 400;
  const ofYear = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146_097 + ofEra * 365 + Math.floor(ofEra / 4) - Math.floor(ofEra / 100) + ofYear - 719_468;
}

function toUtcMs(date: string): number {
  const day = dayNumber(date);
  if (Number.isNaN(day)) throw new RangeError(`Not a date in YYYY-MM-DD form: ${JSON.stringify(date)}`);
  return day * DAY_MS;
}

function fromUtcMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Whether s is a strict YYYY-MM-DD string naming a day that exists (in the proleptic
 * Gregorian calendar, as Date counts): worked out from the month's length, with no Date.
 */
export function isRealDate(s: unknown): boolean {
  return typeof s === 'string' && !Number.isNaN(dayNumber(s));
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

/** The same day `n` months later (clamped to the month's end). */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The local calendar day of an instant, YYYY-MM-DD (the default "today"). */
export function localDate(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A date written out in English, e.g. 'Thursday 17 December 2026', the same on every machine. */
export function formatLongDate(date: string): string {
  const d = new Date(toUtcMs(date));
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** The long date without the weekday, e.g. '17 December 2026', to keep lines short. */
export function formatShortDate(date: string): string {
  const d = new Date(toUtcMs(date));
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}
