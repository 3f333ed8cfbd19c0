/** csp new-meeting through the CLI, in this process: notice deadlines, defaults, carried items, refusals, races, templates. */
import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, cli, cspAsync, minimalRecord, noStackTrace, read } from './helpers.js';

const meetingsIn = (dir: string) =>
  existsSync(path.join(dir, 'records/meetings')) ? readdirSync(path.join(dir, 'records/meetings')).sort() : [];

/** A meeting.md as the built-in template writes it for a record with default settings and nothing to carry. */
const plain = (date: string, deadline: string) =>
  [
    '---',
    `date: ${date}`,
    'start: "14:00"',
    'venue: Civic Centre',
    'kind: ordinary',
    `status: scheduled             # the agenda must be circulated by ${deadline}`,
    'apologies: []                 # as they arrive: { member: <id>, substitute: <id> }',
    'items: []                     # the substantive items: { title, presenter, purpose, papers: [papers/…] }',
    '---',
    '',
  ].join('\n');

describe('csp new-meeting: the notice deadline', () => {
  it('follows the worked example over Christmas: 29 December 2026 needs its agenda out by Thursday 17 December', async () => {
    const dir = minimalRecord();
    const r = await cli(dir, ['new-meeting', '--date', '2026-12-29', '--as-of', '2026-11-22']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      'Created records/meetings/2026-12-29/meeting.md\nThe agenda must be circulated by Thursday 17 December 2026 (5 clear working days).\n',
    );
    expect(r.code).toBe(0);
    expect(read(dir, 'records/meetings/2026-12-29/meeting.md')).toBe(plain('2026-12-29', 'Thursday 17 December 2026'));
  });

  it('follows the worked example over the late May bank holiday: 2 June 2026 → Friday 22 May 2026', async () => {
    const dir = minimalRecord();
    const r = await cli(dir, ['new-meeting', '--date', '2026-06-02', '--as-of', '2026-05-01']);
    expect(r.stdout).toContain('The agenda must be circulated by Friday 22 May 2026 (5 clear working days).');
    expect(r.code).toBe(0);
  });

  it('skips Good Friday and Easter Monday: 14 April 2026 → Thursday 2 April 2026', async () => {
    const dir = minimalRecord();
    const r = await cli(dir, ['new-meeting', '--date', '2026-04-14', '--as-of', '2026-03-01']);
    expect(r.stdout).toContain('The agenda must be circulated by Thursday 2 April 2026 (5 clear working days).');
    expect(r.code).toBe(0);
  });

  it('skips Christmas, the Boxing Day substitute and New Year: 5 January 2027 → Wednesday 23 December 2026', async () => {
    const dir = minimalRecord();
    const r = await cli(dir, ['new-meeting', '--date', '2027-01-05', '--as-of', '2026-11-22']);
    expect(r.stdout).toContain('The agenda must be circulated by Wednesday 23 December 2026 (5 clear working days).');
    expect(r.code).toBe(0);
  });

  it("uses the partnership's own notice period", async () => {
    const dir = minimalRecord({ 'partnership.md': '---\nname: Test CSP\nmeetings: { notice_working_days: 3 }\n---\n' });
    const r = await cli(dir, ['new-meeting', '--date', '2026-12-29', '--as-of', '2026-11-22']);
    // 3 clear days: 22, 23, 24 December.
    expect(r.stdout).toContain('The agenda must be circulated by Monday 21 December 2026 (3 clear working days).');
  });

  it('warns (exit 0) when the deadline has already passed as of --as-of', async () => {
    const dir = minimalRecord();
    const r = await cli(dir, ['new-meeting', '--date', '2026-12-29', '--as-of', '2026-12-18']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      "csp: warning: the notice deadline (Thursday 17 December 2026) has already passed. Late items are at the Chairs' discretion: note why in the minutes.\n",
    );
  });
});

