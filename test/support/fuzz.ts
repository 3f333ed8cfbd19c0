/**
 * The fuzzer: records made by mutating a valid one (a character changed, a line lost or
 * doubled, a hostile value or shape written in, a file cut short, removed or added), each
 * from a seed so any failure can be made again.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { random } from './random.js';

/** A record as files: path under records/ → text. */
export type Files = Record<string, string>;

/** Every text file under `dir`, by path relative to it. */
export function readTree(dir: string, rel = ''): Files {
  const out: Files = {};
  for (const name of readdirSync(path.join(dir, rel)).sort()) {
    const r = rel === '' ? name : `${rel}/${name}`;
    if (statSync(path.join(dir, r)).isDirectory()) Object.assign(out, readTree(dir, r));
    else if (/\.(md|yaml)$/.test(name)) out[r] = readFileSync(path.join(dir, r), 'utf8');
  }
  return out;
}

/** Values and shapes that broke csp before, or might: written in at random places. */
const SNIPPETS = [
  '2023-02-30',
  '2016-02-30',
  '2023-12-32',
  '0000-00-00',
  '2023-04-31',
  '2099-02-29',
  '2023-13-01',
  '0050-01-01',
  '.nan',
  '.inf',
  '-.inf',
  '~',
  'null',
  'true',
  'yes',
  '0x1F',
  '1e400',
  '%YAML 1.2',
  '%TAG ! tag:x,2000:',
  '---js',
  '---',
  '...',
  '&a [1]',
  '*a',
  '!!binary aGk=',
  '{',
  '}',
  '[',
  ']',
  '"',
  "'",
  '|',
  '>',
  '? x',
  '- -',
  '\t',
  '\r',
  '\r\n',
  '\u0000',
  '\uFEFF',
  '\u202E',
  'é',
  '😀',
  '\u001b[31m',
  '[action: clerk]',
  '[action: nobody; due 2023-02-30]',
  '[Action: clerk by 2027-01-31]',
  '[action: clerk, due 2027-01-31]',
  'Action: clerk to write',
  '`[action: clerk]`',
  '\\[action: clerk]',
  '[x [action: clerk]](papers/x.pdf)',
  '| a | [action: clerk] |\n| --- | --- |',
  '[action: clerk;\ndue 2027-01-01]',
  '[action bad_ID: clerk]',
  '## 9999. Item',
  '## Item',
  '## 0. Zero',
  'RESOLVED',
  '[a](../../etc/passwd)',
  '[a](/etc/shadow)',
  '![i](papers/none.png)',
  '[a]: papers/x.pdf',
  '<script>alert(1)</script>',
  'javascript:alert(1)',
  '```',
  '~~~',
  '<!--',
  '*'.repeat(300),
  '_a'.repeat(200),
  '>'.repeat(200),
  '> '.repeat(80),
  '['.repeat(60),
  '[a]'.repeat(1200),
  '`'.repeat(100),
  '  '.repeat(50) + '- x',
  'x'.repeat(5000),
  '\n\n',
  'status: approved',
  'status: done',
  'approved: { meeting: 2099-01-01 }',
  'corrections: [{ meeting: 2026-04-16, minute: 1, note: x }]',
  'owner: [nobody]',
  'owner: []',
  'updates: []',
  'updates: [,]',
  'due: 2016-02-30',
  'published: 2023-13-01',
  'minute: -1',
  'minute: 1.5',
  'min: 99',
  'fraction: 2',
  'joined: 2099-01-01',
  'left: 1999-01-01',
  '- { member: nobody, substitute: nobody }',
  'present: [nobody]',
  'chair: nobody',
  '__proto__: x',
  'constructor: y',
];

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

