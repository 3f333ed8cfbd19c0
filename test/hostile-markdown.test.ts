/** Markdown shapes that make the parser slow down quadratically are refused by a cheap scan. */
import { describe, it, expect, vi } from 'vitest';
import { cli, minimalRecord, noStackTrace } from './helpers.js';
import { meetingMd } from './rules-support.js';
import { complexity } from '../src/parse/markdown.js';

// Each shape is read through the CLI; the time bounds are ten times what a quiet machine takes or more.
vi.setConfig({ testTimeout: 180_000 });

const M = 'meetings/2026-01-15';
const MINUTES = 'records/meetings/2026-01-15/minutes.md';

/** validate on a body, and how long it took (seconds). */
async function timed(body: string) {
  const t = performance.now();
  const r = await validate(body);
  return { ...r, seconds: (performance.now() - t) / 1000 };
}

async function validate(body: string) {
  const dir = minimalRecord({
    [`${M}/meeting.md`]: meetingMd('2026-01-15'),
    [`${M}/minutes.md`]: `---\nstatus: draft\n---\n${body}`,
  });
  const r = await cli(dir, ['validate', '--format', 'json', '--as-of', '2026-11-22']);
  expect(noStackTrace(r)).toBe(true);
  return {
    code: r.code,
    diagnostics: JSON.parse(r.stdout).diagnostics as {
      file: string;
      line: number;
      column: number;
      rule: string;
      message: string;
    }[],
  };
}