describe('csp new-meeting: options and defaults', () => {
  it('writes the options given, and a theme makes a themed meeting', async () => {
    const dir = minimalRecord();
    const r = await cli(dir, [
      'new-meeting',
      '--date',
      '2026-12-29',
      '--slug',
      'serious-violence',
      '--start',
      '09:30',
      '--venue',
      'Town Hall: Room 2',
      '--theme',
      'Serious violence',
      '--as-of',
      '2026-11-22',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('Created records/meetings/2026-12-29-serious-violence/meeting.md');
    const text = read(dir, 'records/meetings/2026-12-29-serious-violence/meeting.md');
    expect(text.split('\n').slice(0, 6)).toEqual([
      '---',
      'date: 2026-12-29',
      'start: "09:30"',
      'venue: "Town Hall: Room 2"',
      'kind: themed',
      'theme: Serious violence',
    ]);
  });

  it('takes the start and venue from partnership.md', async () => {
    const dir = minimalRecord({
      'partnership.md':
        '---\nname: Test CSP\nmeetings: { default_start: "10:00", default_venue: "Town Hall, Room 4" }\n---\n',
    });
    expect((await cli(dir, ['new-meeting', '--date', '2026-12-29', '--as-of', '2026-11-22'])).code).toBe(0);
    expect(read(dir, 'records/meetings/2026-12-29/meeting.md').split('\n').slice(2, 4)).toEqual([
      'start: "10:00"',
      'venue: "Town Hall, Room 4"',
    ]);
  });

  it('creates a meeting that validates', async () => {
    const dir = minimalRecord();
    await cli(dir, ['new-meeting', '--date', '2026-12-29', '--kind', 'extraordinary', '--as-of', '2026-11-22']);
    const v = await cli(dir, ['validate', '--format', 'json', '--as-of', '2026-11-22']);
    expect(JSON.parse(v.stdout)).toEqual({ ok: true, errors: 0, warnings: 0, diagnostics: [] });
  });
});

describe('csp new-meeting: refusals leave the record as it was', () => {
  const bad: [string, string[], RegExp][] = [
    ['an impossible date', ['--date', '2023-02-30'], /--date "2023-02-30" is not a date/],
    ['a path for a date', ['--date', '../../etc'], /--date "\.\.\/\.\.\/etc" is not a date/],
    ['a path for a slug', ['--date', '2026-12-29', '--slug', '../../x'], /--slug "\.\.\/\.\.\/x" is not a valid name/],
    [
      'a slug with capitals and spaces',
      ['--date', '2026-12-29', '--slug', 'Budget Day'],
      /--slug "Budget Day" is not a valid name/,
    ],
    ['a start time past 23:59', ['--date', '2026-12-29', '--start', '25:00'], /--start "25:00" is not a time/],
    ['a start time without minutes', ['--date', '2026-12-29', '--start', '2pm'], /--start "2pm" is not a time/],
    ['an empty venue', ['--date', '2026-12-29', '--venue', '  '], /--venue must be a line of text/],
  ];
  for (const [what, args, message] of bad) {
    it(`exits 2 on ${what}, creating nothing`, async () => {
      const dir = minimalRecord();
      const r = await cli(dir, ['new-meeting', ...args, '--as-of', '2026-11-22']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(noStackTrace(r)).toBe(true);
      expect(meetingsIn(dir)).toEqual([]);
      expect(existsSync(path.join(dir, 'etc'))).toBe(false);
    });
  }

  it('exits 1 on a meeting that exists, leaving its file byte-identical', async () => {
    const original = '---\r\ndate: 2026-12-29\r\nstatus: scheduled   # keep me\r\n---\r\nNotes.\r\n';
    const dir = minimalRecord({ 'meetings/2026-12-29/meeting.md': original });
    const r = await cli(dir, ['new-meeting', '--date', '2026-12-29', '--as-of', '2026-11-22']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'csp: The meeting 2026-12-29 already exists (records/meetings/2026-12-29/meeting.md); nothing was changed. To change it, edit that file; for a second meeting on the same day add --slug NAME.\n',
    );
    expect(read(dir, 'records/meetings/2026-12-29/meeting.md')).toBe(original);
  });

  it('adds meeting.md to a folder that has papers but no meeting.md yet', async () => {
    const dir = minimalRecord({ 'meetings/2026-12-29/papers/report.pdf': 'PDF' });
    const r = await cli(dir, ['new-meeting', '--date', '2026-12-29', '--as-of', '2026-11-22']);
    expect(r.code).toBe(0);
    expect(read(dir, 'records/meetings/2026-12-29/papers/report.pdf')).toBe('PDF');
  });

  it('lets exactly one of two processes creating the same meeting at once win', async () => {
    const dir = minimalRecord();
    const args = ['new-meeting', '--date', '2026-12-29', '--as-of', '2026-11-22'];
    const results = await Promise.all([cspAsync(dir, args), cspAsync(dir, args)]);
    expect(results.map((r) => r.code).sort()).toEqual([0, 1]);
    const loser = results.find((r) => r.code === 1)!;
    expect(loser.stderr).toMatch(/^csp: The meeting 2026-12-29 already exists/);
    expect(noStackTrace(loser)).toBe(true);
    expect(read(dir, 'records/meetings/2026-12-29/meeting.md')).toBe(plain('2026-12-29', 'Thursday 17 December 2026'));
  });
});

describe('csp new-meeting: items deferred to it or left over', () => {
  const minutes = (deferred: string, headings: string[]) =>
    `---\nstatus: draft\n${deferred}---\n${headings.map((h, i) => `## ${i + 1}. ${h}\n\nRESOLVED\n\n- That the report be noted.\n`).join('\n')}`;
  const agenda = (date: string, items: string, status = 'held') =>
    `---\ndate: ${date}\nstatus: ${status}\nitems:\n${items}---\n`;

  it('carries items deferred "next", by date and by id, and items left unminuted, with deferred_from', async () => {
    const dir = minimalRecord({
      'meetings/2026-06-04/meeting.md': agenda(
        '2026-06-04',
        [
          '  - { title: School exclusions report, presenter: dr-health, purpose: noting, priority: prevention, papers: [papers/x.pdf] }',
          '  - { title: Knife crime, purpose: discussion }',
          '  - { title: "Night-time economy: licensing", presenter: Jo Bloggs (Licensing) }',
          '  - { title: CCTV contract, exempt: { paragraph: 3 } }',
        ].join('\n') + '\n',
      ),
      'meetings/2026-06-04/papers/x.pdf': 'x',
      'meetings/2026-06-04/minutes.md': minutes(
        'deferred:\n  - { title: School exclusions report, minute: 1, to: next }\n  - { title: Knife crime, minute: 2, to: 2026-09-10 }\n  - { title: Fire safety, to: 2026-12-03 }\n',
        ['School exclusions report', 'Knife crime', 'CCTV contract'],
      ),
    });
    const r = await cli(dir, ['new-meeting', '--date', '2026-09-10', '--as-of', '2026-08-01']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(2)).toEqual([
      'Carried forward: School exclusions report (deferred from 2026-06-04 (minute 1))',
      'Carried forward: Knife crime (deferred from 2026-06-04 (minute 2))',
      'Carried forward: Night-time economy: licensing (left over from 2026-06-04 (on its agenda, not in its minutes))',
      '',
    ]);
    expect(read(dir, 'records/meetings/2026-09-10/meeting.md')).toBe(
      [
        '---',
        'date: 2026-09-10',
        'start: "14:00"',
        'venue: Civic Centre',
        'kind: ordinary',
        'status: scheduled             # the agenda must be circulated by Wednesday 2 September 2026',
        'apologies: []                 # as they arrive: { member: <id>, substitute: <id> }',
        'items:                        # the substantive items, in order; papers go in papers/',
        '  - title: School exclusions report',
        '    presenter: dr-health',
        '    priority: prevention',
        '    purpose: noting',
        '    deferred_from: 2026-06-04    # deferred at minute 1',
        '  - title: Knife crime',
        '    purpose: discussion',
        '    deferred_from: 2026-06-04    # deferred at minute 2',
        '  - title: "Night-time economy: licensing"',
        '    presenter: Jo Bloggs (Licensing)',
        '    deferred_from: 2026-06-04    # on its agenda but not in its minutes: delete if it was taken',
        '---',
        '',
      ].join('\n'),
    );
    // Papers stay in the old meeting's folder, so the new file names none and validates.
    const v = JSON.parse((await cli(dir, ['validate', '--format', 'json', '--as-of', '2026-08-01'])).stdout);
    expect(v.errors).toBe(0);

    // The item deferred to 3 December comes to that meeting, not to the next one.
    const dec = await cli(dir, ['new-meeting', '--date', '2026-12-03', '--as-of', '2026-08-01']);
    expect(dec.stdout).toContain('Carried forward: Fire safety (deferred from 2026-06-04)\n');
    expect(dec.stdout).not.toContain('School exclusions');
  });

  it('carries every item of a cancelled meeting in between', async () => {
    const dir = minimalRecord({
      'meetings/2026-06-04/meeting.md': agenda('2026-06-04', '  - { title: Knife crime }\n'),
      'meetings/2026-06-04/minutes.md': minutes('', ['Knife crime']),
      'meetings/2026-09-10/meeting.md': agenda(
        '2026-09-10',
        '  - { title: Prevent update, purpose: noting }\n',
        'cancelled',
      ),
    });
    const r = await cli(dir, ['new-meeting', '--date', '2026-10-01', '--as-of', '2026-09-11']);
    expect(r.stdout).toContain('Carried forward: Prevent update (from 2026-09-10, which was cancelled)\n');
    expect(read(dir, 'records/meetings/2026-10-01/meeting.md')).toContain(
      '  - title: Prevent update\n    purpose: noting\n    deferred_from: 2026-09-10    # the meeting was cancelled\n',
    );
  });

  it('does not carry "next" items to a meeting that is not the next one', async () => {
    const dir = minimalRecord({
      'meetings/2026-06-04/meeting.md': agenda('2026-06-04', '  - { title: Knife crime }\n'),
      'meetings/2026-06-04/minutes.md': minutes('deferred:\n  - { title: Knife crime, minute: 1, to: next }\n', [
        'Knife crime',
      ]),
      'meetings/2026-09-10/meeting.md': agenda(
        '2026-09-10',
        '  - { title: Knife crime, deferred_from: 2026-06-04 }\n',
        'scheduled',
      ),
    });
    const r = await cli(dir, ['new-meeting', '--date', '2026-12-03', '--as-of', '2026-09-11']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('Carried forward');
  });
});

describe('csp new-meeting: templates', () => {
  it("uses the partnership's own records/templates/meeting.md.hbs", async () => {
    const dir = minimalRecord({
      'templates/meeting.md.hbs':
        '---\ndate: {{date}}\nstart: {{start}}\nvenue: {{venue}}\nstatus: scheduled   # our house style, notice by {{deadline}}\n---\nPlanning notes go here.\n',
    });
    const r = await cli(dir, ['new-meeting', '--date', '2026-12-29', '--venue', 'Room "B"', '--as-of', '2026-11-22']);
    expect(r.code).toBe(0);
    expect(read(dir, 'records/meetings/2026-12-29/meeting.md')).toBe(
      '---\ndate: 2026-12-29\nstart: "14:00"\nvenue: "Room \\"B\\""\nstatus: scheduled   # our house style, notice by Thursday 17 December 2026\n---\nPlanning notes go here.\n',
    );
  });

  it('refuses (exit 2, nothing written) when a template would write a meeting.md that does not pass its schema', async () => {
    const dir = minimalRecord({ 'templates/meeting.md.hbs': '---\ndate: {{date}}\nroom: 4\n---\n' });
    const r = await cli(dir, ['new-meeting', '--date', '2026-12-29', '--as-of', '2026-11-22']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^csp: records\/templates\/meeting\.md\.hbs produced a meeting\.md that csp would not accept, so nothing was written: line 3: /,
    );
    expect(meetingsIn(dir)).toEqual([]);
  });

  it('refuses (exit 2) a template that is not valid handlebars', async () => {
    const dir = minimalRecord({ 'templates/meeting.md.hbs': '---\ndate: {{#if date}}\n---\n' });
    const r = await cli(dir, ['new-meeting', '--date', '2026-12-29', '--as-of', '2026-11-22']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^csp: The template records\/templates\/meeting\.md\.hbs is not valid handlebars: /);
    expect(noStackTrace(r)).toBe(true);
    expect(meetingsIn(dir)).toEqual([]);
  });

  it('ships its built-in templates', () => {
    for (const name of ['agenda.md.hbs', 'agenda.html.hbs', 'meeting.md.hbs', 'minutes.md.hbs']) {
      expect(readFileSync(path.join(ROOT, 'templates', name), 'utf8').length).toBeGreaterThan(50);
    }
  });
});
