/** Reading the record as it was at a git revision (for validate --base and csp changes): the only code that runs git. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UsageError } from '../core/errors.js';

function git(cwd: string, args: string[], input?: string): Buffer {
  return execFileSync('git', args, { cwd, input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 1024 * 1024 * 512 });
}

/**
 * The minutes files of the record at revision `base`: record-relative path
 * ("meetings/2016-01-14/minutes.md") → text (byte-order mark removed).
 */
export function minutesAtRevision(root: string, base: string): Map<string, string> {
  let top: string;
  try {
    top = git(root, ['rev-parse', '--show-toplevel']).toString('utf8').trim();
  } catch (e) {
    throw new UsageError(notARepository(e));
  }
  if (base.startsWith('-')) throw new UsageError(`--base "${base}" is not a git revision.`);
  try {
    git(top, ['rev-parse', '--verify', '--quiet', `${base}^{commit}`]);
  } catch {
    throw new UsageError(
      `--base "${base}" is not a revision of this repository. Fetch it first (for a pull request: git fetch origin <branch>) or check the name.`,
    );
  }
  const prefix = path.relative(realpathSync(top), realpathSync(root)).split(path.sep).join('/');
  const meetingsDir = prefix === '' ? 'meetings' : `${prefix}/meetings`;
  const listed = git(top, ['ls-tree', '-r', '-z', '--name-only', base, '--', meetingsDir])
    .toString('utf8')
    .split('\0')
    .filter((p) => /\/meetings\/[^/]+\/minutes\.md$/.test(`/${p}`));
  const out = new Map<string, string>();
  if (listed.length === 0) return out;
  // One git process for every file: `cat-file --batch` answers "<sha> blob <size>\n<bytes>\n" per request.
  const raw = git(top, ['cat-file', '--batch'], listed.map((p) => `${base}:${p}\n`).join(''));
  let at = 0;
  for (const p of listed) {
    const nl = raw.indexOf(10, at);
    const header = raw.subarray(at, nl).toString('utf8');
    const m = /^[0-9a-f]+ blob (\d+)$/.exec(header);
    if (!m) {
      at = nl + 1;
      continue;
    }
    const size = Number(m[1]);
    let text = raw.subarray(nl + 1, nl + 1 + size).toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    out.set(prefix === '' ? p : p.slice(prefix.length + 1), text);
    at = nl + 1 + size + 1;
  }
  return out;
}

/** Why git could not name the repository: git missing, a repository git will not trust, or none. */
function notARepository(e: unknown): string {
  const err = e as { code?: string; stderr?: Buffer | string };
  if (err.code === 'ENOENT')
    return '--base compares the record with a git revision, but git is not installed here (or not on the PATH). Install git, or run csp validate without --base.';
  const said = String(err.stderr ?? '');
  if (/dubious ownership/i.test(said))
    return `--base compares the record with a git revision, but git refuses to read this repository because another user owns it ("dubious ownership", common in CI containers). Mark it as safe with: git config --global --add safe.directory ${/safe\.directory\s+(\S+)/.exec(said)?.[1] ?? '<the repository folder>'}`;
  return '--base compares the record with a git revision, but the record is not in a git repository.';
}

