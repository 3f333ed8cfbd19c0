/**
 * The stat of many files (src/workspace/stat-many.ts): the answers lstat gives, in order, for
 * files, folders, links (not followed), paths with nothing there and paths that cannot be
 * asked about; the same answers when a helper thread (the built one) shares the questions,
 * when a helper takes chunks and never answers them, and through `csp agenda` with and
 * without the helper.
 */
import { describe, it, expect } from 'vitest';
import { lstatSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CHUNK, FIELDS, KIND, takeChunks, type StatWork } from '../src/workspace/stat-chunks.js';
import {
  dropStats,
  finishStats,
  HELPER_TIMEOUT_MS,
  startStats,
  statMany,
  type StatHelper,
} from '../src/workspace/stat-many.js';
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

/** The same answers, NaN for NaN. */
function sameAnswers(a: Float64Array, b: Float64Array): void {
  expect(a.length).toBe(b.length);
  const differ: number[] = [];
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) differ.push(i);
  expect(differ).toEqual([]);
}

/** A stand-in for the helper thread: `take` is what it does, at once, with the work it is handed. */
function standIn(take: (work: StatWork) => void, timeoutMs = HELPER_TIMEOUT_MS): StatHelper {
  const worker = { postMessage: take, terminate: () => Promise.resolve(0) } as unknown as Worker;
  return { worker, timeoutMs, chunks: 0, helped: 0 };
}

describe('statMany with a helper thread', () => {
  it('the built helper answers the chunks it takes, and the answers are those of one thread', async () => {
    const list = [...paths(1000), ...paths(1000), ...paths(1000)];
    const alone = statMany(list);
    const worker = new Worker(pathToFileURL(path.join(ROOT, 'dist', 'stat-worker.cjs')));
    try {
      await new Promise((resolve) => worker.once('online', resolve));
      // The helper alone: this thread takes no chunk and waits for every one.
      const work: StatWork = {
        paths: list.join('\0'),
        answers: new SharedArrayBuffer(list.length * FIELDS * 8),
        control: new SharedArrayBuffer((1 + Math.ceil(list.length / CHUNK)) * 4),
      };
      const control = new Int32Array(work.control);
      worker.postMessage(work);
      const until = Date.now() + 20_000;
      for (let c = 1; c < control.length; c++) {
        while (Atomics.load(control, c) !== 1) {
          if (Date.now() > until) throw new Error(`the helper never answered chunk ${c - 1}`);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      }
      sameAnswers(new Float64Array(work.answers), alone);
      // Shared: the helper, already running, takes its part.
      const helper: StatHelper = { worker, timeoutMs: HELPER_TIMEOUT_MS, chunks: 0, helped: 0 };
      sameAnswers(statMany([...list, ...list, ...list], helper), new Float64Array([...alone, ...alone, ...alone]));
      expect(helper.chunks).toBe(Math.ceil((list.length * 3) / CHUNK));
      expect(helper.helped).toBeGreaterThanOrEqual(0);
      expect(helper.helped).toBeLessThanOrEqual(helper.chunks);
      // Handed over first and finished later, as a warm agenda does while it reads its meeting:
      // the helper has had the time to take every chunk.
      const early = startStats(list, helper);
      const flags = early.shared!.control.subarray(1);
      for (const until = Date.now() + 20_000; !flags.every((f) => f === 1) && Date.now() < until;)
        await new Promise((resolve) => setTimeout(resolve, 5));
      sameAnswers(finishStats(early), alone);
      expect(helper.helped).toBe(helper.chunks);
      // Stats dropped part way: the helper stops taking them and is free for the next ones.
      const dropped = startStats(list, helper);
      dropStats(dropped);
      sameAnswers(statMany(list, helper), alone);
    } finally {
      await worker.terminate();
    }
  }, 60_000);

  it('counts the chunks a helper answered', () => {
    const list = paths(1500);
    const helper = standIn((work) => {
      takeChunks(work.paths.split('\0'), new Float64Array(work.answers), new Int32Array(work.control));
    });
    sameAnswers(statMany(list, helper), statMany(list));
    expect(helper.chunks).toBe(Math.ceil(list.length / CHUNK));
    expect(helper.helped).toBe(helper.chunks);
  });

  it('asks about the paths of a chunk the helper took and never answered', () => {
    const list = paths(1500);
    // Takes the first two chunks and does nothing with them, as a helper that died would.
    const helper = standIn((work) => {
      const control = new Int32Array(work.control);
      Atomics.add(control, 0, 2);
    }, 50);
    const t0 = Date.now();
    sameAnswers(statMany(list, helper), statMany(list));
    expect(helper.helped).toBe(2);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(50);
  });

  it('csp agenda gives the same agenda with the helper, without it and with the index off', async () => {
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
    settle();
    for (const [run, workers] of ['1', '0', '1'].entries()) {
      const r = csp(dir, args, { CSP_CACHE_DIR: cache, CSP_WORKERS: workers, CSP_DEBUG: '1' });
      expect(r.stdout).toBe(off.stdout);
      // Warm, the meeting's own files are trusted: nothing to read, so no reading thread either.
      if (run > 0) {
        expect(r.stderr).toMatch(/^read: 0 files, 0 workers/m);
        const [, trusted, files] = /^agenda facts: (\d+) of (\d+) files trusted unread/m.exec(r.stderr) ?? [];
        expect(Number(files)).toBeGreaterThanOrEqual(500);
        expect(trusted).toBe(files);
        if (workers === '1') expect(Number(/of (\d+) chunks/.exec(r.stderr)?.[1])).toBeGreaterThanOrEqual(2);
      }
      expect(r.stderr).toMatch(
        workers === '1'
          ? /^agenda facts: \d+ of \d+ files trusted unread, stats \d+ ms \(a second thread took \d+ of \d+ chunks\), the rest/m
          : /^agenda facts: \d+ of \d+ files trusted unread, stats \d+ ms, the rest/m,
      );
    }
  }, 120_000);
});
