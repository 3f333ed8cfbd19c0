/**
 * "Did you mean …?" for a person the roster does not know: by first name ("hana" is
 * dr-health), by the first word of an id, and by nearest spelling, in every command
 * option that names a person and for an action owner in a marker.
 */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { didYouMean, personGuesses } from '../src/queries/people.js';
import { cli, minimalRecord, noStackTrace } from './helpers.js';
import { DRAFT_FRONT, frontMatter, mdFile, meetingMd } from './quorum-fixtures.js';

const ROSTER = [
  { id: 'yusuf-ahmed', name: 'Yusuf Ahmed' },
  { id: 'ahmed-khan', name: 'Cllr Ahmed Khan' },
  { id: 'pc-police', name: 'Supt Pat Police' },
  { id: 'dep-police', name: 'Insp Dee Deputy' },
  { id: 'dep-health', name: 'Hal Deputy' },
];

/** Every file of the record with its bytes, to show that nothing changed. */
function snapshot(dir: string, rel = 'records'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(path.join(dir, rel)).sort()) {
    const r = `${rel}/${name}`;
    if (statSync(path.join(dir, r)).isDirectory()) Object.assign(out, snapshot(dir, r));
    else out[r] = readFileSync(path.join(dir, r), 'latin1');
  }
  return out;
}

const MEETING = frontMatter(['date: 2026-12-10', 'status: scheduled', 'items:', '  - title: Knife crime']);
const ACTION = mdFile(['title: Write to the VRU', 'owner: cllr-chair', 'status: open'], ['Body.']);

describe('who the clerk may have meant', () => {
  it('by first name or the first word of an id, then by spelling; nothing when nothing is close', () => {
    expect(personGuesses(ROSTER, 'yusuf')).toEqual(['yusuf-ahmed']);
    expect(personGuesses(ROSTER, 'Yusuf')).toEqual(['yusuf-ahmed']);
    expect(personGuesses(ROSTER, 'ahmed')).toEqual(['ahmed-khan']); // the first name, not the surname
    expect(personGuesses(ROSTER, 'pat')).toEqual(['pc-police']); // honorifics set aside
    expect(personGuesses(ROSTER, 'dep')).toEqual(['dep-police', 'dep-health']);
    expect(personGuesses(ROSTER, 'yusef')).toEqual(['yusuf-ahmed']); // the nearest first name
    expect(personGuesses(ROSTER, 'yusuf-ahmad')).toEqual(['yusuf-ahmed']);
    expect(personGuesses(ROSTER, 'Hal Deputi')).toEqual(['Hal Deputy']);
    expect(personGuesses(ROSTER, 'nobody')).toEqual([]);
    expect(didYouMean([])).toBe('');
    expect(didYouMean(['a'])).toBe(' Did you mean "a"?');
    expect(didYouMean(['a', 'b', 'c'])).toBe(' Did you mean "a", "b" or "c"?');
  });
});

describe('an unknown person in a command option', () => {
  it('gets a suggestion by first name in every option that names a person, exit 2, nothing changed', async () => {
    const dir = minimalRecord({ 'meetings/2026-12-10/meeting.md': MEETING, 'actions/vru.md': ACTION });
    const before = snapshot(dir);
    const asOf = ['--as-of', '2026-11-22'];
    const cases: [string[], string][] = [
      [['action', 'update', 'vru', '--note', 'Chased.', '--by', 'hana'], '--by "hana"'],
      [['action', 'new', '--title', 'Map the schools', '--owner', 'pat'], '--owner "pat"'],
      [['actions', '--owner', 'ada'], '--owner "ada"'],
      [['apologies', 'add', '2026-12-10', '--member', 'hana'], '--member "hana"'],
      [['apologies', 'add', '2026-12-10', '--member', 'dr-health', '--substitute', 'hal'], '--substitute "hal"'],
      [['item', 'add', '2026-12-10', '--title', 'Youth violence', '--presenter', 'pat'], '--presenter "pat"'],
      [
        ['member', 'join', 'new-one', '--name', 'N', '--organisation', 'O', '--sector', 'police', '--deputy', 'dee'],
        '--deputy "dee"',
      ],
      [['member', 'leave', 'hana', '--date', '2027-01-01'], 'There is no member "hana"'],
    ];
    const want: Record<string, string> = {
      '--by "hana"': 'dr-health',
      '--owner "pat"': 'pc-police',
      '--owner "ada"': 'cllr-chair',
      '--member "hana"': 'dr-health',
      '--substitute "hal"': 'dep-health',
      '--presenter "pat"': 'pc-police',
      '--deputy "dee"': 'dep-police',
      'There is no member "hana"': 'dr-health',
    };
    for (const [args, start] of cases) {
      const r = await cli(dir, [...args, ...asOf]);
      expect({ args, code: r.code, stdout: r.stdout }).toEqual({ args, code: 2, stdout: '' });
      expect(r.stderr).toContain(`csp: ${start}`);
      expect(r.stderr).toContain(`Did you mean "${want[start]}"?`);
      expect(noStackTrace(r)).toBe(true);
    }
    expect(snapshot(dir)).toEqual(before);
  });

  it('--by yusuf on the bundled roster suggests the one Yusuf', async () => {
    const dir = minimalRecord({
      'actions/vru.md': ACTION,
      'members.yaml': [
        'members:',
        '  - { id: cllr-chair, name: Cllr Ada Chair, organisation: Test Borough Council, sector: local-authority, role: chair, joined: 2020-01-01 }',
        'others:',
        '  - { id: yusuf-ahmed, name: Yusuf Ahmed, organisation: Test Borough Council }',
        '',
      ].join('\n'),
    });
    const r = await cli(dir, ['action', 'update', 'vru', '--status', 'done', '--by', 'yusuf', '--as-of', '2026-11-22']);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'csp: --by "yusuf": no one on the roster (members.yaml) has that id or name. Did you mean "yusuf-ahmed"?\n',
    });
  });
});

describe('an unknown owner in an action marker', () => {
  it('validate and actions sync suggest by first name', async () => {
    const minutes = mdFile(DRAFT_FRONT, [
      '## 1. Knife crime',
      '',
      'Health would report assault data. [action: hana; due 2027-01-31]',
    ]);
    const dir = minimalRecord({
      'meetings/2026-10-08/meeting.md': meetingMd('2026-10-08'),
      'meetings/2026-10-08/minutes.md': minutes,
    });
    const v = JSON.parse((await cli(dir, ['validate', '--format', 'json', '--as-of', '2026-11-22'])).stdout) as {
      diagnostics: { rule: string; line: number; message: string }[];
    };
    expect(v.diagnostics.filter((d) => d.rule === 'unknown-ref')).toEqual([
      expect.objectContaining({
        line: 8,
        message: 'The action owner "hana" is not on the roster, by id or by name. Did you mean "dr-health"?',
      }),
    ]);
    const before = snapshot(dir);
    const sync = await cli(dir, ['actions', 'sync', '--as-of', '2026-11-22']);
    expect(sync.code).not.toBe(0);
    expect(sync.stdout + sync.stderr).toContain(
      'The action owner "hana" is not on the roster (did you mean "dr-health"?)',
    );
    expect(snapshot(dir)).toEqual(before);
  });
});
