/** Writing a file the clerk asked for outside the record (csp agenda --out FILE): created whole, never over an existing file unless --force. */
import path from 'node:path';
import type { System } from '../workspace/system.js';
import { writePlanned } from './seam.js';
import { UsageError } from '../core/errors.js';
import { makeFolders, removeQuietly, stageTemp, syncFolder, writeFailure } from '../workspace/durable.js';
import { isFolder } from '../workspace/files.js';

/** Creates `abs` holding `text`; false (nothing written) when it already exists. */
export function createOutputFile(system: System, abs: string, shown: string, text: string): boolean {
  const r = writePlanned({ root: path.dirname(abs), system }, [{ kind: 'create', abs, shown, text, check: 'none' }]);
  return r.created.length === 1;
}

/**
 * Writes `abs` with `text` replacing any file of that name (--force): the whole text goes
 * to a temp file beside it, flushed, then takes the name in one rename, so a reader never
 * sees half a file. A folder of that name is refused.
 */
export function replaceOutputFile(system: System, abs: string, shown: string, text: string): void {
  if (isFolder(abs)) throw new UsageError(`${shown} is a folder; give --out a file name.`);
  const ops = system.files;
  makeFolders(ops, path.dirname(abs));
  let tmp: string | undefined;
  try {
    tmp = stageTemp(ops, abs, Buffer.from(text, 'utf8'));
    ops.renameSync(tmp, abs);
  } catch (e) {
    if (tmp !== undefined) removeQuietly(ops, tmp);
    throw writeFailure(e, shown);
  }
  syncFolder(ops, path.dirname(abs));
}
