/**
 * The forms other partnerships' real minutes take, through the CLI in-process (main(io);
 * the both-ways table holds it to the built binary) on records built for each test:
 * decision words, attendance not recorded, names and initials as the minutes write them,
 * per-year minute labels, quorum by organisations, groups as owners, reviews of earlier
 * actions, approval by e-mail, several chairs, exempt reasons and the usual wordings of
 * standard items.
 */
import { describe, it, expect } from 'vitest';
import { cli, minimalRecord, noStackTrace, read } from './helpers.js';
import type { Finding, Report } from './rules-support.js';

const PARTNERSHIP = (extra = '') =>
  `---\nname: Riverside Community Safety Partnership\nshort_name: Riverside CSP\n${extra}---\nTerms of reference.\n`;

/** A roster with the names real minutes use: titles, curly apostrophes, initials that change and collide. */
const MEMBERS = [
  'members:',
  '  - { id: alan-butcher, name: Cllr. Alan Butcher, organisation: Riverside Council, sector: local-authority, role: chair, joined: 2014-01-01, title: Cabinet Member for Communities }',
  '  - id: amy-clarke',
  '    name: Amy Clarke',
  '    organisation: Riverside Police',
  '    sector: police',
  '    role: member',
  '    joined: 2014-01-01',
  '    aliases: [{ name: AC, to: 2015-12-31 }]',
  '  - id: dax-oconnor',
  '    name: Dax O’Connor',
  '    organisation: Riverside NHS',
  '    sector: health',
  '    role: member',
  '    joined: 2014-01-01',
  '    aliases: [{ name: DO, to: 2015-06-30 }, { name: DOC, from: 2015-07-01 }]',
  'others:',
  '  - id: andrew-cole',
  '    name: Andrew Cole',
  '    organisation: Riverside Council',
  '    aliases: [{ name: AC, from: 2016-01-01 }]',
  '  - { id: beth-officer, name: Beth Officer, organisation: Riverside Council }',
  '  - { id: cat-officer, name: Cat Officer, organisation: Riverside Council }',
  'groups:',
  '  - { id: all-members, name: All CSP members, all: true, aliases: [All members] }',
  '  - { id: partners, name: Partners, people: [amy-clarke, dax-oconnor] }',
  '',
].join('\n');

const meeting = (date: string) => `---\ndate: ${date}\nstatus: held\n---\n`;
const minutes = (front: string, body: string) => `---\nstatus: draft\n${front}---\n${body}`;
const ALL_PRESENT = 'chair: alan-butcher\npresent: [alan-butcher, amy-clarke, dax-oconnor]\n';

function record(files: Record<string, string>, partnership = ''): string {
  return minimalRecord({ 'partnership.md': PARTNERSHIP(partnership), 'members.yaml': MEMBERS, ...files });
}

async function validate(dir: string): Promise<Report> {
  const r = await cli(dir, ['validate', '--format', 'json', '--as-of', '2016-06-01']);
  expect(noStackTrace(r)).toBe(true);
  return JSON.parse(r.stdout) as Report;
}

const of = (report: Report, rule: string): Finding[] => report.diagnostics.filter((d) => d.rule === rule);

