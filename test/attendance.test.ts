import { describe, it, expect } from 'vitest';
import { cli, noStackTrace } from './helpers.js';
import { MEMBERS, meetingMd, minutesMd, partnership, record } from './quorum-fixtures.js';

const AS_OF = ['--as-of', '2026-11-22'];
const M1 = '2025-10-09';
const M2 = '2026-01-15';
const M3 = '2026-04-16';
const M4 = '2026-07-16';

/**
 * Four meetings with minutes and one to come. Test NHS goes unrepresented three times in a
 * row, Test Voluntary Action twice, Test Policing Office once; Test Police sends a substitute
 * to the latest; Test Probation's member leaves and Test Fire's joins between meetings.
 */
function fourMeetings(absenceLimit?: number, extra: Record<string, string> = {}): string {
  const held = (date: string, present: string[], apologies: string[] = []) => ({
    [`meetings/${date}/meeting.md`]: meetingMd(date),
    [`meetings/${date}/minutes.md`]: minutesMd(present, apologies),
  });
  return record({
    'partnership.md': partnership(undefined, absenceLimit),
    ...held(M1, ['cllr-chair', 'cllr-member', 'pc-police', 'dr-health', 'vol-coopted', 'adv-policing', 'prob-leaver']),
    ...held(M2, ['cllr-chair', 'cllr-member', 'pc-police', 'vol-coopted', 'adv-policing'], ['{ member: dr-health }']),
    ...held(M3, ['cllr-chair', 'cllr-member', 'adv-policing'], ['{ member: pc-police }', '{ member: vol-coopted }']),
    ...held(
      M4,
      ['cllr-chair', 'fire-joiner'],
      [
        '{ member: cllr-member }',
        '{ member: pc-police, substitute: dep-police }',
        '{ member: dr-health }',
        '{ member: vol-coopted }',
      ],
    ),
    'meetings/2026-12-10/meeting.md': meetingMd('2026-12-10', ['{ member: cllr-chair }'], 'scheduled'),
    ...extra,
  });
}

const MEMBER_ROWS = [
  {
    id: 'cllr-chair',
    organisation: 'Test Borough Council',
    record: ['present', 'present', 'present', 'present'],
    name: 'Cllr Ada Chair',
  },
  {
    id: 'cllr-member',
    organisation: 'Test Borough Council',
    record: ['present', 'present', 'present', 'apologies'],
    name: 'Cllr Ben Member',
  },
  {
    id: 'pc-police',
    organisation: 'Test Police',
    record: ['present', 'present', 'apologies', 'substituted'],
    name: 'Supt Pat Police',
  },
  {
    id: 'dr-health',
    organisation: 'Test NHS',
    record: ['present', 'apologies', 'absent', 'apologies'],
    name: 'Dr Hana Health',
  },
  {
    id: 'vol-coopted',
    organisation: 'Test Voluntary Action',
    record: ['present', 'present', 'apologies', 'apologies'],
    name: 'Vera Voluntary',
  },
  {
    id: 'adv-policing',
    organisation: 'Test Policing Office',
    record: ['present', 'present', 'present', 'absent'],
    name: 'Max Adviser',
  },
  { id: 'prob-leaver', organisation: 'Test Probation', record: ['present', 'absent', null, null], name: 'Lee Leaver' },
  { id: 'fire-joiner', organisation: 'Test Fire', record: [null, null, 'absent', 'present'], name: 'Jo Joiner' },
];

const org = (organisation: string, represented: boolean[], seated: boolean[], run: string[], flagged: boolean) => ({
  organisation,
  represented,
  unrepresented_run: run.length,
  flagged,
  seated,
  unrepresented_meetings: run,
});
const ALL = [true, true, true, true];

