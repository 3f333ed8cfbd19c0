/**
 * The stat of many files (src/workspace/stat-many.ts): the answers lstat gives, in order, for
 * files, folders, links (not followed), paths with nothing there and paths that cannot be
 * asked about.
 */
import { describe, it, expect } from 'vitest';
import { lstatSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FIELDS, KIND, statMany } from '../src/workspace/stat-many.js';
import { tempDir } from './helpers.js';

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
  symlinkSync(out[0], path.join(dir, 'link.md'));
  out.push(path.join(dir, 'sub'), path.join(dir, 'link.md'), path.join(out[0], 'under-a-file'));
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
