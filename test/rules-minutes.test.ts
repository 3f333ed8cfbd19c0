/**
 * The rules about minutes: minute-number, outcome, action-sync, quorum. Positions are
 * counted by hand from the inline files (line 1 is the opening "---").
 */
import { describe, it, expect } from 'vitest';
import { findings, meetingMd } from './rules-support.js';

const A = 'meetings/2026-01-15';
const B = 'meetings/2026-04-16';
const MINUTES_A = 'records/meetings/2026-01-15/minutes.md';
const MINUTES_B = 'records/meetings/2026-04-16/minutes.md';
const HEAD = ['---', 'status: draft', 'chair: cllr-chair', 'present: [cllr-chair, pc-police, dr-health]', '---'];
/** Minutes whose body starts on line 6. */
const minutes = (...body: string[]) => [...HEAD, ...body, ''].join('\n');
const item = (n: number, title = 'Community safety plan') => [
  `## ${n}. ${title}`,
  '',
  'RESOLVED that the report be noted.',
  '',
];
const meetings = { [`${A}/meeting.md`]: meetingMd('2026-01-15'), [`${B}/meeting.md`]: meetingMd('2026-04-16') };

describe('rule minute-number', () => {
  it('passes numbers that run on from one set of minutes to the next', async () => {
    expect(
      await findings({
        ...meetings,
        [`${A}/minutes.md`]: minutes(...item(1), ...item(2, 'Budget')),
        [`${B}/minutes.md`]: minutes(...item(3)),
      }),
    ).toEqual([]);
  });

  it('reports a number used twice in the same minutes as an error, at the second heading', async () => {
    expect(await findings({ ...meetings, [`${A}/minutes.md`]: minutes(...item(1), ...item(1, 'Budget')) })).toEqual([
      {
        file: MINUTES_A,
        line: 10,
        column: 1,
        severity: 'error',
        rule: 'minute-number',
        message: 'Minute 1 is already used in these minutes. Each minute has a number of its own: renumber this item.',
      },
    ]);
  });

  it('reports a number already used by earlier minutes under continuous numbering as an error', async () => {
    expect(
      await findings({
        ...meetings,
        [`${A}/minutes.md`]: minutes(...item(1)),
        [`${B}/minutes.md`]: minutes(...item(1)),
      }),
    ).toEqual([
      {
        file: MINUTES_B,
        line: 6,
        column: 1,
        severity: 'error',
        rule: 'minute-number',
        message:
          'Minute 1 is already used in the minutes of 2026-01-15. Each minute has a number of its own: renumber this item.',
      },
    ]);
  });

  it('warns of a gap within minutes, at the heading after it', async () => {
    expect(await findings({ ...meetings, [`${A}/minutes.md`]: minutes(...item(1), ...item(3, 'Budget')) })).toEqual([
      {
        file: MINUTES_A,
        line: 10,
        column: 1,
        severity: 'warning',
        rule: 'minute-number',
        message: 'Minute numbers jump from 1 to 3. Number this item 2.',
      },
    ]);
  });

  it('warns of minutes that do not start one after the last number of the previous minutes', async () => {
    expect(
      await findings({
        ...meetings,
        [`${A}/minutes.md`]: minutes(...item(1)),
        [`${B}/minutes.md`]: minutes(...item(5)),
      }),
    ).toEqual([
      {
        file: MINUTES_B,
        line: 6,
        column: 1,
        severity: 'warning',
        rule: 'minute-number',
        message:
          'These minutes start at 5, but the minutes of 2026-01-15 ended at 1. With continuous numbering they start at 2.',
      },
    ]);
  });

  it('under per-meeting numbering, restarts at 1 are fine and any other start is a warning', async () => {
    const partnership = '---\nname: Test CSP\nminute_numbering: per-meeting\n---\n';
    expect(
      await findings({
        'partnership.md': partnership,
        ...meetings,
        [`${A}/minutes.md`]: minutes(...item(1)),
        [`${B}/minutes.md`]: minutes(...item(1)),
      }),
    ).toEqual([]);
    expect(
      await findings({
        'partnership.md': partnership,
        ...meetings,
        [`${A}/minutes.md`]: minutes(...item(1)),
        [`${B}/minutes.md`]: minutes(...item(2)),
      }),
    ).toEqual([
      {
        file: MINUTES_B,
        line: 6,
        column: 1,
        severity: 'warning',
        rule: 'minute-number',
        message: 'With per-meeting numbering the minutes start at 1, not 2.',
      },
    ]);
  });
});

