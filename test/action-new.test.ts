import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cli, minimalRecord, noStackTrace, snapshot } from './helpers.js';

const crlf = (s: string) => s.split('\n').join('\r\n');

describe('csp action new', () => {
  it('creates actions/<id>.md from the title, with owner, due date and priority', async () => {
    const dir = minimalRecord();
    const r = await cli(dir, [
      'action',
      'new',
      '--title',
      'Refresh the information-sharing protocol: 2027 review',
      '--owner',
      'Cllr Ada Chair',
      '--due',
      '2027-03-31',
      '--priority',
      'prevention',
      '--as-of',
      '2026-12-01',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'Created records/actions/refresh-the-information-sharing-protocol-2027-review.md: Refresh the information-sharing protocol: 2027 review (owner cllr-chair, due 2027-03-31)\n',
    );
    expect(
      readFileSync(path.join(dir, 'records/actions/refresh-the-information-sharing-protocol-2027-review.md'), 'utf8'),
    ).toBe(
      [
        '---',
        'title: "Refresh the information-sharing protocol: 2027 review"',
        'owner: cllr-chair',
        'due: 2027-03-31',
        'status: open',
        'priority: prevention',
        '---',
        '',
      ].join('\n'),
    );
    const list = JSON.parse((await cli(dir, ['actions', '--format', 'json', '--as-of', '2026-12-01'])).stdout) as {
      id: string;
    }[];
    expect(list.map((a) => a.id)).toEqual(['refresh-the-information-sharing-protocol-2027-review']);
  });

  it('never overwrites: a second action with the same title gets the next free id; JSON says what it created', async () => {
    const dir = minimalRecord({
      'actions/write-to-the-vru.md': '---\ntitle: Write to the VRU\nowner: clerk\nstatus: open\n---\n',
    });
    const r = await cli(dir, [
      'action',
      'new',
      '--title',
      'Write to the VRU',
      '--owner',
      'clerk',
      'pc-police',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      id: 'write-to-the-vru-2',
      file: 'records/actions/write-to-the-vru-2.md',
      created: ['records/actions/write-to-the-vru-2.md'],
      changed: [],
      action: { title: 'Write to the VRU', owner: ['clerk', 'pc-police'], due: null, status: 'open', priority: null },
    });
    expect(readFileSync(path.join(dir, 'records/actions/write-to-the-vru-2.md'), 'utf8')).toBe(
      '---\ntitle: Write to the VRU\nowner: [clerk, pc-police]\nstatus: open\n---\n',
    );
    expect(readFileSync(path.join(dir, 'records/actions/write-to-the-vru.md'), 'utf8')).toContain('owner: clerk');
  });

  it('refuses bad values with exit 2 and writes nothing', async () => {
    const dir = minimalRecord();
    const before = snapshot(dir);
    const cases: [string[], string][] = [
      [['--title', 'T', '--owner', 'pc-polise'], 'Did you mean "pc-police"?'],
      [['--title', 'T', '--owner', 'clerk', '--due', '2027-02-30'], '--due "2027-02-30" is not a date'],
      [
        ['--title', 'T', '--owner', 'clerk', '--priority', 'nope'],
        "is not one of the partnership's priorities (prevention)",
      ],
      [['--title', '', '--owner', 'clerk'], '--title must be a line of text'],
      [['--title', 'T', '--owner', ''], '--owner is empty'],
      [['--title', 'T'], "required option '--owner <person...>' not specified"],
    ];
    for (const [args, message] of cases) {
      const r = await cli(dir, ['action', 'new', ...args]);
      expect([args.join(' '), r.code]).toEqual([args.join(' '), 2]);
      expect(r.stderr).toContain(message);
      expect(noStackTrace(r)).toBe(true);
    }
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('csp action update --title', () => {
  const FILE = [
    '---',
    "title: 'Write to the VRU'   # as minuted",
    'owner: cllr-chair',
    'status: open # chase monthly',
    'updates:',
    '  - { date: 2026-02-01, by: clerk, note: Chased. }',
    '---',
    'Body.',
    '',
  ].join('\n');

  it('rewords the action in place, quoting kept, and logs the old wording (CRLF and BOM kept)', async () => {
    const dir = minimalRecord({ 'actions/vru.md': Buffer.from('\uFEFF' + crlf(FILE), 'utf8') });
    const r = await cli(dir, [
      'action',
      'update',
      'vru',
      '--title',
      'Write to the Violence Reduction Unit',
      '--by',
      'clerk',
      '--as-of',
      '2026-03-01',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'Updated records/actions/vru.md: title now "Write to the Violence Reduction Unit".\nLogged 2026-03-01 by clerk: Reworded (was: Write to the VRU).\n',
    );
    const want = FILE.replace("title: 'Write to the VRU'", "title: 'Write to the Violence Reduction Unit'").replace(
      '  - { date: 2026-02-01, by: clerk, note: Chased. }\n',
      '  - { date: 2026-02-01, by: clerk, note: Chased. }\n  - { date: 2026-03-01, by: clerk, old_title: Write to the VRU, note: "Reworded (was: Write to the VRU)." }\n',
    );
    expect(
      readFileSync(path.join(dir, 'records/actions/vru.md')).equals(Buffer.from('\uFEFF' + crlf(want), 'utf8')),
    ).toBe(true);
  });

  it('refuses a title the action already has, and an empty one (exit 2)', async () => {
    const dir = minimalRecord({ 'actions/vru.md': FILE });
    const same = await cli(dir, ['action', 'update', 'vru', '--title', 'Write to the VRU']);
    expect(same.code).toBe(2);
    expect(same.stderr).toContain('already worded so');
    const empty = await cli(dir, ['action', 'update', 'vru', '--title', ' ']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('--title must be a line of text');
    expect(readFileSync(path.join(dir, 'records/actions/vru.md'), 'utf8')).toBe(FILE);
  });
});
