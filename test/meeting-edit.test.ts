import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli, minimalRecord, noStackTrace, snapshot } from './helpers.js';

const crlf = (s: string) => s.split('\n').join('\r\n');
const withBom = (s: string) => Buffer.from('\uFEFF' + crlf(s), 'utf8');
const MEETING = 'records/meetings/2026-12-10/meeting.md';
const bytes = (dir: string, rel = MEETING) => readFileSync(path.join(dir, rel));

const AGENDA = [
  '---',
  '# The December meeting',
  'date: 2026-12-10',
  'start: "14:00"',
  'venue: Civic Centre   # Room 1',
  'status: scheduled     # agenda due 2 December',
  'apologies:            # received so far',
  '  - { member: pc-police, substitute: dep-police }',
  'items:',
  '  - title: Strategy consultation',
  '    presenter: cllr-chair',
  '    purpose: decision',
  '  # more to come',
  '---',
  'Notes for the agenda.',
  '',
].join('\n');

function record(files: Record<string, string | Buffer> = {}) {
  return minimalRecord({ 'meetings/2026-12-10/meeting.md': withBom(AGENDA), ...files });
}

describe('csp item add', () => {
  it('adds the item in the style of the others and copies its papers, keeping BOM, CRLF and comments', async () => {
    const dir = record();
    writeFileSync(
      path.join(dir, 'probation update.pdf'),
      Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x0d, 0x0a]),
    );
    writeFileSync(path.join(dir, 'figures.csv'), 'a,b\r\n1,2\r\n');
    const r = await cli(dir, [
      'item',
      'add',
      '2026-12-10',
      '--title',
      'Probation: quarterly update',
      '--presenter',
      'Supt Pat Police',
      '--purpose',
      'noting',
      '--priority',
      'prevention',
      '--paper',
      'probation update.pdf',
      'figures.csv',
      '--exempt',
      '3',
      '--as-of',
      '2026-11-20',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        `Added item 2 to ${MEETING}: Probation: quarterly update (exempt, paragraph 3)`,
        'Copied records/meetings/2026-12-10/papers/probation update.pdf',
        'Copied records/meetings/2026-12-10/papers/figures.csv',
        '',
      ].join('\n'),
    );
    const want = AGENDA.replace(
      '  # more to come',
      [
        '  - title: "Probation: quarterly update"',
        '    presenter: pc-police',
        '    priority: prevention',
        '    purpose: noting',
        '    papers: [papers/probation update.pdf, papers/figures.csv]',
        '    exempt: { paragraph: 3 }',
        '  # more to come',
      ].join('\n'),
    );
    expect(bytes(dir).equals(withBom(want))).toBe(true);
    expect(bytes(dir, 'records/meetings/2026-12-10/papers/probation update.pdf')).toEqual(
      readFileSync(path.join(dir, 'probation update.pdf')),
    );
    expect(bytes(dir, 'records/meetings/2026-12-10/papers/figures.csv').toString()).toBe('a,b\r\n1,2\r\n');
    const v = await cli(dir, ['validate', '--as-of', '2026-11-20', '--format', 'json']);
    expect(JSON.parse(v.stdout)).toMatchObject({ errors: 0 });
  });

  it('starts the list when there is none, in block style, and says in JSON what it created and changed', async () => {
    const dir = minimalRecord({
      'meetings/2027-01-14/meeting.md': '---\ndate: 2027-01-14\nstatus: published\npublished: 2027-01-04\n---\n',
    });
    writeFileSync(path.join(dir, 'p.pdf'), 'x');
    const r = await cli(dir, [
      'item',
      'add',
      '2027-01-14',
      '--title',
      'Prevent',
      '--paper',
      'p.pdf',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      meeting: '2027-01-14',
      file: 'records/meetings/2027-01-14/meeting.md',
      created: ['records/meetings/2027-01-14/papers/p.pdf'],
      changed: ['records/meetings/2027-01-14/meeting.md'],
      item: { title: 'Prevent', papers: ['papers/p.pdf'] },
      position: 1,
      reused: [],
      published: '2027-01-04',
    });
    expect(r.stderr).toContain('went out on 2027-01-04: this is a late item');
    expect(readFileSync(path.join(dir, 'records/meetings/2027-01-14/meeting.md'), 'utf8')).toBe(
      '---\ndate: 2027-01-14\nstatus: published\npublished: 2027-01-04\nitems:\n  - title: Prevent\n    papers: [papers/p.pdf]\n---\n',
    );
  });

  it('refuses bad values with exit 2 and changes nothing', async () => {
    const dir = record({ 'meetings/2026-10-08/meeting.md': '---\ndate: 2026-10-08\nstatus: held\n---\n' });
    writeFileSync(path.join(dir, '.hidden.pdf'), 'x');
    const before = snapshot(dir);
    const cases: [string[], string][] = [
      [['item', 'add', '2026-12-10', '--title', '  '], '--title must be a line of text'],
      [
        ['item', 'add', '2026-12-10', '--title', 'T', '--exempt', '9'],
        '--exempt "9" is not a paragraph of Schedule 12A',
      ],
      [['item', 'add', '2026-12-10', '--title', 'T', '--priority', 'prevnetion'], 'Did you mean "prevention"?'],
      [['item', 'add', '2026-12-10', '--title', 'T', '--presenter', 'pc-polise'], 'Did you mean "pc-police"?'],
      [['item', 'add', '2026-12-10', '--title', 'T', '--purpose', 'vote'], "argument 'vote' is invalid"],
      [['item', 'add', '2026-12-10', '--title', 'T', '--paper', 'missing.pdf'], '--paper "missing.pdf" cannot be read'],
      [['item', 'add', '2026-12-10', '--title', 'T', '--paper', '.hidden.pdf'], 'must not start with a dot'],
      [['item', 'add', '2026-12-11', '--title', 'T'], 'There is no meeting 2026-12-11'],
      [['item', 'add', '../etc', '--title', 'T'], 'is not a meeting id'],
      [['item', 'add', '2026-10-08', '--title', 'T'], 'has been held'],
      [['item', 'add', '2026-12-10'], "required option '--title <title>' not specified"],
    ];
    for (const [args, message] of cases) {
      const r = await cli(dir, args);
      expect([args.join(' '), r.code]).toEqual([args.join(' '), 2]);
      expect(r.stderr).toContain(message);
      expect(noStackTrace(r)).toBe(true);
    }
    expect(snapshot(dir)).toEqual(before);
  });

  it('reuses a paper already there with the same content, and refuses (exit 1) one with other content', async () => {
    const dir = record({ 'meetings/2026-12-10/papers/p.pdf': 'old' });
    writeFileSync(path.join(dir, 'p.pdf'), 'old');
    const same = await cli(dir, ['item', 'add', '2026-12-10', '--title', 'A', '--paper', 'p.pdf']);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('Already there: records/meetings/2026-12-10/papers/p.pdf');
    writeFileSync(path.join(dir, 'p.pdf'), 'new');
    const before = snapshot(dir);
    const other = await cli(dir, ['item', 'add', '2026-12-10', '--title', 'B', '--paper', 'p.pdf']);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('already exists with other content; nothing was changed');
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('csp apologies add', () => {
  it('appends the apology in the list style, keeping BOM, CRLF and comments', async () => {
    const dir = record();
    const r = await cli(dir, [
      'apologies',
      'add',
      '2026-12-10',
      '--member',
      'Dr Hana Health',
      '--substitute',
      'dep-health',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`Recorded apologies from dr-health (substitute: dep-health) in ${MEETING}\n`);
    const want = AGENDA.replace(
      '  - { member: pc-police, substitute: dep-police }\n',
      '  - { member: pc-police, substitute: dep-police }\n  - { member: dr-health, substitute: dep-health }\n',
    );
    expect(bytes(dir).equals(withBom(want))).toBe(true);
  });

  it('creates the list, warns about a substitute who is not a deputy, and refuses bad values', async () => {
    const dir = minimalRecord({ 'meetings/2027-01-14/meeting.md': '---\ndate: 2027-01-14\nstart: "14:00"\n---\n' });
    const r = await cli(dir, [
      'apologies',
      'add',
      '2027-01-14',
      '--member',
      'cllr-chair',
      '--substitute',
      'clerk',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      meeting: '2027-01-14',
      file: 'records/meetings/2027-01-14/meeting.md',
      created: [],
      changed: ['records/meetings/2027-01-14/meeting.md'],
      apology: { member: 'cllr-chair', substitute: 'clerk' },
      notDeputy: true,
    });
    expect(r.stderr).toContain("clerk is not one of cllr-chair's deputies");
    expect(readFileSync(path.join(dir, 'records/meetings/2027-01-14/meeting.md'), 'utf8')).toBe(
      '---\ndate: 2027-01-14\nstart: "14:00"\napologies:\n  - { member: cllr-chair, substitute: clerk }\n---\n',
    );
    const before = snapshot(dir);
    for (const [args, message] of [
      [['--member', 'cllr-chair'], 'already recorded'],
      [['--member', 'clerk'], 'has no seat on the board on 2027-01-14'],
      [['--member', 'dr-helth'], 'Did you mean "dr-health"?'],
      [['--member', 'dr-health', '--substitute', 'dr-health'], 'names the member who sent apologies'],
    ] as [string[], string][]) {
      const bad = await cli(dir, ['apologies', 'add', '2027-01-14', ...args]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain(message);
    }
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('csp meeting held|cancel', () => {
  it('cancels with a reason, keeping the status comment, BOM and CRLF', async () => {
    const dir = record();
    const r = await cli(dir, ['meeting', 'cancel', '2026-12-10', '--reason', 'Not quorate: too many apologies']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      `2026-12-10 is now cancelled (was scheduled): Not quorate: too many apologies; updated ${MEETING}\n`,
    );
    const want = AGENDA.replace(
      'status: scheduled     # agenda due 2 December\n',
      'status: cancelled     # agenda due 2 December\nreason: "Not quorate: too many apologies"\n',
    );
    expect(bytes(dir).equals(withBom(want))).toBe(true);
    const again = await cli(dir, ['meeting', 'cancel', '2026-12-10']);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe('csp: The meeting 2026-12-10 is already cancelled; nothing was changed.\n');
  });

  it('marks a meeting held only once its day has come, and never cancels one held', async () => {
    const dir = record();
    const early = await cli(dir, ['meeting', 'held', '2026-12-10', '--as-of', '2026-12-09']);
    expect(early.code).toBe(2);
    expect(early.stderr).toContain('after today (2026-12-09): it cannot have been held yet');
    const r = await cli(dir, ['meeting', 'held', '2026-12-10', '--as-of', '2026-12-10', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      meeting: '2026-12-10',
      file: MEETING,
      created: [],
      changed: [MEETING],
      before: 'scheduled',
      status: 'held',
    });
    expect(bytes(dir).equals(withBom(AGENDA.replace('status: scheduled', 'status: held')))).toBe(true);
    const cancel = await cli(dir, ['meeting', 'cancel', '2026-12-10']);
    expect(cancel.code).toBe(2);
    expect(cancel.stderr).toContain('is recorded as held, so it cannot be cancelled');
  });

  it('adds status where meeting.md has none, and a cancelled meeting takes no items', async () => {
    const dir = minimalRecord({
      'meetings/2027-01-14/meeting.md': '---\ndate: 2027-01-14\nvenue: Town Hall\n---\nBody\n',
    });
    const r = await cli(dir, ['meeting', 'cancel', '2027-01-14']);
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(dir, 'records/meetings/2027-01-14/meeting.md'), 'utf8')).toBe(
      '---\ndate: 2027-01-14\nvenue: Town Hall\nstatus: cancelled\n---\nBody\n',
    );
    const item = await cli(dir, ['item', 'add', '2027-01-14', '--title', 'X']);
    expect(item.code).toBe(2);
    expect(item.stderr).toContain('is cancelled, so an item cannot be added');
    expect(existsSync(path.join(dir, 'records/meetings/2027-01-14/papers'))).toBe(false);
  });
});