describe('pathological markdown', () => {
  it('brackets nested 100,000 deep: one layout finding at the 33rd bracket', async () => {
    const { code, diagnostics } = await validate('## 1. Item\n\n' + '['.repeat(100000) + ']'.repeat(100000) + '\n');
    expect(code).toBe(1);
    expect(diagnostics.map((d) => [d.file, d.line, d.column, d.rule])).toEqual([[MINUTES, 6, 33, 'layout']]);
    expect(diagnostics[0]!.message).toContain('square brackets nested more than 32 deep');
  });

  it('50,000 unclosed links in one paragraph', async () => {
    const { diagnostics } = await validate('[a]('.repeat(50000) + '\n');
    expect(diagnostics.map((d) => [d.line, d.column, d.rule])).toEqual([[4, 2003, 'layout']]);
    expect(diagnostics[0]!.message).toContain('more than 500 links in one paragraph');
  });

  it('lists nested 1,000 deep', async () => {
    const body = Array.from({ length: 1000 }, (_, i) => ' '.repeat(i * 2) + '- item').join('\n');
    const { diagnostics } = await validate(body + '\n');
    // Line 4 + 33 (indent 66 > 64 at the 34th item), column 65.
    expect(diagnostics.map((d) => [d.line, d.column, d.rule])).toEqual([[37, 65, 'layout']]);
  });

  it('a 40 KB line of nested emphasis (51 s to read before): one layout finding at the 1,001st mark', async () => {
    const { diagnostics, seconds } = await timed(
      '## 1. Item\n\n' + '*a'.repeat(10000) + 'x' + 'a*'.repeat(10000) + '\n',
    );
    expect(seconds).toBeLessThan(30);
    expect(diagnostics.map((d) => [d.line, d.column, d.rule])).toEqual([[6, 2001, 'layout']]);
    expect(diagnostics[0]!.message).toBe(
      'This text has more than 1000 marks of emphasis (* or _) in one paragraph, far beyond any minutes, and is not read. Simplify it.',
    );
  });

  it('20,000 asterisks either side of a word: refused, not minutes of parsing', async () => {
    const { diagnostics, seconds } = await timed('## 1. Item\n\n' + '*'.repeat(20000) + 'x' + '*'.repeat(20000) + '\n');
    expect(seconds).toBeLessThan(30);
    expect(diagnostics.map((d) => [d.line, d.column, d.rule])).toEqual([[6, 1001, 'layout']]);
  });

  it('emphasis, bullets, sums and snake_case in ordinary amounts are read', async () => {
    const list = Array.from(
      { length: 600 },
      (_, i) => `* **Partner ${i}** read papers/report_${i}_final.pdf; 2 * 3 = 6`,
    ).join('\n');
    const { diagnostics } = await timed(`## 1. Item\n\n${list}\n\nRESOLVED that the *list* be noted.\n`);
    expect(diagnostics.filter((d) => d.rule === 'layout')).toEqual([]);
  });

  it('50,000 ">" on one line (more than 60 s before): one layout finding at the 33rd', async () => {
    const { diagnostics, seconds } = await timed('## 1. Item\n\n' + '>'.repeat(50000) + ' deep\n');
    expect(seconds).toBeLessThan(30);
    expect(diagnostics.map((d) => [d.line, d.column, d.rule])).toEqual([[6, 33, 'layout']]);
    expect(diagnostics[0]!.message).toBe(
      'This text has more than 32 quotations or lists inside each other on one line, far beyond any minutes, and is not read. Simplify it.',
    );
  });

  it('5,000 list levels opened on one line: one layout finding at the 33rd', async () => {
    const { diagnostics, seconds } = await timed('## 1. Item\n\n' + '- '.repeat(5000) + 'x\n');
    expect(seconds).toBeLessThan(30);
    expect(diagnostics.map((d) => [d.line, d.column, d.rule])).toEqual([[6, 65, 'layout']]);
  });

  it('lists nested 1,000 deep inside a quotation: one layout finding past 64 columns', async () => {
    const body = Array.from({ length: 1000 }, (_, i) => '>' + ' '.repeat(2 * i + 1) + '- x').join('\n');
    const { diagnostics, seconds } = await timed(`## 1. Item\n\n${body}\n`);
    expect(seconds).toBeLessThan(30);
    // Line 6 + 32: the first with more than 64 columns after its ">", at the 65th.
    expect(diagnostics.map((d) => [d.line, d.column, d.rule])).toEqual([[38, 66, 'layout']]);
    expect(diagnostics[0]!.message).toContain('indented more than 64 columns inside a quotation or list');
  });

  it('5,000 lines of quotations opened inside each other in one block: one layout finding', async () => {
    const body = Array.from({ length: 5000 }, (_, i) => '>'.repeat(1 + (i % 20)) + ' x').join('\n');
    const { diagnostics, seconds } = await timed(`## 1. Item\n\n${body}\n`);
    expect(seconds).toBeLessThan(30);
    expect(diagnostics.map((d) => [d.rule, d.column])).toEqual([['layout', 1]]);
    expect(diagnostics[0]!.message).toBe(
      'This block has more than 1000 lists or quotations inside others, far beyond any minutes, and is not read. Break it up with blank lines or headings.',
    );
  });

  it('50,000 "[a]" in one paragraph: one layout finding at the 1,001st bracket', async () => {
    const { diagnostics, seconds } = await timed('## 1. Item\n\n' + '[a]'.repeat(50000) + ' [x](papers/x.pdf)\n');
    expect(seconds).toBeLessThan(30);
    expect(diagnostics.map((d) => [d.line, d.column, d.rule])).toEqual([[6, 3001, 'layout']]);
    expect(diagnostics[0]!.message).toContain('more than 1000 square brackets in one paragraph');
  });

  it('minutes of 2,000 items, each with a list and a quotation, are read whole in linear time', async () => {
    const body = Array.from(
      { length: 2000 },
      (_, i) => `## ${i + 1}. Item\n\n- a\n- b\n  - c\n\n> q\n\nRESOLVED that it be noted.\n`,
    ).join('\n');
    const { code, diagnostics, seconds } = await timed(body);
    expect(seconds).toBeLessThan(60);
    expect(diagnostics.filter((d) => d.rule === 'layout')).toEqual([]);
    expect(code).toBe(0);
  });

  it('10,000 quotations one after another, and one list of 4,000 items each with a list, are read in linear time', async () => {
    const quotes = Array.from({ length: 10000 }, () => '> x').join('\n\n');
    const list = Array.from({ length: 4000 }, () => '- x\n  - y').join('\n');
    const { diagnostics, seconds } = await timed(
      `## 1. Item\n\n${quotes}\n\n## 2. Other\n\n${list}\n\nRESOLVED that both be noted.\n`,
    );
    expect(seconds).toBeLessThan(60);
    expect(diagnostics.filter((d) => d.rule === 'layout')).toEqual([]);
  });

  it('leaves ordinary minutes alone: escaped brackets, links in separate paragraphs, modest nesting', () => {
    const para = Array.from({ length: 400 }, (_, i) => `[p${i}](papers/p${i}.pdf)`).join(' ');
    expect(
      complexity(`Intro \\[[[not nested]]]\n\n${para}\n\n${para}\n\n    - indented\n        - more\n`, 0, 1),
    ).toBeUndefined();
  });
});
