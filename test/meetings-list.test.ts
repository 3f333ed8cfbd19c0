import { describe, it, expect } from 'vitest';
import { cli, copyBundled, csp, minimalRecord, noStackTrace } from './helpers.js';

const meeting = (date: string, extra = '') => `---\ndate: ${date}\nstart: "14:00"\nvenue: Civic Centre\n${extra}---\n`;
const minutes = (fm: string) => `---\n${fm}---\n`;

function record() {
  return minimalRecord({
    'meetings/2026-06-11/meeting.md': meeting('2026-06-11', 'status: held\npublished: 2026-06-01\n'),
    'meetings/2026-06-11/minutes.md': minutes(
      'status: approved\napproved: { meeting: 2026-09-10 }\nchair: cllr-chair\npresent: [cllr-chair]\n',
    ),
    'meetings/2026-09-10/meeting.md': meeting('2026-09-10', 'status: held\npublished: 2026-09-08\n'),
    'meetings/2026-09-10/minutes.md': minutes('status: draft\nchair: cllr-chair\npresent: [cllr-chair]\n'),
    'meetings/2026-12-10/meeting.md': meeting('2026-12-10'),
    'meetings/2027-03-11/meeting.md': meeting('2027-03-11', 'status: cancelled\n'),
  });
}

describe('csp meetings', () => {
  it('lists every meeting with its status, agenda notice and minutes (in-process)', async () => {
    const dir = record();
    const r = await cli(dir, ['meetings', '--as-of', '2026-12-05']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'Test CSP: meetings',
        '',
        'Meeting     Status     Agenda                                    Minutes',
        '----------  ---------  ----------------------------------------  ----------------------',
        '2026-06-11  held       out 2026-06-01                            approved at 2026-09-10',
        '2026-09-10  held       out 2026-09-08, late (due by 2026-09-02)  draft',
        '2026-12-10  scheduled  not out; was due by 2026-12-02            -',
        '2027-03-11  cancelled  -                                         -',
        '',
      ].join('\n'),
    );
  });

  it('--upcoming and --past split on --as-of; JSON says each field', async () => {
    const dir = record();
    const up = await cli(dir, ['meetings', '--upcoming', '--as-of', '2026-11-01', '--format', 'json']);
    expect(up.code).toBe(0);
    expect(JSON.parse(up.stdout)).toEqual([
      {
        id: '2026-12-10',
        date: '2026-12-10',
        status: 'scheduled',
        start: '14:00',
        venue: 'Civic Centre',
        agenda: { deadline: '2026-12-02', published: null, late: false },
        minutes: { status: 'none', approved_at: null },
      },
      {
        id: '2027-03-11',
        date: '2027-03-11',
        status: 'cancelled',
        start: '14:00',
        venue: 'Civic Centre',
        agenda: { deadline: '2027-03-03', published: null, late: false },
        minutes: { status: 'none', approved_at: null },
      },
    ]);
    const past = await cli(dir, ['meetings', '--past', '--as-of', '2026-11-01', '--format', 'json']);
    expect((JSON.parse(past.stdout) as { id: string; minutes: unknown }[]).map((m) => [m.id, m.minutes])).toEqual([
      ['2026-06-11', { status: 'approved', approved_at: '2026-09-10' }],
      ['2026-09-10', { status: 'draft', approved_at: null }],
    ]);
    const text = await cli(dir, ['meetings', '--upcoming', '--as-of', '2026-11-01']);
    expect(text.stdout).toContain('Test CSP: meetings to come (as of 2026-11-01)');
    expect(text.stdout).toContain('2026-12-10  scheduled  due by 2026-12-02  -');
    expect(text.stdout).not.toContain('2026-06-11');
  });

  it('says so when there is nothing to list, and refuses --upcoming with --past (exit 2)', async () => {
    const empty = minimalRecord();
    const r = await cli(empty, ['meetings', '--upcoming', '--as-of', '2026-11-01']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'No meetings to come are scheduled. Schedule one with csp new-meeting --date YYYY-MM-DD.',
    );
    const both = await cli(empty, ['meetings', '--upcoming', '--past']);
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('csp: Give --upcoming or --past, not both (without either, every meeting is listed).\n');
    const bad = await cli(empty, ['meetings', '--format', 'csv']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--format');
  });

  it('runs as the built binary on the bundled record, with an example in its help', () => {
    const dir = copyBundled();
    const r = csp(dir, ['meetings', '--as-of', '2026-11-01', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(noStackTrace(r)).toBe(true);
    const rows = JSON.parse(r.stdout) as { id: string; minutes: { status: string } }[];
    expect(rows.find((m) => m.id === '2026-10-08')?.minutes.status).toBe('draft');
    expect(rows.find((m) => m.id === '2026-12-10')?.minutes.status).toBe('none');
    const help = csp(dir, ['meetings', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Example:\n  csp meetings --upcoming\n');
  });
});
