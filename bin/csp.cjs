#!/usr/bin/env node
// csp: the clerk's tool for a partnership's record. The work is in dist/main.js (bundled from src/).
// This entry is CommonJS on purpose: Node starts a CommonJS file without its ES module
// loader, which is what `csp --help` into a pipe needs to start as fast as Node itself.
'use strict';
const { readFileSync } = require('node:fs');
const path = require('node:path');

const argv = process.argv.slice(2);
// `csp export` has Node settings of its own (below), with or without options before it.
const exporting = commandOf(argv) === 'export';
// `csp --help` into a pipe or a file prints the help the build wrote out from the command
// line itself (dist/help.txt), without loading it; on a terminal the help is fitted to its width.
const help =
  argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h') && !process.stdout.isTTY
    ? precomputedHelp()
    : undefined;
if (help !== undefined) {
  process.stdout.on('error', (e) => {
    if (e.code !== 'EPIPE') throw e;
  });
  process.stdout.write(help);
} else if (!exportWithRoomToMake()) runHere();

/**
 * The command a command line runs: its first word after the options every command takes
 * (--records DIR, --as-of DATE, --no-color), as the command line itself reads it.
 */
function commandOf(args) {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--records' || a === '--as-of') i++;
    else if (a !== '--no-color' && !a.startsWith('--records=') && !a.startsWith('--as-of=')) return a;
  }
  return undefined;
}

/** Runs the command in this process. */
function runHere() {
  require('node:module').enableCompileCache?.();
  if (exporting) tuneForExport();
  const { early, agendaOnly } = startEarly();
  // csp agenda (but not one that writes) has a file of its own that holds the command line too.
  const loaded = agendaOnly
    ? import('../dist/agenda-cli.js')
    : Promise.all([import('../dist/main.js'), import('../dist/io.js')]).then(([m, io]) => ({
        main: m.main,
        realIo: io.realIo,
      }));
  loaded
    .then(({ main, realIo }) => main(realIo(early)))
    .then(
      (code) => {
        process.exitCode = code;
      },
      (error) => {
        // Anything unexpected: one line, never a stack trace, exit 2.
        const message = error instanceof Error ? error.message : String(error);
        process.stderr.write(
          `csp: something went wrong that csp did not expect: ${message}\nPlease report it with the command you ran.\n`,
        );
        if (process.env.CSP_DEBUG) process.stderr.write(`${error instanceof Error ? error.stack : ''}\n`);
        process.exitCode = 2;
      },
    );
}

/**
 * `csp export` makes every page of the site in one go, and much of what it makes lives
 * through a scavenge of Node's default young generation and is copied out of it. Node sets
 * that size only as it starts, so this process starts Node again for the export with
 * semi-spaces of SEMI_SPACE_MB (measured on a council's record: about 5% less time, 2.5-4% less
 * CPU, about 250 MB more at the peak; 32 MB gave half that, 128 MB nothing). It waits for it,
 * passes on any signal it is sent, and ends as it ended. False when the export is to run
 * here: another command, a size already chosen (in Node's options), or no Node to start.
 */
function exportWithRoomToMake() {
  const SEMI_SPACE_MB = 64;
  const chosen = (flags) => /(^|\s)--max-semi-space-size\b/.test(flags);
  if (!exporting || chosen(process.execArgv.join(' ')) || chosen(process.env.NODE_OPTIONS ?? '')) return false;
  const { spawn } = require('node:child_process');
  // One thread for the garbage collector too (no helper threads to share each collection
  // with, which on 2 cores cost 1.6% more CPU for no less time; a flag Node takes only as it starts).
  const flags = [`--max-semi-space-size=${SEMI_SPACE_MB}`, '--single-threaded-gc'];
  let child;
  try {
    child = spawn(process.execPath, [...process.execArgv, ...flags, __filename, ...argv], { stdio: 'inherit' });
  } catch {
    return false;
  }
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const pass = (signal) => child.kill(signal);
  for (const signal of signals) process.on(signal, pass);
  let started = false;
  child.on('spawn', () => {
    started = true;
    if (process.env.CSP_DEBUG)
      process.stderr.write(
        `csp: the export runs in Node started again (process ${child.pid}) with ${flags.join(' ')}\n`,
      );
  });
  // No Node to start after all (it was removed, or the system has no room for another): the
  // export runs here. (Once started, an error is only a signal it could not be sent.)
  child.on('error', () => {
    if (started) return;
    for (const s of signals) process.off(s, pass);
    runHere();
  });
  child.on('exit', (code, signal) => {
    for (const s of signals) process.off(s, pass);
    if (signal !== null) process.kill(process.pid, signal);
    else process.exitCode = code ?? 2;
  });
  return true;
}

/**
 * `csp export` runs a great deal of code once each (every kind of page, the check of each
 * file, the public record), and on a council's record Node's optimising compiler spent more
 * time compiling it than the compiled code saved. So for the export, a function is compiled
 * only after four times the usual work (the interrupt budget: 264 KB of bytecode run rather than
 * 66 KB), without inlining the functions it calls, and never for a function of more than 16 KB
 * of bytecode (such as a schema's validator, run once or twice). Measured on a council's
 * record, cold: about 6% less CPU and 5% less time, the same bytes written. Set before any of csp is
 * loaded, so its threads start with them too; a Node that does not know a flag says so on
 * stderr and goes on as it would have.
 */
function tuneForExport() {
  const flags = ['--interrupt-budget=270336', '--no-turbo-inlining', '--max-optimized-bytecode-size=16384'];
  const { setFlagsFromString } = require('node:v8');
  for (const flag of flags) setFlagsFromString(flag);
  if (process.env.CSP_DEBUG) process.stderr.write(`csp: the export's code is compiled with ${flags.join(' ')}\n`);
}

/**
 * The work started before csp loads (dist/early.cjs): for `csp agenda`, the sweep of the
 * record's file stats in a process of its own; and whether the agenda's own file can run the
 * command line. Anything that goes wrong here only means no sweep, and the whole command line.
 */
function startEarly() {
  if (!argv.includes('agenda')) return { early: undefined, agendaOnly: false };
  try {
    const { agendaOnly, startEarly: start } = require('../dist/early.cjs');
    return { early: start(argv, process.env, process.cwd()), agendaOnly: agendaOnly(argv) };
  } catch (e) {
    if (process.env.CSP_DEBUG) process.stderr.write(`csp: no early sweep: ${e instanceof Error ? e.message : e}\n`);
    return { early: undefined, agendaOnly: false };
  }
}

/** The help text written at build time, or undefined (then the command line prints it). */
function precomputedHelp() {
  try {
    return readFileSync(path.join(__dirname, '..', 'dist', 'help.txt'), 'utf8');
  } catch {
    return undefined;
  }
}