describe('decision words', () => {
  const body = [
    '## 1. Community safety plan',
    '',
    'AGREED that the plan be adopted.',
    '',
    '## 2. Anti-social behaviour',
    '',
    'It was RESOLVED that the report be noted (5 for, 1 against, 2 abstentions).',
    '',
    '## 3. Serious violence duty',
    '',
    'RESOLVED, that the strategy be endorsed.',
    '',
    '## 4. Funding',
    '',
    'RESOLVED that:-',
    '',
    '(a) the grant be accepted;',
    '',
    '(b) the Chair write to the Home Office.',
    '',
    'The meeting then moved on.',
    '',
    '## 5. Domestic abuse',
    '',
    'Decision: to commission a new service.',
    '',
    '## 6. Hate crime',
    '',
    '- Agreed by unanimous vote to support the campaign.',
    '',
    '## 7. Youth justice',
    '',
    'Resolved:',
    '',
    '- That the report be noted.',
    '',
    '## 8. Agreements with partners',
    '',
    'Agreements were discussed; nothing was decided.',
    '',
  ].join('\n');

  it('reads every form into the register, without the word and its punctuation, with the lettered parts and the votes', async () => {
    const dir = record({
      'meetings/2015-10-08/meeting.md': meeting('2015-10-08'),
      'meetings/2015-10-08/minutes.md': minutes(ALL_PRESENT, body),
    });
    const r = await cli(dir, ['decisions', '--format', 'json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { minute: number; text: string; votes?: unknown }[];
    expect(rows.map((d) => [d.minute, d.text])).toEqual([
      [1, 'that the plan be adopted.'],
      [2, 'that the report be noted (5 for, 1 against, 2 abstentions).'],
      [3, 'that the strategy be endorsed.'],
      [4, 'that:-\n(a) the grant be accepted;\n(b) the Chair write to the Home Office.'],
      [5, 'to commission a new service.'],
      [6, 'by unanimous vote to support the campaign.'],
      [7, 'That the report be noted.'],
    ]);
    expect(rows[1]!.votes).toEqual({ for: 5, against: 1, abstentions: 2 });
    expect(rows[0]!.votes).toBeUndefined();
    // Minute 8 ("Agreements …") is not a decision: outcome warns on it alone.
    expect(of(await validate(dir), 'outcome').map((d) => [d.line, d.message.slice(0, 35)])).toEqual([
      [42, 'Minute 8 (Agreements with partners)'],
    ]);
  });

  it('a partnership that names its own words reads only those', async () => {
    const dir = record(
      {
        'meetings/2015-10-08/meeting.md': meeting('2015-10-08'),
        'meetings/2015-10-08/minutes.md': minutes(ALL_PRESENT, body),
      },
      'decision_words: [RESOLVED]\n',
    );
    const rows = JSON.parse((await cli(dir, ['decisions', '--format', 'json'])).stdout) as { minute: number }[];
    expect(rows.map((d) => d.minute)).toEqual([2, 3, 4, 7]);
  });

  it('a decision word that is not letters is a schema error in partnership.md', async () => {
    const dir = record({}, 'decision_words: ["RESOLVED:"]\n');
    expect(of(await validate(dir), 'schema').map((d) => d.file)).toEqual(['records/partnership.md']);
  });
});

describe('attendance and apologies not recorded', () => {
  // Police absent at the first, third and fourth meetings; the second's minutes record no attendance.
  const files = {
    'meetings/2015-07-01/meeting.md': meeting('2015-07-01'),
    'meetings/2015-07-01/minutes.md': minutes(
      'present: [alan-butcher, dax-oconnor]\n',
      '## 1. Plan\n\nRESOLVED that it be noted.\n',
    ),
    'meetings/2015-09-01/meeting.md': meeting('2015-09-01'),
    'meetings/2015-09-01/minutes.md': minutes(
      'chair: alan-butcher\nattendance: not-recorded\napologies: not-recorded\n',
      '## 2. Plan\n\nRESOLVED that it be noted.\n',
    ),
    'meetings/2015-11-01/meeting.md': meeting('2015-11-01'),
    'meetings/2015-11-01/minutes.md': minutes(
      'present: [alan-butcher, dax-oconnor]\n',
      '## 3. Plan\n\nRESOLVED that it be noted.\n',
    ),
    'meetings/2016-01-10/meeting.md': meeting('2016-01-10'),
    'meetings/2016-01-10/minutes.md': minutes(
      'present: [alan-butcher, dax-oconnor]\n',
      '## 4. Plan\n\nRESOLVED that it be noted.\n',
    ),
  };

  it('attendance shows the meeting as null, and it neither adds to nor breaks the absence run', async () => {
    const dir = record(files);
    const r = await cli(dir, ['attendance', '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as {
      recorded: boolean[];
      members: { id: string; record: unknown[] }[];
      organisations: { organisation: string; represented: unknown[]; unrepresented_run: number; flagged: boolean }[];
    };
    expect(json.recorded).toEqual([true, false, true, true]);
    expect(json.members.find((m) => m.id === 'amy-clarke')!.record).toEqual(['absent', null, 'absent', 'absent']);
    const police = json.organisations.find((o) => o.organisation === 'Riverside Police')!;
    expect(police.represented).toEqual([false, null, false, false]);
    expect(police.unrepresented_run).toBe(3);
    expect(police.flagged).toBe(true);
    const council = json.organisations.find((o) => o.organisation === 'Riverside Council')!;
    expect(council.represented).toEqual([true, null, true, true]);
    expect(council.unrepresented_run).toBe(0);
    const text = (await cli(dir, ['attendance'])).stdout;
    expect(text).toContain('  Amy Clarke           ·     ?     ·     ·');
    expect(text).toContain('? not recorded');
  });

  it('csp quorum says the quorum cannot be known from the record (exit 1), and validate gives no quorum warning', async () => {
    const dir = record(files);
    const json = await cli(dir, ['quorum', '2015-09-01', '--format', 'json']);
    expect(json.code).toBe(1);
    const q = JSON.parse(json.stdout) as {
      quorate: unknown;
      basis: string;
      requirements: { met: unknown; count: unknown }[];
    };
    expect(q.quorate).toBeNull();
    expect(q.basis).toBe('not-recorded');
    expect(q.requirements.every((r) => r.met === null && r.count === null)).toBe(true);
    const text = await cli(dir, ['quorum', '2015-09-01']);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('cannot be known from the record');
    expect(text.stdout).not.toContain('NOT quorate');
    const report = await validate(dir);
    expect(report.errors).toBe(0);
    expect(of(report, 'quorum').filter((d) => d.file.includes('2015-09-01'))).toEqual([]);
  });

  it('the minutes as a reader sees them say attendance was not recorded', async () => {
    const dir = record(files);
    const r = await cli(dir, ['minutes', 'render', '2015-09-01']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('The minutes do not record who was present.');
    expect(r.stdout).toContain('The minutes do not record who sent apologies.');
  });
});

describe('people by the names the minutes use', () => {
  const files = (owner: string, date: string) => ({
    [`meetings/${date}/meeting.md`]: meeting(date),
    [`meetings/${date}/minutes.md`]: minutes(
      ALL_PRESENT,
      `## 1. Plan\n\nThe plan was discussed. [action: ${owner}; due 2016-12-01]\n`,
    ),
  });
  const ownerOf = async (dir: string): Promise<string> => {
    const r = await cli(dir, ['actions', 'sync', '--as-of', '2016-06-01']);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse((await cli(dir, ['actions', '--format', 'json'])).stdout) as { owner: string[] }[];
    return json[0]!.owner.join(',');
  };

  it('"Dax O\'Connor" (straight apostrophe) finds "Dax O’Connor"', async () => {
    const dir = record(files("Dax O'Connor", '2015-10-08'));
    expect(of(await validate(dir), 'unknown-ref')).toEqual([]);
    expect(await ownerOf(dir)).toBe('dax-oconnor');
  });

  it('"Alan Butcher" finds "Cllr. Alan Butcher", and "Councillor Alan  Butcher" too', async () => {
    expect(await ownerOf(record(files('Alan Butcher', '2015-10-08')))).toBe('alan-butcher');
    expect(await ownerOf(record(files('Councillor Alan  Butcher', '2015-10-08')))).toBe('alan-butcher');
  });

  it('"AC" is Amy Clarke in 2015 and Andrew Cole in 2016; "DO" then "DOC" are Dax O’Connor', async () => {
    expect(await ownerOf(record(files('AC', '2015-10-08')))).toBe('amy-clarke');
    expect(await ownerOf(record(files('AC', '2016-03-10')))).toBe('andrew-cole');
    expect(await ownerOf(record(files('DO', '2015-03-10')))).toBe('dax-oconnor');
    expect(await ownerOf(record(files('DOC', '2015-10-08')))).toBe('dax-oconnor');
    // "DO" was no longer used after June 2015.
    const late = of(await validate(record(files('DO', '2015-10-08'))), 'unknown-ref');
    expect(late.map((d) => d.message)).toEqual([expect.stringContaining('"DO" is not on the roster')]);
  });

  it('an alias that fits two people on the day is an ambiguous unknown-ref', async () => {
    const both = MEMBERS.replace('aliases: [{ name: AC, to: 2015-12-31 }]', 'aliases: [AC]');
    const dir = minimalRecord({ 'partnership.md': PARTNERSHIP(), 'members.yaml': both, ...files('AC', '2016-03-10') });
    const found = of(await validate(dir), 'unknown-ref');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toBe(
      'The action owner "AC" matches 2 people (amy-clarke, andrew-cole). Write the person\'s id instead. Their aliases overlap on 2016-03-10: give them dates (from, to) in members.yaml.',
    );
    expect(found[0]!.line).toBe(8);
    expect((await cli(dir, ['actions', 'sync'])).code).toBe(1);
  });

  it('members carry a job title; an unknown key beside it is still a schema error', async () => {
    expect(of(await validate(record({})), 'schema')).toEqual([]);
    const bad = MEMBERS.replace('title: Cabinet Member for Communities', 'job: Cabinet Member');
    const dir = minimalRecord({ 'partnership.md': PARTNERSHIP(), 'members.yaml': bad });
    expect(of(await validate(dir), 'schema').map((d) => d.line)).toEqual([2]);
  });
});

describe('minute numbering: per-year labels, and a change of practice', () => {
  const yearly = 'minute_numbering: per-year\nyear_starts: "05-01"\nminute_label: "SSP {n}/{yy}"\n';
  const item = (label: string, title = 'Plan') => `## ${label}. ${title}\n\nRESOLVED that it be noted.\n\n`;

  it('"SSP 53/15" headings across a May boundary: numbers run on in the year and restart at 1 in the next', async () => {
    const dir = record(
      {
        'meetings/2015-10-08/meeting.md': meeting('2015-10-08'),
        'meetings/2015-10-08/minutes.md': minutes(ALL_PRESENT, item('SSP 53/15') + item('SSP 54/15')),
        'meetings/2016-03-10/meeting.md': meeting('2016-03-10'),
        'meetings/2016-03-10/minutes.md': minutes(ALL_PRESENT, item('SSP 55/15')),
        'meetings/2016-06-09/meeting.md': meeting('2016-06-09'),
        'meetings/2016-06-09/minutes.md': minutes(ALL_PRESENT, item('SSP 1/16') + item('SSP 2/16')),
      },
      yearly,
    );
    const report = await validate(dir);
    expect(report.diagnostics.filter((d) => ['heading', 'minute-number'].includes(d.rule))).toEqual([]);
    const rows = JSON.parse((await cli(dir, ['decisions', '--format', 'json'])).stdout) as {
      minute: number;
      minute_label: string;
    }[];
    expect(rows.map((d) => d.minute_label)).toEqual(['SSP 53/15', 'SSP 54/15', 'SSP 55/15', 'SSP 1/16', 'SSP 2/16']);
    expect((await cli(dir, ['decisions'])).stdout).toContain('SSP 53/15. Plan');
    expect((await cli(dir, ['minutes', 'render', '2016-06-09'])).stdout).toContain('## SSP 1/16. Plan');
  });

  it('a year that does not restart, a gap, a duplicate in the year and a heading labelled for another year are found', async () => {
    const dir = record(
      {
        'meetings/2015-10-08/meeting.md': meeting('2015-10-08'),
        'meetings/2015-10-08/minutes.md': minutes(ALL_PRESENT, item('SSP 53/15') + item('SSP 53/15', 'Again')),
        'meetings/2016-03-10/meeting.md': meeting('2016-03-10'),
        'meetings/2016-03-10/minutes.md': minutes(ALL_PRESENT, item('SSP 57/15') + item('SSP 58/16', 'Wrong year')),
        'meetings/2016-06-09/meeting.md': meeting('2016-06-09'),
        'meetings/2016-06-09/minutes.md': minutes(ALL_PRESENT, item('SSP 59/16')),
      },
      yearly,
    );
    const found = (await validate(dir)).diagnostics.filter((d) => ['heading', 'minute-number'].includes(d.rule));
    expect(found.map((d) => [d.file.split('/')[2], d.rule, d.severity, d.message])).toEqual([
      [
        '2015-10-08',
        'minute-number',
        'error',
        expect.stringContaining('Minute SSP 53/15 is already used in these minutes'),
      ],
      [
        '2016-03-10',
        'minute-number',
        'warning',
        expect.stringContaining(
          'start at SSP 57/15, but the minutes of 2015-10-08, earlier in the same municipal year, ended at SSP 53/15',
        ),
      ],
      ['2016-03-10', 'heading', 'error', expect.stringContaining('labelled for another year')],
      [
        '2016-06-09',
        'minute-number',
        'warning',
        expect.stringContaining('first minutes of the municipal year starting 2016-05-01'),
      ],
    ]);
  });

  it('a board that moved from per-meeting to continuous numbering in 2023 is checked by the practice in force', async () => {
    const change = 'minute_numbering:\n  - { mode: per-meeting }\n  - { from: 2023-05-01, mode: continuous }\n';
    const files = {
      'meetings/2022-10-08/meeting.md': meeting('2022-10-08'),
      'meetings/2022-10-08/minutes.md': minutes(ALL_PRESENT, item('1') + item('2')),
      'meetings/2023-01-08/meeting.md': meeting('2023-01-08'),
      'meetings/2023-01-08/minutes.md': minutes(ALL_PRESENT, item('1') + item('2')),
      'meetings/2023-06-08/meeting.md': meeting('2023-06-08'),
      'meetings/2023-06-08/minutes.md': minutes(ALL_PRESENT, item('40') + item('41')),
      'meetings/2023-09-08/meeting.md': meeting('2023-09-08'),
      'meetings/2023-09-08/minutes.md': minutes(ALL_PRESENT, item('42')),
    };
    expect(of(await validate(record(files, change)), 'minute-number')).toEqual([]);
    const wrong = { ...files, 'meetings/2023-09-08/minutes.md': minutes(ALL_PRESENT, item('1')) };
    expect(of(await validate(record(wrong, change)), 'minute-number').map((d) => d.message)).toEqual([
      expect.stringContaining('With continuous numbering they start at 42'),
    ]);
  });
});

describe('quorum counted in organisations', () => {
  const quorum = 'quorum:\n  - { label: "3 responsible agencies", min: 3, count: organisations, voting: false }\n';
  const three = (present: string, others: string) =>
    record(
      {
        'meetings/2016-03-10/meeting.md': meeting('2016-03-10'),
        'meetings/2016-03-10/minutes.md': minutes(
          `present: [${present}]\nin_attendance: [${others}]\n`,
          '## 1. Plan\n\nRESOLVED that it be noted.\n',
        ),
      },
      quorum,
    );

  it('three officers of one council fail a count: organisations requirement of 3', async () => {
    const roster = MEMBERS.replace(
      '  - { id: beth-officer, name: Beth Officer, organisation: Riverside Council }\n  - { id: cat-officer, name: Cat Officer, organisation: Riverside Council }\n',
      '',
    ).replace(
      'members:\n',
      'members:\n  - { id: beth-officer, name: Beth Officer, organisation: Riverside Council, sector: local-authority, role: member, joined: 2014-01-01 }\n  - { id: cat-officer, name: Cat Officer, organisation: Riverside Council, sector: local-authority, role: member, joined: 2014-01-01 }\n',
    );
    const dir = minimalRecord({
      'partnership.md': PARTNERSHIP(quorum),
      'members.yaml': roster,
      'meetings/2016-03-10/meeting.md': meeting('2016-03-10'),
      'meetings/2016-03-10/minutes.md': minutes(
        'present: [alan-butcher, beth-officer, cat-officer]\n',
        '## 1. Plan\n\nRESOLVED that it be noted.\n',
      ),
    });
    const r = await cli(dir, ['quorum', '2016-03-10', '--format', 'json']);
    expect(r.code).toBe(1);
    const q = JSON.parse(r.stdout) as {
      quorate: boolean;
      requirements: { count: number; met: boolean; satisfied_by: string[]; counts: string }[];
    };
    expect(q.quorate).toBe(false);
    expect(q.requirements[0]).toMatchObject({ count: 1, met: false, counts: 'organisations' });
    expect(q.requirements[0]!.satisfied_by).toEqual(['alan-butcher', 'beth-officer', 'cat-officer']);
    expect((await cli(dir, ['quorum', '2016-03-10'])).stdout).toContain(
      '1 organisations present, 3 organisations needed',
    );
  });

  it('one person from each of three organisations meets it', async () => {
    const dir = three('alan-butcher, amy-clarke, dax-oconnor', 'beth-officer');
    const r = await cli(dir, ['quorum', '2016-03-10', '--format', 'json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { requirements: { count: number }[] }).requirements[0]!.count).toBe(3);
  });
});

describe('groups as action owners', () => {
  it('"All CSP members" and "Partners" own actions by the group id; validate accepts them; the overdue report groups by them', async () => {
    const dir = record({
      'meetings/2016-03-10/meeting.md': meeting('2016-03-10'),
      'meetings/2016-03-10/minutes.md': minutes(
        ALL_PRESENT,
        '## 1. Plan\n\nMembers would review the plan. [action: All CSP members; due 2016-04-01]\n\nPartners would share data. [action: Partners; due 2016-04-02]\n',
      ),
    });
    const sync = await cli(dir, ['actions', 'sync', '--as-of', '2016-03-11']);
    expect(sync.code, sync.stderr).toBe(0);
    const rows = JSON.parse((await cli(dir, ['actions', '--format', 'json'])).stdout) as {
      id: string;
      owner: string[];
    }[];
    expect(rows.map((a) => [a.id, a.owner])).toEqual([
      ['2016-03-10-1-1', ['all-members']],
      ['2016-03-10-1-2', ['partners']],
    ]);
    expect((await validate(dir)).errors).toBe(0);
    const overdue = await cli(dir, ['actions', '--overdue', '--as-of', '2016-05-01']);
    expect(overdue.stdout).toContain('All CSP members');
    expect(overdue.stdout).toContain('Partners');
  });

  it('a group id used by a person, or a group of someone not on the roster, is found', async () => {
    const clash = MEMBERS.replace('{ id: partners, name: Partners,', '{ id: amy-clarke, name: Partners,');
    const dir = minimalRecord({ 'partnership.md': PARTNERSHIP(), 'members.yaml': clash });
    const found = (await validate(dir)).diagnostics.filter((d) => d.file === 'records/members.yaml');
    expect(found.map((d) => d.message)).toEqual([
      expect.stringContaining('The group id "amy-clarke" is already used by a person'),
    ]);
    const unknown = MEMBERS.replace('people: [amy-clarke, dax-oconnor]', 'people: [amy-clarke, nobody-here]');
    const dir2 = minimalRecord({ 'partnership.md': PARTNERSHIP(), 'members.yaml': unknown });
    expect(of(await validate(dir2), 'unknown-ref').map((d) => d.message)).toEqual([
      expect.stringContaining('"nobody-here"'),
    ]);
  });
});

describe('reviews of earlier actions', () => {
  const action = [
    '---',
    'title: Map engagement with schools',
    'owner: amy-clarke',
    'raised: { meeting: 2015-10-08, minute: 1 }',
    'due: 2016-01-01',
    'status: open',
    '---',
    'Context.',
    '',
  ].join('\n');
  const files = (status: string, id = '2015-10-08-1-1') => ({
    'meetings/2015-10-08/meeting.md': meeting('2015-10-08'),
    'meetings/2015-10-08/minutes.md': minutes(
      ALL_PRESENT.replace('status: draft', ''),
      '## 1. Schools\n\nThe police would map engagement. [action 2015-10-08-1-1: amy-clarke; due 2016-01-01]\n',
    ).replace('status: draft', 'status: approved\napproved: { meeting: 2016-03-10 }'),
    'meetings/2016-03-10/meeting.md': meeting('2016-03-10'),
    'meetings/2016-03-10/minutes.md': minutes(
      ALL_PRESENT,
      `## 2. Matters arising\n\nThe mapping was finished in February. [review ${id}: ${status}]\n`,
    ),
    'actions/2015-10-08-1-1.md': action,
  });

  it('a [review …: COMPLETED] marker closes the action when synced, dated the meeting, with the minute; a second sync changes nothing', async () => {
    const dir = record(files('COMPLETED'));
    const before = of(await validate(dir), 'action-sync');
    expect(before.map((d) => [d.line, d.severity, d.message])).toEqual([
      [8, 'warning', expect.stringContaining('not yet recorded on the action. Run "csp actions sync"')],
    ]);
    const sync = await cli(dir, ['actions', 'sync', '--as-of', '2016-03-20']);
    expect(sync.code, sync.stderr).toBe(0);
    expect(sync.stdout).toContain('reviewed 2015-10-08-1-1  done at minute 2 of 2016-03-10');
    const after = read(dir, 'records/actions/2015-10-08-1-1.md');
    expect(after).toBe(
      [
        '---',
        'title: Map engagement with schools',
        'owner: amy-clarke',
        'raised: { meeting: 2015-10-08, minute: 1 }',
        'due: 2016-01-01',
        'status: done',
        'completed: 2016-03-10',
        'updates:',
        '  - { date: 2016-03-10, meeting: 2016-03-10, minute: 2, status: done, from: open, note: The mapping was finished in February. }',
        '---',
        'Context.',
        '',
      ].join('\n'),
    );
    const report = await validate(dir);
    expect(report.errors).toBe(0);
    expect(of(report, 'action-sync')).toEqual([]);
    const again = await cli(dir, ['actions', 'sync', '--as-of', '2016-03-21']);
    expect(again.stdout).toContain('Nothing to sync');
    expect(read(dir, 'records/actions/2015-10-08-1-1.md')).toBe(after);
  });

  it('"(Outstanding)" keeps it open; an unknown action or status is found at the marker', async () => {
    const dir = record(files('outstanding'));
    expect((await cli(dir, ['actions', 'sync', '--as-of', '2016-03-20'])).code).toBe(0);
    expect(read(dir, 'records/actions/2015-10-08-1-1.md')).toContain(
      'status: open\nupdates:\n  - { date: 2016-03-10, meeting: 2016-03-10, minute: 2, status: open,',
    );
    expect(
      of(await validate(record(files('done', '2015-10-08-1-9'))), 'unknown-ref').map((d) => [d.line, d.message]),
    ).toEqual([[8, expect.stringContaining('there is no actions/2015-10-08-1-9.md. Did you mean "2015-10-08-1-1"?')]]);
    expect(of(await validate(record(files('finished'))), 'action-marker').map((d) => d.message)).toEqual([
      expect.stringContaining('reports "finished", which is not a status'),
    ]);
  });
});

describe('approval by e-mail, several chairs, exempt reasons, standard items', () => {
  it('minutes approved by e-mail with two chairs and a minute withheld for a reason validate and read as written', async () => {
    const dir = record({
      'meetings/2016-03-10/meeting.md': meeting('2016-03-10'),
      'meetings/2016-03-10/minutes.md': [
        '---',
        'status: approved',
        'approved: { by: email, date: 2016-03-24, note: Circulated on 14 March; no objections by 24 March }',
        'chair: [alan-butcher, dax-oconnor]',
        'present: [alan-butcher, amy-clarke, dax-oconnor]',
        'exempt:',
        '  - { minute: 4, reason: operationally sensitive }',
        '---',
        '## 1. Declaration of Interests',
        '',
        'None.',
        '',
        '## 2. Minutes – Wednesday 29th June 2022',
        '',
        'Confirmed.',
        '',
        '## 3. Matters arising',
        '',
        'None.',
        '',
        '## 4. Operation Sentinel',
        '',
        'RESOLVED that the operation continue.',
        '',
        '## 5. AOB',
        '',
        'None.',
        '',
        '## 6. Dates of future meetings',
        '',
        'Noted.',
        '',
      ].join('\n'),
    });
    const report = await validate(dir);
    expect(report.diagnostics).toEqual([]);
    const md = await cli(dir, ['minutes', 'render', '2016-03-10']);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('- Chair: Cllr. Alan Butcher (Riverside Council), then Dax O’Connor (Riverside NHS)');
    expect(md.stdout).toContain(
      'Approved as an accurate record by members by e-mail, Thursday 24 March 2016 (Circulated on 14 March; no objections by 24 March)',
    );
    expect(md.stdout).toContain('*Withheld: operationally sensitive. The minutes of this item are not published.*');
    expect(md.stdout).not.toContain('the operation continue');
    const decisions = JSON.parse((await cli(dir, ['decisions', '--format', 'json'])).stdout) as unknown[];
    expect(decisions).toEqual([
      { meeting: '2016-03-10', minute: 4, title: 'Operation Sentinel', text: null, exempt: 'operationally sensitive' },
    ]);
  });

  it('an exempt entry needs a paragraph or a reason, and e-mail approval needs its date', async () => {
    const dir = record({
      'meetings/2016-03-10/meeting.md': meeting('2016-03-10'),
      'meetings/2016-03-10/minutes.md':
        '---\nstatus: approved\napproved: { by: email }\nexempt:\n  - { minute: 1 }\n---\n## 1. Plan\n\nRESOLVED that it be noted.\n',
    });
    expect(of(await validate(dir), 'schema').map((d) => d.line)).toEqual([3, 5]);
  });
});