describe('csp attendance --format json', () => {
  it('gives every meeting with minutes, each member by meeting, and the runs (the documented JSON shape); flags at absence_limit 3', async () => {
    const r = await cli(fourMeetings(), ['attendance', '--format', 'json', ...AS_OF]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({
      meetings: [M1, M2, M3, M4],
      recorded: ALL,
      members: MEMBER_ROWS,
      organisations: [
        org('Test Borough Council', ALL, ALL, [], false),
        org('Test Police', [true, true, false, true], ALL, [], false),
        org('Test NHS', [true, false, false, false], ALL, [M2, M3, M4], true),
        org('Test Voluntary Action', [true, true, false, false], ALL, [M3, M4], false),
        org('Test Policing Office', [true, true, true, false], ALL, [M4], false),
        org('Test Probation', [true, false, false, false], [true, true, false, false], [], false),
        org('Test Fire', [false, false, false, true], [false, false, true, true], [], false),
      ],
      absence_limit: 3,
    });
  });

  it('flags two meetings in a row when the absence limit is 2', async () => {
    const r = await cli(fourMeetings(2), ['attendance', '--format', 'json', ...AS_OF]);
    const json = JSON.parse(r.stdout) as {
      organisations: { organisation: string; flagged: boolean; unrepresented_run: number }[];
    };
    expect(json.organisations.map((o) => [o.organisation, o.unrepresented_run, o.flagged])).toEqual([
      ['Test Borough Council', 0, false],
      ['Test Police', 0, false],
      ['Test NHS', 3, true],
      ['Test Voluntary Action', 2, true],
      ['Test Policing Office', 1, false],
      ['Test Probation', 0, false],
      ['Test Fire', 0, false],
    ]);
  });

  it('--last 2 shows the last two meetings and their members, but counts the run over every meeting', async () => {
    const r = await cli(fourMeetings(), ['attendance', '--last', '2', '--format', 'json', ...AS_OF]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      meetings: [M3, M4],
      recorded: [true, true],
      members: MEMBER_ROWS.filter((m) => m.id !== 'prob-leaver').map((m) => ({ ...m, record: m.record.slice(2) })),
      organisations: [
        org('Test Borough Council', [true, true], [true, true], [], false),
        org('Test Police', [false, true], [true, true], [], false),
        org('Test NHS', [false, false], [true, true], [M2, M3, M4], true),
        org('Test Voluntary Action', [false, false], [true, true], [M3, M4], false),
        org('Test Policing Office', [true, false], [true, true], [M4], false),
        org('Test Fire', [false, true], [true, true], [], false),
      ],
      absence_limit: 3,
    });
  });

  it('a meeting at which an organisation held no seat neither counts in its run nor breaks it', async () => {
    // Test Probation: its member leaves on 2026-03-01 (absent at M2); a new one joins on 2026-06-01 (absent at M4).
    const roster = MEMBERS.replace(
      'others:',
      '  - { id: prob-new, name: Nia New, organisation: Test Probation, sector: probation, role: member, joined: 2026-06-01 }\nothers:',
    );
    const r = await cli(fourMeetings(undefined, { 'members.yaml': roster }), [
      'attendance',
      '--format',
      'json',
      ...AS_OF,
    ]);
    const json = JSON.parse(r.stdout) as {
      members: { id: string; record: unknown[] }[];
      organisations: { organisation: string }[];
    };
    expect(json.members.find((m) => m.id === 'prob-new')).toEqual({
      id: 'prob-new',
      organisation: 'Test Probation',
      record: [null, null, null, 'absent'],
      name: 'Nia New',
    });
    expect(json.organisations.find((o) => o.organisation === 'Test Probation')).toEqual(
      org('Test Probation', [true, false, false, false], [true, true, false, true], [M2, M4], false),
    );
  });

  it('with no minutes yet, lists nothing', async () => {
    const dir = record({ 'meetings/2026-12-10/meeting.md': meetingMd('2026-12-10') });
    const r = await cli(dir, ['attendance', '--format', 'json', ...AS_OF]);
    expect(JSON.parse(r.stdout)).toEqual({
      meetings: [],
      recorded: [],
      members: [],
      organisations: [],
      absence_limit: 3,
    });
    expect((await cli(dir, ['attendance', ...AS_OF])).stdout).toBe(
      'Test CSP: no meeting has minutes yet, so there is no attendance to show.\n',
    );
  });
});

