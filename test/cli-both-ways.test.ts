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
