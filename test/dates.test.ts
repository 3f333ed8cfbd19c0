/**
 * Calendar dates (src/core/dates.ts), worked out without Date: every day of the years around
 * the calendar's edges (year 0, the leap rules of 1900, 2000 and 2100, the last years) is the
 * day Date counts, is a real day, and is as many days from 1970-01-01 as Date says; and
 * strings that are not a real day in YYYY-MM-DD form are refused.
 */
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, formatLongDate, isRealDate, weekday } from '../src/core/dates.js';

/** The day a YYYY-MM-DD string names as Date counts it (ms), or undefined when Date would not give back that day. */
function byDate(s: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m === null) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const back = new Date(Date.UTC(2000, mo - 1, d));
  back.setUTCFullYear(y, mo - 1, d);
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d
    ? back.getTime()
    : undefined;
}

const YEARS = [
  0, 1, 3, 4, 99, 100, 399, 400, 1582, 1899, 1900, 1969, 1970, 1999, 2000, 2024, 2026, 2100, 2400, 9998, 9999,
];
const p = (n: number, w: number) => String(n).padStart(w, '0');

describe('calendar dates', () => {
  it('counts every day of the years at the edges as Date does', () => {
    let days = 0;
    for (const y of YEARS) {
      for (let m = 1; m <= 12; m++) {
        for (let d = 1; d <= 31; d++) {
          const s = `${p(y, 4)}-${p(m, 2)}-${p(d, 2)}`;
          const ms = byDate(s);
          expect(isRealDate(s), s).toBe(ms !== undefined);
          if (ms === undefined) {
            expect(() => daysBetween('1970-01-01', s), s).toThrow(RangeError);
            continue;
          }
          days++;
          expect(daysBetween('1970-01-01', s), s).toBe(ms / 86_400_000);
          expect(weekday(s), s).toBe(new Date(ms).getUTCDay());
          expect(addDays(s, 1), s).toBe(new Date(ms + 86_400_000).toISOString().slice(0, 10));
        }
      }
    }
    // 21 years, six of them leap years (0, 4, 400, 2000, 2024, 2400).
    expect(days).toBe(21 * 365 + 6);
    expect(formatLongDate('2026-12-29')).toBe('Tuesday 29 December 2026');
  });

  it('refuses what is not a real day in YYYY-MM-DD form', () => {
    for (const s of [
      '2026-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-01-00',
      '2026-1-01',
      '2026-01-1',
      '20260101',
      '2026/01/01',
      ' 2026-01-01',
      '2026-01-01 ',
      '2026-01-01\n',
      '２０２６-01-01',
      '-026-01-01',
      '2026-0a-01',
      '',
    ]) {
      expect(isRealDate(s), JSON.stringify(s)).toBe(false);
      expect(() => addDays(s, 1), JSON.stringify(s)).toThrow(RangeError);
    }
    expect(isRealDate(20260101)).toBe(false);
    expect(isRealDate(undefined)).toBe(false);
  });
});
