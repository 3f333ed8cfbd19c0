/** The importer's parts, one by one: reading blocks, names, dates, the roster, appending people. */
import { describe, expect, test } from 'vitest';
import { textBlocks } from '../src/import/text.js';
import { htmlBlocks } from '../src/import/html.js';
import { parseApologies, parseNameList, sentences } from '../src/import/names.js';
import { findDate, findTime } from '../src/import/dates.js';
import { Roster, normaliseName, slugOf } from '../src/import/people.js';
import { appendOthers } from '../src/import/roster-append.js';
import { isBoilerplate } from '../src/import/recognise.js';
import { verify } from '../src/ops/seam.js';
import type { SourceFile } from '../src/model/types.js';

describe('plain text into blocks', () => {
  test('wrapped lines join, bullets start items, headings and labels stand alone', () => {
    const blocks = textBlocks(
      [
        'PRESENT:',
        'Cllr A; B',
        '',
        '168. FILMING AT MEETINGS',
        'The Chair referred to the',
        'notice of filming.',
        '·         First point',
        '- Second point',
        'RESOLVED',
        '',
        'Last line.',
      ].join('\r\n'),
    );
    expect(blocks.map((b) => [b.kind, b.text, b.line])).toEqual([
      ['paragraph', 'PRESENT:', 1],
      ['paragraph', 'Cllr A; B', 2],
      ['paragraph', '168. FILMING AT MEETINGS', 4],
      ['paragraph', 'The Chair referred to the notice of filming.', 5],
      ['item', 'First point', 7],
      ['item', 'Second point', 8],
      ['paragraph', 'RESOLVED', 9],
      ['paragraph', 'Last line.', 11],
    ]);
  });
});

describe('HTML into blocks', () => {
  test('scripts, styles, forms and hidden text are dropped; blocks keep their line; bold is seen', () => {
    const html =
      '<html><head><script>evil()</script><style>p{}</style></head><body>\n<p><strong>PRESENT:</strong></p>\n<p>A<br>B</p>\n<div hidden>HIDDEN</div><p style="display:none">GONE</p><form><input value="FORM"></form>\n<ul><li>One</li></ul>\n<h2>12. ITEM</h2></body></html>';
    const blocks = htmlBlocks(html);
    expect(blocks.map((b) => [b.kind, b.text, b.line, b.strong ?? false])).toEqual([
      ['paragraph', 'PRESENT:', 2, true],
      ['paragraph', 'A', 3, false],
      ['paragraph', 'B', 3, false],
      ['item', 'One', 5, false],
      ['heading', '12. ITEM', 6, false],
    ]);
  });

  test("the site's header, footer and navigation are dropped; a header inside the content is kept", () => {
    const html =
      '<body><header>SITE</header><nav>MENU</nav><main><header><h1>Minutes</h1></header><p>Text</p></main><footer>FOOT</footer></body>';
    expect(htmlBlocks(html).map((b) => b.text)).toEqual(['Minutes', 'Text']);
  });
});

describe('names', () => {
  test('a bracketed organisation applies to the run of names before it; (Chair) marks the Chair', () => {
    expect(parseNameList('Cllr Ada Chair (Chair), Jo Bloggs and Sam Smith (Test NHS), Kim Lee (Police).')).toEqual([
      { name: 'Cllr Ada Chair', chair: true },
      { name: 'Jo Bloggs', organisation: 'Test NHS' },
      { name: 'Sam Smith', organisation: 'Test NHS' },
      { name: 'Kim Lee', organisation: 'Police' },
    ]);
  });

  test('"Councillors A, B and C" gives each the honorific; semicolons allow a post after a comma', () => {
    expect(parseNameList('Councillors Smith, Jones and Brown').map((n) => n.name)).toEqual([
      'Cllr Smith',
      'Cllr Jones',
      'Cllr Brown',
    ]);
    expect(parseNameList('Jane Doe, Head of Community Safety; Tom Lee')).toEqual([
      { name: 'Jane Doe', organisation: 'Head of Community Safety' },
      { name: 'Tom Lee' },
    ]);
  });

  test('apologies with substitutes in their common forms', () => {
    expect(
      parseApologies(
        'Apologies were received from John Abbey (Gill Gibson substituted), Hamera Asfa Davey and Victor Olisa (substituted by Amanda Dellar).',
      ),
    ).toEqual({
      names: [
        { name: 'John Abbey', substitute: 'Gill Gibson' },
        { name: 'Hamera Asfa Davey' },
        { name: 'Victor Olisa', substitute: 'Amanda Dellar' },
      ],
      subs: [],
      none: false,
    });
    expect(
      parseApologies(
        'Apologies for absence were received from Cllr. Smith and Jo Bloggs. Insp Dee Deputy attended as substitute for Supt Pat Police.',
      ),
    ).toEqual({
      names: [{ name: 'Cllr. Smith' }, { name: 'Jo Bloggs' }],
      subs: [{ substitute: 'Insp Dee Deputy', member: 'Supt Pat Police' }],
      none: false,
    });
    expect(
      parseApologies(
        'Apologies were received from Dr Hana Health, with the substitution of Hal Deputy for Dr Hana Health.',
      )?.subs,
    ).toEqual([{ substitute: 'Hal Deputy', member: 'Dr Hana Health' }]);
    expect(parseApologies('There were no apologies for absence.')).toEqual({ names: [], subs: [], none: true });
    expect(parseApologies('The Board received the report.')).toBeUndefined();
  });

  test('sentences do not end after "Cllr." or "Dr."', () => {
    expect(sentences('Cllr. Smith spoke. Dr. Jones replied. The end')).toEqual([
      'Cllr. Smith spoke.',
      'Dr. Jones replied.',
      'The end',
    ]);
  });
});

