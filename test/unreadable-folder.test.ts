/**
 * A folder of the record csp may not open (its permissions) is not an empty folder:
 * validate says so once, at the folder, and commands about actions refuse rather than
 * list none or hand out an id that is already taken.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { BIN, copyBundled, snapshot } from './helpers.js';

/** Runs the built binary as a user the folder is closed to: as root, the unprivileged "nobody" (root may open any folder). */
function asOutsider(cwd: string, args: string[]) {
  const root = process.getuid?.() === 0;
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', CSP_RECORDS: '', CSP_NO_CACHE: '1' },
    encoding: 'utf8',
    ...(root ? { uid: 65534, gid: 65534 } : {}),
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('an actions/ folder csp may not open', () => {
  let dir: string;
  let before: Record<string, string>;
  beforeAll(() => {
    dir = copyBundled();
    // Readable by everyone (the outsider must reach the record), then actions/ closed to all but its owner.
    const open = (d: string) => {
      chmodSync(d, 0o755);
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) open(p);
        else chmodSync(p, 0o644);
      }
    };
    open(dir);
    before = snapshot(dir);
    chmodSync(path.join(dir, 'records'), 0o777); // the outsider may take the record lock
    chmodSync(path.join(dir, 'records/actions'), 0o700);
  });
  afterAll(() => chmodSync(path.join(dir, 'records/actions'), 0o755));

  it('validate reports the folder once, and not every action marker as lacking its file', () => {
    const r = asOutsider(dir, ['validate']);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n').filter((l) => / (error|warning) /.test(l));
    expect(lines).toEqual([
      expect.stringMatching(
        /^records\/actions:1:1 +error +csp cannot open this folder \(permission denied\), so none of the files in it were read\. .* +layout$/,
      ),
    ]);
    expect(r.stderr).not.toMatch(/did not expect|\n\s+at /);
  });

  it('csp actions (every format) and csp actions sync refuse with exit 2; action new too; nothing changed', () => {
    for (const args of [
      ['actions'],
      ['actions', '--format', 'json'],
      ['actions', '--overdue'],
      ['actions', 'sync'],
      ['action', 'new', '--title', 'Book the venue', '--owner', 'clerk', '--as-of', '2026-11-01'],
    ]) {
      const r = asOutsider(dir, args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout, args.join(' ')).toBe('');
      expect(r.stderr, args.join(' ')).toMatch(
        /^csp: records\/actions\/ cannot be opened, so .*\. Let csp's user account read the folder \(check its permissions\), then run the command again; nothing was changed\.\n$/,
      );
    }
    chmodSync(path.join(dir, 'records/actions'), 0o755);
    expect(snapshot(dir)).toEqual(before);
    chmodSync(path.join(dir, 'records/actions'), 0o700);
  });
});
