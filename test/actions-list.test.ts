import { describe, it, expect } from 'vitest';
import { cli, minimalRecord, noStackTrace, testSystem } from './helpers.js';
import { actionsRecord } from './actions-fixture.js';
import { main } from '../src/cli/main.js';

const AS_OF = ['--as-of', '2026-03-01'];

describe('csp actions', () => {
  const dir = actionsRecord();

  it('lists every action as a table, soonest due first, no due date last', async () => {
    const r = await cli(dir, ['actions', ...AS_OF]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        'ID              Action                                       Owner                                                   Due         Status       Days overdue',
        '--------------  -------------------------------------------  ------------------------------------------------------  ----------  -----------  ------------',
        'done-one        Book the venue                               Committee Clerk, Test Borough Council                   2025-06-30  done',
        'ops-review      Review joint operations, "Op Safe" included  Supt Pat Police, Test Police; Dr Hana Health, Test NHS  2025-12-31  in-progress            60',
        '2026-01-15-2-1  Write to the Violence Reduction Unit         Cllr Ada Chair, Test Borough Council                    2026-02-27  open                    2',
        'later           Plan the summer campaign                     Dr Hana Health, Test NHS                                2026-06-01  open',
        'no-due          Keep the deputies list current               Insp Dee Deputy, Test Police                            none        open',
        '',
      ].join('\n'),
    );
  });

  it('reports overdue actions grouped by owner, an action with two owners under each, most overdue first, all with one set of column widths', async () => {
    const r = await cli(dir, ['actions', '--overdue', ...AS_OF]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'Overdue actions on Sunday 1 March 2026: 2 actions, 3 owners.',
        '',
        'Dr Hana Health, Test NHS',
        'ID              Action                                       Due         Status       Days overdue',
        '--------------  -------------------------------------------  ----------  -----------  ------------',
        'ops-review      Review joint operations, "Op Safe" included  2025-12-31  in-progress            60',
        '',
        'Supt Pat Police, Test Police',
        'ID              Action                                       Due         Status       Days overdue',
        '--------------  -------------------------------------------  ----------  -----------  ------------',
        'ops-review      Review joint operations, "Op Safe" included  2025-12-31  in-progress            60',
        '',
        'Cllr Ada Chair, Test Borough Council',
        'ID              Action                                       Due         Status       Days overdue',
        '--------------  -------------------------------------------  ----------  -----------  ------------',
        '2026-01-15-2-1  Write to the Violence Reduction Unit         2026-02-27  open                    2',
        '',
      ].join('\n'),
    );
    expect(r.stdout).not.toContain('\x1b[');
  });

  it('gives the documented JSON, most overdue first with --overdue', async () => {
    const r = await cli(dir, ['actions', '--overdue', '--format', 'json', ...AS_OF]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual([
      {
        id: 'ops-review',
        title: 'Review joint operations, "Op Safe" included',
        owner: ['pc-police', 'dr-health'],
        due: '2025-12-31',
        status: 'in-progress',
        days_overdue: 60,
        file: 'records/actions/ops-review.md',
      },
      {
        id: '2026-01-15-2-1',
        title: 'Write to the Violence Reduction Unit',
        owner: ['cllr-chair'],
        due: '2026-02-27',
        status: 'open',
        days_overdue: 2,
        raised: { meeting: '2026-01-15', minute: 2 },
        file: 'records/actions/2026-01-15-2-1.md',
      },
    ]);
  });

  it('gives JSON for every action, due null when there is none, days_overdue only when overdue', async () => {
    const r = await cli(dir, ['actions', '--format', 'json', ...AS_OF]);
    const list = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(list.map((a) => a.id)).toEqual(['done-one', 'ops-review', '2026-01-15-2-1', 'later', 'no-due']);
    expect(list[4]).toEqual({
      id: 'no-due',
      title: 'Keep the deputies list current',
      owner: ['dep-police'],
      due: null,
      status: 'open',
      file: 'records/actions/no-due.md',
    });
    expect(list.filter((a) => 'days_overdue' in a).map((a) => a.id)).toEqual(['ops-review', '2026-01-15-2-1']);
  });

  it('writes CSV (RFC 4180: header, CRLF, quoted commas and quotes)', async () => {
    const r = await cli(dir, ['actions', '--format', 'csv', ...AS_OF]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'id,title,owner,owner_name,organisation,due,status,days_overdue,raised_meeting,raised_minute,file',
        'done-one,Book the venue,clerk,Committee Clerk,Test Borough Council,2025-06-30,done,,,,records/actions/done-one.md',
        'ops-review,"Review joint operations, ""Op Safe"" included",pc-police; dr-health,Supt Pat Police; Dr Hana Health,Test Police; Test NHS,2025-12-31,in-progress,60,,,records/actions/ops-review.md',
        '2026-01-15-2-1,Write to the Violence Reduction Unit,cllr-chair,Cllr Ada Chair,Test Borough Council,2026-02-27,open,2,2026-01-15,2,records/actions/2026-01-15-2-1.md',
        'later,Plan the summer campaign,dr-health,Dr Hana Health,Test NHS,2026-06-01,open,,,,records/actions/later.md',
        'no-due,Keep the deputies list current,dep-police,Insp Dee Deputy,Test Police,,open,,,,records/actions/no-due.md',
        '',
      ].join('\r\n'),
    );
  });

  it('writes a markdown table for an agenda paper', async () => {
    const r = await cli(dir, ['actions', '--format', 'md', '--overdue', ...AS_OF]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        '| ID | Action | Owner | Due | Status | Days overdue |',
        '| --- | --- | --- | --- | --- | --- |',
        '| ops-review | Review joint operations, "Op Safe" included | Supt Pat Police, Test Police; Dr Hana Health, Test NHS | 2025-12-31 | in-progress | 60 |',
        '| 2026-01-15-2-1 | Write to the Violence Reduction Unit | Cllr Ada Chair, Test Borough Council | 2026-02-27 | open | 2 |',
        '',
      ].join('\n'),
    );
  });

  it('filters by owner (id or roster name, any case), status, priority and meeting', async () => {
    const ids = async (args: string[]) =>
      (JSON.parse((await cli(dir, ['actions', '--format', 'json', ...AS_OF, ...args])).stdout) as { id: string }[]).map(
        (a) => a.id,
      );
    expect(await ids(['--owner', 'dr-health'])).toEqual(['ops-review', 'later']);
    expect(await ids(['--owner', 'dr hana health'])).toEqual(['ops-review', 'later']);
    expect(await ids(['--owner', 'Dr Hana Health', '--overdue'])).toEqual(['ops-review']);
    expect(await ids(['--status', 'done'])).toEqual(['done-one']);
    expect(await ids(['--status', 'open'])).toEqual(['2026-01-15-2-1', 'later', 'no-due']);
    expect(await ids(['--priority', 'prevention'])).toEqual(['ops-review']);
    expect(await ids(['--meeting', '2026-01-15'])).toEqual(['2026-01-15-2-1']);
    expect(await ids(['--meeting', '2026-04-16'])).toEqual([]);
  });

  it('shows only that owner in the grouped overdue report with --owner', async () => {
    const r = await cli(dir, ['actions', '--overdue', '--owner', 'pc-police', ...AS_OF]);
    expect(r.stdout).toContain('Supt Pat Police, Test Police\n');
    expect(r.stdout).not.toContain('Dr Hana Health, Test NHS\n');
    expect(r.stdout.startsWith('Overdue actions on Sunday 1 March 2026: 1 action, 1 owner.\n')).toBe(true);
  });

  it('counts days overdue across month ends, year ends and 29 February', async () => {
    const leap = actionsRecord({
      'actions/leap.md': '---\ntitle: Leap day\nowner: clerk\ndue: 2024-02-29\nstatus: open\n---\n',
      'actions/year-end.md': '---\ntitle: Year end\nowner: clerk\ndue: 2023-12-31\nstatus: in-progress\n---\n',
      'actions/month-end.md': '---\ntitle: Month end\nowner: clerk\ndue: 2024-01-31\nstatus: open\n---\n',
    });
    const days = async (asOf: string) =>
      Object.fromEntries(
        (
          JSON.parse(
            (await cli(leap, ['actions', '--overdue', '--owner', 'clerk', '--format', 'json', '--as-of', asOf])).stdout,
          ) as { id: string; days_overdue: number }[]
        ).map((a) => [a.id, a.days_overdue]),
      );
    expect(await days('2024-01-01')).toEqual({ 'year-end': 1 });
    expect(await days('2024-02-29')).toEqual({ 'year-end': 60, 'month-end': 29 });
    expect(await days('2024-03-01')).toEqual({ 'year-end': 61, 'month-end': 30, leap: 1 });
    expect(await days('2025-02-28')).toEqual({ 'year-end': 425, 'month-end': 394, leap: 365 });
    expect(await days('2025-03-01')).toEqual({ 'year-end': 426, 'month-end': 395, leap: 366 });
  });

  it('says so when nothing is overdue, exit 0, in every format', async () => {
    const early = ['--as-of', '2025-01-01'];
    expect(await cli(dir, ['actions', '--overdue', ...early])).toEqual({
      code: 0,
      stdout: 'No overdue actions.\n',
      stderr: '',
    });
    expect((await cli(dir, ['actions', '--overdue', '--format', 'md', ...early])).stdout).toBe('No overdue actions.\n');
    expect((await cli(dir, ['actions', '--overdue', '--format', 'json', ...early])).stdout).toBe('[]\n');
    expect((await cli(dir, ['actions', '--overdue', '--format', 'csv', ...early])).stdout).toBe(
      'id,title,owner,owner_name,organisation,due,status,days_overdue,raised_meeting,raised_minute,file\r\n',
    );
    expect((await cli(dir, ['actions', '--status', 'dropped', ...AS_OF])).stdout).toBe('No actions match.\n');
    expect((await cli(minimalRecord(), ['actions', ...AS_OF])).stdout).toBe('No actions yet.\n');
  });

  it('lists the rest and warns on stderr when some action files cannot be read', async () => {
    const broken = actionsRecord({
      'actions/broken.md': '---\ntitle: [unclosed\n---\n',
      'actions/no-status.md': '---\ntitle: No status\nowner: clerk\n---\n',
      'actions/Bad Name.md': '---\ntitle: x\nowner: clerk\nstatus: open\n---\n',
    });
    const r = await cli(broken, ['actions', '--format', 'json', ...AS_OF]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as unknown[]).length).toBe(5);
    expect(r.stderr).toBe(
      'csp: warning: 3 action files could not be read and are not listed. Run "csp validate" to see why.\n',
    );
  });

  it('refuses unknown or ambiguous owners, unknown priorities and bad meetings with exit 2', async () => {
    const twins = actionsRecord({
      'members.yaml': [
        'members:',
        '  - { id: cllr-chair, name: Cllr Ada Chair, organisation: Test Borough Council, sector: local-authority, role: chair, joined: 2020-01-01 }',
        'others:',
        '  - { id: sam-smith-police, name: Sam Smith, organisation: Test Police }',
        '  - { id: sam-smith-nhs, name: Sam Smith, organisation: Test NHS }',
        '  - { id: clerk, name: Committee Clerk }',
        '',
      ].join('\n'),
    });
    const cases: [string, string[], string][] = [
      [
        dir,
        ['--owner', 'Dr Hana Helth'],
        'csp: --owner "Dr Hana Helth": no one on the roster (members.yaml) has that id or name. Did you mean "Dr Hana Health"?\n',
      ],
      [
        dir,
        ['--owner', 'nobody-at-all'],
        'csp: --owner "nobody-at-all": no one on the roster (members.yaml) has that id or name.\n',
      ],
      [
        twins,
        ['--owner', 'sam smith'],
        'csp: --owner "sam smith" matches 2 people (sam-smith-police, sam-smith-nhs). Give the person\'s id instead.\n',
      ],
      [
        dir,
        ['--priority', 'preventon'],
        'csp: --priority "preventon" is not one of the partnership\'s priorities. Did you mean "prevention"?\n',
      ],
      [
        dir,
        ['--meeting', '2026-05-05'],
        'csp: There is no meeting "2026-05-05" in the record (no folder meetings/2026-05-05/). Check the date.\n',
      ],
      [
        dir,
        ['--meeting', '2026-02-30'],
        'csp: --meeting "2026-02-30" is not a meeting id. Write the meeting\'s date, YYYY-MM-DD (or YYYY-MM-DD-slug for a second meeting that day).\n',
      ],
      [
        dir,
        ['--meeting', '../../etc'],
        'csp: --meeting "../../etc" is not a meeting id. Write the meeting\'s date, YYYY-MM-DD (or YYYY-MM-DD-slug for a second meeting that day).\n',
      ],
    ];
    for (const [where, args, message] of cases) {
      const r = await cli(where, ['actions', ...args, ...AS_OF]);
      expect({ args, code: r.code, stderr: r.stderr, stdout: r.stdout }).toEqual({
        args,
        code: 2,
        stderr: message,
        stdout: '',
      });
    }
    const bad = await cli(dir, ['actions', '--status', 'finished', ...AS_OF]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("argument 'finished' is invalid");
    expect(noStackTrace(bad)).toBe(true);
    expect((await cli(dir, ['actions', '--format', 'html', ...AS_OF])).code).toBe(2);
  });

  it('colours days overdue red on a terminal only', async () => {
    const run = async (isTTY: boolean, env: NodeJS.ProcessEnv, extra: string[] = []) => {
      let out = '';
      const code = await main({
        argv: ['actions', '--overdue', ...AS_OF, ...extra],
        cwd: dir,
        env,
        isTTY,
        stdout: { write: (s: string) => (out += s) },
        stderr: { write: () => true },
        system: testSystem,
      });
      return { code, out };
    };
    const tty = await run(true, {});
    expect(tty.code).toBe(0);
    expect(tty.out).toContain('\x1b[31m60\x1b[39m');
    expect((await run(false, {})).out).not.toContain('\x1b[');
    expect((await run(true, { NO_COLOR: '1' })).out).not.toContain('\x1b[');
    expect((await run(true, {}, ['--no-color'])).out).not.toContain('\x1b[');
  });
});
