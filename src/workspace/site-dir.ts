/**
 * Writing the public site: built whole in a temporary folder beside --out and moved into
 * place, so a failed export leaves the previous site as it was. Only a folder that csp
 * export wrote itself (it holds the mark file) is ever replaced, and never a folder in or
 * around the record.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ProblemError, UsageError } from '../core/errors.js';
import type { System } from './system.js';

/** The file that marks a folder as written by csp export. */
export const SITE_MARK = '.csp-export';

const inside = (parent: string, child: string) => {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/** Refuses an --out folder that export must not write: in or around the record, a file, or a folder of someone else's files. */
export function checkSiteFolder(outAbs: string, shownOut: string, recordRoot: string): void {
  const root = path.resolve(recordRoot);
  if (inside(root, outAbs))
    throw new UsageError(
      `--out ${shownOut} is inside the record; the website is never written into the record. Choose a folder outside it, e.g. --out site.`,
    );
  if (inside(outAbs, root))
    throw new UsageError(
      `--out ${shownOut} holds the record itself; export replaces the whole folder it writes. Choose a folder of its own, e.g. --out site.`,
    );
  if (!existsSync(outAbs)) return;
  if (!statSync(outAbs).isDirectory())
    throw new ProblemError(
      `--out ${shownOut} is a file, not a folder; nothing was written. Choose a folder for the website.`,
    );
  const names = readdirSync(outAbs);
  if (names.length > 0 && !names.includes(SITE_MARK)) {
    throw new ProblemError(
      `${shownOut} is not empty and was not written by csp export (it has no ${SITE_MARK} file), so it was left alone and nothing was written. Choose an empty or new folder for the website.`,
    );
  }
}

/** What was written. */
export interface SiteWritten {
  files: number;
  bytes: number;
}

/**
 * Writes the site to `outAbs`: texts and copied papers go into a temporary folder beside
 * it, which then replaces the folder in one move. On any failure the temporary folder is
 * removed and the previous site stays.
 */
export function writeSiteFolder(
  system: Pick<System, 'pid' | 'isAlive'>,
  outAbs: string,
  texts: Map<string, string>,
  papers: Map<string, string>,
  onFile?: (done: number, total: number) => void,
): SiteWritten {
  const parent = path.dirname(outAbs);
  mkdirSync(parent, { recursive: true });
  const base = path.basename(outAbs);
  removeLeftovers(system, parent, base);
  // The folder's name carries this process's id, so another export can tell it is still being written.
  const tmp = mkdtempSync(path.join(parent, `.${base}.csp-new-${system.pid}-`));
  let bytes = 0;
  let files = 0;
  const total = texts.size + papers.size;
  try {
    const dirs = new Set<string>();
    const dirFor = (rel: string) => {
      const d = path.dirname(path.join(tmp, ...rel.split('/')));
      if (!dirs.has(d)) {
        mkdirSync(d, { recursive: true });
        dirs.add(d);
      }
    };
    for (const [rel, text] of texts) {
      dirFor(rel);
      const buf = Buffer.from(text, 'utf8');
      writeFileSync(path.join(tmp, ...rel.split('/')), buf);
      bytes += buf.length;
      onFile?.(++files, total);
    }
    for (const [rel, from] of papers) {
      dirFor(rel);
      const to = path.join(tmp, ...rel.split('/'));
      copyFileSync(from, to);
      bytes += statSync(to).size;
      onFile?.(++files, total);
    }
    writeFileSync(
      path.join(tmp, SITE_MARK),
      'This folder was written by csp export, which replaces it whole on the next export.\n',
    );
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw new ProblemError(
      `The website could not be written (${(e as Error).message}); the previous site was left as it was.`,
    );
  }
  let old: string | undefined;
  try {
    if (existsSync(outAbs)) {
      old = tmp.replace('.csp-new-', '.csp-old-');
      renameSync(outAbs, old);
    }
    renameSync(tmp, outAbs);
  } catch (e) {
    if (old !== undefined && !existsSync(outAbs)) renameSync(old, outAbs);
    rmSync(tmp, { recursive: true, force: true });
    throw new ProblemError(
      `The website could not be moved into place (${(e as Error).message}); the previous site was left as it was.`,
    );
  }
  if (old !== undefined) removeReplaced(old);
  return { files, bytes };
}

/**
 * Removes the site just replaced. The new one is already in place, so nobody need wait:
 * a detached `rm -rf` does it where there is one (deleting tens of thousands of files is
 * the slowest part of an export on some file systems); else, or if that cannot start, it
 * is done here. A replaced site left behind (the machine stopped first) is removed by the
 * next export.
 */
function removeReplaced(old: string): void {
  try {
    const child = spawn('rm', ['-rf', '--', old], { detached: true, stdio: 'ignore' });
    child.on('error', () => {
      rmSync(old, { recursive: true, force: true });
    });
    child.unref();
  } catch {
    rmSync(old, { recursive: true, force: true });
  }
}

/**
 * Folders an earlier export left beside --out (`.<name>.csp-new-<pid>-*` being built,
 * `.<name>.csp-old-<pid>-*` replaced): removed when the export that made them has ended,
 * and left alone while it is still running (two exports at once must not undo each other).
 */
function removeLeftovers(system: Pick<System, 'pid' | 'isAlive'>, parent: string, base: string): void {
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  const mine = new RegExp(`^\\.${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.csp-(?:new|old)-(?:(\\d+)-)?`);
  for (const n of names) {
    const m = mine.exec(n);
    if (m === null) continue;
    const pid = m[1] === undefined ? undefined : Number(m[1]);
    if (pid !== undefined && pid !== system.pid && system.isAlive(pid)) continue; // another export, still at work
    rmSync(path.join(parent, n), { recursive: true, force: true });
  }
}
