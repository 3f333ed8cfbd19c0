/** Finding the record folder: --records, CSP_RECORDS, or the nearest records/partnership.md upwards. */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Env } from '../core/env.js';
import { UsageError } from '../core/errors.js';
import { displayPath, toPosix } from '../core/paths.js';

export interface FoundRecord {
  /** Absolute path of the record folder. */
  root: string;
  /** The folder as shown to the user: relative to the working directory where possible. */
  display: string;
}

/** A folder with partnership.md that also holds a roster or meetings/ (not some other project's partnership.md). */
function isRecordFolder(dir: string): boolean {
  return (
    path.basename(dir) === 'records' ||
    existsSync(path.join(dir, 'members.yaml')) ||
    existsSync(path.join(dir, 'meetings'))
  );
}

/** Locates the record for a command; throws a UsageError (exit 2) when there is none. */
export function findRecord(cwd: string, explicit: string | undefined, env: Env): FoundRecord {
  const given = explicit ?? (env.CSP_RECORDS && env.CSP_RECORDS !== '' ? env.CSP_RECORDS : undefined);
  if (given !== undefined) {
    const root = path.resolve(cwd, given);
    if (!existsSync(root) || !statSync(root).isDirectory()) {
      throw new UsageError(
        `There is no record folder at ${given}. Check the path, or create a record there with: csp init ${given}`,
      );
    }
    if (!existsSync(path.join(root, 'partnership.md'))) {
      throw new UsageError(`${given} is not a record: it has no partnership.md. Create one with: csp init ${given}`);
    }
    // Shown relative to the working directory when it lies inside it (an absolute --records
    // in a test or a script), else as typed.
    const inside = path.relative(cwd, root);
    if (path.isAbsolute(given) && !inside.startsWith('..') && !path.isAbsolute(inside))
      return { root, display: displayPath(cwd, root) };
    const typed = path.normalize(given).replace(/[\\/]+$/, '');
    return { root, display: toPosix(typed === '' ? '.' : typed) };
  }
  let dir = path.resolve(cwd);
  for (;;) {
    const candidate = path.join(dir, 'records');
    if (existsSync(path.join(candidate, 'partnership.md')))
      return { root: candidate, display: displayPath(cwd, candidate) };
    // The working directory is the record itself (whatever its folder is called), or inside it.
    if (existsSync(path.join(dir, 'partnership.md')) && isRecordFolder(dir)) {
      return { root: dir, display: displayPath(cwd, dir) };
    }
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  throw new UsageError(
    'No record found: there is no records/partnership.md here or in any folder above. Create a record with "csp init", or say where it is with --records DIR or the CSP_RECORDS environment variable.',
  );
}
