/**
 * The importer writes the forms of real minutes the record now holds: names and initials
 * through the roster's aliases, minute labels such as "SSP 53/15", attendance not
 * recorded, decisions by the partnership's decision words, reviews of earlier actions and
 * groups as owners. On the seeds and on minutes written for the test, through the CLI.
 */
import { describe, expect, test } from 'vitest';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { writeFiles } from './helpers.js';
import { copySeed, seedRecord, seedRoster } from './import-fixtures.js';
import { cspIn, headings, importInto, importSpawned, markers, readMinutes, validate } from './import-support.js';

const SEED_000 = '000_c8076f36c52d5043.txt';
const SEED_002 = '002_2f9fe7d64bae9417.txt';

/** Seed 002's roster, with the initials and the spelling the minutes use as aliases. */
const rosterWithAliases = () =>
  seedRoster()
    .replace('name: Eubert Malcolm,', 'name: Eubert Malcolm, aliases: [EM],')
    .replace('name: Tracie Evans,', 'name: Tracie Evans, aliases: [Tracy Evans],')
    .replace(
      '  - { id: clerk, name: Committee Clerk, organisation: Haringey Council }',
      '  - { id: clerk, name: Committee Clerk, organisation: Haringey Council }\ngroups:\n  - { id: all-members, name: All CSP members, all: true }',
    );

describe('seed 000 with aliases on the roster', () => {
  test('"EM" and "Tracy Evans" resolve by their aliases; the item records no attendance, so the minutes say not-recorded', async () => {
    const dir = seedRecord({ 'members.yaml': rosterWithAliases() });
    copySeed(path.join(dir, 'in'), SEED_000, 'item.txt');
    const r = await importInto(dir, ['in/item.txt'], { meeting: '2016-01-14' });
    const doc = r.json.documents[0];
    expect(doc!.status).toBe('imported');
    expect(doc!.unknown).toEqual([]);
    const { body, data } = readMinutes(dir, '2016-01-14');
    expect(markers(body)).toEqual(['tracie-evans', 'clerk', 'eubert-malcolm']);
    expect(data.attendance).toBe('not-recorded');
    expect(data.apologies).toBe('not-recorded');
    expect(data.present).toBeUndefined();
    expect(doc!.notes.map((n) => n.message)).toContain(
      'No list of those present was found, so the minutes say `attendance: not-recorded`; replace it with `present: [...]` if the attendance is known.',
    );
    // "It was agreed that the review … be circulated" is a decision by the default words.
    expect(doc!.decisions).toBe(1);
    const v = await validate(dir);
    expect(v.errors).toBe(0);
    const q = await cspIn(dir, ['quorum', '2016-01-14', '--format', 'json']);
    expect(q.code).toBe(1);
    expect(JSON.parse(q.stdout)).toMatchObject({ quorate: null, basis: 'not-recorded' });
  });

  test('seed 002 still imports into 168–176, now with its "It was agreed" decision, and validates with no errors', async () => {
    const dir = seedRecord({ 'members.yaml': rosterWithAliases() });
    copySeed(path.join(dir, 'in'), SEED_002, 'm.txt');
    const r = await importInto(dir, ['in/m.txt']);
    expect(r.json.documents[0]).toMatchObject({ status: 'imported', minutes: { first: 168, last: 176 }, decisions: 6 });
    const { data } = readMinutes(dir, '2015-10-08');
    expect(data.attendance).toBeUndefined();
    expect(Array.isArray(data.apologies)).toBe(true);
    expect((await validate(dir)).errors).toBe(0);
  });
});