/** One mutation of one file's text, and what it was. */
function mutateText(rand: () => number, text: string): { text: string; what: string } {
  const lines = text.split('\n');
  const at = Math.floor(rand() * (lines.length || 1));
  const pos = Math.floor(rand() * (text.length + 1));
  switch (Math.floor(rand() * 9)) {
    case 0: {
      const s = pick(rand, SNIPPETS);
      return { text: text.slice(0, pos) + s + text.slice(pos), what: `insert ${JSON.stringify(s)} at ${pos}` };
    }
    case 1: {
      const s = pick(rand, SNIPPETS);
      const line = lines[at] ?? '';
      const colon = line.indexOf(': ');
      lines[at] = colon >= 0 ? line.slice(0, colon + 2) + s : s;
      return { text: lines.join('\n'), what: `value of line ${at + 1} := ${JSON.stringify(s)}` };
    }
    case 2:
      lines.splice(at, 1);
      return { text: lines.join('\n'), what: `delete line ${at + 1}` };
    case 3:
      lines.splice(at, 0, lines[at] ?? '');
      return { text: lines.join('\n'), what: `double line ${at + 1}` };
    case 4: {
      const b = Math.floor(rand() * (lines.length || 1));
      [lines[at], lines[b]] = [lines[b] ?? '', lines[at] ?? ''];
      return { text: lines.join('\n'), what: `swap lines ${at + 1} and ${b + 1}` };
    }
    case 5:
      return { text: text.slice(0, pos), what: `cut at ${pos}` };
    case 6: {
      const c = pick(rand, [
        ':',
        '-',
        '[',
        ']',
        '{',
        '}',
        ' ',
        '\t',
        '"',
        "'",
        '#',
        '*',
        '>',
        '|',
        '\\',
        '\n',
        'x',
        '0',
      ]);
      return { text: text.slice(0, pos) + c + text.slice(pos + 1), what: `char ${pos} := ${JSON.stringify(c)}` };
    }
    case 7: {
      const line = lines[at] ?? '';
      lines[at] = line.replace(
        /\d{4}-\d{2}-\d{2}/,
        pick(rand, ['2023-02-30', '2099-02-29', '0000-00-00', '2016-13-01']),
      );
      return { text: lines.join('\n'), what: `date on line ${at + 1} made impossible` };
    }
    default: {
      const line = lines[at] ?? '';
      lines[at] = line.replace(/^(\s*)/, `$1${pick(rand, ['  ', '\t', '- ', '# ', '> '])}`);
      return { text: lines.join('\n'), what: `indent line ${at + 1}` };
    }
  }
}

/** A mutated copy of `base`, and a description of each change. */
export function mutateRecord(rand: () => number, base: Files): { files: Files; what: string[] } {
  const files = { ...base };
  const what: string[] = [];
  const n = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < n; i++) {
    const names = Object.keys(files);
    const roll = rand();
    if (roll < 0.05 && names.length > 1) {
      const name = pick(rand, names);
      for (const k of Object.keys(files)) if (k === name) Reflect.deleteProperty(files, k);
      what.push(`remove ${name}`);
    } else if (roll < 0.1) {
      const name = pick(rand, [
        'stray.md',
        'meetings/2026-02-30/meeting.md',
        'actions/Bad Id.md',
        'meetings/x/minutes.md',
        'actions/new-one.md',
      ]);
      files[name] = pick(
        rand,
        names.map((k) => files[k]!),
      );
      what.push(`add ${name}`);
    } else {
      const name = pick(rand, names);
      const m = mutateText(rand, files[name]!);
      files[name] = m.text;
      what.push(`${name}: ${m.what}`);
    }
  }
  return { files, what };
}

/** The cases of one run: case i is made from seed + i alone, so it can be run again by itself. */
export function* fuzzCases(
  seed: number,
  count: number,
  bases: Files[],
): Generator<{ index: number; files: Files; what: string[] }> {
  for (let index = 0; index < count; index++) {
    const rand = random(seed + index);
    // One case in twenty mutates the bundled record; the rest a small one (fast to read).
    const base = bases.length > 1 && rand() < 0.05 ? bases[1] : bases[0];
    const { files, what } = mutateRecord(rand, base!);
    yield { index, files, what };
  }
}
