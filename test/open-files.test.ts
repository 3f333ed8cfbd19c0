/** csp run many times in one process (as the tests and the fuzz suite do) leaves no file open behind it. */
import { describe, it, expect } from 'vitest';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli, copyBundled, minimalRecord, tempDir } from './helpers.js';

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

/** Every shape of bad file, and a finding's position read after the record was loaded (from the index's pack). */
const SHAPES: Record<string, (records: string) => void> = {
  'as it is': () => undefined,
  'a binary action file': (r) => writeFileSync(path.join(r, 'actions/x.md'), Buffer.from([0, 1, 2, 255, 0])),
  'an action file over 1 MiB': (r) =>
    writeFileSync(path.join(r, 'actions/x.md'), `---\ntitle: x\n---\n${'a'.repeat(1_100_000)}`),
  'an action file not in UTF-8': (r) =>
    writeFileSync(path.join(r, 'actions/x.md'), Buffer.from('---\ntitle: caf\xe9\n---\n', 'latin1')),
  'a folder named like an action file': (r) => mkdirSync(path.join(r, 'actions/x.md')),
  'a members.yaml that does not load': (r) => writeFileSync(path.join(r, 'members.yaml'), 'members: [\n'),
  'no partnership.md': (r) => rmSync(path.join(r, 'partnership.md')),
};

describe('in-process runs leave no file open', () => {
  for (const [shape, make] of Object.entries(SHAPES)) {
    it(shape, async () => {
      const dir = copyBundled();
      make(path.join(dir, 'records'));
      const cache = tempDir('csp-cache-');
      const site = path.join(dir, 'site');
      const before = openFiles();
      for (const args of [
        ['validate'],
        ['start'],
        ['actions', '--format', 'json'],
        ['agenda', '2026-12-10'],
        ['decisions'],
        ['export', '--out', site],
      ])
        for (const env of [
          { CSP_CACHE_DIR: cache, CSP_NO_CACHE: '' },
          { CSP_CACHE_DIR: cache, CSP_NO_CACHE: '' },
          { CSP_NO_CACHE: '1' },
        ]) {
          const r = await cli(dir, [...args, '--as-of', '2026-11-22'], { env });
          expect(r.stderr, args.join(' ')).not.toContain('did not expect');
        }
      expect(openFiles()).toBe(before);
    });
  }
});
