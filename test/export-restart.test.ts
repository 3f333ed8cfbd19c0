/**
 * `csp export` run as the installed command starts Node again with a larger young
 * generation and one garbage collector thread, and sets the compiler's flags for the export
 * (bin/csp.cjs): the export is the same, its exit code and messages come through
 * as they are, a size already chosen in Node's options is kept, and a signal sent to the
 * command ends the export it started (no site is written after it).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, copyBundled, csp } from './helpers.js';

const RESTARTED =
  /csp: the export runs in Node started again \(process (\d+)\) with --max-semi-space-size=64 --single-threaded-gc\n/;
const TUNED =
  /csp: the export's code is compiled with --interrupt-budget=270336 --no-turbo-inlining --max-optimized-bytecode-size=16384\n/g;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('csp export in Node started again', () => {
  it('writes the same site, and says so with CSP_DEBUG', () => {
    const dir = copyBundled();
    const r = csp(dir, ['export', '--out', 'site'], { CSP_DEBUG: '1' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(RESTARTED);
    // The compiler's settings for an export are made once, in the Node that runs it.
    expect(r.stderr.match(TUNED)).toHaveLength(1);
    expect(r.stdout).toMatch(/^Wrote the website of .* to site\//);
    expect(existsSync(path.join(dir, 'site', 'index.html'))).toBe(true);
    // Run again: the site is up to date, as the export in Node started again left it.
    const again = csp(dir, ['export', '--out', 'site']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/is up to date/);
  });

  it('finds the export after the options every command takes', () => {
    const dir = copyBundled();
    const r = csp(dir, ['--records', 'records', '--no-color', '--as-of=2026-03-01', 'export', '--out', 'site'], {
      CSP_DEBUG: '1',
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(RESTARTED);
    expect(r.stderr.match(TUNED)).toHaveLength(1);
    expect(existsSync(path.join(dir, 'site', 'index.html'))).toBe(true);
    // A record folder named "export" is an option's value, not the command.
    const v = csp(dir, ['--records', 'export', 'validate'], { CSP_DEBUG: '1' });
    expect(v.stderr).not.toMatch(/started again/);
    expect(v.stderr).not.toMatch(TUNED);
  });

  it('passes on the exit code and the message of an export that is refused', () => {
    const dir = copyBundled();
    mkdirSync(path.join(dir, 'mine'));
    writeFileSync(path.join(dir, 'mine', 'notes.txt'), 'my own notes\n');
    const r = csp(dir, ['export', '--out', 'mine'], { CSP_DEBUG: '1' });
    expect(r.stderr).toMatch(RESTARTED);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/mine is not empty and was not written by csp export/);
  });

  it('keeps a young generation already chosen in Node’s options', () => {
    const dir = copyBundled();
    const r = csp(dir, ['export', '--out', 'site'], { CSP_DEBUG: '1', NODE_OPTIONS: '--max-semi-space-size=16' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/started again/);
    expect(r.stderr.match(TUNED)).toHaveLength(1);
    expect(existsSync(path.join(dir, 'site', 'index.html'))).toBe(true);
    // Other commands keep Node's own settings.
    const v = csp(dir, ['validate'], { CSP_DEBUG: '1' });
    expect(v.stderr).not.toMatch(TUNED);
  });

  it('ends the export it started when the command is sent a signal', async () => {
    const dir = copyBundled();
    const command = spawn(process.execPath, [BIN, 'export', '--out', 'site'], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1', CSP_RECORDS: '', CSP_DEBUG: '1' },
    });
    let stderr = '';
    const pid = await new Promise<number>((resolve, reject) => {
      command.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        const m = RESTARTED.exec(stderr);
        if (m) resolve(Number(m[1]));
      });
      command.on('exit', () => reject(new Error(`the command ended first: ${stderr}`)));
    });
    command.kill('SIGTERM');
    const ended = await new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      command.on('exit', (code, signal) => resolve({ code, signal })),
    );
    expect(ended.signal).toBe('SIGTERM');
    for (let waited = 0; alive(pid) && waited < 10000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    expect(alive(pid)).toBe(false);
    // Ended before it wrote the site (left alone, it would have in well under a second).
    await new Promise((r) => setTimeout(r, 1500));
    expect(existsSync(path.join(dir, 'site'))).toBe(false);
  });
});
