/** The partnership's local time: every UK partnership meets on Europe/London time (GMT, or BST in summer). */

export const TIME_ZONE = 'Europe/London';

let formatter: Intl.DateTimeFormat | undefined;

/** Minutes Europe/London is ahead of UTC at an instant (0 in winter, 60 in summer). */
function offsetAt(utcMs: number): number {
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