describe('csp attendance: text and CSV', () => {
  it('draws a grid that fits 80 columns, a legend, and names the meetings of each run', async () => {
    const r = await cli(fourMeetings(), ['attendance', ...AS_OF]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'Test CSP: attendance at 4 meetings with minutes, 9 October 2025 to 16 July 2026',
        '',
        '                  25-10 26-01 26-04 26-07',
        'Test Borough Council',
        '  Cllr Ada Chair    P     P     P     P',
        '  Cllr Ben Member   P     P     P     A',
        'Test Police',
        '  Supt Pat Police   P     P     A     S',
        'Test NHS',
        '  Dr Hana Health    P     A     ·     A',
        'Test Voluntary Action',
        '  Vera Voluntary    P     P     A     A',
        'Test Policing Office',
        '  Max Adviser       P     P     P     ·',
        'Test Probation',
        '  Lee Leaver        P     ·',
        'Test Fire',
        '  Jo Joiner                     ·     P',
        '',
        'P present  S substituted  A apologies  · absent  blank: not a member then',
        'Minutes still in draft: 9 October 2025, 15 January 2026, 16 April 2026, 16 July',
        '  2026.',
        '',
        'Unrepresented for 3 meetings or more in a row (the absence limit): ask it to',
        're-appoint or confirm its commitment to the partnership.',
        '  Test NHS: 3 meetings: 15 January 2026, 16 April 2026, 16 July 2026.',
        'Not represented at the latest meetings, below the limit:',
        '  Test Voluntary Action: 2 meetings: 16 April 2026, 16 July 2026.',
        '  Test Policing Office: 1 meeting: 16 July 2026.',
        '',
      ].join('\n'),
    );
  });

  it('keeps eight meetings and long names within 80 columns', async () => {
    const dates = [
      '2025-01-16',
      '2025-04-10',
      '2025-07-10',
      '2025-10-09',
      '2026-01-15',
      '2026-04-16',
      '2026-07-16',
      '2026-10-08',
    ];
    const roster = MEMBERS.replace(
      'others:',
      '  - { id: long-name, name: Professor Bartholomew Fitzwilliam-Montgomery, organisation: The Extraordinarily Long Named Regional Organisation for Community Safety and Wellbeing, sector: community, role: member, joined: 2020-01-01 }\nothers:',
    );
    const files: Record<string, string> = { 'members.yaml': roster };
    for (const d of dates) {
      files[`meetings/${d}/meeting.md`] = meetingMd(d);
      files[`meetings/${d}/minutes.md`] = minutesMd(['cllr-chair', 'long-name']);
    }
    const r = await cli(record(files), ['attendance', ...AS_OF]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(Math.max(...lines.map((l) => [...l].length))).toBeLessThanOrEqual(80);
    expect(lines.find((l) => l.includes('25-01'))).toBe(
      '                                 25-01 25-04 25-07 25-10 26-01 26-04 26-07 26-10',
    );
    expect(lines).toContain('  Professor Bartholomew Fitzwil…   P     P     P     P     P     P     P     P');
  });

  it('labels columns M1… with a key when two meetings fall in one month', async () => {
    const dir = record({
      'meetings/2026-01-15/meeting.md': meetingMd('2026-01-15'),
      'meetings/2026-01-15/minutes.md': minutesMd(['cllr-chair']),
      'meetings/2026-01-29/meeting.md': meetingMd('2026-01-29'),
      'meetings/2026-01-29/minutes.md': minutesMd(['cllr-chair']),
    });
    const lines = (await cli(dir, ['attendance', ...AS_OF])).stdout.split('\n');
    expect(lines.find((l) => l.includes('M1'))).toBe('                   M1    M2');
    expect(lines).toContain('Meetings: M1 2026-01-15, M2 2026-01-29.');
  });

  it('writes CSV: one row per member, one column per meeting', async () => {
    const r = await cli(fourMeetings(), ['attendance', '--format', 'csv', '--last', '3', ...AS_OF]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'id,name,organisation,2026-01-15,2026-04-16,2026-07-16',
        'cllr-chair,Cllr Ada Chair,Test Borough Council,present,present,present',
        'cllr-member,Cllr Ben Member,Test Borough Council,present,present,apologies',
        'pc-police,Supt Pat Police,Test Police,present,apologies,substituted',
        'dr-health,Dr Hana Health,Test NHS,apologies,absent,apologies',
        'vol-coopted,Vera Voluntary,Test Voluntary Action,present,apologies,apologies',
        'adv-policing,Max Adviser,Test Policing Office,present,present,absent',
        'prob-leaver,Lee Leaver,Test Probation,absent,,',
        'fire-joiner,Jo Joiner,Test Fire,,absent,present',
        '',
      ].join('\r\n'),
    );
  });

  it.each(['0', '-1', '2.5', 'three', ''])('refuses --last %j: exit 2', async (value) => {
    const r = await cli(fourMeetings(), ['attendance', '--last', value, ...AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not a number of meetings. Give a whole number of 1 or more');
    expect(r.stdout).toBe('');
    expect(noStackTrace(r)).toBe(true);
  });

  it('warns about minutes that cannot be read, and leaves them out', async () => {
    const dir = fourMeetings(undefined, { [`meetings/${M4}/minutes.md`]: '---\nstatus: finished\n---\n' });
    const r = await cli(dir, ['attendance', '--format', 'json', ...AS_OF]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /^csp: warning: the minutes of 2026-07-16 cannot be read and are left out \(records\/meetings\/2026-07-16\/minutes\.md:2:9: /,
    );
    expect((JSON.parse(r.stdout) as { meetings: string[] }).meetings).toEqual([M1, M2, M3]);
  });
});
