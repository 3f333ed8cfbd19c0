import { describe, it, expect } from 'vitest';
import { cli } from './helpers.js';
import { meetingMd, minutesMd, record } from './quorum-fixtures.js';

interface Finding {
  file: string;
  line: number;
  column: number;
  severity: string;
  rule: string;
  message: string;
}

/** Runs csp validate --format json and returns the findings of the given rules. */
async function findings(dir: string, rules: string[]): Promise<Finding[]> {
  const r = await cli(dir, ['validate', '--format', 'json', '--as-of', '2026-11-22']);
  const json = JSON.parse(r.stdout) as { diagnostics: Finding[] };
  return json.diagnostics.filter((d) => rules.includes(d.rule));
}

describe('csp validate: quorum, membership and declarations', () => {
  const dir = record({
    'meetings/2026-01-15/meeting.md': meetingMd('2026-01-15'),
    // Not quorate (no Chair: the Chair's deputy is not a Chair), yet a decision is recorded.
    'meetings/2026-01-15/minutes.md': minutesMd(
      ['pc-police', 'dr-health'],
      ['{ member: cllr-chair, substitute: dep-chair }'],
      '## 1. Filming at meetings\n\nRESOLVED That the notice be noted.\n',
    ),
    'meetings/2026-04-16/meeting.md': meetingMd('2026-04-16'),
    // Quorate; Lee Leaver is recorded present though he left on 2026-03-01.
    'meetings/2026-04-16/minutes.md': minutesMd(
      ['cllr-chair', 'pc-police', 'dr-health', 'prob-leaver'],
      [],
      '## 2. Budget\n\nRESOLVED That the budget be agreed.\n',
      ['declarations:', '  - { member: no-such-person, minute: 2 }', '  - { member: cllr-chair, minute: 99 }'],
    ),
  });

  it('warns at "present" about minutes of a meeting that was not quorate yet record decisions', async () => {
    expect(await findings(dir, ['quorum'])).toEqual([
      {
        file: 'records/meetings/2026-01-15/minutes.md',
        line: 3,
        column: 1,
        severity: 'warning',
        rule: 'quorum',
        message:
          'The meeting was not quorate (missing: a Chair), yet the minutes record decisions (first at minute 1). Check who was present, or note that the decisions need ratifying.',
      },
    ]);
  });

  it('warns at the name of someone recorded present after they left', async () => {
    expect(await findings(dir, ['membership'])).toEqual([
      {
        file: 'records/meetings/2026-04-16/minutes.md',
        line: 3,
        column: 45,
        severity: 'warning',
        rule: 'membership',
        message:
          'Recorded present as a member on 2026-04-16, but Lee Leaver left on 2026-03-01. Move them to in_attendance, or record them as a substitute.',
      },
    ]);
  });

  it('reports a declaration by an unknown person, and on a minute that does not exist', async () => {
    expect(await findings(dir, ['unknown-ref'])).toEqual([
      {
        file: 'records/meetings/2026-04-16/minutes.md',
        line: 5,
        column: 15,
        severity: 'error',
        rule: 'unknown-ref',
        message: expect.stringMatching(/^No member with the id "no-such-person" is on the roster \(members\.yaml\)\./),
      },
      {
        file: 'records/meetings/2026-04-16/minutes.md',
        line: 6,
        column: 35,
        severity: 'error',
        rule: 'unknown-ref',
        message: 'There is no minute 99 in the minutes of 2026-04-16. Check the number against the item headings.',
      },
    ]);
  });

  it('exits 1 on those errors', async () => {
    expect((await cli(dir, ['validate', '--as-of', '2026-11-22'])).code).toBe(1);
  });
});
