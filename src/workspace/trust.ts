/**
 * When a file may be trusted without reading it, as git trusts its index: the digest kept of
 * a file's bytes, and the rule for "racily clean" files. File systems keep times to a second
 * or two (FAT: 2 s), so a file changed within that tick of the moment its stat was taken
 * might change again without its stat showing it: such a file is trusted only on its digest.
 * The record index, the agenda's summary, validate's findings and export's manifest all
 * follow this one rule.
 */
import { createHash } from 'node:crypto';

/** A file's stat as compared to trust it: size, modification and change times (ms), inode. */
export type Stamp = [size: number, mtimeMs: number, ctimeMs: number, ino: number];

/** How close to (or after) the moment a stat was taken a change makes the file racily clean. */
export const RACY_MS = 2000;

/** Whether a file last changed at these times was settled when its stat was taken at `checkedAt`. */
export function settledAt(mtimeMs: number, ctimeMs: number, checkedAt: number): boolean {
  return Math.max(mtimeMs, ctimeMs) < checkedAt - RACY_MS;
}

/** The digest kept of a file's bytes (sha1, hex). */
export function digestHex(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}
