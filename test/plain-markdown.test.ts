/**
 * The writer of plain markdown (src/render/html/plain-markdown.ts) against the sanitising
 * pipeline it stands in for: on every text it answers for, its HTML must be the
 * pipeline's, byte for byte, under every shape of options the site uses; and it must
 * leave to the pipeline whatever is not plain. Inputs: every markdown body of the bundled
 * record (whole and item by item), the XSS corpus, the fuzzer's mutations of the record,
 * and many seeded texts built from the pieces minutes are made of and the pieces that
 * would make them not plain.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderThroughPipeline, renderWithoutPipeline, type MarkdownOptions } from '../src/render/html/markdown.js';
import { renderPlain } from '../src/render/html/plain-markdown.js';
import { BUNDLED } from './helpers.js';
import { fuzzCases, readTree } from './support/fuzz.js';
import { random } from './support/random.js';
import { payloadMarkdown, XSS_PAYLOADS } from './support/xss-corpus.js';

/** The shapes of options the site and csp minutes render use. */
const OPTIONS: [string, MarkdownOptions][] = [
  ['plain', { headingBase: 2 }],
  ['decisions', { headingBase: 3, decisions: true }],
  ['own decision words', { headingBase: 4, decisions: ['Agreed', 'Noted that'] }],
  [
    'markers with links',
    {
      headingBase: 3,
      decisions: true,
      actionMarker: (id, inner) => ({
        text: `Action: ${inner.split(';')[0]} (Health & Care <Trust> "A" 'B'); due ${inner.split(';')[1] ?? ''}`,
        ...(id !== undefined ? { href: `../actions.html#action-${id}` } : {}),
      }),
    },
  ],
  [
    'markers with unsafe links',
    {
      headingBase: 3,
      decisions: true,
      actionMarker: (id) => ({ text: 'Action', href: id === undefined ? 'javascript:alert(1)' : `x"&y#${id}` }),
    },
  ],
  ['markers without links', { headingBase: 2, actionMarker: (_id, inner) => ({ text: `Action: ${inner}` }) }],
];

let answered = 0;
let compared = 0;

/** Compares the two on `markdown` under every option shape; returns how many the plain writer answered. */
function same(markdown: string, what: string): number {
  let n = 0;
  for (const [name, options] of OPTIONS) {
    compared++;
    const plain = renderPlain(markdown, options);
    if (plain === undefined) continue;
    n++;
    answered++;
    const piped = renderThroughPipeline(markdown, options);
    expect('html' in piped, `${what} (${name}): the pipeline refused what the plain writer answered`).toBe(true);
    if ('html' in piped) expect(plain, `${what} (${name}): ${JSON.stringify(markdown)}`).toBe(piped.html.value);
  }
  return n;
}

