import { describe, it, expect } from 'vitest';
import { cli, noStackTrace } from './helpers.js';
import { meetingMd, minutesMd, partnership, record } from './quorum-fixtures.js';
import { fractionOf } from '../src/queries/quorum.js';

const AS_OF = ['--as-of', '2026-11-22'];

/** A record with one meeting on `date` (minutes when `present` is given) and the quorum lines given. */
function oneMeeting(
  date: string,
  opts: { quorum?: string[]; present?: string[]; apologies?: string[]; meetingApologies?: string[] },
): string {
  const files: Record<string, string> = {
    'partnership.md': partnership(opts.quorum),
    [`meetings/${date}/meeting.md`]: meetingMd(date, opts.meetingApologies ?? [], opts.present ? 'held' : 'published'),
  };
  if (opts.present) files[`meetings/${date}/minutes.md`] = minutesMd(opts.present, opts.apologies ?? []);
  return record(files);
}

async function quorumJson(dir: string, meeting: string) {
  const r = await cli(dir, ['quorum', meeting, '--format', 'json', ...AS_OF]);
  expect(r.stderr).toBe('');
  return { code: r.code, json: JSON.parse(r.stdout) as unknown };
}

describe('csp quorum: from the minutes', () => {
  it("a Chair's substitute does not make a Chair, but counts for the Chair's sector (the documented JSON shape)", async () => {
    const dir = oneMeeting('2026-01-15', {
      present: ['pc-police', 'dr-health'],
      apologies: ['{ member: cllr-chair, substitute: dep-chair }', '{ member: cllr-member }'],
    });
    const { code, json } = await quorumJson(dir, '2026-01-15');
    expect(json).toEqual({
      meeting: '2026-01-15',
      basis: 'minutes',
      quorate: false,
      requirements: [
        {
          label: 'a Chair',
          min: 1,
          count: 0,
          met: false,
          satisfied_by: [],
          could_meet: [{ member: 'cllr-chair', deputies: [] }],
        },
        { label: 'local authority', min: 1, count: 1, met: true, satisfied_by: ['dep-chair'] },
        { label: 'health', min: 1, count: 1, met: true, satisfied_by: ['dr-health'] },
        { label: 'police', min: 1, count: 1, met: true, satisfied_by: ['pc-police'] },
      ],
    });
    expect(code).toBe(1);
  });

  it('says in text who met each requirement, and who could have met the one unmet', async () => {
    const dir = oneMeeting('2026-01-15', {
      present: ['pc-police', 'dr-health'],
      apologies: ['{ member: cllr-chair, substitute: dep-chair }', '{ member: cllr-member }'],
    });
    const r = await cli(dir, ['quorum', '2026-01-15', ...AS_OF]);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Test CSP: quorum of the meeting on Thursday 15 January 2026 (2026-01-15)');
    expect(lines).toContain('NOT MET  a Chair: 0 present, 1 needed');
    expect(lines).toContain('           Could have been met by one more of:');
    expect(lines).toContain('             Cllr Ada Chair (Test Borough Council) (member)');
    expect(lines).toContain('met      local authority: 1 present, 1 needed');
    expect(lines).toContain('           Cllr Dee Chairdeputy (Test Borough Council), substituting for Cllr Ada Chair');
    expect(lines).toContain('           Dr Hana Health (Test NHS)');
    expect(r.stdout).toContain('The meeting was NOT quorate (1 of 4 requirements not met).');
  });

  it('is quorate with a Chair, the council, health and police present: exit 0', async () => {
    const dir = oneMeeting('2026-01-15', { present: ['cllr-chair', 'pc-police', 'dr-health'] });
    const { code, json } = await quorumJson(dir, '2026-01-15');
    expect(json).toEqual({
      meeting: '2026-01-15',
      basis: 'minutes',
      quorate: true,
      requirements: [
        { label: 'a Chair', min: 1, count: 1, met: true, satisfied_by: ['cllr-chair'] },
        { label: 'local authority', min: 1, count: 1, met: true, satisfied_by: ['cllr-chair'] },
        { label: 'health', min: 1, count: 1, met: true, satisfied_by: ['dr-health'] },
        { label: 'police', min: 1, count: 1, met: true, satisfied_by: ['pc-police'] },
      ],
    });
    expect(code).toBe(0);
    expect((await cli(dir, ['quorum', '2026-01-15', ...AS_OF])).stdout).toContain('The meeting was quorate.');
  });

  it('counts an organisation requirement, with a substitute counting for the organisation of the member replaced', async () => {
    const quorum = ['{ label: "two from the council", organisations: [Test Borough Council], min: 2 }'];
    const met = oneMeeting('2026-01-15', {
      quorum,
      present: ['cllr-chair', 'pc-police'],
      apologies: ['{ member: cllr-member, substitute: dep-police }'],
    });
    expect(await quorumJson(met, '2026-01-15')).toEqual({
      code: 0,
      json: {
        meeting: '2026-01-15',
        basis: 'minutes',
        quorate: true,
        requirements: [
          { label: 'two from the council', min: 2, count: 2, met: true, satisfied_by: ['cllr-chair', 'dep-police'] },
        ],
      },
    });
    const unmet = oneMeeting('2026-01-15', { quorum, present: ['cllr-chair', 'pc-police'] });
    expect(await quorumJson(unmet, '2026-01-15')).toEqual({
      code: 1,
      json: {
        meeting: '2026-01-15',
        basis: 'minutes',
        quorate: false,
        requirements: [
          {
            label: 'two from the council',
            min: 2,
            count: 1,
            met: false,
            satisfied_by: ['cllr-chair'],
            could_meet: [{ member: 'cllr-member', deputies: [] }],
          },
        ],
      },
    });
  });

  it('counts non-voting members only for a requirement with voting: false', async () => {
    const quorum = [
      '{ label: "policing, advisers included", sectors: [police], voting: false, min: 2 }',
      '{ label: "policing, voting members", sectors: [police], min: 2 }',
    ];
    const dir = oneMeeting('2026-01-15', { quorum, present: ['pc-police', 'adv-policing'] });
    expect(await quorumJson(dir, '2026-01-15')).toEqual({
      code: 1,
      json: {
        meeting: '2026-01-15',
        basis: 'minutes',
        quorate: false,
        requirements: [
          {
            label: 'policing, advisers included',
            min: 2,
            count: 2,
            met: true,
            satisfied_by: ['pc-police', 'adv-policing'],
          },
          {
            label: 'policing, voting members',
            min: 2,
            count: 1,
            met: false,
            satisfied_by: ['pc-police'],
            could_meet: [],
          },
        ],
      },
    });
    const text = (await cli(dir, ['quorum', '2026-01-15', ...AS_OF])).stdout;
    expect(text).toContain(
      'NOT MET  policing, voting members: 1 present, 2 needed\n           Supt Pat Police (Test Police)\n           No one on the membership that day could meet it',
    );
  });

  it('works out a fraction of the voting membership on the day, rounded up; non-voting members present do not count', async () => {
    const quorum = ['{ label: "half the voting members", fraction: 0.5 }'];
    // Voting membership on 2026-01-15: cllr-chair, cllr-member, pc-police, dr-health, vol-coopted, prob-leaver (6).
    const met = oneMeeting('2026-01-15', { quorum, present: ['cllr-chair', 'pc-police', 'dr-health'] });
    expect((await quorumJson(met, '2026-01-15')).json).toEqual({
      meeting: '2026-01-15',
      basis: 'minutes',
      quorate: true,
      requirements: [
        {
          label: 'half the voting members',
          min: 3,
          count: 3,
          met: true,
          satisfied_by: ['cllr-chair', 'pc-police', 'dr-health'],
        },
      ],
    });
    const unmet = oneMeeting('2026-01-15', { quorum, present: ['cllr-chair', 'pc-police', 'adv-policing'] });
    expect(await quorumJson(unmet, '2026-01-15')).toEqual({
      code: 1,
      json: {
        meeting: '2026-01-15',
        basis: 'minutes',
        quorate: false,
        requirements: [
          {
            label: 'half the voting members',
            min: 3,
            count: 2,
            met: false,
            satisfied_by: ['cllr-chair', 'pc-police'],
            could_meet: [
              { member: 'cllr-member', deputies: [] },
              { member: 'dr-health', deputies: ['dep-health'] },
              { member: 'vol-coopted', deputies: [] },
              { member: 'prob-leaver', deputies: [] },
            ],
          },
        ],
      },
    });
  });

  it('a fraction 7 of 10 needs 7 — rounding up without floating-point noise', () => {
    expect(fractionOf(0.1, 30)).toBe(3);
    expect(fractionOf(0.7, 10)).toBe(7);
    expect(fractionOf(0.4, 6)).toBe(3);
    expect(fractionOf(0.5, 7)).toBe(4);
    expect(fractionOf(1 / 3, 9)).toBe(3);
  });

  it('counts a member only between joining and leaving', async () => {
    const quorum = ['{ label: probation, sectors: [probation], min: 1 }', '{ label: fire, sectors: [fire], min: 1 }'];
    const files = (date: string) => ({
      [`meetings/${date}/meeting.md`]: meetingMd(date),
      [`meetings/${date}/minutes.md`]: minutesMd(['prob-leaver', 'fire-joiner']),
    });
    const dir = record({ 'partnership.md': partnership(quorum), ...files('2026-01-15'), ...files('2026-04-16') });
    expect((await quorumJson(dir, '2026-01-15')).json).toEqual({
      meeting: '2026-01-15',
      basis: 'minutes',
      quorate: false,
      requirements: [
        { label: 'probation', min: 1, count: 1, met: true, satisfied_by: ['prob-leaver'] },
        { label: 'fire', min: 1, count: 0, met: false, satisfied_by: [], could_meet: [] },
      ],
    });
    expect((await quorumJson(dir, '2026-04-16')).json).toEqual({
      meeting: '2026-04-16',
      basis: 'minutes',
      quorate: false,
      requirements: [
        { label: 'probation', min: 1, count: 0, met: false, satisfied_by: [], could_meet: [] },
        { label: 'fire', min: 1, count: 1, met: true, satisfied_by: ['fire-joiner'] },
      ],
    });
  });
});

