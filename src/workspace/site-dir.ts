/**
 * Writing the public site: built whole in a temporary folder beside --out and moved into
 * place, so a failed export leaves the previous site as it was. Only a folder that csp
 * export wrote itself (it holds the mark file) is ever replaced, and never a folder in or
 * around the record.
 */
import {
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ProblemError, UsageError } from '../core/errors.js';
import { digestHex, type Stamp } from './trust.js';
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
 * Files written into a folder (a site's temporary folder), each with the digest of its
 * bytes. Errors are thrown as they come; the site's writer, or a worker thread writing
 * for it, says what they mean.
 */
export class FolderWriter {
  /** Site path → SHA-1 of the bytes written. */
  readonly digests = new Map<string, string>();
  /** Site path → the file's stat once written (size, modification and change times, inode), for the manifest. */
  readonly stamps = new Map<string, Stamp>();
  files = 0;
  bytes = 0;
  private readonly dirs = new Set<string>();
  constructor(readonly dir: string) {}

  /** Writes `bytes` to the file at site path `rel`. */
  write(rel: string, bytes: Uint8Array): void {
    const to = path.join(this.dir, ...rel.split('/'));
    const d = path.dirname(to);
    if (!this.dirs.has(d)) {
      mkdirSync(d, { recursive: true });
      this.dirs.add(d);
    }
    const fd = openSync(to, 'w');
    try {
      writeFileSync(fd, bytes);
      const st = fstatSync(fd);
      this.stamps.set(rel, [st.size, st.mtimeMs, st.ctimeMs, st.ino]);
    } finally {
      closeSync(fd);
    }
    this.digests.set(rel, digestHex(bytes));
    this.bytes += bytes.length;
    this.files++;
  }

  /** Copies a paper from the record: its bytes, as copied. */
  paper(rel: string, from: string): Buffer {
    const bytes = readFileSync(from);
    this.write(rel, bytes);
    return bytes;
  }
}

const notWritten = (e: unknown) =>
  new ProblemError(`The website could not be written (${(e as Error).message}); the previous site was left as it was.`);

/**
 * The site being written: texts and copied papers go into a temporary folder beside
 * --out as they are made (here, or by a worker thread into `dir`), which then replaces
 * the folder in one move (`commit`); or is removed (`abandon`), leaving the previous site
 * as it was. The digest of every file written is kept (for the manifest of the export).
 */
export class SiteWriter {
  private readonly folder: FolderWriter;
  private done = false;
  private constructor(
    private readonly outAbs: string,
    private readonly tmp: string,
  ) {
    this.folder = new FolderWriter(tmp);
  }

  /** Starts a site for `outAbs`, in a new temporary folder beside it. */
  static open(system: Pick<System, 'pid' | 'isAlive'>, outAbs: string): SiteWriter {
    const parent = path.dirname(outAbs);
    const base = path.basename(outAbs);
    try {
      mkdirSync(parent, { recursive: true });
      removeLeftovers(system, parent, base);
      // The folder's name carries this process's id, so another export can tell it is still being written.
      return new SiteWriter(outAbs, mkdtempSync(path.join(parent, `.${base}.csp-new-${system.pid}-`)));
    } catch (e) {
      throw notWritten(e);
    }
  }

  /** The temporary folder the site is written into. */
  get dir(): string {
    return this.tmp;
  }

  /** Site path → SHA-1 of the bytes written. */
  get digests(): ReadonlyMap<string, string> {
    return this.folder.digests;
  }

  /** Writes a page or file of the site as its bytes (the UTF-8 of its text). */
  bytes(rel: string, bytes: Uint8Array): void {
    try {
      this.folder.write(rel, bytes);
    } catch (e) {
      this.abandon();
      throw notWritten(e);
    }
  }

  /** Copies a paper from the record into the site: its bytes, as copied. */
  paper(rel: string, from: string): Buffer {
    try {
      return this.folder.paper(rel, from);
    } catch (e) {
      this.abandon();
      throw notWritten(e);
    }
  }

  /** Site path → the file's stat once written. */
  get stamps(): ReadonlyMap<string, Stamp> {
    return this.folder.stamps;
  }

  /** Counts what another thread wrote into the folder (its digests, stats, files and bytes). */
  absorb(digests: [string, string][], files: number, bytes: number, stamps: [string, Stamp][]): void {
    for (const [rel, d] of digests) this.folder.digests.set(rel, d);
    for (const [rel, st] of stamps) this.folder.stamps.set(rel, st);
    this.folder.files += files;
    this.folder.bytes += bytes;
  }

  /** Stops, having failed: removes the folder (the previous site stays) and says why. */
  fail(message: string): never {
    this.abandon();
    throw notWritten(new Error(message));
  }

  /** Removes what was written; the previous site stays. */
  abandon(): void {
    if (this.done) return;
    this.done = true;
    rmSync(this.tmp, { recursive: true, force: true });
  }

  /** Marks the folder as csp export's and moves it into place, replacing the previous site. */
  commit(): SiteWritten {
    const written = { files: this.folder.files, bytes: this.folder.bytes };
    try {
      this.folder.write(SITE_MARK, Buffer.from(MARK_TEXT, 'utf8'));
    } catch (e) {
      this.abandon();
      throw notWritten(e);
    }
    this.done = true;
    const { outAbs, tmp } = this;
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
    return written;
  }
}

const MARK_TEXT = 'This folder was written by csp export, which replaces it whole on the next export.\n';

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
