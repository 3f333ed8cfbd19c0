import { describe, it, expect } from 'vitest';
import { addDays, daysBetween, formatLongDate, isRealDate, weekday } from '../src/core/dates.js';
import { bankHolidays, clearWorkingDaysBetween, isWorkingDay, noticeDeadline } from '../src/core/working-days.js';

describe('noticeDeadline', () => {
  it('follows the worked example over Christmas 2026', () => {
    // 18, 21, 22, 23, 24 Dec are the five clear days; 25 and 28 Dec are bank holidays.
    expect(noticeDeadline('2026-12-29', 5, 'GB-ENG')).toBe('2026-12-17');
    expect(clearWorkingDaysBetween('2026-12-17', '2026-12-29', 'GB-ENG')).toBe(5);
    expect(clearWorkingDaysBetween('2026-12-18', '2026-12-29', 'GB-ENG')).toBe(4);
  });

  it('follows the worked example over the spring bank holiday 2026', () => {
    // Mon 25 May would also leave five clear days, but it is a bank holiday, so not a day to
    // circulate on: the deadline falls back to Fri 22 May.
    expect(noticeDeadline('2026-06-02', 5, 'GB-ENG')).toBe('2026-05-22');
    expect(clearWorkingDaysBetween('2026-05-22', '2026-06-02', 'GB-ENG')).toBe(5);
  });

  it('skips Good Friday and Easter Monday 2026', () => {
    // Meeting Tue 14 Apr. Working days before it, counting back: Mon 13, Fri 10, Thu 9, Wed 8,
    // Tue 7 — five. So the agenda must go out on or before Mon 6 Apr; that is Easter Monday,
    // Sun 5 and Sat 4 are the weekend and Fri 3 is Good Friday, so the deadline is Thu 2 Apr.
    // (Between Thu 2 and Tue 14 the clear working days are 7, 8, 9, 10 and 13 Apr.)
    expect(noticeDeadline('2026-04-14', 5, 'GB-ENG')).toBe('2026-04-02');
    expect(clearWorkingDaysBetween('2026-04-02', '2026-04-14', 'GB-ENG')).toBe(5);
    // In Scotland Easter Monday is a working day, so Mon 6 Apr itself will do.
    expect(noticeDeadline('2026-04-14', 5, 'GB-SCT')).toBe('2026-04-06');
  });

  it('skips the late May bank holiday 2025', () => {
    // Meeting Tue 3 Jun 2025: clear days Tue 27 May to Mon 2 Jun; Mon 26 May is the bank
    // holiday, so the agenda goes out on Fri 23 May.
    expect(noticeDeadline('2025-06-03', 5, 'GB-ENG')).toBe('2025-05-23');
  });

  it('skips both substitute days of Christmas 2027 and the New Year 2028 substitute', () => {
    // Meeting Thu 6 Jan 2028: clear days Wed 29, Thu 30, Fri 31 Dec, Tue 4, Wed 5 Jan
    // (Mon 3 Jan is New Year's Day's substitute); Tue 28 and Mon 27 Dec are bank holidays.
    expect(noticeDeadline('2028-01-06', 5, 'GB-ENG')).toBe('2027-12-24');
  });

  it('with no notice required gives the last working day before the meeting', () => {
    expect(noticeDeadline('2026-06-03', 0, 'GB-ENG')).toBe('2026-06-02');
    expect(noticeDeadline('2026-06-01', 0, 'GB-ENG')).toBe('2026-05-29');
    expect(noticeDeadline('2026-05-26', 0, 'GB-ENG')).toBe('2026-05-22');
    expect(noticeDeadline('2026-12-29', 0, 'GB-ENG')).toBe('2026-12-24');
  });

  it('works when the meeting itself falls on a weekend', () => {
    // Sat 6 Jun 2026: clear days Mon 1 to Fri 5 Jun, so Fri 29 May.
    expect(noticeDeadline('2026-06-06', 5, 'GB-ENG')).toBe('2026-05-29');
  });

  it('refuses a negative or fractional notice period', () => {
    expect(() => noticeDeadline('2026-06-02', -1, 'GB-ENG')).toThrow(RangeError);
    expect(() => noticeDeadline('2026-06-02', 1.5, 'GB-ENG')).toThrow(RangeError);
  });

  it('is, for every day of a year and a bit, the latest working day with the notice clear before the meeting', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const region of ['GB-ENG', 'GB-SCT'] as const) {
      for (let day = '2025-12-01'; day < '2027-01-31'; day = addDays(day, 1)) {
        for (const days of [0, 5]) {
          const deadline = noticeDeadline(day, days, region);
          let right = isWorkingDay(deadline, region) && clearWorkingDaysBetween(deadline, day, region) === days;
          // No later working day before the meeting leaves the notice clear.
          for (let later = addDays(deadline, 1); right && later < day; later = addDays(later, 1))
            if (isWorkingDay(later, region) && clearWorkingDaysBetween(later, day, region) >= days) right = false;
          if (!right) wrong.push(`${region} ${day} ${days}: ${deadline}`);
          checked++;
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBe(2 * 2 * daysBetween('2025-12-01', '2027-01-31'));
  });
});

describe('bankHolidays', () => {
  it('returns ISO dates of the English bank holidays, substitutes included', () => {
    expect([...bankHolidays('GB-ENG', 2026)].sort()).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-08-31',
      '2026-12-25',
      '2026-12-26',
      '2026-12-28',
    ]);
  });

  it('includes both substitute days when Christmas 2027 falls on a Saturday', () => {
    const h = bankHolidays('GB-ENG', 2027);
    expect(h.has('2027-12-27')).toBe(true);
    expect(h.has('2027-12-28')).toBe(true);
    expect(isWorkingDay('2027-12-24', 'GB-ENG')).toBe(true);
    expect(isWorkingDay('2027-12-27', 'GB-ENG')).toBe(false);
    expect(isWorkingDay('2027-12-28', 'GB-ENG')).toBe(false);
    expect(isWorkingDay('2027-12-29', 'GB-ENG')).toBe(true);
  });

  it("leaves out observances such as Mother's Day and Easter Sunday", () => {
    const h = bankHolidays('GB-ENG', 2026);
    expect(h.has('2026-03-15')).toBe(false); // Mother's Day
    expect(h.has('2026-04-05')).toBe(false); // Easter Sunday
    expect(h.has('2026-06-21')).toBe(false); // Father's Day
  });

  it('gives Wales the same list as England', () => {
    expect([...bankHolidays('GB-WLS', 2026)].sort()).toEqual([...bankHolidays('GB-ENG', 2026)].sort());
  });

  it('knows Scotland differs from England', () => {
    expect(isWorkingDay('2026-01-02', 'GB-SCT')).toBe(false); // 2 January
    expect(isWorkingDay('2026-01-02', 'GB-ENG')).toBe(true);
    expect(isWorkingDay('2026-04-06', 'GB-SCT')).toBe(true); // Easter Monday is not a Scottish one
    expect(isWorkingDay('2026-04-06', 'GB-ENG')).toBe(false);
    expect(isWorkingDay('2026-08-03', 'GB-SCT')).toBe(false); // summer holiday is early August
    expect(isWorkingDay('2026-08-31', 'GB-SCT')).toBe(true);
    expect(isWorkingDay('2026-11-30', 'GB-SCT')).toBe(false); // St Andrew's Day
    // St Andrew's Day 2025 is a Sunday; Monday 1 December is its substitute.
    expect(isWorkingDay('2025-12-01', 'GB-SCT')).toBe(false);
    expect(isWorkingDay('2025-12-01', 'GB-ENG')).toBe(true);
  });

  it("knows Northern Ireland has St Patrick's Day and the Twelfth", () => {
    expect(isWorkingDay('2026-03-17', 'GB-NIR')).toBe(false);
    expect(isWorkingDay('2026-03-17', 'GB-ENG')).toBe(true);
    expect(isWorkingDay('2026-07-13', 'GB-NIR')).toBe(false); // 12 July 2026 is a Sunday
  });

  it('returns the same cached set on a second call', () => {
    expect(bankHolidays('GB-NIR', 2030)).toBe(bankHolidays('GB-NIR', 2030));
  });
});

