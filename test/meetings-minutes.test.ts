/** csp minutes new and csp minutes approve through the CLI, in this process. */
import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { copyBundled, cli, cspAsync, minimalRecord, noStackTrace, read } from './helpers.js';

const PREVIOUS = [
  '---',
  'status: draft   # to be confirmed on 10 December',
  'chair: cllr-chair',
  'present: [cllr-chair, pc-police, dr-health]',
  '---',
  '## 11. Knife crime',
  '',
  'RESOLVED',
  '',
  '- That the report be noted.',
  '',
  'The police would report on hotspots.',
  '[action: pc-police; due 2027-01-31]',
  '',
  '## 12. Any other business',
  '',
  'RESOLVED',
  '',
  '- That the item be noted.',
  '',
].join('\n');

const MEETING = [
  '---',
  'date: 2026-12-10',
  'start: "14:00"',
  'end: "16:00"',
  'status: published',
  'published: 2026-12-01',
  'apologies:',
  '  - { member: pc-police, substitute: dep-police }',
  'items:',
  '  - { title: Knife crime, purpose: noting }',
  '  - { title: CCTV contract, exempt: { paragraph: 3 } }',
  '  - { title: "Fire *safety*", deferred_from: 2026-09-10 }',
  '---',
  '',
].join('\n');

/** Minutes of 2026-09-10 ending at minute 12; a meeting on 2026-12-10 with apologies; one on 2027-03-11. */
function minutesRecord(extra: Record<string, string | Buffer> = {}): string {
  return minimalRecord({
    'meetings/2026-09-10/meeting.md': '---\ndate: 2026-09-10\nstatus: held\n---\n',
    'meetings/2026-09-10/minutes.md': PREVIOUS,
    'meetings/2026-12-10/meeting.md': MEETING,
    'meetings/2027-03-11/meeting.md': '---\ndate: 2027-03-11\nstart: "10:00"\n---\n',
    ...extra,
  });
}

