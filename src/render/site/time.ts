/** The partnership's local time: every UK partnership meets on Europe/London time (GMT, or BST in summer). */

export const TIME_ZONE = 'Europe/London';

let formatter: Intl.DateTimeFormat | undefined;

/** Minutes Europe/London is ahead of UTC at an instant, as the platform's time zone data says. */
function zoneOffset(utcMs: number): number {
  formatter ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  const p = Object.fromEntries(formatter.formatToParts(new Date(utcMs)).map((x) => [x.type, x.value]));
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
  return Math.round((wall - Math.floor(utcMs / 60000) * 60000) / 60000);
}

/**
 * The summer time of a year (its start and end, as UTC milliseconds) when it runs, as it has
 * since 1996, from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of
 * October, and the time zone data says so at both changes and at both ends of the year; null
 * for any other year (asked of the time zone data instant by instant).
 */
const summers = new Map<number, readonly [number, number] | null>();
function summerOf(year: number): readonly [number, number] | null {
  let s = summers.get(year);
  if (s !== undefined) return s;
  const lastSunday = (month: number) => {
    const last = new Date(Date.UTC(year, month + 1, 0));
    return Date.UTC(year, month, last.getUTCDate() - last.getUTCDay(), 1);
  };
  const start = lastSunday(2);
  const end = lastSunday(9);
  const minute = 60000;
  s =
    year >= 1996 &&
    zoneOffset(Date.UTC(year, 0, 1)) === 0 &&
    zoneOffset(start - minute) === 0 &&
    zoneOffset(start) === 60 &&
    zoneOffset(end - minute) === 60 &&
    zoneOffset(end) === 0 &&
    zoneOffset(Date.UTC(year + 1, 0, 1) - minute) === 0
      ? [start, end]
      : null;
  summers.set(year, s);
  return s;
}

/** Minutes Europe/London is ahead of UTC at an instant (0 in winter, 60 in summer). */
function offsetAt(utcMs: number): number {
  const summer = summerOf(new Date(utcMs).getUTCFullYear());
  if (summer === null) return zoneOffset(utcMs);
  return utcMs >= summer[0] && utcMs < summer[1] ? 60 : 0;
}

/** The instant of a local date and time ("2026-03-29", "14:00") in Europe/London. */
export function londonInstant(date: string, time: string): Date {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  let utc = wall - offsetAt(wall) * 60000;
  utc = wall - offsetAt(utc) * 60000;
  return new Date(utc);
}

/** ISO 8601 local time with its offset, e.g. "2026-07-16T14:00:00+01:00" (for schema.org). */
export function londonIso(date: string, time: string): string {
  const instant = londonInstant(date, time);
  const off = offsetAt(instant.getTime());
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${date}T${time}:00${sign}${hh}:${mm}`;
}
