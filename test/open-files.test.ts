/** csp run many times in one process (as the tests and the fuzz suite do) leaves no file open behind it. */
import { describe, it, expect } from 'vitest';
import { readdirSync } from 'node:fs';
import { cli, minimalRecord } from './helpers.js';

const openFiles = () => readdirSync('/proc/self/fd').length;

describe('open files', () => {
  it('40 runs with the record index on, each of a new record, leave no more files open than one run', async () => {
    // One run first, so that what csp opens once for good (modules, workers) is counted before.
    await cli(minimalRecord(), ['validate', '--as-of', '2026-06-01']);
    const before = openFiles();
    for (let i = 0; i < 20; i++) {
      const dir = minimalRecord({ 'stray.md': `# ${i}\n` });
      const v = await cli(dir, ['validate', '--format', 'json', '--as-of', '2026-06-01']);
      expect(v.code).toBe(1);
      const a = await cli(dir, ['actions', '--format', 'json', '--as-of', '2026-06-01']);
      expect(a.code).toBe(0);
    }
    // Each run held two packs of the index open for good: 40 more after 40 runs (5,963 fuzz cases ran out).
    expect(openFiles()).toBeLessThanOrEqual(before + 2);
  }, 120_000);
});
