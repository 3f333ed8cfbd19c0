/** csp agenda through the CLI, in this process: markdown and HTML, escaping, --out, --publish (byte-preserving), notice and frequency warnings. */
import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cli, minimalRecord, noStackTrace, read, writeFiles } from './helpers.js';

const MEETING = [
  '---',
  'date: 2026-12-10',
  'start: "14:00"',
  'end: "16:00"',
  'venue: Civic Centre, Room 1',
  'online_url: https://meet.example.org/csp?id=1&x=2',
  'kind: themed',
  'theme: Serious violence',
  'status: scheduled',
  'items:',
  '  - title: Knife crime *update* <b>bold</b>',
  '    presenter: pc-police',
  '    lead: cllr-chair',
  '    priority: prevention',
  '    purpose: decision',
  '    papers: [papers/report.pdf]',
  '  - title: Licensing & the night-time economy',
  '    presenter: Jo Bloggs (Licensing)',
  '    purpose: noting',
  '    deferred_from: 2026-09-10',
  '  - title: CCTV contract',
  '    purpose: decision',
  '    exempt: { paragraph: 3 }',
  '---',
  'Notes for the *agenda*.',
  '',
  'Second paragraph.',
  '',
].join('\n');

/** A record with a themed meeting on 10 December 2026, its neighbours and five actions. */
function agendaRecord(extra: Record<string, string | Buffer> = {}): string {
  return minimalRecord({
    'partnership.md':
      '---\nname: Test Borough Community Safety Partnership\nshort_name: Test CSP\ncontact: { name: Committee Clerk, role: Principal Committee Co-ordinator, email: clerk@test.gov.uk }\npriorities:\n  - { id: prevention, title: Prevention }\n---\n',
    'meetings/2026-09-10/meeting.md': '---\ndate: 2026-09-10\nstatus: held\n---\n',
    'meetings/2026-12-10/meeting.md': MEETING,
    'meetings/2026-12-10/papers/report.pdf': Buffer.alloc(24 * 1024),
    'meetings/2027-02-01-extra/meeting.md': '---\ndate: 2027-02-01\nstatus: cancelled\n---\n',
    'meetings/2027-03-11/meeting.md': '---\ndate: 2027-03-11\nstart: "10:00"\n---\n',
    'actions/hotspots.md':
      '---\ntitle: Report on knife crime hotspots\nowner: pc-police\ndue: 2026-11-01\nstatus: open\n---\n',
    'actions/cctv-budget.md':
      '---\ntitle: Agree the CCTV | budget\nowner: [cllr-chair, clerk]\ndue: 2027-01-31\nstatus: in-progress\n---\n',
    'actions/yesterday.md': '---\ntitle: Due yesterday\nowner: dr-health\ndue: 2026-11-21\nstatus: open\n---\n',
    'actions/no-due.md': '---\ntitle: No due date\nowner: dr-health\nstatus: open\n---\n',
    'actions/finished.md':
      '---\ntitle: Finished\nowner: dr-health\ndue: 2026-01-01\nstatus: done\ncompleted: 2026-02-01\n---\n',
    ...extra,
  });
}

const EXPECTED_MD = `# Test Borough Community Safety Partnership

## Agenda

Themed meeting: Serious violence

- **Date:** Thursday 10 December 2026
- **Time:** 14:00 to 16:00
- **Venue:** Civic Centre, Room 1
- **Online:** <https://meet.example.org/csp?id=1&x=2>
- **Contact:** Committee Clerk, Principal Committee Co-ordinator, clerk@test.gov.uk

Notes for the *agenda*.

Second paragraph.

## Items

### 1. Filming at meetings

### 2. Apologies

### 3. Urgent business

### 4. Declarations of interest

### 5. Minutes

### 6. Membership

### 7. Knife crime \\*update\\* \\<b\\>bold\\</b\\>

- Presenter: Supt Pat Police
- Lead: Cllr Ada Chair
- For decision
- Priority: Prevention
- Papers: papers/report.pdf (24 KB)

### 8. Licensing \\& the night-time economy

- Presenter: Jo Bloggs (Licensing)
- For noting
- Deferred from the meeting of Thursday 10 September 2026
- No papers

### 9. CCTV contract

**Exempt — not for publication (Local Government Act 1972, Schedule 12A, paragraph 3)**

- For decision
- No papers

### 10. New items of urgent business

### 11. Dates of future meetings

## Actions for review

Open actions as of Sunday 22 November 2026:

| Action | Owner | Due | Status | Overdue |
| --- | --- | --- | --- | --- |
| hotspots: Report on knife crime hotspots | Supt Pat Police | 2026-11-01 | open | **Overdue by 21 days** |
| yesterday: Due yesterday | Dr Hana Health | 2026-11-21 | open | **Overdue by 1 day** |
| cctv-budget: Agree the CCTV \\| budget | Cllr Ada Chair, Committee Clerk | 2027-01-31 | in-progress |  |
| no-due: No due date | Dr Hana Health |  | open |  |

## Future meetings

- Thursday 11 March 2027 at 10:00
`;

