/**
 * Work started before the command line loads: for `csp agenda`, the sweep of the stats of
 * the files its summary hangs on (src/load/agenda-sweep.ts), by GNU find in a process of its
 * own, while this one loads csp. bin/csp.cjs requires this (built as dist/early.cjs) only
 * for a command line that names the agenda; the command takes the sweep's output when it
 * needs it, and only if the sweep was of the record it found itself.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { NO_SWEEP_FILE, SWEEP_LIST, sweepArgs, type EarlySweep, type Sweep } from '../load/agenda-sweep.js';
import { cacheOff, recordCacheDir } from '../workspace/cache-store.js';
import { findRecord } from '../workspace/find.js';

/** How long a command waits for the sweep once it needs it, before it takes the stats itself. */
const WAIT_MS = 1000;

/** The command and the --records of a command line, read as the command line will read them (without loading it). */
export function commandOf(argv: readonly string[]): {
  command: string | undefined;
  records: string | undefined;
  help: boolean;
} {
  let command: string | undefined;
  let records: string | undefined;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a === '--records') records = argv[++i];
    else if (a.startsWith('--records=')) records = a.slice('--records='.length);
    else if (a === '--as-of') i++;
    else if (a === '--help' || a === '-h') help = true;
    else if (!a.startsWith('-')) command ??= a;
  }
  return { command, records, help };
}

/**
 * Whether csp agenda's own file (dist/agenda-cli.js) can run this command line: the agenda,
 * not its help, and without --publish or --out, which write (through code that file does not hold).
 */
export function agendaOnly(argv: readonly string[]): boolean {
  const { command, help } = commandOf(argv);
  const writes = argv.some((a) => a === '--publish' || a === '--out' || a.startsWith('--out='));
  return command === 'agenda' && !help && !writes;
}

/**
 * Starts the sweep for `csp agenda` on the record the command line names (or undefined: another
 * command, no record, no index, or no list of paths kept yet).
 */
export function startEarly(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string): EarlySweep | undefined {
  const { command, records, help } = commandOf(argv);
  if (command !== 'agenda' || help || cacheOff(env)) return undefined;
  let root: string;
  let dir: string | undefined;
  try {
    root = findRecord(cwd, records, env).root;
    dir = recordCacheDir(root, env);
  } catch {
    return undefined;
  }
  if (dir === undefined) return undefined;
  const list = path.join(dir, SWEEP_LIST);
  if (!existsSync(list) || existsSync(path.join(dir, NO_SWEEP_FILE))) return undefined;
  const out = path.join(dir, `sweep-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const startedAt = Date.now();
  // Required here, not above: a command line that starts no sweep does not load it.
  const { spawn } = createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
  const child = spawn('find', sweepArgs(list, out), { cwd: root, stdio: 'ignore' });
  // The sweep never keeps csp running: a command that ends first stops it.
  child.unref();
  const stop = () => {
    child.kill();
    rmSync(out, { force: true });
  };
  process.once('exit', stop);
  const ended = new Promise<Sweep | 'failed' | undefined>((resolve) => {
    child.once('error', () => {
      resolve('failed');
    });
    child.once('exit', (_code, signal) => {
      // Stopped (by csp, or anything else): what it wrote may be cut short.
      if (signal !== null) {
        rmSync(out, { force: true });
        resolve(undefined);
        return;
      }
      let bytes: Buffer;
      try {
        bytes = readFileSync(out);
      } catch {
        resolve('failed');
        return;
      }
      rmSync(out, { force: true });
      resolve({ bytes, startedAt });
    });
  });
  return {
    root,
    result: () =>
      new Promise((resolve) => {
        const late = setTimeout(() => {
          stop();
          resolve(undefined);
        }, WAIT_MS);
        void ended.then((r) => {
          clearTimeout(late);
          resolve(r);
        });
      }),
  };
}
