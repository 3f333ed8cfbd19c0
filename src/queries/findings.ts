/** Which findings concern the files a clerk named (csp validate FILE…): the whole record is read, the report narrowed. */
import path from 'node:path';
import type { Diagnostic } from '../core/diagnostic.js';

/** A file or folder named on the command line, resolved; `inRecord` false when it lies outside the record. */
export interface NamedPath {
  typed: string;
  abs: string;
  inRecord: boolean;
}

/** Resolves the paths a clerk typed against the working directory and checks each lies in the record. */
export function namedPaths(cwd: string, root: string, typed: readonly string[]): NamedPath[] {
  return typed.map((t) => {
    const abs = path.resolve(cwd, t);
    const rel = path.relative(root, abs);
    return { typed: t, abs, inRecord: rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel)) };
  });
}

/** The findings on the named files, or on files inside the named folders. */
export function findingsFor(list: readonly Diagnostic[], cwd: string, named: readonly NamedPath[]): Diagnostic[] {
  return list.filter((d) => {
    const abs = path.resolve(cwd, d.file);
    return named.some((n) => abs === n.abs || abs.startsWith(n.abs.endsWith(path.sep) ? n.abs : n.abs + path.sep));
  });
}
