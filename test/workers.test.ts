import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { csp, tempDir, ROOT } from './helpers.js';

describe('a large cold read shares the reading out to worker threads', () => {
  it('gives byte-identical findings with and without the worker', async () => {
    const { generate } = (await import(pathToFileURL(path.join(ROOT, 'bench', 'generate.js')).href)) as {
      generate: (dir: string, meetings: number, papers: number) => void;
    };
    const dir = tempDir();
    generate(path.join(dir, 'records'), 200, 0); // about 1.3 MB to parse: over the threshold
    // Break one file of each kind so the findings are not empty.
    const { appendFileSync, writeFileSync } = await import('node:fs');
    appendFileSync(path.join(dir, 'records', 'members.yaml'), '  - { id: clerk, name: Second Clerk }\n');
    writeFileSync(path.join(dir, 'records', 'actions', 'broken.md'), '---\ntitle: [unclosed\n---\n');
    const args = ['validate', '--format', 'json', '--as-of', '2026-11-22'];
    const single = csp(dir, args, { CSP_WORKERS: '0', CSP_NO_CACHE: '1', CSP_DEBUG: '1' });
    const shared = csp(dir, args, { CSP_WORKERS: '2', CSP_NO_CACHE: '1', CSP_DEBUG: '1' });
    expect(single.stderr).toMatch(/^read: \d+ files, 0 workers/m);
    expect(shared.stderr).toMatch(/^read: \d+ files, 2 workers/m);
    expect(shared.stdout).toBe(single.stdout);
    // And with the index: written by workers, then read back warm.
    const cache = tempDir('csp-cache-');
    expect(csp(dir, args, { CSP_WORKERS: '2', CSP_CACHE_DIR: cache }).stdout).toBe(single.stdout);
    expect(csp(dir, args, { CSP_WORKERS: '2', CSP_CACHE_DIR: cache }).stdout).toBe(single.stdout);
    const report = JSON.parse(single.stdout) as { errors: number; diagnostics: { file: string; rule: string }[] };
    expect(report.diagnostics.map((d) => [d.file, d.rule])).toEqual([
      ['records/actions/broken.md', 'yaml-syntax'],
      ['records/members.yaml', 'schema'],
    ]);
  }, 120_000);
});
