/**
 * The stat of many files at once (not following links), shared with a second thread when
 * there are enough of them: on a council's record a warm command spends most of its time
 * asking the file system about tens of thousands of files, and each question waits on the
 * kernel, so two threads ask about twice as many in the same time.
 *
 * Both threads take the next block of paths from a shared counter, so neither waits for
 * the other: a helper thread slow to start (or one that cannot start at all) only means
 * this thread asks about more of the files. The answers are written into shared memory,
 * and this thread waits for the helper's last block synchronously (the callers are
 * synchronous); a block the helper took but did not finish in time is asked again here.
 */
import { lstatSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** What is known of a path: its kind (see KIND), size, modification and change times (ms), and inode. */
export const FIELDS = 5;
/** The kinds, in the first field: nothing there, a file, a folder, anything else; NaN when it cannot be asked. */
export const KIND = { none: 0, file: 1, dir: 2, other: 3 } as const;

/** Fewer paths than this are asked about in this thread alone (starting a thread costs more). */
const SHARED_FROM = 4000;
/** Paths per block taken from the counter. */
const BLOCK = 256;
/** How long to wait for a block the helper took before asking about it here. */
const HELPER_TIMEOUT_MS = 5000;

/** The helper thread's code: CommonJS, loading nothing of csp, so it starts in a few milliseconds. */
const HELPER = `
const { workerData } = require('node:worker_threads');
const { lstatSync } = require('node:fs');
const { list, out, ctl, block } = workerData;
const paths = list.split('\\0');
const answers = new Float64Array(out);
const counters = new Int32Array(ctl);
for (;;) {
  const from = Atomics.add(counters, 0, block);
  if (from >= paths.length) break;
  const to = Math.min(from + block, paths.length);
  for (let i = from; i < to; i++) {
    const at = i * ${FIELDS};
    try {
      const st = lstatSync(paths[i], { throwIfNoEntry: false });
      if (st === undefined) answers[at] = 0;
      else {
        answers[at] = st.isFile() ? 1 : st.isDirectory() ? 2 : 3;
        answers[at + 1] = st.size; answers[at + 2] = st.mtimeMs; answers[at + 3] = st.ctimeMs; answers[at + 4] = st.ino;
      }
    } catch { answers[at] = NaN; }
  }
  Atomics.add(counters, 1, to - from);
  Atomics.notify(counters, 1);
}
`;

/** Asks about one path, writing its answer at `at`. */
function ask(path: string, answers: Float64Array, at: number): void {
  try {
    const st = lstatSync(path, { throwIfNoEntry: false });
    if (st === undefined) {
      answers[at] = KIND.none;
      return;
    }
    answers[at] = st.isFile() ? KIND.file : st.isDirectory() ? KIND.dir : KIND.other;
    answers[at + 1] = st.size;
    answers[at + 2] = st.mtimeMs;
    answers[at + 3] = st.ctimeMs;
    answers[at + 4] = st.ino;
  } catch {
    answers[at] = NaN;
  }
}

/**
 * The lstat of each path, FIELDS numbers per path in order. `threads` is how many threads
 * may ask (1: this one only).
 */
export function statMany(paths: readonly string[], threads: number): Float64Array {
  const n = paths.length;
  if (threads < 2 || n < SHARED_FROM) {
    const answers = new Float64Array(n * FIELDS);
    for (let i = 0; i < n; i++) ask(paths[i]!, answers, i * FIELDS);
    return answers;
  }
  const out = new SharedArrayBuffer(n * FIELDS * 8);
  const answers = new Float64Array(out);
  const ctl = new SharedArrayBuffer(8);
  const counters = new Int32Array(ctl);
  let helper: Worker | undefined;
  try {
    helper = new Worker(HELPER, { eval: true, workerData: { list: paths.join('\0'), out, ctl, block: BLOCK } });
    helper.unref();
    // A helper that fails to start is this thread's work: nothing to report.
    helper.on('error', () => {});
  } catch {
    helper = undefined;
  }
  let mine = 0;
  for (;;) {
    const from = Atomics.add(counters, 0, BLOCK);
    if (from >= n) break;
    const to = Math.min(from + BLOCK, n);
    for (let i = from; i < to; i++) ask(paths[i]!, answers, i * FIELDS);
    mine += to - from;
  }
  // Every block is taken; wait for the helper's to be done (the counter of answered paths reaching n).
  const deadline = Date.now() + HELPER_TIMEOUT_MS;
  for (;;) {
    const done = Atomics.load(counters, 1) + mine;
    if (done >= n) break;
    if (Date.now() > deadline) {
      // The helper stopped part-way: ask about everything again here (answers are the same either way).
      for (let i = 0; i < n; i++) ask(paths[i]!, answers, i * FIELDS);
      break;
    }
    Atomics.wait(counters, 1, Atomics.load(counters, 1), 20);
  }
  void helper?.terminate();
  // Plain memory for the callers (a shared buffer cannot be kept in a Buffer or sent as one).
  return answers.slice();
}