describe('csp agenda: markdown', () => {
  it('renders the whole agenda: details, contact, numbered items, exempt marking, actions for review, future meetings', async () => {
    const dir = agendaRecord();
    const r = await cli(dir, ['agenda', '2026-12-10', '--as-of', '2026-11-22']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(EXPECTED_MD);
    expect(r.code).toBe(0);
  });

  it('is the same for the same record and --as-of, and counts overdue days from --as-of', async () => {
    const dir = agendaRecord();
    const a = await cli(dir, ['agenda', '2026-12-10', '--as-of', '2026-11-22']);
    const b = await cli(dir, ['agenda', '2026-12-10', '--as-of', '2026-11-22']);
    expect(a.stdout).toBe(b.stdout);
    const later = await cli(dir, ['agenda', '2026-12-10', '--as-of', '2026-12-01']);
    expect(later.stdout).toContain(
      '| hotspots: Report on knife crime hotspots | Supt Pat Police | 2026-11-01 | open | **Overdue by 30 days** |',
    );
  });

  it('leaves out actions raised at this meeting or later', async () => {
    const dir = agendaRecord({
      'actions/later.md':
        '---\ntitle: Raised later\nowner: dr-health\nraised: { meeting: 2027-03-11, minute: 1 }\nstatus: open\n---\n',
    });
    expect((await cli(dir, ['agenda', '2026-12-10', '--as-of', '2026-11-22'])).stdout).not.toContain('Raised later');
  });

  it("uses the partnership's own records/templates/agenda.md.hbs", async () => {
    const dir = agendaRecord({
      'templates/agenda.md.hbs':
        '{{partnership.short_name}} {{meeting.date_long}}\n{{#each items}}{{number}} {{title}}\n{{/each}}',
    });
    const r = await cli(dir, ['agenda', '2026-12-10', '--as-of', '2026-11-22']);
    expect(r.stdout).toBe(
      'Test CSP Thursday 10 December 2026\n1 Filming at meetings\n2 Apologies\n3 Urgent business\n4 Declarations of interest\n5 Minutes\n6 Membership\n7 Knife crime \\*update\\* \\<b\\>bold\\</b\\>\n8 Licensing \\& the night-time economy\n9 CCTV contract\n10 New items of urgent business\n11 Dates of future meetings\n',
    );
  });

  it('warns about a paper that is missing, and about an item deferred to the meeting but not on its agenda', async () => {
    const dir = minimalRecord({
      'meetings/2026-09-10/meeting.md': '---\ndate: 2026-09-10\nitems:\n  - { title: Knife crime }\n---\n',
      'meetings/2026-09-10/minutes.md':
        '---\nstatus: draft\ndeferred:\n  - { title: Knife crime, minute: 1, to: next }\n---\n## 1. Knife crime\n\nRESOLVED\n\n- That the item be deferred.\n',
      'meetings/2026-12-10/meeting.md':
        '---\ndate: 2026-12-10\nitems:\n  - { title: Fire safety, papers: [papers/gone.pdf] }\n---\n',
    });
    const r = await cli(dir, ['agenda', '2026-12-10', '--as-of', '2026-11-22']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('- Papers: papers/gone.pdf\n');
    expect(r.stderr).toBe(
      'csp: warning: the paper "papers/gone.pdf" is not in meetings/2026-12-10/; the agenda lists it without a size. Add the file or correct the name in meeting.md.\n' +
        'csp: warning: the minutes of 2026-09-10 (minute 1) deferred "Knife crime" to this meeting, but it is not on the agenda. Add it to items in meeting.md with deferred_from: 2026-09-10.\n',
    );
  });
});

describe('csp agenda: HTML', () => {
  it('is a complete HTML5 document with a CSP, no script, headings in order and every record text escaped', async () => {
    const dir = agendaRecord({
      'meetings/2026-12-10/meeting.md': MEETING.replace(
        'Knife crime *update* <b>bold</b>',
        '"<script>alert(1)</script> & <img src=x onerror=alert(2)>"',
      ).replace('online_url: https://meet.example.org/csp?id=1&x=2', 'online_url: "javascript:alert(3)"'),
    });
    const r = await cli(dir, ['agenda', '2026-12-10', '--format', 'html', '--as-of', '2026-11-22']);
    expect(r.code).toBe(0);
    const html = r.stdout;
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n')).toBe(true);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    );
    expect(html).toContain('<title>Agenda: Test CSP, Thursday 10 December 2026</title>');
    expect(html).toContain(
      '<h3>7. &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src&#x3D;x onerror&#x3D;alert(2)&gt;</h3>',
    );
    expect(html).not.toMatch(/<script|<img|javascript:alert\(3\)<\/a>|href="javascript/i);
    expect(html).toContain('<dt>Online</dt><dd>javascript:alert(3)</dd>');
    expect(html).toContain(
      '<p class="exempt">Exempt — not for publication (Local Government Act 1972, Schedule 12A, paragraph 3)</p>',
    );
    // The paper is a link to the file in the record, relative to where the agenda is read (here: the working directory).
    expect(html).toContain(
      '<li>Papers: <a href="records/meetings/2026-12-10/papers/report.pdf">papers/report.pdf</a> (24 KB)</li>',
    );
    expect(html).toContain('<td><span class="overdue">Overdue by 21 days</span></td>');
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    const headings = [...html.matchAll(/<h([1-6])[ >]/g)].map((m) => Number(m[1]));
    expect(headings[0]).toBe(1);
    for (let i = 1; i < headings.length; i++) expect(headings[i]! - headings[i - 1]!).toBeLessThanOrEqual(1);
    expect(headings.filter((h) => h === 3).length).toBe(11);
  });

  it('links an https online address', async () => {
    const dir = agendaRecord();
    const r = await cli(dir, ['agenda', '2026-12-10', '--format', 'html', '--as-of', '2026-11-22']);
    expect(r.stdout).toContain('<dd><a href="https://meet.example.org/csp?id&#x3D;1&amp;x&#x3D;2">');
  });
});

describe('csp agenda: --out', () => {
  it('writes a new file relative to the working directory', async () => {
    const dir = agendaRecord();
    const r = await cli(dir, ['agenda', '2026-12-10', '--out', 'out/agenda.md', '--as-of', '2026-11-22']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Wrote the agenda of 2026-12-10 to out/agenda.md\n');
    expect(read(dir, 'out/agenda.md')).toBe(EXPECTED_MD);
  });

  it('refuses (exit 1) to overwrite a file, which stays byte-identical, and does not publish', async () => {
    const dir = writeFiles(agendaRecord(), { 'agenda.html': 'mine\r\n' });
    const r = await cli(dir, [
      'agenda',
      '2026-12-10',
      '--format',
      'html',
      '--out',
      'agenda.html',
      '--publish',
      '--as-of',
      '2026-11-22',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'csp: agenda.html already exists, so nothing was written and the agenda was not recorded as published. Choose another name, or add --force to replace it.\n',
    );
    expect(read(dir, 'agenda.html')).toBe('mine\r\n');
    expect(read(dir, 'records/meetings/2026-12-10/meeting.md')).toBe(MEETING);
  });
});

describe('csp agenda: --publish', () => {
  it('sets published and status: published, changing only those two lines', async () => {
    const dir = agendaRecord();
    const r = await cli(dir, ['agenda', '2026-12-10', '--publish', '--as-of', '2026-11-30']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      EXPECTED_MD.replace('Sunday 22 November 2026', 'Monday 30 November 2026')
        .replace('Overdue by 21 days', 'Overdue by 29 days')
        .replace('Overdue by 1 day', 'Overdue by 9 days'),
    );
    expect(r.stderr).toBe(
      'Recorded the agenda of 2026-12-10 as circulated on Monday 30 November 2026 (records/meetings/2026-12-10/meeting.md).\n',
    );
    expect(read(dir, 'records/meetings/2026-12-10/meeting.md')).toBe(
      MEETING.replace('status: scheduled\n', 'status: published\npublished: 2026-11-30\n'),
    );
  });

  it('keeps a byte-order mark, CRLF line ends and comments', async () => {
    const original =
      '\uFEFF---\r\ndate: 2026-12-10   # Thursday\r\nstatus: scheduled    # not yet out\r\nvenue: Town Hall\r\n---\r\nNotes.\r\n';
    const dir = minimalRecord({ 'meetings/2026-12-10/meeting.md': original });
    const r = await cli(dir, ['agenda', '2026-12-10', '--publish', '--as-of', '2026-12-02']);
    expect(r.code).toBe(0);
    const bytes = readFileSync(path.join(dir, 'records/meetings/2026-12-10/meeting.md'));
    expect(bytes.toString('utf8')).toBe(
      '\uFEFF---\r\ndate: 2026-12-10   # Thursday\r\nstatus: published    # not yet out\r\npublished: 2026-12-02\r\nvenue: Town Hall\r\n---\r\nNotes.\r\n',
    );
  });

  it('adds both lines where status belongs when meeting.md has no status', async () => {
    const dir = minimalRecord({
      'meetings/2026-12-10/meeting.md': '---\ndate: 2026-12-10\nvenue: Town Hall\nitems: []\n---\n',
    });
    expect((await cli(dir, ['agenda', '2026-12-10', '--publish', '--as-of', '2026-12-01'])).code).toBe(0);
    expect(read(dir, 'records/meetings/2026-12-10/meeting.md')).toBe(
      '---\ndate: 2026-12-10\nvenue: Town Hall\nstatus: published\npublished: 2026-12-01\nitems: []\n---\n',
    );
  });

  it('warns (exit 0) when late, naming the deadline; csp validate then gives the notice warning', async () => {
    const dir = minimalRecord({ 'meetings/2026-12-29/meeting.md': '---\ndate: 2026-12-29\nstatus: scheduled\n---\n' });
    const r = await cli(dir, ['agenda', '2026-12-29', '--publish', '--as-of', '2026-12-18']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('## Items');
    expect(r.stderr).toBe(
      'Recorded the agenda of 2026-12-29 as circulated on Friday 18 December 2026 (records/meetings/2026-12-29/meeting.md).\n' +
        "csp: warning: the agenda went out on Friday 18 December 2026, after the notice deadline of Thursday 17 December 2026 (5 clear working days before the meeting). Late items are at the Chairs' discretion: note why in the minutes.\n",
    );
    const v = await cli(dir, ['validate', '--format', 'json', '--as-of', '2026-12-18']);
    expect(v.code).toBe(0);
    expect(JSON.parse(v.stdout).diagnostics).toEqual([
      {
        file: 'records/meetings/2026-12-29/meeting.md',
        line: 4,
        column: 12,
        severity: 'warning',
        rule: 'notice',
        message:
          "The agenda went out on Friday 18 December 2026, after the notice deadline of Thursday 17 December 2026 (5 clear working days before the meeting). Late items are at the Chairs' discretion: note why in the minutes.",
      },
    ]);
  });

  it('is on time on the deadline itself: no warning, and validate is clean', async () => {
    const dir = minimalRecord({ 'meetings/2026-06-02/meeting.md': '---\ndate: 2026-06-02\nstatus: scheduled\n---\n' });
    const r = await cli(dir, ['agenda', '2026-06-02', '--publish', '--as-of', '2026-05-22']);
    expect(r.stderr).toBe(
      'Recorded the agenda of 2026-06-02 as circulated on Friday 22 May 2026 (records/meetings/2026-06-02/meeting.md).\n',
    );
    expect(
      JSON.parse((await cli(dir, ['validate', '--format', 'json', '--as-of', '2026-05-22'])).stdout).diagnostics,
    ).toEqual([]);
  });

  it('keeps the date of an agenda already published, and the status of a meeting already held', async () => {
    const original = '---\ndate: 2026-12-10\nstatus: held\npublished: 2026-12-01\n---\n';
    const dir = minimalRecord({ 'meetings/2026-12-10/meeting.md': original });
    const r = await cli(dir, ['agenda', '2026-12-10', '--publish', '--as-of', '2026-12-09']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'csp: the agenda of 2026-12-10 is already recorded as circulated on Tuesday 1 December 2026; that date was kept and nothing was written.\n',
    );
    expect(read(dir, 'records/meetings/2026-12-10/meeting.md')).toBe(original);
  });
});

describe('csp agenda: refusals', () => {
  it('exits 2 on an unknown meeting, with a "did you mean"', async () => {
    const dir = agendaRecord();
    const r = await cli(dir, ['agenda', '2026-12-11', '--as-of', '2026-11-22']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'csp: There is no meeting 2026-12-11 in the record (no folder records/meetings/2026-12-11/). Did you mean 2026-12-10?\n',
    );
  });

  it('exits 2 on something that is not a meeting id, without touching disk', async () => {
    const dir = agendaRecord();
    const r = await cli(dir, ['agenda', '../../etc/passwd', '--as-of', '2026-11-22']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^csp: The meeting "\.\.\/\.\.\/etc\/passwd" is not a meeting id\./);
    expect(noStackTrace(r)).toBe(true);
  });

  it('exits 1 on a cancelled meeting, and does not publish it', async () => {
    const dir = agendaRecord();
    const r = await cli(dir, ['agenda', '2027-02-01-extra', '--publish', '--as-of', '2026-11-22']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'csp: The meeting 2027-02-01-extra is cancelled, so it has no agenda. If it is going ahead after all, change its status in meeting.md.\n',
    );
    expect(read(dir, 'records/meetings/2027-02-01-extra/meeting.md')).toBe(
      '---\ndate: 2027-02-01\nstatus: cancelled\n---\n',
    );
  });

  it('exits 2 when meeting.md cannot be read, saying where', async () => {
    const dir = minimalRecord({ 'meetings/2026-12-10/meeting.md': '---\ndate: 2026-12-10\nroom: 4\n---\n' });
    const r = await cli(dir, ['agenda', '2026-12-10', '--as-of', '2026-11-22']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^csp: records\/meetings\/2026-12-10\/meeting\.md cannot be read \(records\/meetings\/2026-12-10\/meeting\.md:3:1: /,
    );
    expect(existsSync(path.join(dir, 'records/.csp-lock'))).toBe(false);
  });
});

describe('rule frequency through csp validate', () => {
  it('warns when the gap between meetings is longer than the frequency allows', async () => {
    const dir = minimalRecord({
      'meetings/2026-01-15/meeting.md': '---\ndate: 2026-01-15\nstatus: held\n---\n',
      'meetings/2026-06-04/meeting.md': '---\ndate: 2026-06-04\nstatus: scheduled\n---\n',
    });
    const v = await cli(dir, ['validate', '--format', 'json', '--as-of', '2026-05-01']);
    expect(v.code).toBe(0);
    expect(JSON.parse(v.stdout).diagnostics).toEqual([
      {
        file: 'records/meetings/2026-06-04/meeting.md',
        line: 2,
        column: 7,
        severity: 'warning',
        rule: 'frequency',
        message:
          'This meeting comes more than 3 months after the last one (2026-01-15); the partnership meets quarterly. Schedule a meeting by 2026-04-29, or change meetings.frequency in partnership.md.',
      },
    ]);
    expect((await cli(dir, ['validate', '--strict', '--as-of', '2026-05-01'])).code).toBe(1);
  });

  it('is quiet when new-meeting schedules the meetings quarterly', async () => {
    const dir = minimalRecord();
    for (const d of ['2026-01-15', '2026-04-16', '2026-07-16'])
      expect((await cli(dir, ['new-meeting', '--date', d, '--as-of', '2026-01-01'])).code).toBe(0);
    expect(
      JSON.parse((await cli(dir, ['validate', '--format', 'json', '--as-of', '2026-01-01'])).stdout).diagnostics,
    ).toEqual([]);
  });
});