describe('isWorkingDay', () => {
  it('treats weekends and bank holidays as non-working', () => {
    expect(isWorkingDay('2026-12-17', 'GB-ENG')).toBe(true); // Thursday
    expect(isWorkingDay('2026-12-19', 'GB-ENG')).toBe(false); // Saturday
    expect(isWorkingDay('2026-12-20', 'GB-ENG')).toBe(false); // Sunday
    expect(isWorkingDay('2025-05-26', 'GB-ENG')).toBe(false); // late May bank holiday
    expect(isWorkingDay('2025-05-27', 'GB-ENG')).toBe(true);
  });

  it('rejects a date that does not exist', () => {
    expect(() => isWorkingDay('2026-02-30', 'GB-ENG')).toThrow(RangeError);
  });
});

describe('clearWorkingDaysBetween', () => {
  it('is 0 for the same day, the next day, or a reversed range', () => {
    expect(clearWorkingDaysBetween('2026-06-02', '2026-06-02', 'GB-ENG')).toBe(0);
    expect(clearWorkingDaysBetween('2026-06-02', '2026-06-03', 'GB-ENG')).toBe(0);
    expect(clearWorkingDaysBetween('2026-06-10', '2026-06-02', 'GB-ENG')).toBe(0);
  });

  it('counts neither end', () => {
    // Mon 1 to Wed 3 Jun 2026: only Tue 2 lies between.
    expect(clearWorkingDaysBetween('2026-06-01', '2026-06-03', 'GB-ENG')).toBe(1);
    // Fri 5 to Mon 8 Jun: only the weekend lies between.
    expect(clearWorkingDaysBetween('2026-06-05', '2026-06-08', 'GB-ENG')).toBe(0);
    // Mon 1 to Mon 8 Jun: Tue 2 to Fri 5.
    expect(clearWorkingDaysBetween('2026-06-01', '2026-06-08', 'GB-ENG')).toBe(4);
  });

  it('crosses a year end', () => {
    // 29, 30, 31 Dec 2027; 27 and 28 Dec and Mon 3 Jan 2028 are bank holidays.
    expect(clearWorkingDaysBetween('2027-12-24', '2028-01-04', 'GB-ENG')).toBe(3);
  });
});

