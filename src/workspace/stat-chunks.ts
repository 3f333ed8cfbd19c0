/**
 * The part of statMany both threads run (kept apart, with nothing else, so that the helper
 * thread is a small CommonJS file that starts quickly): the lstat of a range of paths into
 * a shared array, and the taking of chunks from a shared counter.
 */
import { lstatSync } from 'node:fs';

/** What is known of a path: its kind (see KIND), size, modification and change times (ms), and inode. */
export const FIELDS = 5;
/** The kinds, in the first field: nothing there, a file, a folder, anything else; NaN when it cannot be asked. */
export const KIND = { none: 0, file: 1, dir: 2, other: 3 } as const;

/** Paths in a chunk: small enough that the two threads finish close together. */
export const CHUNK = 256;

/** What the helper thread is handed: the paths (joined by NUL), where the answers go, and the chunk counter. */
export interface StatWork {
  paths: string;
  answers: SharedArrayBuffer;
  /** Int32: [0] the next chunk to take; [1 + c] 1 once chunk c is answered. */
  control: SharedArrayBuffer;
}

/** The lstat of paths[from..to), into answers. */
export function statRange(paths: readonly string[], from: number, to: number, answers: Float64Array): void {
  for (let i = from; i < to; i++) {
    const at = i * FIELDS;
    try {
      const st = lstatSync(paths[i]!, { throwIfNoEntry: false });
      if (st === undefined) {
        answers[at] = KIND.none;
        continue;
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
}

/** Takes chunks from the shared counter and answers them, until none is left; how many it took. */
export function takeChunks(paths: readonly string[], answers: Float64Array, control: Int32Array): number {
  const chunks = control.length - 1;
  let taken = 0;
  for (let c = Atomics.add(control, 0, 1); c < chunks; c = Atomics.add(control, 0, 1), taken++) {
    statRange(paths, c * CHUNK, Math.min(paths.length, (c + 1) * CHUNK), answers);
    Atomics.store(control, 1 + c, 1);
    Atomics.notify(control, 1 + c);
  }
  return taken;
}
