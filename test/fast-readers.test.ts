/**
 * The fast readers (src/parse/simple-markdown.ts, src/parse/simple-yaml.ts) against the
 * full parsers: whatever the fast reader accepts, it must read exactly as remark and the
 * yaml library do (the same tree where the loader looks, the same data and node offsets);
 * anything else it must decline. Checked on the bundled record, a generated one, shapes
 * at the edge of what they accept, and many seeded random texts.
 */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { pathToFileURL } from 'node:url';
import type { Nodes } from 'mdast';
import { simpleTree } from '../src/parse/simple-markdown.js';
import { simpleYaml } from '../src/parse/simple-yaml.js';
import { markdownTree } from '../src/parse/markdown.js';
import { mayHoldLinks, parseBody, readTree } from '../src/parse/body.js';
import { parseYaml } from '../src/parse/yaml.js';
import { splitFrontMatter } from '../src/parse/frontmatter.js';
import { BUNDLED, ROOT, tempDir } from './helpers.js';

/** The parts of an mdast tree the loader reads: types, depths, positions and text. */
function shape(n: Nodes): unknown {
  const p = n.position;
  return {
    t: n.type,
    d: 'depth' in n ? n.depth : undefined,
    p: p ? [p.start.line, p.start.column, p.start.offset, p.end.line, p.end.column, p.end.offset] : undefined,
    v: 'value' in n ? n.value : undefined,
    c: 'children' in n ? (n.children as Nodes[]).map(shape) : undefined,
  };
}

/** A seeded generator (mulberry32), so every run checks the same texts. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The record files under a folder: [path, text]. */
function recordFiles(dir: string): [string, string][] {
  const out: [string, string][] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(md|yaml)$/.test(e.name)) out.push([p, readFileSync(p, 'utf8').replace(/^\uFEFF/, '')]);
    }
  };
  walk(dir);
  return out;
}

async function generatedRecord(): Promise<string> {
  const { generate } = (await import(pathToFileURL(path.join(ROOT, 'bench', 'generate.js')).href)) as {
    generate: (dir: string, meetings: number, papers: number) => void;
  };
  const dir = path.join(tempDir(), 'records');
  generate(dir, 12, 1);
  return dir;
}

/** Checks that the fast markdown reader, where it accepts `body`, agrees with remark; returns whether it accepted. */
function agreesOnMarkdown(body: string, label: string): boolean {
  const fast = simpleTree(body);
  if (!fast) return false;
  const full = markdownTree(body);
  expect(shape(fast), label).toEqual(shape(full));
  for (const minutes of [true, false])
    expect(JSON.stringify(readTree(fast, body, 0, 1, minutes)), label).toBe(
      JSON.stringify(readTree(full, body, 0, 1, minutes)),
    );
  return true;
}

/** Checks that the fast YAML reader, where it accepts `yaml`, agrees with the library; returns whether it accepted. */
function agreesOnYaml(yaml: string, label: string): boolean {
  const fast = simpleYaml(yaml);
  if (!fast) return false;
  const lib = parseYaml(yaml, 1);
  expect(lib.problems, label).toEqual([]);
  expect(lib.ok, label).toBe(true);
  // node's own deep equality: vitest's is confused by a key named "constructor".
  expect(isDeepStrictEqual(fast.data, lib.data), `${label} data`).toBe(true);
  expect(isDeepStrictEqual(fast.table, lib.table()), `${label} offsets`).toBe(true);
  return true;
}