describe('dates and times', () => {
  test('the forms minutes write', () => {
    expect(
      findDate('MINUTES OF MEETING Community Safety Partnership HELD ON Thursday, 8th October, 2015, 13.00'),
    ).toMatchObject({ date: '2015-10-08', time: '13:00' });
    expect(findDate('Community Safety Partnership - Thursday, 26th October, 2023 2.00 pm')).toMatchObject({
      date: '2023-10-26',
      time: '14:00',
    });
    expect(findDate('14 January 2016.')).toMatchObject({ date: '2016-01-14' });
    expect(findDate('on 08/10/2015')).toMatchObject({ date: '2015-10-08' });
    expect(findDate('Monday, 30th February, 2015')).toBeUndefined();
    expect(findTime('at 3.35 pm')).toBe('15:35');
    expect(findTime('at 12.00 am')).toBe('00:00');
    expect(findTime('item 12')).toBeUndefined();
  });
});

describe('the roster', () => {
  const roster = new Roster([
    { id: 'amanda-dellar', name: 'Supt Amanda Dellar', kind: 'other' },
    { id: 'dax-oconnor', name: 'Dax O’Connor', kind: 'member', joined: '2020-01-01' },
    { id: 'alan-butcher', name: 'Cllr. Alan Butcher', kind: 'member', joined: '2020-01-01' },
    { id: 'eubert-malcolm', name: 'Eubert Malcolm', kind: 'member', joined: '2020-01-01' },
    { id: 'jo-smith', name: 'Jo Smith', kind: 'member', joined: '2020-01-01', left: '2021-01-01' },
    { id: 'jo-smith-2', name: 'Jo Smith', kind: 'member', joined: '2021-01-01' },
    { id: 'clerk', name: 'Committee Clerk', kind: 'other' },
  ]);

  test('names match ignoring case, apostrophe style, spaces and honorifics; ids match too', () => {
    expect(normaliseName('  Ch Supt  Amanda   DELLAR ')).toBe('amanda dellar');
    expect(slugOf("Cllr Dax O'Connor")).toBe('dax-oconnor');
    expect(roster.resolve('Amanda Dellar')).toMatchObject({ ok: true, id: 'amanda-dellar' });
    expect(roster.resolve("Dax O'Connor")).toMatchObject({ ok: true, id: 'dax-oconnor' });
    expect(roster.resolve('Alan Butcher')).toMatchObject({ ok: true, id: 'alan-butcher' });
    expect(roster.resolve('Clerk')).toMatchObject({ ok: true, id: 'clerk' });
  });

  test('two people of one name: the one seated that day, else ambiguous', () => {
    expect(roster.resolve('Jo Smith', '2020-06-01')).toMatchObject({ ok: true, id: 'jo-smith' });
    expect(roster.resolve('Jo Smith', '2022-06-01')).toMatchObject({ ok: true, id: 'jo-smith-2' });
    expect(roster.resolve('Jo Smith')).toEqual({
      ok: false,
      name: 'Jo Smith',
      nearest: ['Jo Smith (jo-smith)', 'Jo Smith (jo-smith-2)'],
      ambiguous: true,
    });
  });

  test('an unknown name gets the nearest names: by spelling, initials or surname; nothing is guessed', () => {
    expect(roster.resolve('Amanda Delar')).toEqual({
      ok: false,
      name: 'Amanda Delar',
      nearest: ['Supt Amanda Dellar (amanda-dellar)'],
      ambiguous: false,
    });
    expect(roster.resolve('EM')).toEqual({
      ok: false,
      name: 'EM',
      nearest: ['Eubert Malcolm (eubert-malcolm), initials EM'],
      ambiguous: false,
    });
    expect(roster.resolve('Dr Eric Malcolm')).toMatchObject({
      ok: false,
      nearest: ['Eubert Malcolm (eubert-malcolm)'],
    });
    expect(roster.resolve('Nobody At All')).toMatchObject({ ok: false, nearest: [] });
  });
});