/** The folder holding `.git` at or above `dir` (which need not exist yet), if any. */
export function gitTopLevel(dir: string): string | undefined {
  let d = path.resolve(dir);
  for (;;) {
    if (existsSync(path.join(d, '.git'))) return d;
    const up = path.dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

/** The files of the record csp reads at a revision: text files in full, papers as empty stand-ins. */
const TEXT_FILE = /\.(md|ya?ml)$/i;

/** A copy of the record as it was at a git revision, in a temporary folder, for the loader to read. */
export interface RecordAtRevision {
  /** The temporary folder holding the record as it was (empty when the record did not exist then). */
  dir: string;
  /** The full commit id the revision names. */
  commit: string;
  /** Removes the temporary folder. */
  remove(): void;
}

/** The repository's top folder and the record's path inside it ('' at the top), or a usage error. */
function repositoryOf(root: string, what: string): { top: string; prefix: string } {
  let top: string;
  try {
    top = git(root, ['rev-parse', '--show-toplevel']).toString('utf8').trim();
  } catch {
    throw new UsageError(`${what} compares the record with a git revision, but the record is not in a git repository.`);
  }
  const prefix = path.relative(realpathSync(top), realpathSync(root)).split(path.sep).join('/');
  return { top, prefix };
}

/** The full commit id of a revision, or a usage error that says how to get it. */
function commitOf(top: string, rev: string, what: string): string {
  if (rev.startsWith('-') || rev.trim() === '') throw new UsageError(`${what} "${rev}" is not a git revision.`);
  try {
    return git(top, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`])
      .toString('utf8')
      .trim();
  } catch {
    throw new UsageError(
      `${what} "${rev}" is not a revision of this repository. Fetch it first (for a pull request: git fetch origin <branch>) or check the name.`,
    );
  }
}

/**
 * Where a branch starts from `base`: the commit where `base` and HEAD meet (as
 * `git diff base...` compares), so changes made on `base` since are not counted as
 * this branch's. Outside a branch's history, `base` itself.
 */
export function branchPoint(root: string, base: string, what = '--base'): string {
  const { top } = repositoryOf(root, what);
  const commit = commitOf(top, base, what);
  try {
    return git(top, ['merge-base', commit, 'HEAD']).toString('utf8').trim() || commit;
  } catch {
    return commit;
  }
}

/**
 * Writes the record as it was at revision `rev` into a temporary folder: partnership.md,
 * members.yaml, meetings/ and actions/, byte for byte, with each paper as an empty file
 * (their names matter to the record, not their contents). One git process lists the
 * files and one reads them all.
 */
export function recordAtRevision(root: string, rev: string, what = '--base'): RecordAtRevision {
  const { top, prefix } = repositoryOf(root, what);
  const commit = commitOf(top, rev, what);
  const at = (p: string) => (prefix === '' ? p : `${prefix}/${p}`);
  const listed = git(top, [
    'ls-tree',
    '-r',
    '-z',
    '--full-tree',
    commit,
    '--',
    at('partnership.md'),
    at('members.yaml'),
    at('meetings'),
    at('actions'),
  ])
    .toString('utf8')
    .split('\0')
    .filter((line) => line !== '')
    .map((line) => {
      const tab = line.indexOf('\t');
      const [mode, type] = line.slice(0, tab).split(' ');
      return { mode, type, path: line.slice(tab + 1) };
    })
    // Ordinary files only: a link or a submodule has no text of its own to compare.
    .filter((e) => e.type === 'blob' && (e.mode === '100644' || e.mode === '100755'))
    .map((e) => ({ path: e.path, rel: prefix === '' ? e.path : e.path.slice(prefix.length + 1) }))
    .filter((e) => !e.rel.split('/').some((part) => part === '..' || part === ''));
  const dir = mkdtempSync(path.join(tmpdir(), 'csp-revision-'));
  const remove = () => {
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const texts = listed.filter((e) => TEXT_FILE.test(e.rel));
    const raw =
      texts.length > 0
        ? git(top, ['cat-file', '--batch'], texts.map((e) => `${commit}:${e.path}\n`).join(''))
        : Buffer.alloc(0);
    let offset = 0;
    const contents = new Map<string, Buffer>();
    for (const e of texts) {
      const nl = raw.indexOf(10, offset);
      const m = /^[0-9a-f]+ blob (\d+)$/.exec(raw.subarray(offset, nl).toString('utf8'));
      if (!m) {
        offset = nl + 1;
        continue;
      }
      const size = Number(m[1]);
      contents.set(e.rel, raw.subarray(nl + 1, nl + 1 + size));
      offset = nl + 1 + size + 1;
    }
    for (const e of listed) {
      const abs = path.join(dir, ...e.rel.split('/'));
      mkdirSync(path.dirname(abs), { recursive: true });
      writeFileSync(abs, contents.get(e.rel) ?? '');
    }
  } catch (e) {
    remove();
    throw e;
  }
  return { dir, commit, remove };
}

/**
 * The branch a repository publishes from: the remote's default branch when known
 * (origin/HEAD), else the branch checked out, else "main".
 */
export function defaultBranch(dir: string): string {
  for (const args of [
    ['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD'],
    ['symbolic-ref', '--quiet', '--short', 'HEAD'],
  ]) {
    try {
      const name = git(dir, args)
        .toString('utf8')
        .trim()
        .replace(/^origin\//, '');
      if (name !== '') return name;
    } catch {
      /* not known this way */
    }
  }
  return 'main';
}