describe('the fast markdown reader', () => {
  it('reads every body of the bundled and a generated record as remark does', async () => {
    let accepted = 0;
    for (const dir of [BUNDLED, await generatedRecord()]) {
      for (const [file, text] of recordFiles(dir)) {
        if (!file.endsWith('.md')) continue;
        const split = splitFrontMatter(text);
        if (agreesOnMarkdown(text.slice(split.bodyStart), file)) accepted++;
      }
    }
    expect(accepted).toBeGreaterThan(60);
  });

  it('declines what it does not read: emphasis, links, code, quotes, other lists, tabs, CR, lazy lines, setext', () => {
    for (const body of [
      'A *word*.\n',
      'A _word_.\n',
      'See [the report](papers/x.pdf).\n',
      '[ref]: https://example.org\n',
      '<https://example.org>\n',
      'Some `code`.\n',
      '> quoted\n',
      '1. first\n',
      '* star\n',
      '+ plus\n',
      '- outer\n  - inner\n',
      'Tab\there\n',
      'CR line\r\nend\n',
      '- item\nlazy line\n',
      'Title\n===\n',
      'Title\n---\n',
      'Hard break  \nnext\n',
      'Escaped \\[\n',
      'Entity &amp; more\n',
      '    indented code\n',
      '~~~\nfence\n~~~\n',
      '## Closing hashes ##\n',
    ]) {
      expect(simpleTree(body), JSON.stringify(body)).toBeUndefined();
    }
  });

  it('agrees with remark on many seeded random texts near the edge of what it reads', () => {
    const rnd = random(20261201);
    const pick = <T>(a: T[]): T => a[Math.floor(rnd() * a.length)]!;
    const words = [
      'RESOLVED',
      'It was agreed',
      'the Board',
      'noted',
      '[action: clerk; due 2026-01-01]',
      '[action 2026-01-01-5-1: a-b]',
      '[action: x',
      '(a)',
      '|a|b|',
      'x]',
      '[y]',
      '2026.',
      '1.',
      '1)',
      '12)',
      'a & b',
      'foo:',
      ':',
      '#',
      '-',
      '+',
      '=',
      '~',
      'é',
      "O'Brien",
      'RESOLVED:',
      '5',
    ];
    const odd = ['a &amp; b', 'a < b', 'a > b', 'x*y*', 'snake_case', '`c`', '\\[', '![i](p)', '[l](p)', '[r]: /u'];
    const text = () =>
      Array.from({ length: 1 + Math.floor(rnd() * 6) }, () => (rnd() < 0.03 ? pick(odd) : pick(words))).join(' ');
    const plain = [
      () => `## ${Math.floor(rnd() * 300)}. ${text()}`,
      () => `## ${text()}`,
      () => `# ${text()}`,
      () => `### ${text()}`,
      () => text(),
      () => text(),
      () => `- ${text()}`,
      () => `  ${text()}`,
      () => '',
      () => '',
      () => '  ',
      () => '2026.',
      () => `  2026. ${text()}`,
    ];
    const edge = [
      () => `##${text()}`,
      () => '##',
      () => `####### ${text()}`,
      () => `## ${text()} #`,
      () => `-${text()}`,
      () => '- ',
      () => '---',
      () => `- - ${text()}`,
      () => `- 1. ${text()}`,
      () => `+ ${text()}`,
      () => `-  ${text()}`,
      () => `1. ${text()}`,
      () => `01. ${text()}`,
      () => `   ${text()}`,
      () => ` ${text()}`,
      () => `    ${text()}`,
      () => `  - ${text()}`,
      () => `  ## ${text()}`,
      () => `${text()}  `,
      () => '===',
      () => `> ${text()}`,
    ];
    let accepted = 0;
    for (let i = 0; i < 6000; i++) {
      const lines = Array.from({ length: 1 + Math.floor(rnd() * 14) }, () =>
        (rnd() < 0.1 ? pick(edge) : pick(plain))(),
      );
      const body = lines.join('\n') + (rnd() < 0.7 ? '\n' : '');
      if (agreesOnMarkdown(body, JSON.stringify(body))) accepted++;
    }
    expect(accepted).toBeGreaterThan(500);
  });

  it('a body that cannot hold a link is not parsed for links, and one that might is', () => {
    expect(mayHoldLinks('Partners were asked [for] (views).\n\n- a list\n', 0)).toBe(false);
    for (const body of ['See [x](y).\n', '[x]: /y\n', 'Mail <a@b.c>\n', '> quote\n', '- - - deep\n', '*'.repeat(1001)])
      expect(mayHoldLinks(body, 0), body.slice(0, 20)).toBe(true);
    // The same findings either way, deep nesting included (remark's tree would be too deep to walk).
    const deep = '> '.repeat(10000) + 'x\n';
    expect(parseBody(deep, 0, 1, false).problems.map((p) => p.rule)).toEqual(['layout']);
  });
});

