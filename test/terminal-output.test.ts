/** Text output on a terminal 60, 80 and 120 columns wide (in-process and the built binary on a pseudo-terminal), and piped. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { columnWidths, textTable, wrapCell } from '../src/render/table.js';
import { fitLines } from '../src/render/text.js';
import { BIN, csp, minimalRecord, testSystem } from './helpers.js';

const LONG_TITLE =
  'Commission an independent review of the partnership information sharing agreement covering the anonymised emergency department assault data and the night-time economy licensing returns';
const LONG_NAME = 'Cllr Wilhelmina Featherstonehaugh-Cholmondeley';
const LONG_ORG = 'Example Borough Council Community Safety and Regulatory Services Directorate';

/** A record with long names and titles: overdue actions for two owners, one on time, one with a finding. */
function longRecord(): string {
  return minimalRecord({
    'members.yaml': [
      'members:',
      `  - { id: cllr-chair, name: ${LONG_NAME}, organisation: ${LONG_ORG}, sector: local-authority, role: chair, joined: 2020-01-01 }`,
      '  - { id: pc-police, name: Supt Pat Police, organisation: Test Police, sector: police, role: member, joined: 2020-01-01 }',
      '  - { id: dr-health, name: Dr Hana Health, organisation: Test NHS, sector: health, role: member, joined: 2020-01-01 }',
      'others:',
      '  - { id: clerk, name: Committee Clerk, organisation: Test Borough Council }',
      '',
    ].join('\n'),
    'actions/review-information-sharing-agreement-2027.md': `---\ntitle: ${LONG_TITLE}\nowner: [cllr-chair, pc-police]\ndue: 2026-01-31\nstatus: in-progress\n---\n`,
    'actions/short.md': '---\ntitle: Circulate the plan\nowner: dr-health\ndue: 2026-03-31\nstatus: open\n---\n',
    'actions/later.md': `---\ntitle: ${LONG_TITLE} (second phase)\nowner: clerk\ndue: 2027-03-31\nstatus: open\n---\n`,
    'actions/nobody.md': `---\ntitle: A task for someone the roster does not know\nowner: nobody-we-know-of-at-all\nstatus: open\n---\n`,
  });
}

async function onTerminal(cwd: string, argv: string[], columns: number | undefined) {
  let out = '';
  const code = await main({
    argv: [...argv, '--as-of', '2026-11-22'],
    cwd,
    env: { NO_COLOR: '1', CSP_NO_CACHE: '1', CSP_RECORDS: '' },
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: () => true },
    isTTY: columns !== undefined,
    ...(columns !== undefined ? { columns } : {}),
    system: testSystem,
  });
  return { code, out, lines: out.replace(/\n$/, '').split('\n') };
}

const words = (s: string) => s.split(/\s+/).filter(Boolean);
const longest = (lines: string[]) => Math.max(...lines.map((l) => [...l].length));

