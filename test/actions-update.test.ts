import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { cli, noStackTrace } from './helpers.js';
import { actionsRecord } from './actions-fixture.js';

const crlf = (s: string) => s.split('\n').join('\r\n');
const bytes = (dir: string, id: string) => readFileSync(path.join(dir, 'records/actions', `${id}.md`));
const text = (dir: string, id: string) => bytes(dir, id).toString('utf8');

const COMMENTED = [
  '---',
  '# Raised at the January meeting',
  "title: 'Write to the VRU'   # quoted on purpose",
  'owner: cllr-chair',
  'raised: { meeting: 2026-01-15, minute: 2 }',
  'due: "2026-02-27"  # agreed at the meeting',
  'status: open # chase monthly',
  'priority: prevention',
  'updates:',
  '  - date: 2026-02-01',
  '    by: clerk',
  '    note: Chased by e-mail.',
  '# more to come',
  '---',
  'Body text, with the *response* of partners.',
  '',
].join('\n');

describe('csp action update', () => {
  it('changes status and due, sets completed and logs the change in the style of the log, keeping BOM, CRLF, comments and quoting', async () => {
    const dir = actionsRecord({ 'actions/vru.md': Buffer.from('\uFEFF' + crlf(COMMENTED), 'utf8') });
    const r = await cli(dir, [
      'action',
      'update',
      'vru',
      '--status',
      'done',
      '--due',
      '2026-03-31',
      '--by',
      'Supt Pat Police',
      '--as-of',
      '2026-03-01',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      'Updated records/actions/vru.md: status open → done; completed 2026-03-01; due 2026-02-27 → 2026-03-31.\n' +
        'Logged 2026-03-01 by pc-police: Status changed from open to done. Due date changed from 2026-02-27 to 2026-03-31.\n',
    );
    const done = COMMENTED.replace('due: "2026-02-27"', 'due: "2026-03-31"')
      .replace('status: open #', 'status: done #')
      .replace('priority: prevention\n', 'priority: prevention\ncompleted: 2026-03-01\n')
      .replace(
        '    note: Chased by e-mail.\n',
        '    note: Chased by e-mail.\n' +
          '  - date: 2026-03-01\n    by: pc-police\n    status: done\n    from: open\n    due: 2026-03-31\n' +
          '    note: Status changed from open to done. Due date changed from 2026-02-27 to 2026-03-31.\n',
      );
    expect(bytes(dir, 'vru').equals(Buffer.from('\uFEFF' + crlf(done), 'utf8'))).toBe(true);

    // Reopening removes `completed`; the clerk's note is stored as written, the change in its own fields.
    const r2 = await cli(dir, [
      'action',
      'update',
      'vru',
      '--status',
      'in-progress',
      '--note',
      'Reopened: the VRU asked for more',
      '--as-of',
      '2026-03-02',
    ]);
    expect(r2.code).toBe(0);
    const reopened = done
      .replace('status: done #', 'status: in-progress #')
      .replace('completed: 2026-03-01\n', '')
      .replace(
        '# more to come',
        '  - date: 2026-03-02\n    status: in-progress\n    from: done\n    note: "Reopened: the VRU asked for more"\n# more to come',
      );
    expect(bytes(dir, 'vru').equals(Buffer.from('\uFEFF' + crlf(reopened), 'utf8'))).toBe(true);
    // And the file still passes its schema and the action rules (its marker is not in these minutes: action-sync).
    const v = JSON.parse((await cli(dir, ['validate', '--format', 'json', '--as-of', '2026-03-02'])).stdout) as {
      diagnostics: { file: string; rule: string }[];
    };
    expect(v.diagnostics.filter((d) => d.file === 'records/actions/vru.md').map((d) => d.rule)).toEqual([
      'action-sync',
    ]);
  });

  it('stores --note exactly as written and the status change in fields of the entry, quoted as the log quotes', async () => {
    const file = [
      '---',
      'title: Open community safety centres',
      'owner: cllr-chair',
      'status: in-progress',
      'updates:',
      "    - date: '2026-02-01'   # chased",
      '      by: clerk',
      "      note: 'Two centres agreed.'",
      '---',
      'Body.',
      '',
    ].join('\n');
    const dir = actionsRecord({ 'actions/centres.md': Buffer.from(crlf(file), 'utf8') });
    const args = [
      'action',
      'update',
      'centres',
      '--note',
      'Three centres opened (one in the old library)',
      '--status',
      'done',
    ];
    const r = await cli(dir, [...args, '--by', 'clerk', '--as-of', '2026-03-01']);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(r.stdout).toBe(
      'Updated records/actions/centres.md: status in-progress → done; completed 2026-03-01.\n' +
        'Logged 2026-03-01 by clerk: Three centres opened (one in the old library)\n',
    );
    const want = file
      .replace('status: in-progress\n', 'status: done\ncompleted: 2026-03-01\n')
      .replace(
        "      note: 'Two centres agreed.'\n",
        "      note: 'Two centres agreed.'\n" +
          "    - date: '2026-03-01'\n      by: clerk\n      status: done\n      from: in-progress\n" +
          "      note: 'Three centres opened (one in the old library)'\n",
      );
    expect(bytes(dir, 'centres').toString('utf8')).toBe(crlf(want));
    const front = parse(want.split('---\n')[1]!) as { updates: Record<string, string>[] };
    expect(front.updates[1]).toEqual({
      date: '2026-03-01',
      by: 'clerk',
      status: 'done',
      from: 'in-progress',
      note: 'Three centres opened (one in the old library)',
    });
  });

  it('in process too: a note with a quote in it, in a flow log, and no sentence added to it', async () => {
    const dir = actionsRecord({
      'actions/flow.md':
        '---\ntitle: Flow\nowner: clerk\nstatus: open\nupdates: [{ date: 2026-01-01, note: "Started." }]\n---\n',
    });
    const r = await cli(dir, [
      'action',
      'update',
      'flow',
      '--note',
      'Partner said "soon"',
      '--status',
      'in-progress',
      '--as-of',
      '2026-02-20',
    ]);
    expect(r.code).toBe(0);
    expect(text(dir, 'flow')).toBe(
      '---\ntitle: Flow\nowner: clerk\nstatus: in-progress\nupdates: [{ date: 2026-01-01, note: "Started." }, { date: 2026-02-20, status: in-progress, from: open, note: "Partner said \\"soon\\"" }]\n---\n',
    );
  });

  it('starts the log and adds a due date when the file has neither', async () => {
    const dir = actionsRecord();
    const r = await cli(dir, [
      'action',
      'update',
      'no-due',
      '--due',
      '2026-05-01',
      '--by',
      'dep-police',
      '--as-of',
      '2026-03-01',
    ]);
    expect(r.code).toBe(0);
    expect(text(dir, 'no-due')).toBe(
      [
        '---',
        'title: Keep the deputies list current',
        'owner: dep-police',
        'due: 2026-05-01',
        'status: open',
        'updates:',
        '  - { date: 2026-03-01, by: dep-police, due: 2026-05-01, note: Due date set to 2026-05-01. }',
        '---',
        '',
      ].join('\n'),
    );
  });

  it('puts completed before a new log when status is the last field, and dropping replaces an earlier completed date', async () => {
    const dir = actionsRecord({ 'actions/last.md': '---\ntitle: Last\nowner: clerk\nstatus: open\n---\nBody.\n' });
    expect((await cli(dir, ['action', 'update', 'last', '--status', 'done', '--as-of', '2026-03-01'])).code).toBe(0);
    expect(text(dir, 'last')).toBe(
      '---\ntitle: Last\nowner: clerk\nstatus: done\ncompleted: 2026-03-01\nupdates:\n  - { date: 2026-03-01, status: done, from: open, note: Status changed from open to done. }\n---\nBody.\n',
    );
    expect((await cli(dir, ['action', 'update', 'last', '--status', 'dropped', '--as-of', '2026-03-05'])).code).toBe(0);
    expect(text(dir, 'last')).toBe(
      '---\ntitle: Last\nowner: clerk\nstatus: dropped\ncompleted: 2026-03-05\nupdates:\n  - { date: 2026-03-01, status: done, from: open, note: Status changed from open to done. }\n  - { date: 2026-03-05, status: dropped, from: done, note: Status changed from done to dropped. }\n---\nBody.\n',
    );
  });

  it('appends to a flow list and logs a note alone', async () => {
    const dir = actionsRecord({
      'actions/flow.md':
        '---\ntitle: Flow\nowner: clerk\nstatus: in-progress\nupdates: [{ date: 2026-01-01, note: Started. }]\n---\n',
    });
    const r = await cli(dir, [
      'action',
      'update',
      'flow',
      '--note',
      'Partner replied; meeting set for 3 March.',
      '--by',
      'committee clerk',
      '--as-of',
      '2026-02-20',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'Updated records/actions/flow.md.\nLogged 2026-02-20 by clerk: Partner replied; meeting set for 3 March.\n',
    );
    expect(text(dir, 'flow')).toBe(
      '---\ntitle: Flow\nowner: clerk\nstatus: in-progress\nupdates: [{ date: 2026-01-01, note: Started. }, { date: 2026-02-20, by: clerk, note: "Partner replied; meeting set for 3 March." }]\n---\n',
    );
  });

  it('refuses bad input with exit 2, a clear message, and the file untouched', async () => {
    const dir = actionsRecord({
      'actions/broken.md': '---\ntitle: Broken\nowner: clerk\nstatus: finished\n---\n',
      'members.yaml': [
        'members:',
        '  - { id: cllr-chair, name: Cllr Ada Chair, organisation: Test Borough Council, sector: local-authority, role: chair, joined: 2020-01-01 }',
        'others:',
        '  - { id: sam-smith-police, name: Sam Smith, organisation: Test Police }',
        '  - { id: sam-smith-nhs, name: Sam Smith, organisation: Test NHS }',
        '  - { id: clerk, name: Committee Clerk }',
        '  - { id: dep-police, name: Insp Dee Deputy, organisation: Test Police }',
        '  - { id: pc-police, name: Supt Pat Police }',
        '  - { id: dr-health, name: Dr Hana Health }',
        '',
      ].join('\n'),
    });
    const before = text(dir, '2026-01-15-2-1');
    const cases: [string[], string][] = [
      [
        ['2026-01-15-2-2', '--status', 'done'],
        'csp: There is no action "2026-01-15-2-2" (no file actions/2026-01-15-2-2.md). Did you mean "2026-01-15-2-1"?\n',
      ],
      [
        ['../../etc/passwd', '--status', 'done'],
        'csp: "../../etc/passwd" is not an action id. Action ids are lower-case letters, digits and hyphens, like 2015-10-08-171-1 (see "csp actions").\n',
      ],
      [
        ['Ops-Review', '--status', 'done'],
        'csp: "Ops-Review" is not an action id. Action ids are lower-case letters, digits and hyphens, like 2015-10-08-171-1 (see "csp actions").\n',
      ],
      [
        ['2026-01-15-2-1', '--due', '2026-02-30'],
        'csp: --due "2026-02-30" is not a date. Write it as YYYY-MM-DD, a real day (for example 2026-12-10).\n',
      ],
      [
        ['2026-01-15-2-1', '--note', 'x', '--by', 'nobody'],
        'csp: --by "nobody": no one on the roster (members.yaml) has that id or name.\n',
      ],
      [
        ['2026-01-15-2-1', '--note', 'x', '--by', 'Sam Smith'],
        'csp: --by "Sam Smith" matches 2 people (sam-smith-police, sam-smith-nhs). Give the person\'s id instead.\n',
      ],
      [
        ['2026-01-15-2-1'],
        'csp: Nothing to change. Give --status, --due, --title or --note (and --by for who reported it).\n',
      ],
      [
        ['2026-01-15-2-1', '--note', '  '],
        'csp: --note is empty. Write what happened, e.g. --note "First meeting held with the SAB chair."\n',
      ],
      [
        ['2026-01-15-2-1', '--status', 'open'],
        'csp: The action 2026-01-15-2-1 is already open; nothing was changed. Add --note to log a follow-up without a change.\n',
      ],
      [
        ['2026-01-15-2-1', '--status', 'open', '--due', '2026-02-27'],
        'csp: The action 2026-01-15-2-1 is already open and already due on 2026-02-27; nothing was changed. Add --note to log a follow-up without a change.\n',
      ],
    ];
    for (const [args, message] of cases) {
      const r = await cli(dir, ['action', 'update', ...args, '--as-of', '2026-03-01']);
      expect({ args, code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({
        args,
        code: 2,
        stdout: '',
        stderr: message,
      });
    }
    const broken = await cli(dir, ['action', 'update', 'broken', '--status', 'done', '--as-of', '2026-03-01']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain(
      'csp: The action broken could not be read, so it was not changed.\nrecords/actions/broken.md:4:9: ',
    );
    expect(broken.stderr).toContain(
      'Correct the file (csp validate shows what is wrong), then run the command again.\n',
    );
    const status = await cli(dir, ['action', 'update', '2026-01-15-2-1', '--status', 'finished']);
    expect(status.code).toBe(2);
    expect(status.stderr).toContain(
      "option '--status <status>' argument 'finished' is invalid. Allowed choices are open, in-progress, done, dropped.",
    );
    expect(noStackTrace(status)).toBe(true);
    expect(text(dir, '2026-01-15-2-1')).toBe(before);
    expect(text(dir, 'broken')).toBe('---\ntitle: Broken\nowner: clerk\nstatus: finished\n---\n');
  });
});
