/** Writing a file the clerk asked for outside the record (csp agenda --out FILE): created whole, never over an existing file. */
import path from 'node:path';
import type { System } from '../workspace/system.js';
import { writePlanned } from './seam.js';

/** Creates `abs` holding `text`; false (nothing written) when it already exists. */
export function createOutputFile(system: System, abs: string, shown: string, text: string): boolean {
  const r = writePlanned({ root: path.dirname(abs), system }, [{ kind: 'create', abs, shown, text, check: 'none' }]);
  return r.created.length === 1;
}