describe.each([60, 80, 120])('on a terminal %i columns wide', (columns) => {
  it('the action list fits, wrapping the title (never clipped) and the owner at words', async () => {
    const dir = longRecord();
    const r = await onTerminal(dir, ['actions'], columns);
    expect(r.code).toBe(0);
    expect(longest(r.lines)).toBeLessThanOrEqual(columns);
    expect(r.out).not.toContain('…');
    const rule = r.lines.find((l) => /^-+ /.test(l));
    if (columns < 80) {
      // Too narrow for six columns: each action is a block, its title whole on lines of its own.
      expect(rule).toBeUndefined();
      expect(words(r.out).join(' ')).toContain(`review-information-sharing-agreement-2027 ${LONG_TITLE} Owner:`);
      return;
    }
    // The title's words, read down its column until the next row begins (a due date), are the whole title in order.
    const cols: [number, number][] = [];
    expect(rule).toBeDefined();
    const ruleLine = rule ?? '';
    for (const m of ruleLine.matchAll(/-+/g)) cols.push([m.index, m.index + m[0].length]);
    const cell = (line: string, c: number) => line.slice(cols[c]![0], cols[c]![1]).trim();
    const start = r.lines.findIndex((l) => cell(l, 1).startsWith('Commission'));
    const read = [cell(r.lines[start]!, 1)];
    for (let k = start + 1; k < r.lines.length && cell(r.lines[k]!, 3) === ''; k++) read.push(cell(r.lines[k]!, 1));
    expect(read.join(' ')).toBe(LONG_TITLE);
    // The title keeps the larger share of the room.
    const widths = ruleLine.split('  ').map((d) => d.length);
    expect(widths[1]).toBeGreaterThan(widths[2]!);
  });

  it('the overdue report fits, and every owner’s table has the same column widths', async () => {
    const dir = longRecord();
    const r = await onTerminal(dir, ['actions', '--overdue'], columns);
    expect(longest(r.lines)).toBeLessThanOrEqual(columns);
    const rules = r.lines.filter((l) => /^-+( +-+)+$/.test(l));
    if (columns < 80) expect(rules.length).toBe(0);
    else {
      expect(rules.length).toBe(3);
      expect(new Set(rules).size).toBe(1);
    }
    expect(words(r.out).join(' ')).toContain('Featherstonehaugh-Cholmondeley');
  });

  it('validate and start wrap their messages at words, and say exactly what they say piped', async () => {
    const dir = longRecord();
    for (const cmd of [['validate'], ['start']]) {
      const tty = await onTerminal(dir, cmd, columns);
      const piped = await onTerminal(dir, cmd, undefined);
      expect(tty.code).toBe(1);
      expect(longest(tty.lines)).toBeLessThanOrEqual(columns);
      expect(longest(piped.lines)).toBeGreaterThan(columns);
      if (cmd[0] === 'validate') expect(words(tty.out)).toEqual(words(piped.out));
      // A message broken across lines is broken between words: each word of the piped message is whole in the wrapped one.
      const message = piped.lines.find((l) => l.includes('nobody-we-know-of-at-all'))!;
      for (const w of words(message)) expect(words(tty.out)).toContain(w);
    }
  });

  it('the built binary on a pseudo-terminal of this width fits its tables to it', () => {
    const dir = longRecord();
    const r = spawnSync(
      'script',
      [
        '-qec',
        `stty cols ${columns}; "${process.execPath}" "${BIN}" actions --overdue --as-of 2026-11-22`,
        '/dev/null',
      ],
      { cwd: dir, env: { ...process.env, NO_COLOR: '1', CSP_RECORDS: '', CSP_NO_CACHE: '1' }, encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
    const lines = r.stdout.replace(/\r/g, '').replace(/\n$/, '').split('\n');
    expect(lines.length).toBeGreaterThan(8);
    expect(longest(lines)).toBeLessThanOrEqual(columns);
    const seen = words(r.stdout);
    let at = 0;
    for (const w of words(LONG_TITLE)) at = seen.indexOf(w, at) + 1 || Infinity;
    expect(at).toBeLessThan(Infinity);
  });
});

describe('piped output is whole', () => {
  it('the built binary piped: one line per action, titles and owners whole', () => {
    const dir = longRecord();
    const r = csp(dir, ['actions', '--as-of', '2026-11-22']);
    expect(r.code).toBe(0);
    const line = r.stdout.split('\n').find((l) => l.includes('Commission'))!;
    expect(line).toContain(LONG_TITLE);
    expect(line).toContain(`${LONG_NAME}, ${LONG_ORG}; Supt Pat Police, Test Police`);
  });
  it('findings show their files relative to the working directory, even for an absolute --records', () => {
    const dir = longRecord();
    const r = csp(dir, ['validate', '--records', path.join(dir, 'records')]);
    expect(r.stdout).toContain('records/actions/nobody.md:3:8  error');
    expect(r.stdout).not.toContain(dir);
  });
});

describe('the table layout, unit by unit', () => {
  it('a cell wraps at spaces, and a word wider than the column breaks after a hyphen', () => {
    expect(wrapCell('Hold consultation sessions on the draft', 12)).toEqual([
      'Hold',
      'consultation',
      'sessions on',
      'the draft',
    ]);
    expect(wrapCell('review-terms-of-reference-2027', 16)).toEqual(['review-terms-of-', 'reference-2027']);
  });
  it('nothing wraps when the table fits or there is no terminal width', () => {
    expect(columnWidths(['A', 'B'], [['x y z', 'long text here']], { wrap: [1] })).toEqual([5, 14]);
    expect(columnWidths(['A', 'B'], [['x', 'long text here']], { wrap: [1], maxWidth: 40 })).toEqual([1, 14]);
  });
  it('the title takes two characters of spare room for each one the owner gets', () => {
    const t = 'word '.repeat(40).trim();
    const w = columnWidths(['ID', 'Title', 'Owner'], [['id-1', t, t]], { wrap: [1, 2], maxWidth: 80 });
    // Each keeps its share first (the title 20, the owner its longest word), then 48 more go 2:1.
    expect(w).toEqual([4, 52, 20]);
  });
  it('a header of two words goes onto two lines before a title gives up room', () => {
    const out = textTable(['ID', 'Title', 'Days overdue'], [['a', 'x '.repeat(40).trim(), '3']], {
      wrap: [1],
      right: [2],
      maxWidth: 40,
    });
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID {2}Title +Days$/);
    expect(lines[1]).toMatch(/^ +overdue$/);
    expect(Math.max(...lines.map((l) => l.length))).toBe(40);
  });
  it('fitLines wraps long lines at words with an indent and leaves short ones and piped text alone', () => {
    expect(fitLines('one two three four five', 10)).toEqual('one two\n  three\n  four\n  five');
    expect(fitLines('  one two three four', 12)).toEqual('  one two\n    three\n    four');
    expect(fitLines('short\none two three four five', undefined)).toEqual('short\none two three four five');
  });
});

describe('blocks, when no table fits', () => {
  it('each row is its id, its title, its wrapping cells, then the short cells on one line', () => {
    const out = textTable(
      ['ID', 'Action', 'Owner', 'Due', 'Status'],
      [['a-1', 'A title of some length here', 'Ann Owner', '2026-01-01', 'open']],
      { wrap: [1, 2, 0], maxWidth: 32 },
    );
    expect(out).toBe('a-1\n  A title of some length here\n  Owner: Ann Owner\n  Due: 2026-01-01  Status: open\n');
  });
});
