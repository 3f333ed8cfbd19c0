/**
 * A member's mark at a meeting (markFor in src/queries/attendance.ts), worked out once for
 * each set of minutes: over thousands of generated minutes and members it is the mark the
 * minutes give read directly (present before apologies, the first apology a member sent,
 * a substitute, attendance or apologies not recorded, a seat not held that day, a present
 * that is not a list), whichever member is asked about first.
 */
import { describe, expect, it } from 'vitest';
import { markFor, type AttendanceMark } from '../src/queries/attendance.js';
import type { MeetingEntry, Member } from '../src/model/types.js';

type Minutes = NonNullable<MeetingEntry['minutes']>['data'];

/** The mark as the minutes say it, read straight from them. */
function byReading(entry: MeetingEntry, member: Member): AttendanceMark {
  if (!(member.joined <= entry.date && (member.left === undefined || entry.date < member.left))) return null;
  const d = entry.minutes!.data;
  if (d.attendance === 'not-recorded') return null;
  if (Array.isArray(d.present) && d.present.includes(member.id)) return 'present';
  const apology = (Array.isArray(d.apologies) ? d.apologies : []).find((a) => a.member === member.id);
  if (apology) return apology.substitute ? 'substituted' : 'apologies';
  return d.apologies === 'not-recorded' ? null : 'absent';
}

function generator(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const IDS = ['ann', 'bob', 'cat', 'dan', 'eve', 'fay'];

describe('a member’s mark at a meeting', () => {
  it('is what the minutes say, for every member of thousands of generated minutes', () => {
    const next = generator(42);
    const pick = () => IDS[Math.floor(next() * IDS.length)]!;
    const members: Member[] = IDS.map((id, i) => ({
      id,
      name: id,
      organisation: `org ${i % 3}`,
      sector: 'other',
      role: 'member',
      voting: true,
      joined: i === 5 ? '2026-06-01' : '2020-01-01',
      ...(i === 4 ? { left: '2026-03-01' } : {}),
      deputies: [],
    }));
    const counts = new Map<AttendanceMark, number>();
    for (let k = 0; k < 3000; k++) {
      const present = Array.from({ length: Math.floor(next() * 4) }, pick);
      const apologies = Array.from({ length: Math.floor(next() * 4) }, () =>
        next() < 0.4 ? { member: pick(), substitute: pick() } : { member: pick() },
      );
      const data = {
        status: 'approved',
        ...(next() < 0.1 ? { attendance: 'not-recorded' } : {}),
        present: next() < 0.05 ? 'ann, bob' : present,
        apologies: next() < 0.1 ? 'not-recorded' : apologies,
      } as unknown as Minutes;
      const date = next() < 0.5 ? '2026-02-01' : '2026-07-01';
      const entry = { id: date, date, dir: '', minutes: { data }, papers: new Map() } as unknown as MeetingEntry;
      // Asked in a different order each time, so no first question decides the others.
      const order = [...members].sort(() => next() - 0.5);
      for (const m of order) {
        const mark = markFor(entry, m);
        expect(mark, `${m.id} in ${JSON.stringify(data)} on ${date}`).toBe(byReading(entry, m));
        counts.set(mark, (counts.get(mark) ?? 0) + 1);
      }
    }
    // Every kind of mark was met.
    for (const mark of ['present', 'substituted', 'apologies', 'absent', null] as AttendanceMark[])
      expect(counts.get(mark) ?? 0, String(mark)).toBeGreaterThan(100);
  });
});