/** Minutes written for the test in the forms other boards use. */
const SSP_MINUTES = [
  'RIVERSIDE SAFER STREETS PARTNERSHIP',
  'MINUTES OF THE MEETING HELD ON Thursday, 8th October, 2015, 13.00',
  '',
  'PRESENT: Councillor Bernice Vanier (Chair), Andrew Blight, Craig Carter',
  '',
  'Apologies were noted.',
  '',
  'SSP 53/15 COMMUNITY SAFETY PLAN',
  '',
  'The Board considered the draft plan.',
  '',
  'AGREED that the plan be adopted.',
  '',
  'SSP 54/15 ACTION LOG',
  '',
  'ACTION: Clerk to circulate the review of partnership arrangements to the Board (COMPLETED)',
  '',
  'ACTION: All CSP members to send comments on the plan to the Clerk',
  '',
  'Decision: to hold a themed meeting on serious violence.',
  '',
].join('\n');

const EARLIER_ACTION = [
  '---',
  'title: Circulate the review of partnership arrangements to the Board',
  'owner: clerk',
  'raised: { meeting: 2015-06-17, minute: 160 }',
  'status: open',
  '---',
  '',
].join('\n');

function sspRecord(partnership: string): string {
  const dir = seedRecord({
    'members.yaml': rosterWithAliases(),
    'partnership.md': `---\nname: Riverside Safer Streets Partnership\nshort_name: Riverside SSP\n${partnership}quorum:\n  - { label: a Chair, roles: [chair], min: 1 }\n---\nTerms of reference.\n`,
    'meetings/2015-06-17/meeting.md': '---\ndate: 2015-06-17\nstatus: held\n---\n',
    'actions/2015-06-17-160-1.md': EARLIER_ACTION,
  });
  writeFiles(dir, { 'in/ssp.txt': SSP_MINUTES });
  return dir;
}

describe('minutes written as another board writes them', () => {
  const yearly = 'minute_numbering: per-year\nyear_starts: "05-01"\nminute_label: "SSP {n}/{yy}"\n';

  test('"SSP 53/15" headings keep their label under a per-year minute_label; decisions, a review and a group owner are placed', async () => {
    const dir = sspRecord(yearly);
    const r = await importInto(dir, ['in/ssp.txt']);
    const doc = r.json.documents[0];
    expect(doc!.status).toBe('imported');
    expect(doc!.notes.filter((n) => n.message.includes('Minute label'))).toEqual([]);
    const { body, data } = readMinutes(dir, '2015-10-08');
    expect(headings(body)).toEqual(['SSP 53/15. Community safety plan', 'SSP 54/15. Action log']);
    expect(data.apologies).toBe('not-recorded');
    expect(data.attendance).toBeUndefined();
    expect(data.present).toEqual(['bernice-vanier', 'andrew-blight', 'craig-carter']);
    expect(doc!.decisions).toBe(2);
    expect(body).toContain(
      'ACTION: Clerk to circulate the review of partnership arrangements to the Board (COMPLETED) [review 2015-06-17-160-1: done]',
    );
    expect(markers(body)).toEqual(['all-members']);

    const v = await validate(dir);
    expect(v.errors).toBe(0);
    const decisions = JSON.parse((await cspIn(dir, ['decisions', '--format', 'json'])).stdout) as {
      minute_label: string;
      text: string;
    }[];
    expect(decisions.map((d) => [d.minute_label, d.text])).toEqual([
      ['SSP 53/15', 'that the plan be adopted.'],
      ['SSP 54/15', 'to hold a themed meeting on serious violence.'],
    ]);

    // The review closes the earlier action once synced; the group's action gets its file.
    const sync = await cspIn(dir, ['actions', 'sync', '--as-of', '2015-10-20']);
    expect(sync.code, sync.stderr).toBe(0);
    const action = readFileSync(path.join(dir, 'records/actions/2015-06-17-160-1.md'), 'utf8');
    expect(action).toContain('status: done\ncompleted: 2015-10-08\n');
    expect(action).toContain('{ date: 2015-10-08, meeting: 2015-10-08, minute: 54, status: done,');
    const rows = JSON.parse((await cspIn(dir, ['actions', '--format', 'json'])).stdout) as {
      id: string;
      owner: string[];
    }[];
    expect(rows.find((a) => a.id === '2015-10-08-54-1')?.owner).toEqual(['all-members']);
    expect((await validate(dir)).errors).toBe(0);
  });

  test('without a minute_label the label is written as the number and reported, and the built binary gives the same minutes', async () => {
    const dir = sspRecord('');
    const r = await importInto(dir, ['in/ssp.txt']);
    const doc = r.json.documents[0];
    expect(headings(readMinutes(dir, '2015-10-08').body)).toEqual(['53. Community safety plan', '54. Action log']);
    expect(doc!.notes.filter((n) => n.message.startsWith('Minute label')).map((n) => [n.line, n.message])).toEqual([
      [
        8,
        'Minute label "SSP 53/15" was written as minute 53: partnership.md sets no minute_label (such as minute_label: "SSP {n}/{yy}" with minute_numbering: per-year and year_starts).',
      ],
      [
        14,
        'Minute label "SSP 54/15" was written as minute 54: partnership.md sets no minute_label (such as minute_label: "SSP {n}/{yy}" with minute_numbering: per-year and year_starts).',
      ],
    ]);
    const other = sspRecord('');
    const spawned = importSpawned(other, ['in/ssp.txt']);
    expect(spawned.code).toBe(0);
    expect(readMinutes(other, '2015-10-08').text).toBe(readMinutes(dir, '2015-10-08').text);
  });

  test('a status report on an action the record does not hold stays text and is reported', async () => {
    const dir = sspRecord(yearly);
    writeFiles(dir, {
      'in/ssp.txt': SSP_MINUTES.replace('circulate the review of partnership arrangements', 'book the room'),
    });
    const r = await importInto(dir, ['in/ssp.txt']);
    const doc = r.json.documents[0];
    const { body } = readMinutes(dir, '2015-10-08');
    expect(body).not.toContain('[review');
    expect(doc!.notes.map((n) => [n.line, n.message])).toContainEqual([
      16,
      'A report on an earlier action that csp could not match to one action in the record; it was kept as text. Add [review ACTION-ID: STATUS] to it.',
    ]);
  });
});

