/** Reading the record as it was at a git revision (for validate --base). */
import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
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