describe('rule outcome', () => {
  it('passes items that end in a decision or an action, and standard items with neither', async () => {
    const body = [
      ...item(1),
      '## 2. Apologies',
      '',
      'Apologies were received from Dr Hana Health.',
      '',
      '## 3. Venue',
      '',
      'Book a venue. [action 2026-01-15-3-1: clerk]',
      '',
    ];
    const action =
      '---\ntitle: Book a venue\nowner: clerk\nraised: { meeting: 2026-01-15, minute: 3 }\nstatus: open\n---\n';
    expect(
      await findings({
        [`${A}/meeting.md`]: meetingMd('2026-01-15'),
        [`${A}/minutes.md`]: minutes(...body),
        'actions/2026-01-15-3-1.md': action,
      }),
    ).toEqual([]);
  });

  it('warns of a substantive item with neither a decision nor an action, at its heading', async () => {
    const body = [...item(1), '## 2. Serious violence duty', '', 'The board discussed the duty at length.'];
    expect(
      await findings({ [`${A}/meeting.md`]: meetingMd('2026-01-15'), [`${A}/minutes.md`]: minutes(...body) }),
    ).toEqual([
      {
        file: MINUTES_A,
        line: 10,
        column: 1,
        severity: 'warning',
        rule: 'outcome',
        message:
          'Minute 2 (Serious violence duty) records no decision and no action. Every item should end in one: add a "RESOLVED" paragraph, or an [action: OWNER; due YYYY-MM-DD].',
      },
    ]);
  });
});

