import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { cli, cspAsync, noStackTrace, tempDir } from './helpers.js';
import { actionsRecord, APPROVED_MINUTES, DRAFT_MINUTES } from './actions-fixture.js';

const DRAFT = 'records/meetings/2026-04-16/minutes.md';
const APPROVED = 'records/meetings/2026-01-15/minutes.md';

/** Every file under dir/records as bytes, by path. */
function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(dir, rel)).sort()) {
      const r = `${rel}/${name}`;
      if (statSync(path.join(dir, r)).isDirectory()) walk(r);
      else out.set(r, readFileSync(path.join(dir, r)));
    }
  };
  walk('records');
  return out;
}

/** The paths whose bytes differ (or that appeared or vanished) between two snapshots. */
function changed(a: Map<string, Buffer>, b: Map<string, Buffer>): string[] {
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  return keys.filter((k) => !a.get(k) || !b.get(k) || !a.get(k)!.equals(b.get(k)!));
}

const SYNCED_DRAFT = DRAFT_MINUTES.replace('[action: pc-police;', '[action 2026-04-16-4-1: pc-police;')
  .replace('[action: Dr Hana Health,', '[action 2026-04-16-4-2: Dr Hana Health,')
  .replace('plan. [action: clerk]', 'plan. [action 2026-04-16-4-3: clerk]');

const NEW_ACTIONS: Record<string, string> = {
  'records/actions/2026-04-16-4-1.md': [
    '---',
    'title: "The police would map engagement with schools, ward by ward"',
    'owner: pc-police',
    'raised: { meeting: 2026-04-16, minute: 4 }',
    'due: 2026-06-30',
    'status: open',
    '---',
    'Supt Police reported a rise in knife crime. The police would map engagement with schools, ward by ward. It would report back.',
    '',
  ].join('\n'),
  'records/actions/2026-04-16-4-2.md': [
    '---',
    'title: Health to report emergency department assault data',
    'owner: [dr-health, pc-police]',
    'raised: { meeting: 2026-04-16, minute: 4 }',
    'due: 2026-05-31',
    'status: open',
    '---',
    'Health to report emergency department assault data.',
    '',
  ].join('\n'),
  'records/actions/2026-04-16-4-3.md': [
    '---',
    'title: The Clerk would add knife crime to the forward plan',
    'owner: clerk',
    'raised: { meeting: 2026-04-16, minute: 4 }',
    'status: open',
    '---',
    'The Clerk would add knife crime to the forward plan.',
    '',
  ].join('\n'),
};

const APPROVED_NOTE =
  'csp: note: the approved minutes records/meetings/2026-01-15/minutes.md have 1 action marker without an action file; approved minutes never change, so they were left as they are (see "csp validate").\n';

