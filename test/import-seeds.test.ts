/** Importing the seed minutes: 002 (a full set) and 000 (one item with inline actions). */
import { describe, expect, test } from 'vitest';
import path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { copySeed, seedRecord, seedRoster } from './import-fixtures.js';
import {
  cspIn,
  headings,
  importArgv,
  importInto,
  importSpawned,
  markers,
  readMinutes,
  validate,
} from './import-support.js';

const SEED_002 = '002_2f9fe7d64bae9417.txt';
const SEED_000 = '000_c8076f36c52d5043.txt';

describe('seed 002: a full set of minutes', () => {
  test('imports into minutes 168–176 with attendance, substitutes, deferrals and every RESOLVED, and validates with no errors', async () => {
    const dir = seedRecord();
    copySeed(path.join(dir, 'in'), SEED_002, 'csp-2015-10-08.txt');
    const r = await importInto(dir, ['in/csp-2015-10-08.txt']);
    expect(r.code).toBe(0);
    expect(r.json.documents[0]).toMatchObject({
      status: 'imported',
      meeting: '2015-10-08',
      minutes: { first: 168, last: 176 },
      items: 9,
      decisions: 6,
      unknown: [],
      unplaced: [],
    });

    const { data, body } = readMinutes(dir, '2015-10-08');
    expect(headings(body)).toEqual([
      '168. Filming at meetings',
      '169. Apologies',
      '170. Minutes',
      '171. Implications of the Care Act for the community safety partnership',
      '172. Violence against women and girls strategic timetable and ambitions',
      '173. Key performance issues - focus on areas of change and significance',
      '174. Strategic delivery plans - progress',
      '175. Any other business',
      '176. Dates of future meetings',
    ]);
    expect(data.status).toBe('draft');
    expect(data.chair).toBe('bernice-vanier');
    expect(data.started).toBe('13:00');
    expect(data.ended).toBe('15:00');
    // The two substitutes are recorded with the apologies they covered, not as members present.
    expect(data.present).toEqual([
      'bernice-vanier',
      'andrew-blight',
      'craig-carter',
      'tracie-evans',
      'paul-leslie',
      'eubert-malcolm',
      'stephen-mcdonnell',
      'martin-newton',
      'sharon-morgan',
      'jill-shattock',
      'beverley-tarka',
      'ann-waters',
    ]);
    expect(data.apologies).toEqual([
      { member: 'john-abbey', substitute: 'gill-gibson' },
      { member: 'hamera-asfa-davey' },
      { member: 'andrew-billany' },
      { member: 'douglas-charlton' },
      { member: 'joanne-mccartney' },
      { member: 'victor-olisa', substitute: 'amanda-dellar' },
    ]);
    expect(data.in_attendance).toEqual([
      'sandeep-broca',
      'peter-de-bourg',
      'craig-dixen',
      'victoria-hill',
      'claire-kowalska',
      'gareth-llywelynn-roberts',
      'kate-watson',
      'otis-williams',
    ]);
    // "deferred to the January meeting": the date comes from the dates of future meetings.
    expect(data.deferred).toEqual([
      { title: 'School exclusions report', minute: 170, to: '2016-01-14' },
      { title: 'Development of the Gang Strategy', minute: 170, to: '2016-01-14' },
    ]);
    expect(data.imported_from).toMatchObject({ file: 'csp-2015-10-08.txt' });
    expect((data.imported_from as { sha256: string }).sha256).toMatch(/^[0-9a-f]{64}$/);

    const meeting = readMinutes(dir, '2015-10-08', 'meeting.md').data;
    expect(meeting).toMatchObject({ date: '2015-10-08', start: '13:00', status: 'held' });
    expect((meeting.items as { title: string }[]).map((i) => i.title)).toEqual([
      'Implications of the Care Act for the community safety partnership',
      'Violence against women and girls strategic timetable and ambitions',
      'Key performance issues - focus on areas of change and significance',
      'Strategic delivery plans - progress',
    ]);

    const v = await validate(dir);
    expect(v.errors).toBe(0);
    expect(r.json.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);

    // Every RESOLVED is in the decisions register, at its minute, and "It was agreed that" (a default decision word).
    const register = JSON.parse((await cspIn(dir, ['decisions', '--format', 'json'])).stdout) as {
      minute: number;
      text: string;
    }[];
    expect(register.map((d) => d.minute)).toEqual([170, 171, 171, 172, 173, 174]);
    expect(register.map((d) => d.text)).toEqual([
      'That the minutes of the meeting held on 17 June be confirmed as an accurate record.',
      'that the Chairs of the CSP and the Adult Safeguarding Board would start a dialogue around the responsibilities and liabilities relating to the Care Act.',
      'That the presentation be noted.',
      'That the presentation be noted.',
      'That the update be noted.',
      'That the update be noted.',
    ]);
    // The seed's list items and paragraphs are all there.
    expect(body).toContain("- 'Not feeling safe' had slipped down the CSP agenda");
    expect(body).toContain('14 January 2016.');
    expect(body).not.toContain('Signed by Chair');

    // The report in words, from the built binary on a second copy of the record.
    const other = seedRecord();
    copySeed(path.join(other, 'in'), SEED_002, 'csp-2015-10-08.txt');
    const spawned = importSpawned(other, ['in/csp-2015-10-08.txt'], {}, 'text');
    expect(spawned.code).toBe(0);
    expect(readFileSync(path.join(other, 'records/meetings/2015-10-08/minutes.md'), 'utf8')).toBe(
      readFileSync(path.join(dir, 'records/meetings/2015-10-08/minutes.md'), 'utf8'),
    );
    const text = spawned.stdout;
    expect(text).toContain(
      'in/csp-2015-10-08.txt → the meeting of 2015-10-08: minutes 168–176 (9 items), 6 decisions, 0 actions',
    );
    expect(text).toContain('wrote records/meetings/2015-10-08/minutes.md');
  });

  test('importing the same document again says so and writes nothing', async () => {
    const dir = seedRecord();
    copySeed(path.join(dir, 'in'), SEED_002, 'a.txt');
    copySeed(path.join(dir, 'in'), SEED_002, 'copy-of-a.txt');
    expect((await importInto(dir, ['in/a.txt'])).code).toBe(0);
    const before = readFileSync(path.join(dir, 'records/meetings/2015-10-08/minutes.md'), 'utf8');
    const again = await importInto(dir, ['in/copy-of-a.txt', 'in/a.txt']);
    expect(again.code).toBe(0);
    expect(again.json.documents.map((x) => x.status)).toEqual(['already-imported', 'already-imported']);
    expect(again.json.documents[0]!.message).toBe(
      'in/copy-of-a.txt was imported before, as the minutes of 2015-10-08 (same SHA-256); nothing was written.',
    );
    expect(again.json.documents[0]!.files).toEqual([]);
    expect(readFileSync(path.join(dir, 'records/meetings/2015-10-08/minutes.md'), 'utf8')).toBe(before);
  });

  test('never overwrites: a meeting that already exists is refused with exit 1', async () => {
    const meetingMd = "---\ndate: 2015-10-08\nstatus: scheduled\n---\nThe clerk's own notes.\n";
    const dir = seedRecord({ 'meetings/2015-10-08/meeting.md': meetingMd });
    copySeed(path.join(dir, 'in'), SEED_002, 'm.txt');
    const r = await importInto(dir, ['in/m.txt']);
    expect(r.code).toBe(1);
    expect(r.json.documents[0]!.status).toBe('exists');
    expect(r.json.documents[0]!.message).toBe(
      'records/meetings/2015-10-08/meeting.md already exists; csp import never overwrites a meeting or its minutes. Move it aside, or import into another date with --meeting.',
    );
    expect(readFileSync(path.join(dir, 'records/meetings/2015-10-08/meeting.md'), 'utf8')).toBe(meetingMd);
    expect(existsSync(path.join(dir, 'records/meetings/2015-10-08/minutes.md'))).toBe(false);
  });

  test('--dry-run gives the files it would write and writes nothing', async () => {
    const dir = seedRecord();
    copySeed(path.join(dir, 'in'), SEED_002, 'm.txt');
    const r = await importInto(dir, ['in/m.txt'], { dryRun: true });
    expect(r.code).toBe(0);
    expect(r.json.documents[0]!.status).toBe('dry-run');
    expect(r.json.documents[0]!.files.map((w) => w.path)).toEqual([
      'records/meetings/2015-10-08/meeting.md',
      'records/meetings/2015-10-08/minutes.md',
    ]);
    expect(r.json.documents[0]!.files[1]!.text).toContain('## 168. Filming at meetings');
    expect(existsSync(path.join(dir, 'records/meetings/2015-10-08'))).toBe(false);
    const text = (await cspIn(dir, importArgv(['in/m.txt'], { dryRun: true }, 'text'))).stdout;
    expect(text).toContain('would write records/meetings/2015-10-08/minutes.md');
    expect(text).toContain('----- records/meetings/2015-10-08/minutes.md -----');
  });

  test('--meeting gives the date; numbering continues the record when the source has none', async () => {
    const dir = seedRecord();
    copySeed(path.join(dir, 'in'), SEED_002, 'm.txt');
    copySeed(path.join(dir, 'in'), SEED_000, 'item.txt');
    await importInto(dir, ['in/m.txt']);
    const r = await importInto(dir, ['in/item.txt'], { meeting: '2016-01-14' });
    expect(r.json.documents[0]!.status).toBe('imported');
    expect(headings(readMinutes(dir, '2016-01-14').body)).toEqual([
      '177. CSP facilitated objective setting discussion',
    ]);
  });
});

