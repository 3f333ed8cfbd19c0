/**
 * The CLI cases run both ways: in this process (main(io), as most tests run csp) and as
 * the spawned built binary (bin/csp.cjs over dist/, what the clerk runs). Each gives the
 * same exit code, output and record, so the in-process tests speak for the shipped
 * entry point. Every command is here at least once, with its usual and its bad input.
 */
import { describe, it, expect } from 'vitest';
import { copyBundled, cli, csp, minimalRecord, noStackTrace, snapshot, type CliResult } from './helpers.js';

const AS_OF = ['--as-of', '2026-11-22'];

interface Case {
  title: string;
  /** A fresh record for each run (the cwd); the bundled example record unless given. */
  record?: () => string;
  args: string[];
  env?: Record<string, string>;
  code: number;
  /** Text the output (stdout then stderr) must contain, so a case cannot pass on two equal failures. */
  shows: string;
}

const CASES: Case[] = [
  { title: 'help', args: ['--help'], code: 0, shows: 'Usage: csp [options] [command]' },
  { title: 'help, the short option', args: ['-h'], code: 0, shows: 'Usage: csp [options] [command]' },
  { title: 'help through the help command', args: ['help'], code: 0, shows: 'Usage: csp [options] [command]' },
  { title: 'help of a sub-command', args: ['minutes', '--help'], code: 0, shows: 'draft and approve minutes' },
  { title: 'version', args: ['--version'], code: 0, shows: '0.' },
  { title: 'an unknown command', args: ['bogus'], code: 2, shows: "unknown command 'bogus'" },
  { title: 'a mistyped option', args: ['validate', '--frmat', 'json'], code: 2, shows: '--format' },
  { title: 'validate, no findings', args: ['validate', ...AS_OF], code: 0, shows: 'no problems found' },
  { title: 'validate as JSON', args: ['validate', '--format', 'json', ...AS_OF], code: 0, shows: '"ok": true' },
  {
    title: 'validate, a finding (exit 1)',
    record: () => minimalRecord({ 'actions/book-venue.md': '---\ntitle: Book\nowner: nobody\nstatus: open\n---\n' }),
    args: ['validate', ...AS_OF],
    code: 1,
    shows: 'unknown-ref',
  },
  {
    title: 'no record (exit 2)',
    record: () => minimalRecord(),
    args: ['validate', '--records', 'nowhere'],
    code: 2,
    shows: 'csp init',
  },
  { title: 'an impossible --as-of', args: ['validate', '--as-of', '2023-02-30'], code: 2, shows: 'is not a date' },
  {
    title: 'CSP_RECORDS names the record',
    record: () => minimalRecord(),
    args: ['validate', ...AS_OF],
    env: { CSP_RECORDS: 'records' },
    code: 0,
    shows: 'no problems found',
  },
  { title: 'overdue actions', args: ['actions', '--overdue', ...AS_OF], code: 0, shows: 'Overdue actions on' },
  { title: 'actions as CSV', args: ['actions', '--format', 'csv', ...AS_OF], code: 0, shows: 'id,' },
  { title: 'actions sync', args: ['actions', 'sync', ...AS_OF], code: 0, shows: 'Nothing to sync' },
  { title: 'quorum', args: ['quorum', '2026-12-10', ...AS_OF], code: 0, shows: 'quorum of the meeting' },
  { title: 'quorum of no meeting', args: ['quorum', '2031-01-01', ...AS_OF], code: 2, shows: '2031-01-01' },
  { title: 'attendance', args: ['attendance', '--last', '2'], code: 0, shows: 'attendance at 2 meetings' },
  { title: 'attendance, a bad --last', args: ['attendance', '--last', '0'], code: 2, shows: '--last' },
  { title: 'decisions', args: ['decisions', '--since', '2026-01-01'], code: 0, shows: 'decisions register' },
  { title: 'start', args: ['start', ...AS_OF], code: 0, shows: 'The record' },
  { title: 'minutes render', args: ['minutes', 'render', '2026-10-08'], code: 0, shows: 'DRAFT' },
  {
    title: 'minutes render as HTML',
    args: ['minutes', 'render', '2026-10-08', '--format', 'html'],
    code: 0,
    shows: '<!DOCTYPE html>',
  },
  { title: 'agenda', args: ['agenda', '2026-12-10', ...AS_OF], code: 0, shows: '## Agenda' },
  {
    title: 'new-meeting (writes a file)',
    args: ['new-meeting', '--date', '2027-01-14', ...AS_OF],
    code: 0,
    shows: 'Created records/meetings/2027-01-14/meeting.md',
  },
  {
    title: 'new-meeting on a day that has one (exit 1)',
    args: ['new-meeting', '--date', '2026-12-10', ...AS_OF],
    code: 1,
    shows: '2026-12-10',
  },
  {
    title: 'minutes new (writes a file)',
    args: ['minutes', 'new', '2026-12-10', '--as-of', '2026-12-10'],
    code: 0,
    shows: 'Created records/meetings/2026-12-10/minutes.md',
  },
  {
    title: 'action update (edits a file)',
    args: ['action', 'update', '2026-01-15-255-1', '--status', 'done', '--note', 'Sent to the board', ...AS_OF],
    code: 0,
    shows: 'Logged 2026-11-22: Sent to the board',
  },
  {
    title: 'action update of no action',
    args: ['action', 'update', 'no-such-action', '--status', 'done', ...AS_OF],
    code: 2,
    shows: 'no-such-action',
  },
  {
    title: 'action new (writes a file)',
    args: [
      'action',
      'new',
      '--title',
      'Write to the housing providers',
      '--owner',
      'tomasz-wilk',
      '--due',
      '2027-02-26',
      ...AS_OF,
    ],
    code: 0,
    shows: 'Created records/actions/write-to-the-housing-providers.md',
  },
  {
    title: 'item add (edits the agenda)',
    args: [
      'item',
      'add',
      '2026-12-10',
      '--title',
      'Youth diversion: update',
      '--presenter',
      'yusuf-demir',
      '--purpose',
      'noting',
      ...AS_OF,
    ],
    code: 0,
    shows: 'Added item 4 to records/meetings/2026-12-10/meeting.md',
  },
  {
    title: 'apologies add',
    args: ['apologies', 'add', '2026-12-10', '--member', 'stuart-mcleod', ...AS_OF],
    code: 0,
    shows: 'Recorded apologies from stuart-mcleod',
  },
  {
    title: 'meeting cancel, with a reason',
    args: ['meeting', 'cancel', '2026-12-10', '--reason', 'Not quorate', ...AS_OF],
    code: 0,
    shows: '2026-12-10 is now cancelled (was scheduled): Not quorate',
  },
  {
    title: 'meeting move (renames a folder)',
    args: ['meeting', 'move', '2026-12-10', '--to', '2026-12-17', ...AS_OF],
    code: 0,
    shows: 'Moved records/meetings/2026-12-10 to records/meetings/2026-12-17',
  },
  {
    title: 'member join',
    args: [
      'member',
      'join',
      'jo-bloggs',
      '--name',
      'Jo Bloggs',
      '--organisation',
      'Example Fire and Rescue',
      '--sector',
      'fire',
      '--date',
      '2027-01-05',
    ],
    code: 0,
    shows: 'Added Jo Bloggs (jo-bloggs, Example Fire and Rescue) to members',
  },
  {
    title: 'member leave',
    args: ['member', 'leave', 'stuart-mcleod', '--date', '2027-01-31'],
    code: 0,
    shows: 'Stuart McLeod (stuart-mcleod) leaves the board on 2027-01-31',
  },
  {
    title: 'minutes correct (approved minutes, through a recorded correction)',
    args: [
      'minutes',
      'correct',
      '2026-07-16',
      '--at',
      '2026-10-08',
      '--minute',
      '285',
      '--note',
      'Minute 1: the summit is in March',
    ],
    code: 0,
    shows: 'a correction agreed at 2026-10-08, minute 285',
  },
  {
    title: 'minutes correct of a minute that meeting did not have',
    args: ['minutes', 'correct', '2026-07-16', '--at', '2026-10-08', '--minute', '2', '--note', 'A slip'],
    code: 2,
    shows: 'have no minute 2',
  },
  {
    title: 'minutes approve before the meeting that approves them (exit 2)',
    args: ['minutes', 'approve', '2026-10-08', '--at', '2026-12-10', ...AS_OF],
    code: 2,
    shows: 'The meeting 2026-12-10 has not been held yet',
  },
  { title: 'meetings to come', args: ['meetings', '--upcoming', ...AS_OF], code: 0, shows: 'meetings to come' },
  { title: 'changes without --base (exit 2)', args: ['changes', ...AS_OF], code: 2, shows: "'--base <ref>'" },
  {
    title: 'schemas (writes the files)',
    args: ['schemas', '--out', 'csp-schemas'],
    code: 0,
    shows: 'members.schema.json',
  },
  {
    title: 'completion for bash',
    args: ['completion', 'bash'],
    code: 0,
    shows: 'complete -o default -F _csp_complete csp',
  },
  {
    title: 'export (writes the website)',
    args: ['export', '--out', 'site', ...AS_OF],
    code: 0,
    shows: 'Wrote the website',
  },
  {
    title: 'init (writes a record)',
    record: () => minimalRecord(),
    args: ['init', 'new-record', '--name', 'Elsewhere Community Safety Partnership'],
    code: 0,
    shows: 'new-record',
  },
];

describe('the CLI in-process and as the built binary', () => {
  it.each(CASES)('$title', async (c) => {
    const make = c.record ?? copyBundled;
    const inDir = make();
    const spawnDir = make();
    const inProcess: CliResult = await cli(inDir, c.args, c.env ? { env: c.env } : {});
    const spawned = csp(spawnDir, c.args, c.env ?? {});
    expect(spawned).toEqual(inProcess);
    expect(inProcess.code).toBe(c.code);
    expect(inProcess.stdout + inProcess.stderr).toContain(c.shows);
    expect(noStackTrace(spawned)).toBe(true);
    expect(snapshot(spawnDir)).toEqual(snapshot(inDir));
  });
});
