#!/usr/bin/env node
// csp: the clerk's tool for a partnership's record. The work is in dist/main.js (bundled from src/).
// This entry is CommonJS on purpose: Node starts a CommonJS file without its ES module
// loader, which is what `csp --help` into a pipe needs to start as fast as Node itself.
'use strict';
const { readFileSync } = require('node:fs');
const path = require('node:path');

const argv = process.argv.slice(2);
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
} else {
  require('node:module').enableCompileCache?.();
  Promise.all([import('../dist/main.js'), import('../dist/io.js')])
    .then(([{ main }, { realIo }]) => main(realIo()))
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

/** The help text written at build time, or undefined (then the command line prints it). */
function precomputedHelp() {
  try {
    return readFileSync(path.join(__dirname, '..', 'dist', 'help.txt'), 'utf8');
  } catch {
    return undefined;
  }
}