describe('seed 000: one item with inline actions', () => {
  test('--add-people keeps a CRLF roster with a byte-order mark byte for byte', async () => {
    const roster = '\uFEFF' + seedRoster().replace(/\n/g, '\r\n');
    const dir = seedRecord({ 'members.yaml': roster });
    copySeed(path.join(dir, 'in'), SEED_000, 'item.txt');
    const r = await importInto(dir, ['in/item.txt'], { meeting: '2016-01-14', addPeople: true });
    expect(r.json.documents[0]!.status).toBe('imported');
    expect(readFileSync(path.join(dir, 'records/members.yaml'), 'utf8')).toBe(
      `${roster}  - { id: tracy-evans, name: Tracy Evans }\r\n`,
    );
  });

  test('gives its three action markers, owners resolved where the roster knows them and reported where not', async () => {
    const dir = seedRecord();
    copySeed(path.join(dir, 'in'), SEED_000, 'item.txt');
    const r = await importInto(dir, ['in/item.txt'], { meeting: '2016-01-14' });
    const res = r.json.documents[0];
    expect(res!.actions).toBe(3);
    const { body, data } = readMinutes(dir, '2016-01-14');
    expect(markers(body)).toEqual(['Tracy Evans', 'clerk', 'EM']);
    expect(data.status).toBe('draft');
    // The markers sit on the paragraph or list item they belong to.
    expect(body).toMatch(
      /clearly identified to provide a context to discussions over where the partnership could add value\. \[action: Tracy Evans\]/,
    );
    expect(body).toMatch(
      /- Implementation of a CSP communications strategy[^\n]*invited to future meetings\. \[action: clerk\]/,
    );
    expect(res!.unknown.map((u) => [u.name, u.line, u.nearest])).toEqual([
      ['Tracy Evans', 13, ['Tracie Evans (tracie-evans)']],
      ['EM', 61, ['Eubert Malcolm (eubert-malcolm), initials EM']],
    ]);
    // Unknown owners are errors the validator names, so nothing is hidden.
    const v = await validate(dir);
    expect(v.diagnostics.filter((d) => d.severity === 'error').map((d) => d.rule)).toEqual([
      'unknown-ref',
      'unknown-ref',
    ]);
    expect(r.code).toBe(1);
    const other = seedRecord();
    copySeed(path.join(other, 'in'), SEED_000, 'item.txt');
    const text = (await cspIn(other, importArgv(['in/item.txt'], { meeting: '2016-01-14' }, 'text'))).stdout;
    expect(text).toContain('line 13   Tracy Evans (action owner); nearest: Tracie Evans (tracie-evans)');
  });

  test('--add-people appends a new person to others, keeping every byte of members.yaml', async () => {
    const dir = seedRecord();
    const rosterPath = path.join(dir, 'records/members.yaml');
    const before = readFileSync(rosterPath, 'utf8');
    copySeed(path.join(dir, 'in'), SEED_000, 'item.txt');
    const r = await importInto(dir, ['in/item.txt'], { meeting: '2016-01-14', addPeople: true });
    const after = readFileSync(rosterPath, 'utf8');
    expect(after).toBe(`${before}  - { id: tracy-evans, name: Tracy Evans }\n`);
    expect(markers(readMinutes(dir, '2016-01-14').body)).toEqual(['tracy-evans', 'clerk', 'EM']);
    // Initials are never added as a person.
    expect(r.json.documents[0]!.unknown.find((u) => u.name === 'EM')?.outcome).toContain('kept as written');
    expect(r.json.documents[0]!.files.map((w) => w.path)).toEqual([
      'records/members.yaml',
      'records/meetings/2016-01-14/meeting.md',
      'records/meetings/2016-01-14/minutes.md',
    ]);
  });
});
