/** Markdown shapes that make the parser slow down quadratically are refused by a cheap scan. */
import { describe, it, expect } from 'vitest';
import { cli, minimalRecord, noStackTrace } from './helpers.js';
import { meetingMd } from './rules-support.js';
import { complexity } from '../src/parse/markdown.js';

const M = 'meetings/2026-01-15';
const MINUTES = 'records/meetings/2026-01-15/minutes.md';

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
    expect(diagnostics[0].message).toContain('square brackets nested more than 32 deep');
  });

  it('50,000 unclosed links in one paragraph', async () => {
    const { diagnostics } = await validate('[a]('.repeat(50000) + '\n');
    expect(diagnostics.map((d) => [d.line, d.column, d.rule])).toEqual([[4, 2003, 'layout']]);
    expect(diagnostics[0].message).toContain('more than 500 links in one paragraph');
  });

  it('lists nested 1,000 deep', async () => {
    const body = Array.from({ length: 1000 }, (_, i) => ' '.repeat(i * 2) + '- item').join('\n');
    const { diagnostics } = await validate(body + '\n');
    // Line 4 + 33 (indent 66 > 64 at the 34th item), column 65.
    expect(diagnostics.map((d) => [d.line, d.column, d.rule])).toEqual([[37, 65, 'layout']]);
  });

  it('leaves ordinary minutes alone: escaped brackets, links in separate paragraphs, modest nesting', () => {
    const para = Array.from({ length: 400 }, (_, i) => `[p${i}](papers/p${i}.pdf)`).join(' ');
    expect(
      complexity(`Intro \\[[[not nested]]]\n\n${para}\n\n${para}\n\n    - indented\n        - more\n`, 0, 1),
    ).toBeUndefined();
  });
});
