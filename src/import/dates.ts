/** Dates and times as minutes write them ("Thursday, 8th October, 2015, 13.00", "2.00 pm"). */

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const WEEKDAY = '(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\\s+)?';
const TIME = '(\\d{1,2})(?:[.:](\\d{2}))?\\s*(am|pm|a\\.m\\.|p\\.m\\.)?';

/** "8th October, 2015" (optionally with a weekday before and a time after). */
const DATE_RE = new RegExp(
  `\\b${WEEKDAY}(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH},?\\s+(\\d{4})(?:\\s*,?\\s*(?:at\\s+)?${TIME})?`,
  'i',
);
/** "October 8, 2015" */
const US_DATE_RE = new RegExp(`\\b${WEEKDAY}${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})`, 'i');
/** "08/10/2015" (day first, as in the UK). */
const NUMERIC_RE = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/;

/** A date found in text, with the time that follows it when there is one. */
export interface FoundDate {
  date: string;
  time?: string;
  index: number;
}

/** The month number (1-12) of an English month name or abbreviation. */
export function monthNumber(word: string): number | undefined {
  const w = word.toLowerCase().slice(0, 3);
  const i = MONTHS.findIndex((m) => m.startsWith(w));
  return i < 0 ? undefined : i + 1;
}

/** YYYY-MM-DD, or undefined for a day that does not exist. */
export function isoDate(y: number, m: number, d: number): string | undefined {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** "13.00", "1.00 pm", "2pm" as 24-hour "HH:MM"; undefined when it is not a time. */
export function clockTime(h: string, m: string | undefined, ampm: string | undefined): string | undefined {
  let hour = Number(h);
  const minute = m === undefined ? 0 : Number(m);
  if (ampm === undefined && m === undefined) return undefined;
  if (ampm) {
    if (hour < 1 || hour > 12) return undefined;
    const pm = ampm.toLowerCase().startsWith('p');
    if (pm && hour < 12) hour += 12;
    if (!pm && hour === 12) hour = 0;
  }
  if (hour > 23 || minute > 59) return undefined;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** The first date written in the text, and its time. */
export function findDate(text: string): FoundDate | undefined {
  const m = DATE_RE.exec(text);
  if (m) {
    const date = isoDate(Number(m[3]), monthNumber(m[2]!)!, Number(m[1]));
    if (date) {
      const found: FoundDate = { date, index: m.index };
      if (m[4]) {
        const time = clockTime(m[4], m[5], m[6]);
        if (time) found.time = time;
      }
      return found;
    }
  }
  const u = US_DATE_RE.exec(text);
  if (u) {
    const date = isoDate(Number(u[3]), monthNumber(u[1]!)!, Number(u[2]));
    if (date) return { date, index: u.index };
  }
  const n = NUMERIC_RE.exec(text);
  if (n) {
    const date = isoDate(Number(n[3]), Number(n[2]), Number(n[1]));
    if (date) return { date, index: n.index };
  }
  return undefined;
}

/** Every date written in the text, in order. */
export function findDates(text: string): string[] {
  const out: string[] = [];
  let rest = text;
  for (let guard = 0; guard < 50; guard++) {
    const f = findDate(rest);
    if (!f) break;
    out.push(f.date);
    rest = rest.slice(f.index + 6);
  }
  return out;
}

/** A time of day alone in a phrase ("ended at 15.00", "closed at 3.05 pm"). */
export function findTime(text: string): string | undefined {
  const m = new RegExp(`\\b${TIME}\\b`, 'i').exec(text);
  return m ? clockTime(m[1]!, m[2], m[3]) : undefined;
}
