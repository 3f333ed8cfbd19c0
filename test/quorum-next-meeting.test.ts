import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { loadRecord } from '../src/load/load.js';
import { findMeeting, nextMeeting } from '../src/queries/meetings.js';
import { quorum } from '../src/queries/quorum.js';
import { meetingMd, minutesMd, record } from './quorum-fixtures.js';

function load(files: Record<string, string>) {
  const dir = record(files);
  return loadRecord(path.join(dir, 'records'), 'records', { env: { CSP_NO_CACHE: '1' } });
}

describe('nextMeeting (for csp start)', () => {
  const rec = load({
    'meetings/2026-10-08/meeting.md': meetingMd('2026-10-08'),
    'meetings/2026-10-08/minutes.md': minutesMd(['cllr-chair']),
    // Past and never minuted: not "next".
    'meetings/2026-11-01/meeting.md': meetingMd('2026-11-01'),
    // Today, but cancelled.
    'meetings/2026-11-22/meeting.md': meetingMd('2026-11-22', [], 'cancelled'),
    'meetings/2026-12-10/meeting.md': meetingMd('2026-12-10', ['{ member: dr-health }'], 'published'),
    'meetings/2027-03-11/meeting.md': meetingMd('2027-03-11', [], 'scheduled'),
  });

  it('is the first meeting on or after today without minutes and not cancelled', () => {
    expect(nextMeeting(rec, '2026-11-22')?.id).toBe('2026-12-10');
    expect(nextMeeting(rec, '2026-11-21')?.id).toBe('2026-12-10');
    expect(nextMeeting(rec, '2026-11-01')?.id).toBe('2026-11-01');
    expect(nextMeeting(rec, '2026-12-11')?.id).toBe('2027-03-11');
    expect(nextMeeting(rec, '2027-03-12')).toBe(undefined);
  });

  it('a meeting held today with minutes already is not next', () => {
    expect(nextMeeting(rec, '2026-10-08')?.id).toBe('2026-11-01');
  });

  it('feeds the predicted quorum', () => {
    const next = nextMeeting(rec, '2026-11-22')!;
    const q = quorum(rec, rec.settings, next);
    expect([q.basis, q.quorate, q.requirements.filter((r) => !r.met).map((r) => r.label)]).toEqual([
      'predicted',
      false,
      ['health'],
    ]);
  });
});

describe('findMeeting', () => {
  const rec = load({ 'meetings/2026-12-10/meeting.md': meetingMd('2026-12-10') });
  it('finds a meeting by id, and suggests the nearest when there is none', () => {
    expect('entry' in findMeeting(rec, '2026-12-10')).toBe(true);
    expect(findMeeting(rec, '2026-12-01')).toEqual({
      problem:
        'There is no meeting 2026-12-01 in the record (no folder records/meetings/2026-12-01/). Did you mean 2026-12-10?',
    });
    expect(findMeeting(rec, '2019-01-01')).toEqual({
      problem:
        'There is no meeting 2019-01-01 in the record (no folder records/meetings/2019-01-01/). The latest meetings are 2026-12-10.',
    });
  });
});