describe('rule action-sync', () => {
  const action = (_id: string, minute: number, meeting = '2026-01-15') =>
    // raised's value (the flow map) starts at line 4, column 9.
    [
      `---`,
      'title: Book a venue',
      'owner: clerk',
      `raised: { meeting: ${meeting}, minute: ${minute} }`,
      'status: open',
      '---',
      '',
    ].join('\n');
  const approved = [
    '---',
    'status: approved',
    'approved: { meeting: 2026-04-16 }',
    'chair: cllr-chair',
    'present: [cllr-chair, pc-police, dr-health]',
    '---',
  ];
  /** Approved minutes whose body starts on line 7. */
  const approvedMinutes = (...body: string[]) => [...approved, ...body, ''].join('\n');

  it('passes a synced marker with its action file', async () => {
    const m = minutes('## 1. Venue', '', 'Book a venue. [action 2026-01-15-1-1: clerk; due 2026-02-01]');
    expect(
      await findings({ ...meetings, [`${A}/minutes.md`]: m, 'actions/2026-01-15-1-1.md': action('2026-01-15-1-1', 1) }),
    ).toEqual([]);
  });

  it('warns of an unsynced marker in draft minutes, at the marker', async () => {
    const m = minutes('## 1. Venue', '', 'Book a venue. [action: clerk; due 2026-02-01]');
    expect(await findings({ ...meetings, [`${A}/minutes.md`]: m })).toEqual([
      {
        file: MINUTES_A,
        line: 8,
        column: 15,
        severity: 'warning',
        rule: 'action-sync',
        message: 'This action has no action file yet. Run "csp actions sync" to give it an id and create its file.',
      },
    ]);
  });

  it('makes an unsynced marker in approved minutes an error', async () => {
    const m = approvedMinutes('## 1. Venue', '', 'Book a venue. [action: clerk; due 2026-02-01]');
    expect(await findings({ ...meetings, [`${A}/minutes.md`]: m })).toEqual([
      {
        file: MINUTES_A,
        line: 9,
        column: 15,
        severity: 'error',
        rule: 'action-sync',
        message:
          'This action in approved minutes was never given an id and an action file. Approved minutes cannot change: record the action with its own file under actions/, or agree a correction.',
      },
    ]);
  });

  it('reports a synced marker whose action file is missing: warning in draft, error in approved minutes', async () => {
    const marker = 'Book a venue. [action 2026-01-15-1-1: clerk; due 2026-02-01]';
    const message =
      'There is no action file actions/2026-01-15-1-1.md for this marker. Run "csp actions sync" in draft minutes, or restore the file.';
    expect(await findings({ ...meetings, [`${A}/minutes.md`]: minutes('## 1. Venue', '', marker) })).toEqual([
      { file: MINUTES_A, line: 8, column: 15, severity: 'warning', rule: 'action-sync', message },
    ]);
    expect(await findings({ ...meetings, [`${A}/minutes.md`]: approvedMinutes('## 1. Venue', '', marker) })).toEqual([
      { file: MINUTES_A, line: 9, column: 15, severity: 'error', rule: 'action-sync', message },
    ]);
  });

  it('reports an action file whose marker is gone: warning in draft, error in approved minutes, at raised', async () => {
    const message =
      'The minutes of 2026-01-15 no longer carry the marker [action 2026-01-15-1-1: …] for this action. Put the marker back on its item, or remove "raised" if the action did not come from those minutes.';
    const file = 'records/actions/2026-01-15-1-1.md';
    expect(
      await findings({
        ...meetings,
        [`${A}/minutes.md`]: minutes(...item(1)),
        'actions/2026-01-15-1-1.md': action('2026-01-15-1-1', 1),
      }),
    ).toEqual([{ file, line: 4, column: 9, severity: 'warning', rule: 'action-sync', message }]);
    expect(
      await findings({
        ...meetings,
        [`${A}/minutes.md`]: approvedMinutes(...item(1)),
        'actions/2026-01-15-1-1.md': action('2026-01-15-1-1', 1),
      }),
    ).toEqual([{ file, line: 4, column: 9, severity: 'error', rule: 'action-sync', message }]);
  });

  it('reports one id used by two markers as an error, at the second', async () => {
    const m = minutes(
      '## 1. Venue',
      '',
      'Book a venue. [action 2026-01-15-1-1: clerk]',
      '',
      'Book a caterer. [action 2026-01-15-1-1: clerk]',
    );
    expect(
      await findings({ ...meetings, [`${A}/minutes.md`]: m, 'actions/2026-01-15-1-1.md': action('2026-01-15-1-1', 1) }),
    ).toEqual([
      {
        file: MINUTES_A,
        line: 10,
        column: 17,
        severity: 'error',
        rule: 'action-sync',
        message:
          'The action id 2026-01-15-1-1 is used by two markers (the other is in the minutes of 2026-01-15). Each marker has its own id.',
      },
    ]);
  });
});

describe('rule quorum', () => {
  it('passes decisions taken by a quorate meeting', async () => {
    expect(await findings({ ...meetings, [`${A}/minutes.md`]: minutes(...item(1)) })).toEqual([]);
  });

  it('warns when an inquorate meeting records decisions, at "present"', async () => {
    const m = ['---', 'status: draft', 'chair: cllr-chair', 'present: [cllr-chair, pc-police]', '---', ...item(1)].join(
      '\n',
    );
    expect(await findings({ ...meetings, [`${A}/minutes.md`]: m })).toEqual([
      {
        file: MINUTES_A,
        line: 4,
        column: 1,
        severity: 'warning',
        rule: 'quorum',
        message:
          'The meeting was not quorate (missing: health), yet the minutes record decisions (first at minute 1). Check who was present, or note that the decisions need ratifying.',
      },
    ]);
  });

  it('is quiet about an inquorate meeting that decided nothing', async () => {
    const m = [
      '---',
      'status: draft',
      'chair: cllr-chair',
      'present: [cllr-chair, pc-police]',
      '---',
      '## 1. Apologies',
      '',
      'Apologies from Dr Hana Health.',
      '',
    ].join('\n');
    expect(await findings({ ...meetings, [`${A}/minutes.md`]: m })).toEqual([]);
  });
});
