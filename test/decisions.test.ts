import { describe, it, expect } from 'vitest';
import { cli, noStackTrace } from './helpers.js';
import { meetingMd, minutesMd, record } from './quorum-fixtures.js';

const AS_OF = ['--as-of', '2026-11-22'];

const JANUARY = [
  '---',
  'status: approved',
  'approved: { meeting: 2026-04-16 }',
  'present: [cllr-chair, pc-police, dr-health]',
  'exempt:',
  '  - { minute: 173, paragraph: 3 }',
  '---',
  '## 171. Implications of the Care Act',
  '',
  'The Head of Adult Services gave a presentation.',
  '',
  'RESOLVED That the presentation be noted.',
  '',
  '## 172. Budget 2026/27',
  '',
  'RESOLVED',
  '',
  '- That the budget be agreed.',
  '- That the Chairs write to the Home Office about grant funding.',
  '',
  '## 173. CCTV contract award',
  '',
  'RESOLVED That the contract be awarded to Acme Cameras Ltd.',
  '',
  'RESOLVED That the award be reviewed in a year.',
  '',
  '## 174. Any other business',
  '',
  'Nothing was raised.',
  '',
].join('\n');

const APRIL_BODY = [
  '## 175. Minutes',
  '',
  'RESOLVED That the minutes of the meeting held on 15 January 2026 be confirmed as an accurate record.',
  '',
  '## 176. Anti-social behaviour',
  '',
  // The action marker is the clerk's annotation, not part of the decision: the register leaves it out.
  'RESOLVED: That the anti-social behaviour strategy be noted. [action: cllr-chair; due 2026-06-01]',
  '',
].join('\n');

function decisionsRecord(): string {
  return record({
    'meetings/2026-01-15/meeting.md': meetingMd('2026-01-15'),
    'meetings/2026-01-15/minutes.md': JANUARY,
    'meetings/2026-04-16/meeting.md': meetingMd('2026-04-16'),
    'meetings/2026-04-16/minutes.md': minutesMd(['cllr-chair'], [], APRIL_BODY),
    'meetings/2026-12-10/meeting.md': meetingMd('2026-12-10', [], 'scheduled'),
  });
}

const ALL = [
  {
    meeting: '2026-01-15',
    minute: 171,
    title: 'Implications of the Care Act',
    text: 'That the presentation be noted.',
  },
  {
    meeting: '2026-01-15',
    minute: 172,
    title: 'Budget 2026/27',
    text: 'That the budget be agreed.\nThat the Chairs write to the Home Office about grant funding.',
  },
  { meeting: '2026-01-15', minute: 173, title: 'CCTV contract award', text: null, exempt: 3 },
  {
    meeting: '2026-04-16',
    minute: 175,
    title: 'Minutes',
    text: 'That the minutes of the meeting held on 15 January 2026 be confirmed as an accurate record.',
  },
  {
    meeting: '2026-04-16',
    minute: 176,
    title: 'Anti-social behaviour',
    text: 'That the anti-social behaviour strategy be noted.',
  },
];

async function json(dir: string, args: string[]): Promise<unknown> {
  const r = await cli(dir, ['decisions', '--format', 'json', ...args, ...AS_OF]);
  expect(r.code).toBe(0);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout);
}

describe('csp decisions', () => {
  const dir = decisionsRecord();

  it('lists every RESOLVED, oldest first, with meeting, minute and title; an exempt item once, without its text', async () => {
    expect(await json(dir, [])).toEqual(ALL);
  });

  it('--search looks in titles and decisions, ignoring case, but never in the text of an exempt item', async () => {
    expect(await json(dir, ['--search', 'care ACT'])).toEqual([ALL[0]]);
    expect(await json(dir, ['--search', 'home office'])).toEqual([ALL[1]]);
    expect(await json(dir, ['--search', 'cctv'])).toEqual([ALL[2]]);
    expect(await json(dir, ['--search', 'Acme'])).toEqual([]);
  });

  it('--since keeps meetings on or after the date', async () => {
    expect(await json(dir, ['--since', '2026-04-16'])).toEqual(ALL.slice(3));
    expect(await json(dir, ['--since', '2026-04-17'])).toEqual([]);
    expect(await json(dir, ['--since', '2026-01-15', '--search', 'minutes'])).toEqual([ALL[3]]);
  });

  it('refuses a --since that is not a real day: exit 2', async () => {
    const r = await cli(dir, ['decisions', '--since', '2026-02-30', ...AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'csp: --since "2026-02-30" is not a date. Write it as YYYY-MM-DD, a real day (for example 2026-12-10).\n',
    );
    expect(noStackTrace(r)).toBe(true);
  });

  it('prints a register grouped by meeting, with the status of the minutes', async () => {
    const r = await cli(dir, ['decisions', ...AS_OF]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'Test CSP: decisions register',
        '',
        'Thursday 15 January 2026 (2026-01-15), minutes approved 16 April 2026',
        '  171. Implications of the Care Act — That the presentation be noted.',
        '  172. Budget 2026/27',
        '    - That the budget be agreed.',
        '    - That the Chairs write to the Home Office about grant funding.',
        '  173. CCTV contract award (exempt: paragraph 3). The decision is exempt',
        '    information under Schedule 12A and is not shown.',
        '',
        'Thursday 16 April 2026 (2026-04-16), minutes in DRAFT, not yet approved',
        '  175. Minutes — That the minutes of the meeting held on 15 January 2026 be',
        '    confirmed as an accurate record.',
        '  176. Anti-social behaviour — That the anti-social behaviour strategy be noted.',
        '',
      ].join('\n'),
    );
    expect(r.stdout).not.toContain('Acme');
  });

  it('says when nothing matches', async () => {
    const r = await cli(dir, ['decisions', '--search', 'fireworks', ...AS_OF]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Test CSP: decisions register (mentioning "fireworks")\n\nNo decisions match.\n');
  });
});
