#!/usr/bin/env node
// csp: the clerk's tool for a partnership's record. The work is in dist/main.js (bundled from src/).
import module from 'node:module';

module.enableCompileCache?.();
try {
  const [{ main }, { realIo }] = await Promise.all([import('../dist/main.js'), import('../dist/io.js')]);
  process.exitCode = await main(realIo());
} catch (error) {
  // Anything unexpected: one line, never a stack trace, exit 2.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    `csp: something went wrong that csp did not expect: ${message}\nPlease report it with the command you ran.\n`,
  );
  if (process.env.CSP_DEBUG) process.stderr.write(`${error instanceof Error ? error.stack : ''}\n`);
  process.exitCode = 2;
}