/** Drafted minutes as the clerk writes them up: the present list checked (its note deleted), a line of discussion before each drafted decision. */
function writtenUp(draft: string): string {
  return draft
    .replace(/^(present:) +#.*$/m, '$1')
    .replace(
      /\n\nRESOLVED\n\n- That the report be noted\./g,
      '\n\nThe report was presented and discussed.\n\nRESOLVED\n\n- That the report be noted.',
    );
}

const EXPECTED_DRAFT = `---
status: draft
chair: cllr-chair    # Cllr Ada Chair, the Chair on the roster that day: check who took the chair
started: "14:00"
ended: "16:00"
present:    # every member with a seat that day who sent no apologies: prune to those present
  - cllr-chair  # Cllr Ada Chair, Test Borough Council
  - dr-health   # Dr Hana Health, Test NHS
apologies:
  - { member: pc-police, substitute: dep-police }
in_attendance: []    # officers and presenters: ids, or "Name (Organisation)"
declarations: []     # { member: <id>, minute: <n>, nature: personal, detail: … }
exempt:
  - { minute: 20, paragraph: 3 }
---
## 13. Filming at meetings

## 14. Apologies

Apologies for absence were received from Supt Pat Police (Insp Dee Deputy substituted).

## 15. Urgent business

## 16. Declarations of interest

## 17. Minutes

## 18. Membership

## 19. Knife crime

RESOLVED

- That the report be noted.

## 20. CCTV contract

RESOLVED

- That the report be noted.

## 21. Fire \\*safety\\*

The item had been deferred from the meeting on 10 September 2026.

RESOLVED

- That the report be noted.

## 22. New items of urgent business

## 23. Dates of future meetings

The dates of future meetings were noted:

- Thursday 11 March 2027 at 10:00
`;

const validateJson = async (dir: string, asOf = '2026-12-11') =>
  JSON.parse((await cli(dir, ['validate', '--format', 'json', '--as-of', asOf])).stdout) as {
    ok: boolean;
    errors: number;
    diagnostics: { file: string; line: number; column: number; rule: string; severity: string }[];
  };

describe('csp minutes new', () => {
  it('drafts minutes numbered on from the previous minutes, with every agenda item, apologies and present to prune', async () => {
    const dir = minutesRecord();
    const r = await cli(dir, ['minutes', 'new', '2026-12-10', '--as-of', '2026-12-11']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      'Created records/meetings/2026-12-10/minutes.md\nMinutes 13 to 23, draft. Prune "present" to those who attended, add who else attended, and write up each item; then run csp actions sync.\n',
    );
    expect(r.code).toBe(0);
    expect(read(dir, 'records/meetings/2026-12-10/minutes.md')).toBe(EXPECTED_DRAFT);
  });

  it('writes minutes that validate: no error, and only the placeholders it leaves to be written up', async () => {
    const dir = minutesRecord();
    expect((await cli(dir, ['minutes', 'new', '2026-12-10', '--as-of', '2026-12-11'])).code).toBe(0);
    const v = await validateJson(dir);
    expect(v.errors).toBe(0);
    expect(
      v.diagnostics
        .filter((d) => d.file === 'records/meetings/2026-12-10/minutes.md')
        .map((d) => `${d.line} ${d.severity} ${d.rule}`),
    ).toEqual(['6 warning placeholder', '32 warning placeholder', '38 warning placeholder', '46 warning placeholder']);
    expect(v.diagnostics.filter((d) => d.rule === 'heading' || d.rule === 'minute-number')).toEqual([]);
  });

  it('starts at 1 for the first minutes in the record', async () => {
    const dir = minimalRecord({ 'meetings/2026-12-10/meeting.md': '---\ndate: 2026-12-10\n---\n' });
    expect((await cli(dir, ['minutes', 'new', '2026-12-10', '--as-of', '2026-12-11'])).code).toBe(0);
    const text = read(dir, 'records/meetings/2026-12-10/minutes.md');
    expect(text.match(/^## \d+\. .*$/gm)).toEqual([
      '## 1. Filming at meetings',
      '## 2. Apologies',
      '## 3. Urgent business',
      '## 4. Declarations of interest',
      '## 5. Minutes',
      '## 6. Membership',
      '## 7. New items of urgent business',
      '## 8. Dates of future meetings',
    ]);
    expect(text).toContain('## 2. Apologies\n\nNo apologies for absence were received.\n');
    expect(text).toContain(
      'present:    # every member with a seat that day who sent no apologies: prune to those present\n  - cllr-chair  # Cllr Ada Chair, Test Borough Council\n  - pc-police   # Supt Pat Police, Test Police\n  - dr-health   # Dr Hana Health, Test NHS\napologies: []\n',
    );
    // Only the proposed present list is left to write up: no item has a drafted decision.
    expect((await validateJson(dir)).diagnostics.map((d) => `${d.line}:${d.column} ${d.rule}`)).toEqual([
      '5:1 placeholder',
    ]);
  });

  it('restarts at 1 with per-meeting numbering', async () => {
    const dir = minutesRecord({ 'partnership.md': '---\nname: Test CSP\nminute_numbering: per-meeting\n---\n' });
    expect((await cli(dir, ['minutes', 'new', '2026-12-10', '--as-of', '2026-12-11'])).code).toBe(0);
    const headings = read(dir, 'records/meetings/2026-12-10/minutes.md').match(/^## (\d+)\./gm);
    expect(headings?.[0]).toBe('## 1.');
    expect(headings?.length).toBe(11);
  });

  it('uses standard items from partnership.md and leaves out members who left or had not joined', async () => {
    const dir = minimalRecord({
      'partnership.md':
        '---\nname: Test CSP\nstandard_items: { opening: [Welcome, Apologies for absence], closing: [] }\n---\n',
      'members.yaml':
        'members:\n  - { id: a-chair, name: A Chair, organisation: Council, sector: local-authority, role: chair, joined: 2020-01-01 }\n  - { id: gone, name: Gone Member, organisation: Police, sector: police, role: member, joined: 2020-01-01, left: 2026-01-01 }\n  - { id: late, name: Late Member, organisation: NHS, sector: health, role: member, joined: 2027-01-01 }\n  - { id: adviser, name: An Adviser, organisation: MOPAC, sector: police, role: advisor, joined: 2020-01-01 }\n',
      'meetings/2026-12-10/meeting.md': '---\ndate: 2026-12-10\napologies: [{ member: adviser }]\n---\n',
    });
    expect((await cli(dir, ['minutes', 'new', '2026-12-10', '--as-of', '2026-12-11'])).code).toBe(0);
    const text = read(dir, 'records/meetings/2026-12-10/minutes.md');
    expect(text).toContain(
      'present:    # every member with a seat that day who sent no apologies: prune to those present\n  - a-chair  # A Chair, Council\napologies:\n  - { member: adviser }\n',
    );
    expect(text.slice(text.indexOf('---\n## ') + 4)).toBe(
      '## 1. Welcome\n\n## 2. Apologies for absence\n\nApologies for absence were received from An Adviser.\n',
    );
  });

  it('refuses (exit 1) when the minutes exist, leaving them byte-identical', async () => {
    const dir = minutesRecord();
    const r = await cli(dir, ['minutes', 'new', '2026-09-10', '--as-of', '2026-12-11']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'csp: The meeting 2026-09-10 already has minutes (records/meetings/2026-09-10/minutes.md); nothing was changed. Edit that file instead.\n',
    );
    expect(read(dir, 'records/meetings/2026-09-10/minutes.md')).toBe(PREVIOUS);
  });

  it('lets exactly one of two processes drafting the same minutes win', async () => {
    const dir = minutesRecord();
    const args = ['minutes', 'new', '2026-12-10', '--as-of', '2026-12-11'];
    const results = await Promise.all([cspAsync(dir, args), cspAsync(dir, args)]);
    expect(results.map((r) => r.code).sort()).toEqual([0, 1]);
    expect(read(dir, 'records/meetings/2026-12-10/minutes.md')).toBe(EXPECTED_DRAFT);
  });

  it('refuses (exit 2) when the previous minutes cannot be read, since their last number is unknown', async () => {
    const dir = minutesRecord({ 'meetings/2026-09-10/minutes.md': '---\nstatus: drafty\n---\n## 11. Knife crime\n' });
    const r = await cli(dir, ['minutes', 'new', '2026-12-10', '--as-of', '2026-12-11']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^csp: The minutes of 2026-09-10 \(records\/meetings\/2026-09-10\/minutes\.md\) cannot be read, so the numbering cannot continue from them\./,
    );
    expect(existsSync(path.join(dir, 'records/meetings/2026-12-10/minutes.md'))).toBe(false);
  });

  it('exits 2 on an unknown meeting and 1 on a cancelled one', async () => {
    const dir = minutesRecord({ 'meetings/2026-11-01/meeting.md': '---\ndate: 2026-11-01\nstatus: cancelled\n---\n' });
    const unknown = await cli(dir, ['minutes', 'new', '2026-12-01', '--as-of', '2026-12-11']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      'csp: There is no meeting 2026-12-01 in the record (no folder records/meetings/2026-12-01/). Did you mean 2026-11-01?\n',
    );
    const cancelled = await cli(dir, ['minutes', 'new', '2026-11-01', '--as-of', '2026-12-11']);
    expect(cancelled.code).toBe(1);
    expect(cancelled.stderr).toMatch(/^csp: The meeting 2026-11-01 is cancelled, so it has no minutes\./);
    expect(readdirSync(path.join(dir, 'records/meetings/2026-11-01'))).toEqual(['meeting.md']);
  });

  it("uses the partnership's own records/templates/minutes.md.hbs", async () => {
    const dir = minutesRecord({
      'templates/minutes.md.hbs': '---\nstatus: draft\n---\n{{#each items}}\n## {{number}}. {{title}}\n\n{{/each}}',
    });
    expect((await cli(dir, ['minutes', 'new', '2026-12-10', '--as-of', '2026-12-11'])).code).toBe(0);
    const text = read(dir, 'records/meetings/2026-12-10/minutes.md');
    expect(text.startsWith('---\nstatus: draft\n---\n## 13. Filming at meetings\n\n## 14. Apologies\n')).toBe(true);
    expect(text.endsWith('## 23. Dates of future meetings\n')).toBe(true);
  });
});

describe('csp minutes approve', () => {
  it('syncs the actions, then sets status: approved and approved.meeting, keeping every other byte', async () => {
    const dir = minutesRecord();
    const r = await cli(dir, ['minutes', 'approve', '2026-09-10', '--at', '2026-12-10', '--as-of', '2026-12-11']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      'Created action 2026-09-10-11-1 (records/actions/2026-09-10-11-1.md)\n' +
        'Approved the minutes of 2026-09-10, confirmed at the meeting of 2026-12-10 (records/meetings/2026-09-10/minutes.md). From now on they change only by a correction agreed at a later meeting.\n',
    );
    expect(r.code).toBe(0);
    expect(read(dir, 'records/meetings/2026-09-10/minutes.md')).toBe(
      PREVIOUS.replace('status: draft   #', 'status: approved   #')
        .replace(
          '# to be confirmed on 10 December\n',
          '# to be confirmed on 10 December\napproved: { meeting: 2026-12-10 }\n',
        )
        .replace('[action: pc-police;', '[action 2026-09-10-11-1: pc-police;'),
    );
    expect(read(dir, 'records/actions/2026-09-10-11-1.md')).toContain('raised: { meeting: 2026-09-10, minute: 11 }');
    expect((await validateJson(dir)).diagnostics).toEqual([]);
  });

  it('keeps a byte-order mark and CRLF line ends', async () => {
    const original = '\uFEFF' + PREVIOUS.replace('[action: pc-police; due 2027-01-31]\n', '').replace(/\n/g, '\r\n');
    const dir = minutesRecord({ 'meetings/2026-09-10/minutes.md': original });
    const r = await cli(dir, ['minutes', 'approve', '2026-09-10', '--at', '2026-12-10', '--as-of', '2026-12-11']);
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(dir, 'records/meetings/2026-09-10/minutes.md'), 'utf8')).toBe(
      original
        .replace('status: draft   #', 'status: approved   #')
        .replace('December\r\n', 'December\r\napproved: { meeting: 2026-12-10 }\r\n'),
    );
  });

  it('refuses (exit 1) minutes that do not validate, listing why, and changes nothing', async () => {
    const broken = PREVIOUS.replace(
      'present: [cllr-chair, pc-police, dr-health]',
      'present: [cllr-chair, pc-polise, dr-health]',
    ).replace('[action: pc-police; due 2027-01-31]\n', '');
    const dir = minutesRecord({ 'meetings/2026-09-10/minutes.md': broken });
    const r = await cli(dir, ['minutes', 'approve', '2026-09-10', '--at', '2026-12-10', '--as-of', '2026-12-11']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'records/meetings/2026-09-10/minutes.md:4:23  error  No person with the id "pc-polise" is on the roster (members.yaml). Did you mean "pc-police"?  unknown-ref\n' +
        'csp: The minutes of 2026-09-10 do not validate (1 problem above), so they were left as a draft. Correct them and run the command again.\n',
    );
    expect(read(dir, 'records/meetings/2026-09-10/minutes.md')).toBe(broken);
  });

  it('refuses (exit 1) when an action raised at that meeting has an error', async () => {
    const dir = minutesRecord({
      'meetings/2026-09-10/minutes.md': PREVIOUS.replace('[action: pc-police;', '[action 2026-09-10-11-1: pc-police;'),
      'actions/2026-09-10-11-1.md':
        '---\ntitle: Report on hotspots\nowner: pc-police\nraised: { meeting: 2026-09-10, minute: 11 }\nstatus: done\n---\n',
    });
    const r = await cli(dir, ['minutes', 'approve', '2026-09-10', '--at', '2026-12-10', '--as-of', '2026-12-11']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'records/actions/2026-09-10-11-1.md:5:9  error  The action is done but has no "completed" date.',
    );
    expect(read(dir, 'records/meetings/2026-09-10/minutes.md')).toContain('status: draft');
  });

  it('refuses (exit 1) minutes already approved: they are a legal record', async () => {
    const approved = PREVIOUS.replace('status: draft', 'status: approved\napproved: { meeting: 2026-12-10 }').replace(
      '[action: pc-police; due 2027-01-31]\n',
      '',
    );
    const dir = minutesRecord({ 'meetings/2026-09-10/minutes.md': approved });
    const r = await cli(dir, ['minutes', 'approve', '2026-09-10', '--at', '2027-03-11', '--as-of', '2027-03-12']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'csp: The minutes of 2026-09-10 are already approved: approved minutes are a legal record and cannot change. A correction must be agreed at a later meeting and recorded under corrections.\n',
    );
    expect(read(dir, 'records/meetings/2026-09-10/minutes.md')).toBe(approved);
    expect(existsSync(path.join(dir, 'records/actions'))).toBe(false);
  });

  const usage: [string, string[], RegExp][] = [
    [
      '--at the same meeting',
      ['2026-09-10', '--at', '2026-09-10'],
      /^csp: --at 2026-09-10 is not after 2026-09-10\. Minutes are confirmed at a later meeting: name it, e\.g\. --at 2026-12-10\./,
    ],
    [
      '--at an earlier meeting',
      ['2026-12-10', '--at', '2026-09-10'],
      /^csp: --at 2026-09-10 is not after 2026-12-10\./,
    ],
    [
      '--at a meeting not in the record',
      ['2026-09-10', '--at', '2026-12-11'],
      /^csp: There is no meeting 2026-12-11 in the record .* Did you mean 2026-12-10\?/,
    ],
    [
      '--at something that is not a meeting id',
      ['2026-09-10', '--at', 'next'],
      /^csp: --at "next" is not a meeting id\./,
    ],
    ['an unknown meeting', ['2026-09-11', '--at', '2026-12-10'], /^csp: There is no meeting 2026-09-11 in the record/],
  ];
  for (const [what, args, message] of usage) {
    it(`exits 2 on ${what}, changing nothing`, async () => {
      const dir = minutesRecord();
      const r = await cli(dir, ['minutes', 'approve', ...args, '--as-of', '2026-12-11']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(noStackTrace(r)).toBe(true);
      expect(read(dir, 'records/meetings/2026-09-10/minutes.md')).toBe(PREVIOUS);
      expect(existsSync(path.join(dir, 'records/actions'))).toBe(false);
    });
  }

  it('exits 1 when there are no minutes to approve', async () => {
    const dir = minutesRecord();
    const r = await cli(dir, ['minutes', 'approve', '2026-12-10', '--at', '2027-03-11', '--as-of', '2027-03-12']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'csp: The meeting 2026-12-10 has no minutes to approve (records/meetings/2026-12-10/minutes.md does not exist). Draft them with: csp minutes new 2026-12-10\n',
    );
  });

  it("approves what minutes new drafted once it is written up (the year in the clerk's life)", async () => {
    const dir = minutesRecord();
    expect(
      (await cli(dir, ['minutes', 'approve', '2026-09-10', '--at', '2026-12-10', '--as-of', '2026-12-11'])).code,
    ).toBe(0);
    expect((await cli(dir, ['minutes', 'new', '2026-12-10', '--as-of', '2026-12-11'])).code).toBe(0);
    const args = ['minutes', 'approve', '2026-12-10', '--at', '2027-03-11', '--as-of', '2027-03-12'];
    // As drafted, the placeholders block approval and nothing changes.
    const refused = await cli(dir, args);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('placeholder');
    expect(read(dir, 'records/meetings/2026-12-10/minutes.md')).toBe(EXPECTED_DRAFT);
    writeFileSync(path.join(dir, 'records/meetings/2026-12-10/minutes.md'), writtenUp(EXPECTED_DRAFT));
    const r = await cli(dir, args);
    expect(r.code).toBe(0);
    expect(read(dir, 'records/meetings/2026-12-10/minutes.md')).toBe(
      writtenUp(EXPECTED_DRAFT).replace('status: draft\n', 'status: approved\napproved: { meeting: 2027-03-11 }\n'),
    );
    expect((await validateJson(dir, '2027-03-12')).errors).toBe(0);
  });
});

describe('the bundled example record', () => {
  it('drafts the minutes of its next meeting so that they validate, and approves the last minutes at it', async () => {
    const dir = copyBundled();
    const before = await validateJson(dir, '2026-12-11');
    expect((await cli(dir, ['minutes', 'new', '2026-12-10', '--as-of', '2026-12-11'])).code).toBe(0);
    const after = await validateJson(dir, '2026-12-11');
    expect(after.errors).toBe(before.errors);
    expect(
      after.diagnostics.filter((d) => d.file === 'records/meetings/2026-12-10/minutes.md' && d.rule !== 'placeholder'),
    ).toEqual([]);
    const r = await cli(dir, ['minutes', 'approve', '2026-10-08', '--at', '2026-12-10', '--as-of', '2026-12-11']);
    expect(r.code).toBe(0);
    const approved = read(dir, 'records/meetings/2026-10-08/minutes.md');
    expect(approved).toMatch(/\nstatus: approved\b/);
    expect(approved).toContain('\napproved: { meeting: 2026-12-10 }\n');
  });
});
