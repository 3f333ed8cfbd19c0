/**
 * The rules applied while files are read: yaml-syntax, schema, layout, date, heading,
 * action-marker. Each has a record that breaks it and one that does not; positions
 * are counted by hand from the inline files (line 1 is the opening "---").
 */
import { describe, it, expect } from 'vitest';
import { findings, goodMinutes, meetingMd } from './rules-support.js';
import { DRAFT_FRONT, mdFile } from './quorum-fixtures.js';

const M = 'meetings/2026-01-15';
const MINUTES = 'records/meetings/2026-01-15/minutes.md';
const MEETING = 'records/meetings/2026-01-15/meeting.md';
const clean = { [`${M}/meeting.md`]: meetingMd('2026-01-15'), [`${M}/minutes.md`]: goodMinutes() };

describe('rule yaml-syntax', () => {
  it('passes front matter that parses', async () => {
    expect(await findings(clean)).toEqual([]);
  });

  it('refuses a ---js fence at line 1, column 4, without running it', async () => {
    const minutes = ['---js', 'module.exports = { status: "draft" }', '---', '## 1. Plan', ''].join('\n');
    expect(await findings({ ...clean, [`${M}/minutes.md`]: minutes })).toEqual([
      {
        file: MINUTES,
        line: 1,
        column: 4,
        severity: 'error',
        rule: 'yaml-syntax',
        message:
          'Front matter must be YAML, but this file\'s opening fence says "---js". Change the first line to "---"; csp never runs code from a record.',
      },
    ]);
  });

  it('reports a duplicate key at the second key', async () => {
    const meeting = ['---', 'date: 2026-01-15', 'venue: Civic Centre', 'venue: Town Hall', '---', ''].join('\n');
    expect(await findings({ ...clean, [`${M}/meeting.md`]: meeting })).toEqual([
      {
        file: MEETING,
        line: 4,
        column: 1,
        severity: 'error',
        rule: 'yaml-syntax',
        message: 'YAML: Map keys must be unique. Each field may appear once; remove or rename the second one.',
      },
    ]);
  });

  it('reports front matter that is never closed', async () => {
    const minutes = ['---', 'status: draft', '## 1. Plan', ''].join('\n');
    expect(await findings({ ...clean, [`${M}/minutes.md`]: minutes })).toEqual([
      {
        file: MINUTES,
        line: 1,
        column: 1,
        severity: 'error',
        rule: 'yaml-syntax',
        message:
          'The front matter opened with "---" on line 1 is never closed. Add a line with "---" after the last field.',
      },
    ]);
  });
});

describe('rule schema', () => {
  it('passes front matter that fits its schema', async () => {
    expect(await findings(clean)).toEqual([]);
  });

  it('reports an unknown field at its key, with the nearest known one', async () => {
    const minutes = [
      '---',
      'status: draft',
      'chiar: cllr-chair',
      'present: [cllr-chair, pc-police, dr-health]',
      '---',
      '## 1. Plan',
      '',
      'RESOLVED that the plan be noted.',
      '',
    ].join('\n');
    expect(await findings({ ...clean, [`${M}/minutes.md`]: minutes })).toEqual([
      {
        file: MINUTES,
        line: 3,
        column: 1,
        severity: 'error',
        rule: 'schema',
        message: '"chiar" is not a field csp knows here. Did you mean "chair"?',
      },
    ]);
  });

  it('reports a value outside its list at the value', async () => {
    const minutes = ['---', 'status: final', '---', ''].join('\n');
    expect(await findings({ ...clean, [`${M}/minutes.md`]: minutes })).toEqual([
      {
        file: MINUTES,
        line: 2,
        column: 9,
        severity: 'error',
        rule: 'schema',
        message: '"final" is not an accepted value for "status". Use one of: draft, approved.',
      },
    ]);
  });

  it('reports a required field that is missing, at the start of the front matter', async () => {
    const action = ['---', 'title: Book a venue', 'status: open', '---', ''].join('\n');
    expect(await findings({ 'actions/book-venue.md': action })).toEqual([
      {
        file: 'records/actions/book-venue.md',
        line: 2,
        column: 1,
        severity: 'error',
        rule: 'schema',
        message: 'The front matter has no "owner", which is required. Add a line "owner: …".',
      },
    ]);
  });
});