describe('csp actions sync', () => {
  it('gives each marker in draft minutes an id and a file, changing only the markers, and never approved minutes', async () => {
    const dir = actionsRecord();
    const before = snapshot(dir);
    const r = await cli(dir, ['actions', 'sync', '--as-of', '2026-04-20']);
    expect(r.stdout).toBe(
      [
        'created 2026-04-16-4-1  pc-police  The police would map engagement with schools, ward by ward',
        'created 2026-04-16-4-2  dr-health, pc-police  Health to report emergency department assault data',
        'created 2026-04-16-4-3  clerk  The Clerk would add knife crime to the forward plan',
        `updated ${DRAFT}`,
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe(APPROVED_NOTE);
    expect(r.code).toBe(0);
    const after = snapshot(dir);
    expect(changed(before, after)).toEqual([...Object.keys(NEW_ACTIONS), DRAFT].sort());
    expect(after.get(DRAFT)!.toString('utf8')).toBe(SYNCED_DRAFT);
    for (const [file, text] of Object.entries(NEW_ACTIONS)) expect(after.get(file)!.toString('utf8')).toBe(text);
    expect(after.get(APPROVED)!.toString('utf8')).toBe(APPROVED_MINUTES);

    // The record now validates as far as these minutes go: no action-sync finding on the draft.
    const v = JSON.parse((await cli(dir, ['validate', '--format', 'json', '--as-of', '2026-04-20'])).stdout) as {
      diagnostics: { file: string; rule: string }[];
    };
    expect(v.diagnostics.filter((d) => d.file === DRAFT)).toEqual([]);
  });

  it('takes --records and --as-of after "sync" as well as before it', async () => {
    const dir = actionsRecord();
    const elsewhere = tempDir();
    const records = path.join(dir, 'records');
    expect((await cli(elsewhere, ['actions', 'sync', '--as-of', '2026-02-30', '--records', records])).code).toBe(2);
    const r = await cli(elsewhere, ['actions', 'sync', '--records', records]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('created 2026-04-16-4-1  pc-police');
    expect((await cli(elsewhere, ['actions', '--records', records, 'sync'])).stdout).toBe(
      'Nothing to sync: every action marker in draft minutes has its id and action file.\n',
    );
  });

  it('changes nothing the second time', async () => {
    const dir = actionsRecord();
    expect((await cli(dir, ['actions', 'sync'])).code).toBe(0);
    const before = snapshot(dir);
    const r = await cli(dir, ['actions', 'sync']);
    expect(r).toEqual({
      code: 0,
      stdout: 'Nothing to sync: every action marker in draft minutes has its id and action file.\n',
      stderr: APPROVED_NOTE,
    });
    expect(changed(before, snapshot(dir))).toEqual([]);
  });

  it('keeps a byte-order mark, CRLF line ends and comments, splicing only the markers', async () => {
    const crlf = (s: string) => s.split('\n').join('\r\n');
    const minutes = DRAFT_MINUTES.replace(
      'chair: cllr-chair',
      'chair: cllr-chair   # Cllr Chair took the chair\n# present as recorded by the clerk',
    );
    const dir = actionsRecord({ 'meetings/2026-04-16/minutes.md': Buffer.from('\uFEFF' + crlf(minutes), 'utf8') });
    const before = snapshot(dir);
    const r = await cli(dir, ['actions', 'sync']);
    expect(r.code).toBe(0);
    const after = snapshot(dir);
    expect(changed(before, after)).toEqual([...Object.keys(NEW_ACTIONS), DRAFT].sort());
    const expected = minutes
      .replace('[action: pc-police;', '[action 2026-04-16-4-1: pc-police;')
      .replace('[action: Dr Hana Health,', '[action 2026-04-16-4-2: Dr Hana Health,')
      .replace('plan. [action: clerk]', 'plan. [action 2026-04-16-4-3: clerk]');
    expect(after.get(DRAFT)!.equals(Buffer.from('\uFEFF' + crlf(expected), 'utf8'))).toBe(true);
    // New action files follow the minutes' line ends.
    for (const [file, text] of Object.entries(NEW_ACTIONS)) expect(after.get(file)!.toString('utf8')).toBe(crlf(text));
  });

  it('numbers after every id in use, from action files and markers, and restores a missing file for a synced marker', async () => {
    const minutes = DRAFT_MINUTES.replace('plan. [action: clerk]', 'plan. [action 2026-04-16-4-2: clerk]').replace(
      '[action: Dr Hana Health, Supt Pat Police; due 2026-05-31]',
      '[action: dr-health; due 2026-05-31]',
    );
    const dir = actionsRecord({
      'meetings/2026-04-16/minutes.md': minutes,
      'actions/2026-04-16-4-5.md': '---\ntitle: An earlier action\nowner: clerk\nstatus: open\n---\n',
    });
    const r = await cli(dir, ['actions', 'sync']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'created 2026-04-16-4-6  pc-police  The police would map engagement with schools, ward by ward',
        'created 2026-04-16-4-7  dr-health  Health to report emergency department assault data',
        'created 2026-04-16-4-2  clerk  The Clerk would add knife crime to the forward plan',
        `updated ${DRAFT}`,
        '',
      ].join('\n'),
    );
    expect(readFileSync(path.join(dir, DRAFT), 'utf8')).toBe(
      minutes
        .replace('[action: pc-police;', '[action 2026-04-16-4-6: pc-police;')
        .replace('[action: dr-health;', '[action 2026-04-16-4-7: dr-health;'),
    );
    expect(readFileSync(path.join(dir, 'records/actions/2026-04-16-4-2.md'), 'utf8')).toBe(
      NEW_ACTIONS['records/actions/2026-04-16-4-3.md'],
    );
  });

  it('refuses markers whose owners do not resolve or whose due date is wrong, syncing the others (exit 1)', async () => {
    const minutes = [
      '---',
      'status: draft',
      '---',
      '## 4. Knife crime',
      '',
      'Someone would do it. [action: Nobody Known; due 2026-06-30]',
      '',
      'The Clerk would book a room. [action: clerk]',
      '',
      'Sam would report. [action: Sam Smith]',
      '',
      'A bad day. [action: clerk; due 2026-02-30]',
      '',
      'A vague day. [action: clerk; due next week]',
      '',
    ].join('\n');
    const dir = actionsRecord({
      'meetings/2026-04-16/minutes.md': minutes,
      'members.yaml': [
        'members:',
        '  - { id: cllr-chair, name: Cllr Ada Chair, organisation: Test Borough Council, sector: local-authority, role: chair, joined: 2020-01-01 }',
        '  - { id: pc-police, name: Supt Pat Police, organisation: Test Police, sector: police, role: member, joined: 2020-01-01 }',
        '  - { id: dr-health, name: Dr Hana Health, organisation: Test NHS, sector: health, role: member, joined: 2020-01-01 }',
        'others:',
        '  - { id: sam-smith-police, name: Sam Smith, organisation: Test Police }',
        '  - { id: sam-smith-nhs, name: Sam Smith, organisation: Test NHS }',
        '  - { id: clerk, name: Committee Clerk, organisation: Test Borough Council }',
        '  - { id: dep-police, name: Insp Dee Deputy, organisation: Test Police }',
        '',
      ].join('\n'),
    });
    const before = snapshot(dir);
    const r = await cli(dir, ['actions', 'sync']);
    expect(r.code).toBe(1);
    expect(noStackTrace(r)).toBe(true);
    expect(r.stdout).toBe(`created 2026-04-16-4-1  clerk  The Clerk would book a room\nupdated ${DRAFT}\n`);
    expect(r.stderr).toBe(
      [
        APPROVED_NOTE.trimEnd(),
        `csp: ${DRAFT}:6:22: not synced: The action owner "Nobody Known" is not on the roster. Correct the marker (or add the person to members.yaml), then run "csp actions sync" again.`,
        `csp: ${DRAFT}:10:19: not synced: The action owner "Sam Smith" matches 2 people (sam-smith-police, sam-smith-nhs); write the person's id. Correct the marker (or add the person to members.yaml), then run "csp actions sync" again.`,
        `csp: ${DRAFT}:12:12: not synced: The due date 2026-02-30 is not a real day. Correct it (YYYY-MM-DD).`,
        `csp: ${DRAFT}:14:14: not synced: The action marker has "due next week" where only "due YYYY-MM-DD" may follow the owners. Write it as [action: clerk; due YYYY-MM-DD].`,
        '',
      ].join('\n'),
    );
    expect(changed(before, snapshot(dir))).toEqual(['records/actions/2026-04-16-4-1.md', DRAFT]);
    expect(readFileSync(path.join(dir, DRAFT), 'utf8')).toBe(
      minutes.replace('[action: clerk]', '[action 2026-04-16-4-1: clerk]'),
    );
  });

  it('syncs the minutes it can read and names the ones it cannot (exit 1)', async () => {
    const broken = '---\nstatus: [draft\n---\n## 9. Item\n\nDo it. [action: clerk]\n';
    const dir = actionsRecord({
      'meetings/2026-07-16/meeting.md': '---\ndate: 2026-07-16\n---\n',
      'meetings/2026-07-16/minutes.md': broken,
    });
    const r = await cli(dir, ['actions', 'sync']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`updated ${DRAFT}\n`);
    expect(r.stderr).toBe(
      APPROVED_NOTE +
        'csp: records/meetings/2026-07-16/minutes.md could not be read, so its action markers were not synced. Run "csp validate" to see why, correct it, then run "csp actions sync" again.\n',
    );
    expect(readFileSync(path.join(dir, 'records/meetings/2026-07-16/minutes.md'), 'utf8')).toBe(broken);
  });

  it('two syncs at once create exactly one file per marker and give each marker exactly one id', async () => {
    const markers = Array.from(
      { length: 12 },
      (_, i) =>
        `Point ${i + 1} would be followed up. [action: ${i % 2 ? 'clerk' : 'pc-police'}; due 2026-06-${String(i + 10)}]`,
    );
    const minutes = [
      '---',
      'status: draft',
      '---',
      '## 4. Knife crime',
      '',
      ...markers.flatMap((m) => [m, '']),
      '## 5. Hate crime',
      '',
      'Report it. [action: dr-health]',
      '',
    ].join('\n');
    const dir = actionsRecord({ 'meetings/2026-04-16/minutes.md': minutes });
    const [a, b] = await Promise.all([cspAsync(dir, ['actions', 'sync']), cspAsync(dir, ['actions', 'sync'])]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect([a.stdout, b.stdout].filter((s) => s.startsWith('Nothing to sync')).length).toBe(1);
    const text = readFileSync(path.join(dir, DRAFT), 'utf8');
    const ids = [...text.matchAll(/\[action ([^:\s]+):/g)].map((m) => m[1]);
    expect(ids).toEqual([...Array.from({ length: 12 }, (_, i) => `2026-04-16-4-${i + 1}`), '2026-04-16-5-1']);
    expect(text.match(/\[action/g)!.length).toBe(13);
    const files = readdirSync(path.join(dir, 'records/actions'))
      .filter((f) => f.startsWith('2026-04-16-'))
      .sort();
    expect(files).toEqual([...ids].sort().map((id) => `${id}.md`));
    // The minutes are the original with ids spliced in, nothing lost.
    expect(text.replace(/\[action [^:\s]+:/g, '[action:')).toBe(minutes);
    expect(readdirSync(path.join(dir, 'records')).includes('.csp-lock')).toBe(false);
  });
});
