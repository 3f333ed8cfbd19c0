/**
 * The rules about meetings and actions over time: notice, frequency, action-state.
 * Positions are counted by hand from the inline files (line 1 is the opening "---").
 */
import { describe, it, expect } from 'vitest';
import { findings, meetingMd } from './rules-support.js';

const published = (date: string, on: string, status = 'published') =>
  `---\ndate: ${date}\nstatus: ${status}\npublished: ${on}\n---\n`;

describe('rule notice', () => {
  // Thursday 15 January 2026 with 5 clear working days: the agenda must go out by Wednesday 7 January.
  it('passes an agenda circulated on the notice deadline', async () => {
    expect(await findings({ 'meetings/2026-01-15/meeting.md': published('2026-01-15', '2026-01-07') })).toEqual([]);
  });

  it('warns of an agenda circulated after the deadline, at "published"', async () => {
    expect(await findings({ 'meetings/2026-01-15/meeting.md': published('2026-01-15', '2026-01-08') })).toEqual([
      {
        file: 'records/meetings/2026-01-15/meeting.md',
        line: 4,
        column: 12,
        severity: 'warning',
        rule: 'notice',
        message:
          "The agenda went out on Thursday 8 January 2026, after the notice deadline of Wednesday 7 January 2026 (5 clear working days before the meeting). Late items are at the Chairs' discretion: note why in the minutes.",
      },
    ]);
  });

  it('skips bank holidays: a meeting on Tuesday 2 June 2026 needs its agenda out by Friday 22 May', async () => {
    expect(await findings({ 'meetings/2026-06-02/meeting.md': published('2026-06-02', '2026-05-22') })).toEqual([]);
    expect(
      (await findings({ 'meetings/2026-06-02/meeting.md': published('2026-06-02', '2026-05-25') })).map((d) => [
        d.rule,
        d.line,
        d.column,
      ]),
    ).toEqual([['notice', 4, 12]]);
  });

  it('is quiet about a cancelled meeting', async () => {
    expect(
      await findings({ 'meetings/2026-01-15/meeting.md': published('2026-01-15', '2026-01-14', 'cancelled') }),
    ).toEqual([]);
  });
});

describe('rule frequency', () => {
  // Quarterly: three months after 15 January 2026 is 15 April, plus 14 days' grace: 29 April.
  it('passes a quarterly gap within the grace', async () => {
    expect(
      await findings({
        'meetings/2026-01-15/meeting.md': meetingMd('2026-01-15'),
        'meetings/2026-04-29/meeting.md': meetingMd('2026-04-29'),
      }),
    ).toEqual([]);
  });

  it('warns of a longer gap, at the date of the later meeting', async () => {
    expect(
      await findings({
        'meetings/2026-01-15/meeting.md': meetingMd('2026-01-15'),
        'meetings/2026-04-30/meeting.md': meetingMd('2026-04-30'),
      }),
    ).toEqual([
      {
        file: 'records/meetings/2026-04-30/meeting.md',
        line: 2,
        column: 7,
        severity: 'warning',
        rule: 'frequency',
        message:
          'This meeting comes more than 3 months after the last one (2026-01-15); the partnership meets quarterly. Schedule a meeting by 2026-04-29, or change meetings.frequency in partnership.md.',
      },
    ]);
  });

  it('never warns for ad-hoc meetings', async () => {
    const partnership = '---\nname: Test CSP\nmeetings: { frequency: ad-hoc }\n---\n';
    expect(
      await findings({
        'partnership.md': partnership,
        'meetings/2025-01-15/meeting.md': meetingMd('2025-01-15'),
        'meetings/2026-04-30/meeting.md': meetingMd('2026-04-30'),
      }),
    ).toEqual([]);
  });
});

describe('rule action-state', () => {
  const action = (...lines: string[]) => ['---', 'title: Book a venue', 'owner: clerk', ...lines, '---', ''].join('\n');
  const FILE = 'records/actions/book-venue.md';

  it('passes done with completed, and open without', async () => {
    expect(
      await findings({
        'actions/book-venue.md': action('status: done', 'completed: 2026-02-01'),
        'actions/book-caterer.md': action('status: open'),
      }),
    ).toEqual([]);
  });

  it('reports done or dropped without "completed", at the status', async () => {
    expect(await findings({ 'actions/book-venue.md': action('status: dropped') })).toEqual([
      {
        file: FILE,
        line: 4,
        column: 9,
        severity: 'error',
        rule: 'action-state',
        message:
          'The action is dropped but has no "completed" date. Add completed: YYYY-MM-DD (csp action update sets it).',
      },
    ]);
  });

  it('reports "completed" on an open action, at the key', async () => {
    expect(await findings({ 'actions/book-venue.md': action('status: in-progress', 'completed: 2026-02-01') })).toEqual(
      [
        {
          file: FILE,
          line: 5,
          column: 1,
          severity: 'error',
          rule: 'action-state',
          message:
            'The action is in-progress but has a "completed" date. Remove it, or set the status to done or dropped.',
        },
      ],
    );
  });
});