describe('the fast YAML reader', () => {
  it('reads the front matter of the bundled and a generated record as the yaml library does', async () => {
    let accepted = 0;
    for (const dir of [BUNDLED, await generatedRecord()]) {
      for (const [file, text] of recordFiles(dir)) {
        let yaml = text;
        if (file.endsWith('.md')) {
          const split = splitFrontMatter(text);
          if (!split.present || split.problem) continue;
          yaml = split.yaml;
        }
        if (agreesOnYaml(yaml, file)) accepted++;
      }
    }
    expect(accepted).toBeGreaterThan(60);
  });

  it('declines what it does not read', () => {
    for (const yaml of [
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      'a: |\n  block\n',
      'a: >-\n  folded\n',
      'a: one\n  two\n',
      'a: "es\\"cape"\n',
      'a:\n',
      'a: 1\na: 2\n',
      'a:\tb\n',
      'a: b\r\n',
      'a: 1.5\n',
      'a: 0x1F\n',
      'a: .inf\n',
      '? complex\n: key\n',
      '- top\n- list\n',
      'a: [x,\n  y]\n',
      'a: "b" # comment after a quote\n',
      '---\na: b\n',
      'a: b  \n',
      'true: x\n',
      '__proto__: x\n',
    ]) {
      expect(simpleYaml(yaml), JSON.stringify(yaml)).toBeUndefined();
    }
  });

  it('agrees with the yaml library on many seeded random documents', () => {
    const rnd = random(42);
    const pick = <T>(a: T[]): T => a[Math.floor(rnd() * a.length)]!;
    const keys = [
      'a',
      'b',
      'title',
      'x_y',
      'k-1',
      'date',
      'Z',
      'true',
      'null',
      'on',
      '1a',
      'a b',
      '__proto__',
      'constructor',
      'yes',
    ];
    const scalars = [
      'x',
      'hello world',
      "O'Brien",
      'a, b',
      'Item#3',
      'Item #3',
      '2016-01-14',
      '14:00',
      '"14:00"',
      "'x y'",
      '"a \'q\' b"',
      '5',
      '0',
      '-5',
      '+5',
      '007',
      '1.5',
      '.5',
      '1e3',
      '0x1F',
      '~',
      'null',
      'Null',
      'true',
      'False',
      'yes',
      '.inf',
      'a: b',
      'a:b',
      'http://x.org/a?b=c',
      '-x',
      '?x',
      ':x',
      '[x',
      'x]',
      '{x',
      '!x',
      '&x',
      '*x',
      '|',
      '>',
      '%x',
      '@x',
      '"',
      '""',
      "''",
      'é–ü',
      'a  b',
      'x:',
      '1_000',
      '{ }',
      '[]',
    ];
    const sp = () => pick(['', ' ', ' ', '  ']);
    const flowVal = (d: number): string => {
      const r = rnd();
      if (d < 2 && r < 0.15) return flowSeq(d + 1);
      if (d < 2 && r < 0.3) return flowMap(d + 1);
      return pick(scalars);
    };
    const flowSeq = (d: number): string =>
      `[${sp()}${Array.from({ length: Math.floor(rnd() * 4) }, () => flowVal(d)).join(pick([', ', ',', ' , ']))}${rnd() < 0.05 ? ',' : ''}${sp()}]`;
    const flowMap = (d: number): string =>
      `{${sp()}${Array.from({ length: Math.floor(rnd() * 4) }, () => `${pick(keys.slice(0, 7))}${pick([': ', ':', ':  '])}${flowVal(d)}`).join(pick([', ', ',']))}${sp()}}`;
    const comment = () => (rnd() < 0.1 ? pick([' # c', '   # note', '# x', ' #']) : '');
    const block = (ind: number, d: number, out: string[]): void => {
      const used = new Set<string>();
      for (let i = 0, n = 1 + Math.floor(rnd() * 4); i < n; i++) {
        let k = rnd() < 0.9 ? pick(keys.slice(0, 7)) : pick(keys);
        if (used.has(k) && rnd() < 0.9) k = `${k}${i}`;
        used.add(k);
        const pad = ' '.repeat(ind);
        if (rnd() < 0.05) out.push(pick(['', '# full', `${' '.repeat(Math.floor(rnd() * 6))}# c`, '  ']));
        const r = rnd();
        if (d < 3 && r < 0.2) {
          out.push(`${pad}${k}:${comment()}`);
          block(ind + pick([2, 2, 4, 1]), d + 1, out);
        } else if (d < 3 && r < 0.4) {
          out.push(`${pad}${k}:${comment()}`);
          seq(ind + pick([0, 2, 2, 4]), d + 1, out);
        } else {
          const v = rnd() < 0.3 ? (rnd() < 0.5 ? flowSeq(0) : flowMap(0)) : pick(scalars);
          out.push(`${pad}${k}${pick([': ', ': ', ':  ', ':'])}${v}${comment()}`);
        }
      }
    };
    const seq = (ind: number, d: number, out: string[]): void => {
      const pad = ' '.repeat(ind);
      for (let i = 0, n = 1 + Math.floor(rnd() * 3); i < n; i++) {
        const r = rnd();
        if (d < 3 && r < 0.3) {
          const sub: string[] = [];
          block(ind + 2, d + 1, sub);
          out.push(`${pad}${pick(['- ', '- ', '-  '])}${(sub[0] ?? 'a: b').trimStart()}${comment()}`);
          out.push(...sub.slice(1));
        } else if (r < 0.35) out.push(`${pad}- ${pick(['- x', '', '[a]'])}`);
        else out.push(`${pad}- ${rnd() < 0.3 ? flowMap(0) : pick(scalars)}${comment()}`);
      }
    };
    let accepted = 0;
    for (let i = 0; i < 8000; i++) {
      const out: string[] = [];
      block(0, 0, out);
      let yaml = out.join('\n') + (rnd() < 0.8 ? '\n' : '');
      if (rnd() < 0.03) yaml = `# head\n${yaml}`;
      if (agreesOnYaml(yaml, JSON.stringify(yaml))) accepted++;
    }
    expect(accepted).toBeGreaterThan(400);
  });
});
