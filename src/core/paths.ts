/** Paths as the clerk sees them: relative to where they typed the command, with forward slashes. */
import path from 'node:path';

/** A path with forward slashes, whatever the platform. */
export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** Shows an absolute path the way the user would type it from `cwd` ("records", "../records"). */
export function displayPath(cwd: string, abs: string): string {
  return toPosix(path.relative(cwd, abs) || '.');
}

/** A record-relative path joined to the record's display path ("records/meetings/…"). */
export function shown(display: string, rel: string): string {
  return display === '.' ? rel : `${display}/${rel}`;
}

/** Resolves a path inside the record; undefined when it would lead outside it. */
export function insideRecord(root: string, fromDir: string, target: string): string | undefined {
  const abs = path.resolve(fromDir, target);
  const rel = path.relative(root, abs);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return abs;
}
