/**
 * The stat of many files (src/workspace/stat-many.ts): the answers lstat gives, in order, for
 * files, folders, links (not followed), paths with nothing there and paths that cannot be
 * asked about; and a warm `csp agenda` that trusts its summary on those answers.
 */
import { describe, it, expect } from 'vitest';
import { lstatSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FIELDS, KIND, statMany } from '../src/workspace/stat-many.js';
import { csp, ROOT, tempDir } from './helpers.js';
import { settle } from './support/coarse-fs.js';

/** A folder of `n` files of different sizes, a subfolder, a link and paths that are not there. */
function paths(n: number): string[] {
  const dir = tempDir('csp-stat-');
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const f = path.join(dir, `f${i}.md`);
    writeFileSync(f, 'x'.repeat(i % 97));
    out.push(f);
    if (i % 500 === 0) out.push(path.join(dir, `missing-${i}.md`));
  }
  mkdirSync(path.join(dir, 'sub'));
  symlinkSync(out[0]!, path.join(dir, 'link.md'));
  out.push(path.join(dir, 'sub'), path.join(dir, 'link.md'), path.join(out[0]!, 'under-a-file'));
  return out;
}

describe('statMany', () => {
  it('gives the answers lstat gives, in order', () => {
    const list = paths(2000);
    const one = statMany(list);
    expect(one.length).toBe(list.length * FIELDS);
    list.forEach((p, i) => {
      const at = i * FIELDS;
      let st;
      try {
        st = lstatSync(p, { throwIfNoEntry: false });
      } catch {
        expect(one[at], p).toBeNaN();
        return;
      }
      if (!st) {
        expect(one[at], p).toBe(KIND.none);
        return;
      }
      expect(one[at], p).toBe(st.isFile() ? KIND.file : st.isDirectory() ? KIND.dir : KIND.other);
      expect([...one.subarray(at + 1, at + FIELDS)], p).toEqual([st.size, st.mtimeMs, st.ctimeMs, st.ino]);
    });
    // Every kind is there: files, nothing, a folder, a link (not followed) and a path under a file.
    const kinds = new Set(list.map((_p, i) => one[i * FIELDS]));
    expect([...kinds].map(String).sort()).toEqual(['0', '1', '2', '3', 'NaN']);
  });

  it('answers an empty list', () => {
    expect(statMany([]).length).toBe(0);
  });
});

describe('a warm agenda', () => {
  it('a warm csp agenda trusts its summary on the stats, with and without reading threads, as the index off gives it', async () => {
    const { generate } = (await import(pathToFileURL(path.join(ROOT, 'bench', 'generate.js')).href)) as {
      generate: (dir: string, meetings: number, papers: number) => void;
    };
    const dir = tempDir();
    generate(path.join(dir, 'records'), 120, 0);
    const { readdirSync } = await import('node:fs');
    const meeting = readdirSync(path.join(dir, 'records', 'meetings'))
      .sort()
      .pop()!;
    const args = ['agenda', meeting, '--as-of', '2025-12-01'];
    const off = csp(dir, args, { CSP_NO_CACHE: '1' });
    expect(off.code, off.stderr).toBe(0);
    expect(off.stdout).toMatch(/## Actions for review/);
    const cache = tempDir('csp-cache-');
    // No find on the path, so every run takes the stats itself (the sweep by find has tests of its own).
    const noFind = tempDir('csp-path-');
    settle();
    for (const [run, workers] of ['1', '0', '1'].entries()) {
      const r = csp(dir, args, { CSP_CACHE_DIR: cache, CSP_WORKERS: workers, CSP_DEBUG: '1', PATH: noFind });
      expect(r.stdout).toBe(off.stdout);
      // Warm, the meeting's own files are trusted: nothing to read, so no reading thread either.
      if (run > 0) {
        expect(r.stderr).toMatch(/^read: 0 files, 0 workers/m);
        const [, trusted, files] = /^agenda facts: (\d+) of (\d+) files trusted unread/m.exec(r.stderr) ?? [];
        expect(Number(files)).toBeGreaterThanOrEqual(500);
        expect(trusted).toBe(files);
      }
      expect(r.stderr).toMatch(/^agenda facts: \d+ of \d+ files trusted unread, stats \d+ ms, the rest/m);
    }
  }, 120_000);
});