describe('rule layout', () => {
  it('passes a record with only the files that belong (dot files and a README are fine)', async () => {
    expect(
      await findings({
        ...clean,
        'README.md': '# Our record\n',
        'meetings/.gitkeep': '',
        [`${M}/papers/report.pdf`]: '%PDF-1.4\n',
      }),
    ).toEqual([]);
  });

  it('reports a file where none belongs', async () => {
    expect(await findings({ ...clean, 'notes.txt': 'scribbles\n' })).toEqual([
      {
        file: 'records/notes.txt',
        line: 1,
        column: 1,
        severity: 'error',
        rule: 'layout',
        message:
          '"notes.txt" does not belong at the top of a record, which holds partnership.md, members.yaml, meetings/, actions/ and templates/. Move it or remove it.',
      },
    ]);
  });

  it('reports a meeting folder without meeting.md', async () => {
    expect(await findings({ 'meetings/2026-01-15/papers/report.pdf': '%PDF-1.4\n' })).toEqual([
      {
        file: 'records/meetings/2026-01-15',
        line: 1,
        column: 1,
        severity: 'error',
        rule: 'layout',
        message: 'The meeting folder "2026-01-15" has no meeting.md. Create it with: csp new-meeting --date 2026-01-15',
      },
    ]);
  });

  it('reports a bad action id', async () => {
    const action = ['---', 'title: Book a venue', 'owner: clerk', 'status: open', '---', ''].join('\n');
    expect(await findings({ 'actions/Book_Venue.md': action })).toEqual([
      {
        file: 'records/actions/Book_Venue.md',
        line: 1,
        column: 1,
        severity: 'error',
        rule: 'layout',
        message:
          '"Book_Venue" is not an action id. Name action files with lower-case letters, digits and hyphens, e.g. 2015-10-08-171-1.md.',
      },
    ]);
  });

  it('reports a link in a body that leads out of the record, at the link', async () => {
    const partnership = [
      '---',
      'name: Test CSP',
      '---',
      'Our terms follow',
      'the [model terms](../../etc/passwd).',
      '',
    ].join('\n');
    expect(await findings({ 'partnership.md': partnership })).toEqual([
      {
        file: 'records/partnership.md',
        line: 5,
        column: 5,
        severity: 'error',
        rule: 'layout',
        message:
          'This link leads out of the record ("../../etc/passwd"). Link only to files inside the record, such as the meeting\'s papers.',
      },
    ]);
  });
});

describe('rule date', () => {
  it('passes real days and a meeting dated as its folder', async () => {
    expect(await findings(clean)).toEqual([]);
  });

  it('reports a meeting folder named after a day that does not exist', async () => {
    expect(await findings({ 'meetings/2026-02-30/meeting.md': meetingMd('2026-02-30') })).toEqual([
      {
        file: 'records/meetings/2026-02-30',
        line: 1,
        column: 1,
        severity: 'error',
        rule: 'date',
        message:
          'The meeting folder "2026-02-30" is named after a day that does not exist. Rename it to the meeting\'s real date.',
      },
    ]);
  });

  it("reports a meeting's date unlike its folder's, at the date", async () => {
    expect(await findings({ [`${M}/meeting.md`]: meetingMd('2026-01-16') })).toEqual([
      {
        file: MEETING,
        line: 2,
        column: 7,
        severity: 'error',
        rule: 'date',
        message:
          "The meeting's date 2026-01-16 is not the date of its folder (2026-01-15). Correct the date, or move the file to meetings/2026-01-16/.",
      },
    ]);
  });

  it('reports a due date that is not a real day, at the value', async () => {
    const action = ['---', 'title: Book a venue', 'owner: clerk', 'status: open', 'due: 2026-02-30', '---', ''].join(
      '\n',
    );
    expect(await findings({ 'actions/book-venue.md': action })).toEqual([
      {
        file: 'records/actions/book-venue.md',
        line: 5,
        column: 6,
        severity: 'error',
        rule: 'date',
        message: '"2026-02-30" is not a real day. Check the day and month (YYYY-MM-DD).',
      },
    ]);
  });
});

