/**
 * Calendar dates as the record writes them, `YYYY-MM-DD` strings: whether one is a real
 * day, arithmetic in days and months, and the English forms the clerk reads. Every
 * function works in UTC, so the same date gives the same answer on every machine.
 */

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function toUtcMs(date: string): number {
  const m = ISO_DATE.exec(date);
  if (m !== null) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    // Date.UTC reads years 0-99 as 1900-1999: set the year on its own.
    const back = new Date(Date.UTC(2000, mo - 1, d));
    back.setUTCFullYear(y, mo - 1, d);
    const ms = back.getTime();
    if (back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d) {
      return ms;
    }
  }
  throw new RangeError(`Not a date in YYYY-MM-DD form: ${JSON.stringify(date)}`);
}

function fromUtcMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Days in each month of a common year. */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Whether s is a strict YYYY-MM-DD string naming a day that exists (in the proleptic
 * Gregorian calendar, as Date counts): worked out from the month's length, with no Date.
 */
export function isRealDate(s: unknown): boolean {
  if (typeof s !== 'string') return false;
  const m = ISO_DATE.exec(s);
  if (m === null) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (mo === 2 && leap ? 29 : MONTH_DAYS[mo - 1]!);
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
