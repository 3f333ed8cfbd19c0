import { describe, it, expect, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { cli, minimalRecord, noStackTrace, writeFiles } from './helpers.js';
import { mdInline } from '../src/render/diagnostics.js';
import { CHANGE_KINDS } from '../src/queries/changes.js';

const G = ['-c', 'user.name=Clerk', '-c', 'user.email=clerk@example.gov.uk'];
const git = (dir: string, ...args: string[]) =>
  execFileSync('git', [...G, ...args], { cwd: dir, stdio: 'pipe' }).toString();
const commitAll = (dir: string, message: string) => {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', message);
};

const held = (date: string) => `---\ndate: ${date}\nstart: "14:00"\nstatus: held\n---\n`;
const approved = (at: string, body: string) =>
  `---\nstatus: approved\napproved: { meeting: ${at} }\nchair: cllr-chair\npresent: [cllr-chair, pc-police, dr-health]\n---\n${body}`;
const draft = (body: string, extra = 'present: [cllr-chair, pc-police, dr-health]\n') =>
  `---\nstatus: draft\nchair: cllr-chair\n${extra}---\n${body}`;
const action = (fields: string) => `---\n${fields}---\nContext.\n`;

/** The record on the base branch: one of everything the pull request will change. */
const BASE: Record<string, string> = {
  'meetings/2025-10-09/meeting.md': held('2025-10-09'),
  'meetings/2025-10-09/minutes.md': approved(
    '2026-01-15',
    '## 1. Minutes\n\nRESOLVED That the minutes be confirmed.\n',
  ),
  'meetings/2026-01-15/meeting.md': held('2026-01-15'),
  'meetings/2026-01-15/minutes.md': approved(
    '2026-04-16',
    '## 2. Community safety plan\n\nRESOLVED That the plan be agreed.\n',
  ),
  'meetings/2026-02-12/meeting.md': held('2026-02-12'),
  'meetings/2026-02-12/minutes.md': draft('## 3. Budget\n\nRESOLVED That the budget be agreed.\n'),
  'meetings/2026-04-16/meeting.md': held('2026-04-16'),
  'meetings/2026-04-16/minutes.md': draft(
    '## 4. Probation update\n\nRESOLVED That the report be noted.\n\n## 5. Hate crime\n\nThe board discussed hate crime.\n\nRESOLVED That the plan be agreed.\n',
    'present: [cllr-chair, pc-police]\napologies:\n  - { member: dr-health, substitute: dep-health }\nin_attendance: [clerk]\n',
  ),
  'meetings/2026-05-14/meeting.md': held('2026-05-14'),
  'meetings/2026-05-14/minutes.md': draft('## 6. Anti-social behaviour\n\nRESOLVED That the report be noted.\n'),
  'meetings/2026-06-11/meeting.md': held('2026-06-11'),
  'meetings/2026-07-16/meeting.md':
    '---\ndate: 2026-07-16\nstart: "14:00"\nstatus: scheduled\napologies:\n  - { member: pc-police }\nitems:\n  - { title: Probation update report }\n---\n',
  'meetings/2026-10-08/meeting.md':
    '---\ndate: 2026-10-08\nstart: "14:00"\nstatus: scheduled\nitems:\n  - { title: Annual strategy }\n---\n',
  'meetings/2026-11-12/meeting.md':
    '---\ndate: 2026-11-12\nstart: "10:00"\nstatus: scheduled\nitems:\n  - { title: Winter plan }\n---\n',
  'actions/a-reassign.md': action('title: Map the hot spots\nowner: pc-police\ndue: 2026-06-01\nstatus: open\n'),
  'actions/a-close.md': action('title: Write to the Home Office\nowner: cllr-chair\nstatus: open\n'),
  'actions/a-reopen.md': action('title: Review the protocol\nowner: dr-health\nstatus: done\ncompleted: 2026-03-01\n'),
  'actions/a-progress.md': action('title: Open youth centres\nowner: pc-police\nstatus: open\n'),
  'actions/a-remove.md': action('title: A duplicate action\nowner: clerk\nstatus: open\n'),
};

/** What the pull request does: every kind of change. */
function pullRequest(dir: string): void {
  const r = (rel: string) => path.join(dir, 'records', rel);
  writeFiles(dir, {
    // Approved minutes edited, and a correction added to other approved minutes.
    'records/meetings/2025-10-09/minutes.md': approved(
      '2026-01-15',
      '## 1. Minutes\n\nRESOLVED That the minutes be confirmed as amended.\n',
    ),
    'records/meetings/2026-01-15/minutes.md': approved(
      '2026-04-16',
      '## 2. Community safety plan\n\nRESOLVED That the plan be agreed.\n',
    ).replace(
      'chair: cllr-chair\n',
      'chair: cllr-chair\ncorrections:\n  - { meeting: 2026-04-16, minute: 4, note: Name spelt wrongly }\n',
    ),
    // Draft minutes approved.
    'records/meetings/2026-02-12/minutes.md': draft('## 3. Budget\n\nRESOLVED That the budget be agreed.\n').replace(
      'status: draft\n',
      'status: approved\napproved: { meeting: 2026-04-16 }\n',
    ),
    // Draft minutes edited: a decision changed, one removed, attendance and apologies changed, an action synced.
    'records/meetings/2026-04-16/minutes.md': draft(
      '## 4. Probation update\n\nRESOLVED That the report be noted with thanks.\n\nThe Chair would write to the service.\n[action 2026-04-16-4-1: cllr-chair; due 2026-08-01]\n\n## 5. Hate crime\n\nThe board discussed hate crime at length.\n',
      "present: [cllr-chair, pc-police, dr-health]\nin_attendance: [clerk, 'Kate Watson (Public Health)']\n",
    ),
    'records/actions/2026-04-16-4-1.md': action(
      'title: Write to the probation service\nowner: cllr-chair\nraised: { meeting: 2026-04-16, minute: 4 }\ndue: 2026-08-01\nstatus: open\n',
    ),
    // New draft minutes, with a decision and an action not yet synced.
    'records/meetings/2026-06-11/minutes.md': draft(
      '## 7. Youth justice\n\nRESOLVED That the plan be endorsed.\n\nThe police would report on knife crime. [action: pc-police; due 2026-09-01]\n',
    ),
    // A meeting's agenda circulated, its start moved, an item added and one taken off, apologies changed.
    'records/meetings/2026-07-16/meeting.md':
      '---\ndate: 2026-07-16\nstart: "15:00"\nstatus: published\npublished: 2026-07-06\napologies:\n  - { member: dr-health, substitute: dep-health }\nitems:\n  - { title: Serious violence duty }\n---\n',
    // A new meeting.
    'records/meetings/2027-01-14/meeting.md': '---\ndate: 2027-01-14\nstart: "14:00"\nstatus: scheduled\n---\n',
    // Actions reassigned and re-dated, closed, reopened, progressed.
    'records/actions/a-reassign.md': action(
      'title: Map the hot spots\nowner: dr-health\ndue: 2026-09-01\nstatus: open\n',
    ),
    'records/actions/a-close.md': action(
      'title: Write to the Home Office\nowner: cllr-chair\nstatus: done\ncompleted: 2026-06-20\n',
    ),
    'records/actions/a-reopen.md': action('title: Review the protocol\nowner: dr-health\nstatus: open\n'),
    'records/actions/a-progress.md': action(
      'title: Open youth centres\nowner: pc-police\nstatus: in-progress\nupdates:\n  - { date: 2026-06-01, by: pc-police, note: First centre open. }\n',
    ),
    // The roster: a member joins, one leaves, one changes role; someone without a seat added, one taken off.
    'records/members.yaml': [
      'members:',
      '  - { id: cllr-chair, name: Cllr Ada Chair, organisation: Test Borough Council, sector: local-authority, role: chair, joined: 2020-01-01 }',
      '  - { id: pc-police, name: Supt Pat Police, organisation: Test Police, sector: police, role: co-opted, joined: 2020-01-01, deputies: [dep-police] }',
      '  - { id: dr-health, name: Dr Hana Health, organisation: Test NHS, sector: health, role: member, joined: 2020-01-01, left: 2026-06-30, deputies: [dep-health] }',
      '  - { id: yo-youth, name: Yasmin Youth, organisation: Test Youth Service, sector: community, role: member, joined: 2026-06-01 }',
      'others:',
      '  - { id: dep-health, name: Hal Deputy, organisation: Test NHS }',
      '  - { id: clerk, name: Committee Clerk, organisation: Test Borough Council }',
      '  - { id: kate-watson, name: Kate Watson, organisation: Public Health }',
      '',
    ].join('\n'),
    // The terms of reference: a rule changed.
    'records/partnership.md':
      '---\nname: Test Borough Community Safety Partnership\nshort_name: Test CSP\nabsence_limit: 4\npriorities:\n  - { id: prevention, title: Prevention }\n---\nTerms of reference.\n',
  });
  // Draft minutes taken out, a meeting moved to another day, a meeting taken out, an action deleted.
  rmSync(r('meetings/2026-05-14/minutes.md'));
  renameSync(r('meetings/2026-10-08'), r('meetings/2026-10-15'));
  writeFiles(dir, {
    'records/meetings/2026-10-15/meeting.md':
      '---\ndate: 2026-10-15\nstart: "14:00"\nstatus: scheduled\nitems:\n  - { title: Annual strategy }\n---\n',
  });
  rmSync(r('meetings/2026-11-12'), { recursive: true });
  rmSync(r('actions/a-remove.md'));
}

type Json = Record<string, unknown> & { kind: string; summary: string };

let dir: string;
let json: { base: string; commit: string; approved_minutes_changed: number; changes: Json[] };
let text: string;
let md: string;

beforeAll(async () => {
  dir = minimalRecord(BASE);
  git(dir, 'init', '-q', '-b', 'main');
  commitAll(dir, 'the record');
  git(dir, 'checkout', '-q', '-b', 'pr');
  pullRequest(dir);
  commitAll(dir, 'the pull request');
  const run = async (format: string) => {
    const r = await cli(dir, ['changes', '--base', 'main', '--format', format]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return r.stdout;
  };
  json = JSON.parse(await run('json')) as typeof json;
  text = await run('text');
  md = await run('md');
});

const find = (kind: string, extra: Record<string, unknown> = {}) =>
  json.changes.filter(
    (c) => c.kind === kind && Object.entries(extra).every(([k, v]) => JSON.stringify(c[k]) === JSON.stringify(v)),
  );

describe('csp changes on a pull request with every kind of change', () => {
  it('finds each kind the issue names, and no other', () => {
    // Every kind there is, but minutes set back to draft (which also changes approved minutes): tested below.
    expect([...new Set(json.changes.map((c) => c.kind))].sort()).toEqual(
      CHANGE_KINDS.filter((k) => k !== 'minutes-unapproved').sort(),
    );
    expect(json.base).toBe('main');
    expect(json.commit).toBe(git(dir, 'rev-parse', 'main').trim());
    expect(json.approved_minutes_changed).toBe(1);
  });

  it('names approved minutes that changed, at the changed line, and a correction that was added', () => {
    expect(find('approved-minutes-changed')).toEqual([
      {
        kind: 'approved-minutes-changed',
        meeting: '2025-10-09',
        correctionsAltered: false,
        removed: false,
        file: 'records/meetings/2025-10-09/minutes.md',
        line: 9,
        summary:
          'The approved minutes of the meeting of 9 October 2025 have been changed. Approved minutes change only by a correction agreed at a later meeting; the check fails until the change is undone.',
      },
    ]);
    expect(find('correction-added').map((c) => c.summary)).toEqual([
      'Correction recorded by minute 4 of the meeting of 16 April 2026: “Name spelt wrongly”.',
    ]);
  });

  it('tells meetings added, moved, re-timed, circulated and taken out', () => {
    expect(find('meeting-added').map((c) => [c.meeting, c.summary])).toEqual([
      ['2027-01-14', 'New meeting scheduled: 14 January 2027, at 14:00.'],
    ]);
    expect(find('meeting-rescheduled').map((c) => [c.meeting, c.summary])).toEqual([
      ['2026-07-16', 'Meeting now starts at 15:00 (was 14:00).'],
      ['2026-10-15', 'Meeting moved from 8 October 2026 to 15 October 2026, at 14:00.'],
    ]);
    expect(find('meeting-status').map((c) => c.summary)).toEqual([
      'Meeting now agenda circulated (was scheduled); agenda circulated on 6 July 2026.',
    ]);
    expect(find('meeting-removed').map((c) => [c.meeting, c.summary])).toEqual([
      ['2026-11-12', 'Meeting of 12 November 2026, at 10:00 taken out of the record.'],
    ]);
    expect(find('agenda-item-added').map((c) => c.summary)).toEqual(['Agenda item added: “Serious violence duty”.']);
    expect(find('agenda-item-removed').map((c) => c.summary)).toEqual([
      'Agenda item taken off: “Probation update report”.',
    ]);
  });

  it('tells apologies and attendance in the notice and in the minutes', () => {
    expect(find('apologies-added').map((c) => [c.meeting, c.summary])).toEqual([
      ['2026-07-16', 'Apologies received from Dr Hana Health, with Hal Deputy attending in their place.'],
    ]);
    expect(find('apologies-withdrawn').map((c) => [c.meeting, c.summary])).toEqual([
      ['2026-04-16', 'Apologies from Dr Hana Health taken out of the minutes.'],
      ['2026-07-16', 'Apologies from Supt Pat Police taken out.'],
    ]);
    expect(find('attendance-changed')).toEqual([
      expect.objectContaining({
        meeting: '2026-04-16',
        present: { added: ['dr-health'], removed: [] },
        inAttendance: { added: ['Kate Watson (Public Health)'], removed: [] },
        summary: 'Attendance: Dr Hana Health now recorded present; Kate Watson (Public Health) now in attendance.',
      }),
    ]);
  });

  it('tells minutes drafted, edited, approved and taken out', () => {
    expect(find('minutes-drafted').map((c) => [c.meeting, c.summary])).toEqual([
      ['2026-06-11', 'Draft minutes written, minute 7.'],
    ]);
    expect(find('minutes-edited').map((c) => [c.meeting, c.summary])).toEqual([
      ['2025-10-09', 'Minutes edited: minute 1 (Minutes) edited.'],
      ['2026-04-16', 'Minutes edited: minute 4 (Probation update) edited; minute 5 (Hate crime) edited.'],
    ]);
    expect(find('minutes-approved').map((c) => [c.meeting, c.summary])).toEqual([
      ['2026-02-12', 'Minutes approved, as confirmed at the meeting of 16 April 2026.'],
    ]);
    expect(find('minutes-removed').map((c) => [c.meeting, c.summary])).toEqual([
      ['2026-05-14', 'Draft minutes taken out.'],
    ]);
  });

  it('tells decisions added, changed and removed, with their minute', () => {
    expect(find('decision-added').map((c) => [c.meeting, c.minute, c.summary])).toEqual([
      ['2026-06-11', 7, 'Decision added under minute 7 (Youth justice): “That the plan be endorsed.”'],
    ]);
    // The edit to approved minutes changed a decision too.
    expect(find('decision-changed').map((c) => [c.meeting, c.minute])).toEqual([
      ['2025-10-09', 1],
      ['2026-04-16', 4],
    ]);
    expect(find('decision-changed', { meeting: '2026-04-16' })).toEqual([
      expect.objectContaining({
        meeting: '2026-04-16',
        minute: 4,
        from: 'That the report be noted.',
        to: 'That the report be noted with thanks.',
        file: 'records/meetings/2026-04-16/minutes.md',
        line: 9,
      }),
    ]);
    expect(find('decision-changed', { meeting: '2026-04-16' })[0]!.summary).toBe(
      'Decision under minute 4 (Probation update) now reads “That the report be noted with thanks.” (was “That the report be noted.”).',
    );
    expect(find('decision-removed').map((c) => [c.meeting, c.minute, c.summary])).toEqual([
      ['2026-04-16', 5, 'Decision taken out of minute 5 (Hate crime): “That the plan be agreed.”'],
    ]);
  });

  it('tells actions raised (synced or not), reassigned, re-dated, closed, reopened, progressed and taken out', () => {
    expect(find('action-raised').map((c) => [c.action ?? null, c.meeting, c.summary])).toEqual([
      [
        null,
        '2026-06-11',
        'Action raised at minute 7 for Supt Pat Police, due 1 September 2026: “The police would report on knife crime.” (not yet given an action file: csp actions sync).',
      ],
      [
        '2026-04-16-4-1',
        '2026-04-16',
        'Action 2026-04-16-4-1 raised at minute 4 for Cllr Ada Chair, due 1 August 2026: “Write to the probation service”.',
      ],
    ]);
    const summaries = (kind: string) => find(kind).map((c) => c.summary);
    expect(summaries('action-reassigned')).toEqual([
      'Action a-reassign (“Map the hot spots”) now with Dr Hana Health (was Supt Pat Police).',
    ]);
    expect(summaries('action-redated')).toEqual([
      'Action a-reassign (“Map the hot spots”) now due 1 September 2026 (was 1 June 2026).',
    ]);
    expect(summaries('action-closed')).toEqual(['Action a-close (“Write to the Home Office”) done on 20 June 2026.']);
    expect(summaries('action-reopened')).toEqual([
      'Action a-reopen (“Review the protocol”) reopened: now open (was done).',
    ]);
    expect(summaries('action-status')).toEqual([
      'Action a-progress (“Open youth centres”) now in-progress (was open).',
    ]);
    expect(summaries('action-progress')).toEqual([
      'Action a-progress (“Open youth centres”): 1 June 2026, Supt Pat Police: “First centre open.”',
    ]);
    expect(summaries('action-removed')).toEqual(['Action a-remove (“A duplicate action”) taken out of the record.']);
  });

  it('tells members who joined, left or changed, and people added to or taken off the roster', () => {
    const summaries = (kind: string) => find(kind).map((c) => c.summary);
    expect(summaries('member-joined')).toEqual([
      'Yasmin Youth joined the board on 1 June 2026, for Test Youth Service (member).',
    ]);
    expect(summaries('member-left')).toEqual(['Dr Hana Health (Test NHS) left the board on 30 June 2026.']);
    expect(summaries('member-changed')).toEqual(['Supt Pat Police: role now co-opted (was member).']);
    expect(summaries('person-added')).toEqual(['Kate Watson added to the roster (without a seat).']);
    expect(summaries('person-removed')).toEqual(['Insp Dee Deputy taken off the roster.']);
    expect(find('member-joined')[0]).toEqual(expect.objectContaining({ file: 'records/members.yaml', line: 5 }));
    expect(summaries('terms-changed')).toEqual(['Terms of reference: the rules changed: absence limit.']);
  });

  it('text: approved minutes first, then a section per meeting in date order, then actions, people and terms; every change once with its place', () => {
    const lines = text.split('\n');
    expect(lines[0]).toBe(`Changes to Test CSP's record since main (${json.commit.slice(0, 7)}):`);
    const headings = lines.filter(
      (l) => l !== '' && !l.startsWith(' ') && l !== lines[0] && !/^\d+ changes\.$/.test(l),
    );
    expect(headings).toEqual([
      'APPROVED MINUTES CHANGED: csp validate --base fails on this',
      'Meeting of Thursday 9 October 2025',
      'Meeting of Thursday 15 January 2026',
      'Meeting of Thursday 12 February 2026',
      'Meeting of Thursday 16 April 2026',
      'Meeting of Thursday 14 May 2026',
      'Meeting of Thursday 11 June 2026',
      'Meeting of Thursday 16 July 2026',
      'Meeting of Thursday 15 October 2026',
      'Meeting of Thursday 12 November 2026',
      'Meeting of Thursday 14 January 2027',
      'Actions',
      'Members and others',
      'Terms of reference',
    ]);
    for (const c of json.changes) {
      const place = `${c.file as string}${c.line !== undefined ? `:${c.line as number}` : ''}`;
      expect(text).toContain(`${c.summary}  ${place}\n`);
    }
    expect(lines.at(-2)).toBe(`${json.changes.length} changes.`);
  });

  it('markdown: a heading, a caution for approved minutes, then every change as a list item', () => {
    expect(md.startsWith("## What this changes in Test CSP's record\n\nCompared with `main`")).toBe(true);
    expect(md).toContain('> [!CAUTION]\n> **Approved minutes changed.**');
    expect(md).toContain('### Meeting of Thursday 16 April 2026\n');
    for (const c of json.changes) expect(md).toContain(`- ${mdInline(c.summary)} \``);
  });

  it("counts only what the branch did: changes made on the base branch since it left are not the pull request's", async () => {
    git(dir, 'checkout', '-q', 'main');
    writeFiles(dir, { 'records/meetings/2027-03-11/meeting.md': '---\ndate: 2027-03-11\nstart: "14:00"\n---\n' });
    commitAll(dir, 'another meeting on main');
    git(dir, 'checkout', '-q', 'pr');
    const r = await cli(dir, ['changes', '--base', 'main', '--format', 'json']);
    const after = JSON.parse(r.stdout) as typeof json;
    expect(after.changes.map((c) => c.summary)).toEqual(json.changes.map((c) => c.summary));
    expect(after.changes.some((c) => c.meeting === '2027-03-11')).toBe(false);
  });

  it('says so when nothing changed', async () => {
    const r = await cli(dir, ['changes', '--base', 'HEAD']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      `No changes to Test CSP's record since HEAD (${git(dir, 'rev-parse', 'HEAD').trim().slice(0, 7)}).\n`,
    );
    const m = await cli(dir, ['changes', '--base', 'HEAD', '--format', 'md']);
    expect(m.stdout).toContain('No changes to the record.');
  });

  it('is a usage error without --base, with a revision that does not exist, or outside git (exit 2, no stack trace)', async () => {
    const none = await cli(dir, ['changes']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("required option '--base <ref>' not specified");
    const bad = await cli(dir, ['changes', '--base', 'no-such-branch']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"no-such-branch" is not a revision of this repository');
    const plain = await cli(minimalRecord(), ['changes', '--base', 'main']);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain('not in a git repository');
    expect([none, bad, plain].every(noStackTrace)).toBe(true);
  });
});

describe('csp changes when approved minutes are set back to draft', () => {
  it('says the minutes are no longer approved, at the status line, beside the change to approved minutes', async () => {
    const base = {
      'meetings/2025-07-10/meeting.md': held('2025-07-10'),
      'meetings/2025-07-10/minutes.md': approved('2025-10-09', '## 1. Terms\n\nRESOLVED That the terms be agreed.\n'),
    };
    const d = minimalRecord(base);
    git(d, 'init', '-q', '-b', 'main');
    commitAll(d, 'the record');
    git(d, 'checkout', '-q', '-b', 'pr');
    writeFiles(d, {
      'records/meetings/2025-07-10/minutes.md': draft('## 1. Terms\n\nRESOLVED That the terms be agreed.\n'),
    });
    commitAll(d, 'back to draft');
    const r = await cli(d, ['changes', '--base', 'main', '--format', 'json']);
    expect(r.code).toBe(0);
    const changes = (JSON.parse(r.stdout) as typeof json).changes;
    expect(changes.map((c) => c.kind)).toEqual(['approved-minutes-changed', 'minutes-unapproved']);
    expect(changes[1]).toMatchObject({
      meeting: '2025-07-10',
      file: 'records/meetings/2025-07-10/minutes.md',
      line: 2,
    });
  });
});