describe('appending people to others', () => {
  const kate = { id: 'kate-watson', name: 'Kate Watson', kind: 'other' as const, organisation: 'Public Health' };

  test('after the last entry of a block list, keeping comments, CRLF and the byte-order mark', () => {
    const before =
      '\uFEFF# roster\r\nothers:   # people without a seat\r\n  - { id: clerk, name: Committee Clerk }  # the clerk\r\n\r\nmembers:\r\n  - { id: a, name: A, organisation: X, sector: police, role: member, joined: 2020-01-01 }\r\n';
    const r = appendOthers(before, [kate]);
    expect(r).toMatchObject({
      ok: true,
      text: before.replace(
        '# the clerk\r\n',
        '# the clerk\r\n  - { id: kate-watson, name: Kate Watson, organisation: Public Health }\r\n',
      ),
    });
  });

  test('into a flow list, or a new others at the end', () => {
    expect(appendOthers('members: []\nothers: [{ id: clerk, name: Clerk }]\n', [kate])).toMatchObject({
      ok: true,
      text: 'members: []\nothers: [{ id: clerk, name: Clerk }, { id: kate-watson, name: Kate Watson, organisation: Public Health }]\n',
    });
    expect(appendOthers('members: []\nothers: []\n', [kate])).toMatchObject({
      ok: true,
      text: 'members: []\nothers: [{ id: kate-watson, name: Kate Watson, organisation: Public Health }]\n',
    });
    expect(appendOthers('members: []  # none yet', [kate])).toMatchObject({
      ok: true,
      text: 'members: []  # none yet\nothers:\n  - { id: kate-watson, name: Kate Watson, organisation: Public Health }\n',
    });
  });

  test('a broken roster is not touched', () => {
    expect(appendOthers('members: [\n', [kate])).toMatchObject({ ok: false });
  });
});

describe("the website's furniture", () => {
  test('document links and page furniture are recognised; minutes text is not', () => {
    for (const t of [
      'pdf icon PDF 463 KB',
      'Appendix A - caseload figures PDF 88 KB',
      'Additional documents:',
      'View the full minutes text for item 34',
      'Printed minutes PDF 200 KB',
      'Agenda and minutes',
    ])
      expect(isBoilerplate(t)).toBe(true);
    for (const t of ['That the report be noted.', 'Minutes', 'RESOLVED', 'The PDF report was 463 pages long.'])
      expect(isBoilerplate(t)).toBe(false);
  });
});

describe('the write seam reads a whole YAML file back', () => {
  const file: SourceFile = {
    abs: '/x/members.yaml',
    rel: 'members.yaml',
    display: 'records/members.yaml',
    text: 'members: []\n',
    bom: false,
    eol: '\n',
  };
  test('an edit of members.yaml passes when it reads back as intended, and is refused otherwise', () => {
    const text = 'members: []\nothers:\n  - { id: a, name: A }\n';
    expect(() => {
      verify({
        kind: 'edit',
        file,
        text,
        expected: { members: [], others: [{ id: 'a', name: 'A' }] },
        wholeYaml: true,
      });
    }).not.toThrow();
    expect(() => {
      verify({ kind: 'edit', file, text, expected: { members: [] }, wholeYaml: true, refusal: 'no' });
    }).toThrow('no');
    // Without wholeYaml the file is read as markdown with front matter, which it has not.
    expect(() => {
      verify({ kind: 'edit', file, text, expected: { members: [], others: [{ id: 'a', name: 'A' }] }, refusal: 'no' });
    }).toThrow('no');
  });
});
