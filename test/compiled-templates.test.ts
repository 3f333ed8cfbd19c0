/**
 * The built-in templates the build compiled (dist/templates.cjs) render exactly what the same
 * templates compiled at run time render: every agenda of the bundled record in both formats,
 * a new meeting and drafted minutes, each made once with the built-in template (compiled by
 * the build) and once with the same text as the record's own template (compiled at run time).
 */
import { describe, it, expect } from 'vitest';
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { compiledTemplate } from '../src/workspace/assets.js';
import { cli, copyBundled, csp, ROOT } from './helpers.js';

const TEMPLATES = path.join(ROOT, 'templates');
const NAMES = readdirSync(TEMPLATES)
  .filter((n) => n.endsWith('.hbs'))
  .sort();

/** Two copies of the bundled record: the second with the built-in templates copied in as its own. */
function twoRecords(): { builtIn: string; own: string } {
  const builtIn = copyBundled();
  const own = copyBundled();
  for (const n of NAMES) cpSync(path.join(TEMPLATES, n), path.join(own, 'records', 'templates', n));
  return { builtIn, own };
}

describe('templates compiled by the build', () => {
  it('are there for every built-in template, and only for its exact text', () => {
    expect(NAMES).toEqual(['agenda.html.hbs', 'agenda.md.hbs', 'meeting.md.hbs', 'minutes.md.hbs']);
    for (const n of NAMES) {
      const source = readFileSync(path.join(TEMPLATES, n), 'utf8');
      expect(compiledTemplate(n, source), n).toBeDefined();
      expect(compiledTemplate(n, `${source} `), n).toBeUndefined();
    }
    expect(compiledTemplate('unknown.hbs', '')).toBeUndefined();
  });

  it('render every agenda of the bundled record as the template compiled at run time does', async () => {
    const { builtIn, own } = twoRecords();
    const meetings = readdirSync(path.join(builtIn, 'records', 'meetings')).sort();
    let compared = 0;
    for (const m of meetings) {
      for (const format of ['md', 'html']) {
        const args = ['agenda', m, '--format', format, '--as-of', '2026-11-22'];
        const a = await cli(builtIn, args);
        const b = await cli(own, args);
        expect(a.code, `${m} ${format}`).toBe(b.code);
        expect(a.stdout, `${m} ${format}`).toBe(b.stdout);
        if (a.code === 0) compared++;
      }
    }
    expect(compared).toBeGreaterThan(6);
  });

  it('write the same new meeting and the same drafted minutes', async () => {
    const { builtIn, own } = twoRecords();
    for (const dir of [builtIn, own]) {
      expect((await cli(dir, ['new-meeting', '--date', '2027-03-11', '--as-of', '2026-11-22'])).code).toBe(0);
      expect((await cli(dir, ['minutes', 'new', '2026-12-10', '--as-of', '2026-12-10'])).code).toBe(0);
    }
    // And the built csp, from its own dist/, agrees.
    const args = ['agenda', '2026-12-10', '--as-of', '2026-11-22'];
    expect(csp(builtIn, args).stdout).toBe((await cli(own, args)).stdout);
    const read = (dir: string, rel: string) => readFileSync(path.join(dir, 'records', 'meetings', rel), 'utf8');
    const made = readdirSync(path.join(builtIn, 'records', 'meetings')).find((m) => m.startsWith('2027-03-11'))!;
    expect(read(builtIn, `${made}/meeting.md`)).toBe(read(own, `${made}/meeting.md`));
    expect(read(builtIn, '2026-12-10/minutes.md')).toBe(read(own, '2026-12-10/minutes.md'));
  });
});
