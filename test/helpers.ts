/** Test helpers: temp records from inline files or a copy of the bundled one, and the built CLI. */
import { createHash } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeFileOps, type FileOps } from '../src/workspace/durable.js';
import { EXAMPLE_RECORD } from '../src/rules/example-record.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = path.join(ROOT, 'bin', 'csp.cjs');
export const BUNDLED = path.join(ROOT, 'records');

/** A fresh temp folder. */
export function tempDir(prefix = 'csp-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** Copies the bundled example record to <tmp>/records and returns the tmp folder (the cwd to use). */
export function copyBundled(): string {
  const dir = tempDir();
  cpSync(BUNDLED, path.join(dir, 'records'), { recursive: true });
  return dir;
}

/** Writes files (path relative to dir → content) and returns dir. Strings are written as UTF-8; Buffers as is. */
export function writeFiles(dir: string, files: Record<string, string | Buffer>): string {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return dir;
}

/** A minimal valid record (the rules' example record) under <tmp>/records, plus any extra or replacing files (relative to records/). */
export function minimalRecord(files: Record<string, string | Buffer> = {}): string {
  const dir = tempDir();
  const base: Record<string, string | Buffer> = {};
  for (const [rel, content] of Object.entries({ ...EXAMPLE_RECORD, ...files })) base[`records/${rel}`] = content;
  return writeFiles(dir, base);
}

/** The parse cache of the spawned runs lives in the run's temp folder (see support/temp.ts), never in the user's cache. */
const CACHE = path.join(tmpdir(), 'csp-test-cache');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI synchronously in `cwd`. NO_COLOR is set unless env overrides it. */
export function csp(cwd: string, args: string[], env: Record<string, string | undefined> = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', CSP_RECORDS: '', CSP_CACHE_DIR: CACHE, ...env },
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the built CLI asynchronously (for concurrency tests). */
export function cspAsync(cwd: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', CSP_RECORDS: '', CSP_CACHE_DIR: CACHE, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Reads a file under dir as UTF-8. */
export function read(dir: string, rel: string): string {
  return readFileSync(path.join(dir, rel), 'utf8');
}

/** True when no stack trace leaked into the output. */
export function noStackTrace(r: CliResult): boolean {
  return !/\n\s+at .+:\d+:\d+\)?/.test(r.stderr + r.stdout);
}

/** This process as csp's System: its pid and host, and a real liveness check. */
export const testSystem = {
  files: nodeFileOps,
  pid: process.pid,
  hostname: hostname(),
  memoryMb: () => Math.round(process.memoryUsage().rss / 1e6),
  isAlive: (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === 'EPERM';
    }
  },
};

/** Runs csp in this process (main(io)) with captured output, as the built binary would: an unexpected error is exit 2. */
export async function cli(
  cwd: string,
  args: string[],
  options: { env?: Record<string, string | undefined>; system?: Partial<typeof testSystem> & { files?: FileOps } } = {},
): Promise<CliResult> {
  const { main } = await import('../src/cli/main.js');
  let stdout = '';
  let stderr = '';
  let code: number;
  try {
    code = await main({
      argv: args,
      cwd,
      env: { NO_COLOR: '1', CSP_RECORDS: '', CSP_CACHE_DIR: CACHE, HOME: process.env.HOME, ...options.env },
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      isTTY: false,
      system: { ...testSystem, ...options.system },
    });
  } catch (e) {
    stderr += `csp: something went wrong that csp did not expect: ${e instanceof Error ? e.message : String(e)}\n`;
    code = 2;
  }
  return { code, stdout, stderr };
}

/** Every file under `dir` (relative path → bytes as text), dotfiles included. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) walk(r);
      else out[r] = readFileSync(path.join(dir, r), 'latin1');
    }
  };
  walk('');
  return out;
}

/** Every file under dir, dotfiles included (relative path → SHA-256 of its bytes): for comparing exported sites. */
export function digestTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const abs = path.join(d, e.name);
      if (e.isDirectory()) walk(abs);
      else out[path.relative(dir, abs)] = createHash('sha256').update(readFileSync(abs)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

/**
 * Pastes `text` into the approved minutes of 2026-07-16 in a copy of the bundled record, under
 * the apologies (minute 274): how the export tests plant a roster contact the check must catch.
 */
export function pasteIntoApprovedMinutes(dir: string, text: string): void {
  const minutes = path.join(dir, 'records/meetings/2026-07-16/minutes.md');
  writeFileSync(
    minutes,
    readFileSync(minutes, 'utf8').replace('## 274. Apologies\n', `## 274. Apologies\n\n${text}\n`),
  );
}