describe('rule heading', () => {
  it('passes "## N. Title" headings', async () => {
    expect(await findings(clean)).toEqual([]);
  });

  it('reports an item heading without a number, at the heading', async () => {
    const minutes = mdFile(DRAFT_FRONT, ['## Community safety plan', '', 'Discussed.']);
    expect(await findings({ ...clean, [`${M}/minutes.md`]: minutes })).toEqual([
      {
        file: MINUTES,
        line: 6,
        column: 1,
        severity: 'error',
        rule: 'heading',
        message:
          'The item heading "## Community safety plan" is not of the form "## N. Title" (for example "## 171. Probation update"). Number it, or make it a level-3 heading if it is part of the item above.',
      },
    ]);
  });
});

describe('rule action-marker', () => {
  const head = ['---', ...DRAFT_FRONT, '---'];
  const action = [
    '---',
    'title: Book a venue',
    'owner: clerk',
    'raised: { meeting: 2026-01-15, minute: 1 }',
    'status: open',
    '---',
    '',
  ].join('\n');

  it('passes a well-formed synced marker', async () => {
    const minutes = [
      ...head,
      '## 1. Venue',
      '',
      'The clerk will book a venue. [action 2026-01-15-1-1: clerk; due 2026-02-01]',
      '',
    ].join('\n');
    expect(await findings({ ...clean, [`${M}/minutes.md`]: minutes, 'actions/2026-01-15-1-1.md': action })).toEqual([]);
  });

  it('reports what follows the owners other than "due DATE", at the marker', async () => {
    // "The clerk will book a venue. " is 29 characters: the marker starts at column 30.
    const minutes = [...head, '## 1. Venue', '', 'The clerk will book a venue. [action: clerk; by Friday]', ''].join(
      '\n',
    );
    expect(await findings({ ...clean, [`${M}/minutes.md`]: minutes })).toEqual([
      {
        file: MINUTES,
        line: 8,
        column: 30,
        severity: 'error',
        rule: 'action-marker',
        message:
          'The action marker has "by Friday" where only "due YYYY-MM-DD" may follow the owners. Write it as [action: clerk; due YYYY-MM-DD].',
      },
      {
        file: MINUTES,
        line: 8,
        column: 30,
        severity: 'warning',
        rule: 'action-sync',
        message: 'This action has no action file yet. Run "csp actions sync" to give it an id and create its file.',
      },
    ]);
  });

  it('reports a marker with no owner, and one before the first item', async () => {
    const minutes = [
      ...head,
      'Preamble. [action: clerk]',
      '',
      '## 1. Venue',
      '',
      'RESOLVED that a venue be found.',
      '',
      '- Book it [action: ; due 2026-02-01]',
      '',
    ].join('\n');
    expect(await findings({ ...clean, [`${M}/minutes.md`]: minutes })).toEqual([
      {
        file: MINUTES,
        line: 6,
        column: 11,
        severity: 'error',
        rule: 'action-marker',
        message:
          'This action marker comes before the first item heading, so it belongs to no minute. Move it under the item it arose from.',
      },
      {
        file: MINUTES,
        line: 12,
        column: 11,
        severity: 'error',
        rule: 'action-marker',
        message: 'The action marker names no owner. Write who is to do it: [action: OWNER; due YYYY-MM-DD].',
      },
    ]);
  });

  it('reports a marker that is not complete', async () => {
    const minutes = [...head, '## 1. Venue', '', 'RESOLVED that a venue be found [action clerk].', ''].join('\n');
    expect(await findings({ ...clean, [`${M}/minutes.md`]: minutes })).toEqual([
      {
        file: MINUTES,
        line: 8,
        column: 32,
        severity: 'error',
        rule: 'action-marker',
        message:
          'This looks like an action marker but does not follow the form [action: OWNER; due YYYY-MM-DD]. Write it as [action: clerk].',
      },
    ]);
  });
});
