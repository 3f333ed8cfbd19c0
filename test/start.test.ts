import { describe, it, expect } from 'vitest';
import { copyBundled, cli, minimalRecord, noStackTrace } from './helpers.js';

describe('csp start (the npm start job)', () => {
  it('on the bundled record: validates, lists overdue actions, names the next meeting with its deadline and quorum', async () => {
    const dir = copyBundled();
    const r = await cli(dir, ['start', '--as-of', '2026-11-22']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✓ records: no problems found.');
    expect(r.stdout).toContain('Overdue actions on Sunday 22 November 2026: 5 actions');
    expect(r.stdout).toContain('Thursday 10 December 2026, 14:00');
    expect(r.stdout).toContain('Agenda: must be circulated by Wednesday 2 December 2026');
    expect(r.stdout).toContain('Quorum: will be quorate on the apologies so far (3 apologies, 1 with a substitute).');
  });

  it('years later the same actions are still overdue, and no meeting is scheduled', async () => {
    const dir = copyBundled();
    const r = await cli(dir, ['start', '--as-of', '2030-01-01']);
    expect(r.stdout).toMatch(/Overdue actions on Tuesday 1 January 2030: \d+ actions/);
    expect(r.stdout).toContain('2025-07-10-232-1');
    expect(r.stdout).toContain('None scheduled.');
    expect(r.code).toBe(0);
  });

  it('exits 1 when the next meeting will not be quorate, naming what is missing', async () => {
    const dir = minimalRecord({
      'meetings/2026-12-10/meeting.md':
        '---\ndate: 2026-12-10\nstart: "14:00"\nstatus: scheduled\napologies:\n  - { member: dr-health }\n---\n',
    });
    const r = await cli(dir, ['start', '--as-of', '2026-11-22']);
    expect(r.stdout).toContain('Quorum: will NOT be quorate on the apologies so far (1 apology); missing health.');
    expect(r.code).toBe(1);
  });

  it('exits 1 and lists the findings when the record has errors', async () => {
    const dir = minimalRecord({ 'actions/x.md': '---\ntitle: Do it\nowner: nobody\nstatus: open\n---\n' });
    const r = await cli(dir, ['start', '--as-of', '2026-11-22']);
    expect(r.stdout).toContain('records/actions/x.md:3:8  error');
    expect(r.stdout).toContain('None scheduled.');
    expect(r.code).toBe(1);
    expect(noStackTrace(r)).toBe(true);
  });
});