describe('csp quorum: predicted for a meeting without minutes', () => {
  it('expects the membership on the day less the apologies, plus the substitutes named', async () => {
    const dir = oneMeeting('2026-12-10', {
      meetingApologies: ['{ member: dr-health }', '{ member: pc-police, substitute: dep-police }'],
    });
    const { code, json } = await quorumJson(dir, '2026-12-10');
    expect(json).toEqual({
      meeting: '2026-12-10',
      basis: 'predicted',
      quorate: false,
      requirements: [
        { label: 'a Chair', min: 1, count: 1, met: true, satisfied_by: ['cllr-chair'] },
        { label: 'local authority', min: 1, count: 2, met: true, satisfied_by: ['cllr-chair', 'cllr-member'] },
        {
          label: 'health',
          min: 1,
          count: 0,
          met: false,
          satisfied_by: [],
          could_meet: [{ member: 'dr-health', deputies: ['dep-health'] }],
        },
        { label: 'police', min: 1, count: 1, met: true, satisfied_by: ['dep-police'] },
      ],
    });
    expect(code).toBe(1);
    const r = await cli(dir, ['quorum', '2026-12-10', ...AS_OF]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Predicted: no minutes yet');
    expect(r.stdout).toContain(
      'NOT MET  health: 0 expected, 1 needed\n           Would be met by one more of:\n             Dr Hana Health (Test NHS) (member) or deputy Hal Deputy\n',
    );
    expect(r.stdout).toContain('           Insp Dee Deputy (Test Police), substituting for Supt Pat Police');
    expect(r.stdout).toContain('The meeting will NOT be quorate on the apologies received so far');
  });

  it('is quorate with no apologies, and expects non-voting members for a voting: false requirement', async () => {
    const dir = oneMeeting('2026-12-10', {
      quorum: [
        '{ label: "an adviser", roles: [advisor], voting: false, min: 1 }',
        '{ label: fire, sectors: [fire], min: 1 }',
      ],
    });
    expect(await quorumJson(dir, '2026-12-10')).toEqual({
      code: 0,
      json: {
        meeting: '2026-12-10',
        basis: 'predicted',
        quorate: true,
        requirements: [
          { label: 'an adviser', min: 1, count: 1, met: true, satisfied_by: ['adv-policing'] },
          { label: 'fire', min: 1, count: 1, met: true, satisfied_by: ['fire-joiner'] },
        ],
      },
    });
    expect((await cli(dir, ['quorum', '2026-12-10', ...AS_OF])).stdout).toContain(
      'The meeting will be quorate on the apologies received so far.',
    );
  });
});

describe('csp quorum: mistakes', () => {
  it('an unknown meeting is exit 2 with a "did you mean"', async () => {
    const dir = oneMeeting('2026-12-10', {});
    const r = await cli(dir, ['quorum', '2026-12-11', ...AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'csp: There is no meeting 2026-12-11 in the record (no folder records/meetings/2026-12-11/). Did you mean 2026-12-10?\n',
    );
    expect(r.stdout).toBe('');
  });

  it('a meeting id that is not one is exit 2, and never read as a path', async () => {
    const dir = oneMeeting('2026-12-10', {});
    const r = await cli(dir, ['quorum', '../../etc', ...AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^csp: "\.\.\/\.\.\/etc" is not a meeting id\./);
    expect(noStackTrace(r)).toBe(true);
  });

  it('refuses to predict when the minutes exist but cannot be read: exit 2', async () => {
    const dir = record({
      'meetings/2026-01-15/meeting.md': meetingMd('2026-01-15'),
      'meetings/2026-01-15/minutes.md': '---\nstatus: finished\npresent: [cllr-chair]\n---\n',
    });
    const r = await cli(dir, ['quorum', '2026-01-15', ...AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^csp: records\/meetings\/2026-01-15\/minutes\.md cannot be read, so the quorum of 2026-01-15 cannot be worked out \(records\/meetings\/2026-01-15\/minutes\.md:2:9: /,
    );
    expect(r.stdout).toBe('');
  });

  it('refuses when members.yaml cannot be read: exit 2', async () => {
    const dir = record({ 'members.yaml': 'members: [ {' });
    const r = await cli(dir, ['quorum', '2026-12-10', ...AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^csp: members\.yaml cannot be read/);
    expect(noStackTrace(r)).toBe(true);
  });
});