describe('isRealDate', () => {
  it('accepts real days in strict YYYY-MM-DD form', () => {
    expect(isRealDate('2024-02-29')).toBe(true);
    expect(isRealDate('2026-12-31')).toBe(true);
    expect(isRealDate('2000-02-29')).toBe(true);
  });

  it('rejects days that do not exist and loose forms', () => {
    expect(isRealDate('2023-02-30')).toBe(false);
    expect(isRealDate('2023-02-29')).toBe(false);
    expect(isRealDate('1900-02-29')).toBe(false);
    expect(isRealDate('2026-13-01')).toBe(false);
    expect(isRealDate('2026-00-10')).toBe(false);
    expect(isRealDate('2026-04-31')).toBe(false);
    expect(isRealDate('2026-04-00')).toBe(false);
    expect(isRealDate('2026-4-1')).toBe(false);
    expect(isRealDate('2026-04-01T00:00:00Z')).toBe(false);
    expect(isRealDate(' 2026-04-01')).toBe(false);
    expect(isRealDate('2026-04-01\n')).toBe(false);
    expect(isRealDate('')).toBe(false);
  });

  it('agrees with the calendar Date keeps for every day number of every month of many years', () => {
    const years = [0, 4, 100, 400, 1582, 1600, 1700, 1900, 1999, 2000, 2023, 2024, 2100, 2400, 9999];
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    let checked = 0;
    for (const y of years) {
      for (let mo = 0; mo <= 13; mo++) {
        for (let d = 0; d <= 32; d++) {
          const s = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}`;
          const at = new Date(0);
          at.setUTCFullYear(y, mo - 1, d);
          const real =
            mo >= 1 && mo <= 12 && at.getUTCFullYear() === y && at.getUTCMonth() === mo - 1 && at.getUTCDate() === d;
          expect(isRealDate(s), s).toBe(real);
          checked++;
        }
      }
    }
    expect(checked).toBe(years.length * 14 * 33);
  });
});

describe('calendar helpers', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30'); // across the clocks going forward
    expect(addDays('2026-06-02', 0)).toBe('2026-06-02');
  });

  it('counts calendar days from a to b', () => {
    expect(daysBetween('2026-12-17', '2026-12-29')).toBe(12);
    expect(daysBetween('2026-12-29', '2026-12-17')).toBe(-12);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('gives the day of the week, Sunday first', () => {
    expect(weekday('2026-12-27')).toBe(0);
    expect(weekday('2026-12-29')).toBe(2);
    expect(weekday('2026-12-26')).toBe(6);
  });

  it('writes a date out in full English', () => {
    expect(formatLongDate('2026-12-17')).toBe('Thursday 17 December 2026');
    expect(formatLongDate('2026-05-22')).toBe('Friday 22 May 2026');
    expect(formatLongDate('2026-06-01')).toBe('Monday 1 June 2026');
  });
});
