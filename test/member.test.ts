import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cli, minimalRecord, noStackTrace, snapshot } from './helpers.js';

const crlf = (s: string) => s.split('\n').join('\r\n');
const withBom = (s: string) => Buffer.from('\uFEFF' + crlf(s), 'utf8');
const ROSTER = 'records/members.yaml';

const BLOCK = [
  '# The roster. Reviewed annually.',
  'members:',
  '  # --- Chair ---',
  '  - id: cllr-chair          # Cabinet Member',
  '    name: Cllr Ada Chair',
  '    organisation: Test Borough Council',
  '    sector: local-authority',
  '    role: chair',
  '    joined: 2020-01-01       # elected May 2019',
  '',
  '  - id: pc-police',
  '    name: Supt Pat Police',
  '    organisation: Test Police',
  '    sector: police',
  '    role: member',
  '    joined: 2020-01-01',
  '    deputies: [dep-police]',
  '',
  'others:',
  '  - { id: dep-police, name: Insp Dee Deputy, organisation: Test Police }',
  '  - { id: clerk, name: Committee Clerk, organisation: Test Borough Council }',
  '',
].join('\n');

describe('csp member join', () => {
  it('appends the member in the style of the roster, blank line and all, keeping BOM, CRLF and comments', async () => {
    const dir = minimalRecord({ 'members.yaml': withBom(BLOCK) });
    const r = await cli(dir, [
      'member',
      'join',
      'dr-health',
      '--name',
      'Dr Hana Health',
      '--organisation',
      'Test NHS',
      '--sector',
      'health',
      '--deputy',
      'dep-police',
      '--email',
      'hana@example.nhs.uk',
      '--date',
      '2027-01-05',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`Added Dr Hana Health (dr-health, Test NHS) to members in ${ROSTER}, from 2027-01-05\n`);
    const want = BLOCK.replace(
      '    deputies: [dep-police]\n\nothers:',
      [
        '    deputies: [dep-police]',
        '',
        '  - id: dr-health',
        '    name: Dr Hana Health',
        '    organisation: Test NHS',
        '    sector: health',
        '    role: member',
        '    joined: 2027-01-05',
        '    deputies: [dep-police]',
        '    email: hana@example.nhs.uk',
        '',
        'others:',
      ].join('\n'),
    );
    expect(readFileSync(path.join(dir, ROSTER)).equals(withBom(want))).toBe(true);
    const q = JSON.parse((await cli(dir, ['validate', '--format', 'json', '--as-of', '2027-01-05'])).stdout) as {
      errors: number;
    };
    expect(q.errors).toBe(0);
  });

  it('writes one flow mapping where the roster has them, and says in JSON what it changed', async () => {
    const dir = minimalRecord();
    const before = readFileSync(path.join(dir, ROSTER), 'utf8');
    const r = await cli(dir, [
      'member',
      'join',
      'fire-chief',
      '--name',
      'Group Manager Fay Fire',
      '--organisation',
      'Test Fire and Rescue',
      '--sector',
      'fire',
      '--role',
      'advisor',
      '--voting',
      '--as-of',
      '2026-12-01',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      id: 'fire-chief',
      file: ROSTER,
      created: [],
      changed: [ROSTER],
      member: {
        id: 'fire-chief',
        name: 'Group Manager Fay Fire',
        organisation: 'Test Fire and Rescue',
        sector: 'fire',
        role: 'advisor',
        voting: true,
        joined: '2026-12-01',
      },
    });
    expect(readFileSync(path.join(dir, ROSTER), 'utf8')).toBe(
      before.replace(
        'others:',
        '  - { id: fire-chief, name: Group Manager Fay Fire, organisation: Test Fire and Rescue, sector: fire, role: advisor, voting: true, joined: 2026-12-01 }\nothers:',
      ),
    );
  });

  it('refuses bad values with exit 2 and changes nothing', async () => {
    const dir = minimalRecord();
    const before = snapshot(dir);
    const base = ['--name', 'N', '--organisation', 'O'];
    const cases: [string[], string][] = [
      [['Bad Id', ...base, '--sector', 'police'], 'is not a person id'],
      [['new-one', ...base, '--sector', 'polise'], 'Did you mean "police"?'],
      [['pc-police', ...base, '--sector', 'police'], 'pc-police is already a member'],
      [['clerk', ...base, '--sector', 'police'], 'is on the roster under others'],
      [['new-one', ...base, '--sector', 'police', '--deputy', 'dep-polise'], 'Did you mean "dep-police"?'],
      [['new-one', ...base, '--sector', 'police', '--date', '2027-13-01'], '--date "2027-13-01" is not a date'],
      [['new-one', ...base, '--sector', 'police', '--email', 'not-an-address'], 'is not an e-mail address'],
      [['new-one', ...base, '--sector', 'police', '--role', 'boss'], "argument 'boss' is invalid"],
      [['new-one', '--name', 'N', '--sector', 'police'], "required option '--organisation <organisation>'"],
    ];
    for (const [args, message] of cases) {
      const r = await cli(dir, ['member', 'join', ...args]);
      expect([args.join(' '), r.code]).toEqual([args.join(' '), 2]);
      expect(r.stderr).toContain(message);
      expect(noStackTrace(r)).toBe(true);
    }
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('csp member leave', () => {
  it('adds left after joined in a block entry, comments, BOM and CRLF kept', async () => {
    const dir = minimalRecord({ 'members.yaml': withBom(BLOCK) });
    const r = await cli(dir, ['member', 'leave', 'cllr-chair', '--date', '2027-05-20']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`Cllr Ada Chair (cllr-chair) leaves the board on 2027-05-20; recorded in ${ROSTER}\n`);
    const want = BLOCK.replace(
      '    joined: 2020-01-01       # elected May 2019\n',
      '    joined: 2020-01-01       # elected May 2019\n    left: 2027-05-20\n',
    );
    expect(readFileSync(path.join(dir, ROSTER)).equals(withBom(want))).toBe(true);
  });

  it('adds left inside a flow entry; refuses twice, a date not after joining, and someone without a seat', async () => {
    const dir = minimalRecord();
    const before = readFileSync(path.join(dir, ROSTER), 'utf8');
    const r = await cli(dir, ['member', 'leave', 'dr-health', '--date', '2027-01-31', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ id: 'dr-health', changed: [ROSTER], member: { left: '2027-01-31' } });
    expect(readFileSync(path.join(dir, ROSTER), 'utf8')).toBe(
      before.replace('deputies: [dep-health] }', 'deputies: [dep-health], left: 2027-01-31 }'),
    );
    for (const [args, message] of [
      [['dr-health', '--date', '2027-02-01'], 'already left on 2027-01-31'],
      [['pc-police', '--date', '2019-12-31'], 'is not after Supt Pat Police joined (2020-01-01)'],
      [['clerk', '--date', '2027-01-01'], 'has no seat'],
      [['pc-polise', '--date', '2027-01-01'], 'Did you mean "pc-police"?'],
      [['pc-police'], "required option '--date <date>'"],
    ] as [string[], string][]) {
      const bad = await cli(dir, ['member', 'leave', ...args]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain(message);
    }
  });
});
