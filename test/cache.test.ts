import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { copyBundled, cli, minimalRecord, tempDir } from './helpers.js';

const AS_OF = ['--as-of', '2026-11-22'];

describe('the parse cache', () => {
  it('a second run gives byte-identical output from the cache', async () => {
    const dir = copyBundled();
    const cache = tempDir('csp-cache-');
    const first = await cli(dir, ['validate', '--format', 'json', ...AS_OF], { env: { CSP_CACHE_DIR: cache } });
    expect(readdirSync(cache).filter((f) => f.endsWith('.json'))).toHaveLength(1);
    const second = await cli(dir, ['validate', '--format', 'json', ...AS_OF], { env: { CSP_CACHE_DIR: cache } });
    expect(second.stdout).toBe(first.stdout);
    expect(second.code).toBe(first.code);
    const start1 = await cli(dir, ['start', ...AS_OF], { env: { CSP_CACHE_DIR: cache } });
    const start2 = await cli(dir, ['start', ...AS_OF], { env: { CSP_CACHE_DIR: cache, CSP_NO_CACHE: '1' } });
    expect(start1.stdout).toBe(start2.stdout);
  });

  it('never serves a stale result: an edited file is read again', async () => {
    const dir = minimalRecord({
      'actions/book-venue.md': '---\ntitle: Book the venue\nowner: clerk\nstatus: open\n---\n',
    });
    const cache = tempDir('csp-cache-');
    expect((await cli(dir, ['validate', '--format', 'json', ...AS_OF], { env: { CSP_CACHE_DIR: cache } })).code).toBe(
      0,
    );
    writeFileSync(
      path.join(dir, 'records/actions/book-venue.md'),
      '---\ntitle: Book the venue\nowner: nobody\nstatus: open\n---\n',
    );
    const r = await cli(dir, ['validate', '--format', 'json', ...AS_OF], { env: { CSP_CACHE_DIR: cache } });
    const found = JSON.parse(r.stdout).diagnostics.map(
      (d: { file: string; line: number; column: number; rule: string }) => [d.file, d.line, d.column, d.rule],
    );
    expect(found).toEqual([['records/actions/book-venue.md', 3, 8, 'unknown-ref']]);
    expect(r.code).toBe(1);
  });

  it('a damaged cache file is ignored and rewritten', async () => {
    const dir = minimalRecord();
    const cache = tempDir('csp-cache-');
    await cli(dir, ['validate', ...AS_OF], { env: { CSP_CACHE_DIR: cache } });
    const file = path.join(
      cache,
      readdirSync(cache).find((f) => f.endsWith('.json'))!,
    );
    writeFileSync(file, '{ not json');
    const r = await cli(dir, ['validate', '--format', 'json', ...AS_OF], { env: { CSP_CACHE_DIR: cache } });
    expect(JSON.parse(r.stdout)).toEqual({ ok: true, errors: 0, warnings: 0, diagnostics: [] });
    expect(() => JSON.parse(readFileSync(file, 'utf8'))).not.toThrow();
  });

  it('CSP_NO_CACHE=1 writes no cache', async () => {
    const dir = minimalRecord();
    const cache = path.join(tempDir('csp-cache-'), 'inner');
    await cli(dir, ['validate', ...AS_OF], { env: { CSP_CACHE_DIR: cache, CSP_NO_CACHE: '1' } });
    expect(existsSync(cache)).toBe(false);
  });
});