describe('minutes without numbers, under per-year numbering', () => {
  const unnumbered = (held: string) =>
    [
      'RIVERSIDE SAFER STREETS PARTNERSHIP',
      `MINUTES OF THE MEETING HELD ON ${held}, 13.00`,
      '',
      'PRESENT: Councillor Bernice Vanier (Chair), Andrew Blight, Craig Carter',
      '',
      'Apologies were noted.',
      '',
      'Agenda item: Community safety plan',
      '',
      'AGREED that the plan be adopted.',
      '',
      'Agenda item: Action log',
      '',
      'The log was noted.',
      '',
    ].join('\n');

  test('number on from the last minutes of the same municipal year (in the record or this run), and start at 1 in a new year', async () => {
    const dir = sspRecord('minute_numbering: per-year\nyear_starts: "05-01"\nminute_label: "SSP {n}/{yy}"\n');
    writeFiles(dir, {
      'in/a.txt': unnumbered('Thursday, 8th October, 2015'),
      'in/b.txt': unnumbered('Thursday, 14th January, 2016'),
      'in/c.txt': unnumbered('Thursday, 9th June, 2016'),
    });
    // The first set in one run; the next two in another, so the record's own minutes are counted too.
    const first = await importInto(dir, ['in/a.txt']);
    const rest = await importInto(dir, ['in/b.txt', 'in/c.txt']);
    expect([...first.json.documents, ...rest.json.documents].map((d) => [d.meeting, d.minutes])).toEqual([
      ['2015-10-08', { first: 1, last: 2 }],
      ['2016-01-14', { first: 3, last: 4 }],
      ['2016-06-09', { first: 1, last: 2 }],
    ]);
    expect(headings(readMinutes(dir, '2016-01-14').body)).toEqual([
      'SSP 3/15. Community safety plan',
      'SSP 4/15. Action log',
    ]);
    expect(headings(readMinutes(dir, '2016-06-09').body)).toEqual([
      'SSP 1/16. Community safety plan',
      'SSP 2/16. Action log',
    ]);
    expect((await validate(dir)).errors).toBe(0);
  });
});