/** The bodies of a markdown file, whole and cut at each `## ` heading. */
function pieces(text: string): string[] {
  const body = text.replace(/^---\n[\s\S]*?\n---\n/, '');
  return [body, ...body.split(/^## .*$/m)];
}

const WORDS = [
  'The',
  'Board',
  'noted',
  'report',
  'RESOLVED',
  'It was agreed',
  'Agreed',
  'that',
  'partners',
  '25',
  'per cent',
  '2026',
  'Children’s',
  "O'Brien",
  '"quoted"',
  '(brackets)',
  'e.g.',
  'www.example.org',
  'https://example.org/x',
  'café',
  '–',
  '—',
  ':',
  ';',
  ',',
  '.',
  '?',
  '%',
  '£720',
];
const SPECIAL = [
  '*',
  '_',
  '`',
  '<b>',
  '&amp;',
  '&',
  '\\',
  '[x](y)',
  '[x]',
  '![a](b)',
  '~~',
  '#',
  '>',
  '|',
  '<https://x.org>',
  '\t',
  '\u00a0',
  '😀',
  '\r',
  '\u0000',
  ']:',
  '[action 2026-01-01-1-1: a-b; due 2026-02-02](x)',
  '[action 2026-01-01-1-1: a-b]: y',
  '[action: a [b]',
];
const STARTS = [
  '',
  '',
  '',
  '- ',
  '  ',
  '   ',
  '    ',
  '1. ',
  '2) ',
  '2026. ',
  '# ',
  '> ',
  '+ ',
  '* ',
  '-',
  '= ',
  '---',
  '***',
  '[x]: y',
];
const MARKERS = [
  '[action 2026-04-16-270-1: priya-raman; due 2026-10-08]',
  '[action 2026-07-16-281-1: clerk]',
  '[action: tomasz-wilk, ade-bankole; due 2026-09-30]',
  '[action 2026-07-16-282-1:ade-bankole]',
];

/** A seeded text of lines built from those pieces. */
function generated(seed: number): string {
  const r = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const lines: string[] = [];
  const n = 1 + Math.floor(r() * 14);
  for (let i = 0; i < n; i++) {
    if (r() < 0.2) {
      lines.push('');
      continue;
    }
    let line = r() < 0.55 ? '' : pick(STARTS);
    const words = 1 + Math.floor(r() * 10);
    for (let w = 0; w < words; w++) {
      const x = r();
      line += x < 0.04 ? pick(SPECIAL) : x < 0.14 ? pick(MARKERS) : pick(WORDS);
      line += r() < 0.9 ? ' ' : '';
    }
    line = r() < 0.9 ? line.trimEnd() : line;
    lines.push(line);
  }
  return lines.join('\n') + (r() < 0.5 ? '\n' : '');
}

describe('the writer of plain markdown gives exactly what the pipeline gives', () => {
  it('on every body of the bundled record, whole and item by item', () => {
    let n = 0;
    let tried = 0;
    for (const [file, text] of Object.entries(readTree(BUNDLED))) {
      if (!file.endsWith('.md')) continue;
      for (const p of pieces(text)) {
        tried++;
        if (same(p, path.join('records', file)) > 0) n++;
      }
    }
    // Most of the record is plain: the comparison is not empty.
    expect(n).toBeGreaterThan(tried / 3);
  });

  it('on the XSS corpus (which it leaves to the pipeline), and on texts that hold a payload', () => {
    for (const p of XSS_PAYLOADS) {
      for (const [, options] of OPTIONS) expect(renderPlain(p, options), p).toBeUndefined();
      for (const [, options] of OPTIONS)
        expect(renderPlain(`The Board noted the report.\n\n- ${p}`, options), p).toBeUndefined();
    }
    for (const [, options] of OPTIONS) expect(renderPlain(payloadMarkdown(), options)).toBeUndefined();
  });

  it("on the fuzzer's mutations of the record", () => {
    const base = readTree(BUNDLED);
    let n = 0;
    for (const c of fuzzCases(1, 40, [base])) {
      for (const [file, text] of Object.entries(c.files)) {
        if (!file.endsWith('.md') || text === base[file]) continue;
        for (const p of pieces(text)) n += same(p, `fuzz case ${c.index} (${c.what.join('; ')}): ${file}`);
      }
    }
    expect(n).toBeGreaterThan(0);
  });

  it('on many seeded texts of plain and not-plain pieces', () => {
    const before = answered;
    for (let seed = 1; seed <= 3000; seed++) same(generated(seed), `seed ${seed}`);
    // A fair share of them is plain, so both sides of the line are tried.
    expect(answered - before).toBeGreaterThan(800);
    expect(compared).toBeGreaterThan(answered);
  });

  it('answers for the shapes minutes mostly take, and leaves the rest alone', () => {
    const options = OPTIONS[3]![1];
    const minutes =
      'Gill Hussain introduced the report.\n\nRESOLVED\n\n- That partners provide comments by 5\n  January 2026.\n- That the lead report back.\n\nIt was agreed that Zainab Mahmood would share the findings with the\nHealth and Wellbeing Board.\n[action 2025-12-15-20582-1: zainab-mahmood; due 2026-05-01]\n\n- It was agreed that Otis Hussain would circulate the review.\n  [action 2025-12-15-20582-4: otis-hussain; due 2026-02-16]\n';
    expect(renderPlain(minutes, options)).toBeDefined();
    const table =
      'RAG ratings:\n\n| Outcome | Lead | RAG |\n| --- | --- | --- |\n| Reduce re-offending | Housing | Red |';
    const loose = 'RESOLVED\n\n- That a.\n- That b.\n\n- It was agreed that c.\n  [action 2026-01-01-1-1: a-b]';
    for (const t of [table, loose]) expect(same(t, t)).toBe(t === table ? OPTIONS.length : 2);
    // With markers shown (and links the sanitiser keeps as they are); other markers are the pipeline's.
    expect(same(minutes, 'minutes')).toBe(2);
    for (const notPlain of [
      'A *word*.',
      'See [the report](papers/x.pdf).',
      '1. First\n2. Second',
      '## Heading',
      '> quoted',
      'Para\n- list straight after',
      'Line with a hard break  \nnext',
      '    code',
      'a & b',
      'a < b',
      'Tab\there',
    ])
      expect(renderPlain(notPlain, options), notPlain).toBeUndefined();
  });

  it('plain text with more action markers in one paragraph than the limit of brackets is refused, as any other text is', () => {
    const options = OPTIONS[3]![1];
    const markers = (n: number) =>
      `The partners agreed.${' [action 2026-01-01-1-1: a-b; due 2026-02-01]'.repeat(n)}
`;
    // Plain text, so written out whole without the scan for shapes too complex to publish...
    const few = renderWithoutPipeline(markers(1000), options);
    expect(few && 'html' in few && few.plain).toBe(true);
    expect(renderPlain(markers(1001), options)).toBeDefined();
    // ...which still refuses it when its brackets pass the limit.
    expect(renderWithoutPipeline(markers(1001), options)).toEqual({
      problem:
        'line 1: This text has more than 1000 square brackets in one paragraph, far beyond any minutes, and is not read. Simplify it.',
    });
  });
});
