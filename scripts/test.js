// npm test, after the build (pretest): the type check (scripts/typecheck.js) and vitest run
// at once rather than one after the other. Most of the suite's time is spent waiting on
// children (npm installs, Chromium, git, the built binary), so the type check, at a lower
// priority (--idle), fills the time the tests leave a core idle. Its output is held back and printed after the tests' summary; the
// exit code is 1 if either failed. Arguments go to vitest (npm test -- --reporter=json …).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Runs node with `args` in the project; resolves with its exit code and, when `hold`, what it printed. */
function node(args, hold) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: hold ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let out = '';
    if (hold) {
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
    }
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

const [types, tests] = await Promise.all([
  node([path.join(root, 'scripts', 'typecheck.js'), '--idle'], true),
  node([path.join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...process.argv.slice(2)], false),
]);
if (types.code !== 0) process.stderr.write(`\nThe type check failed:\n${types.out}`);
else process.stdout.write('The type check passed (tsc over src/ and the tests).\n');
process.exitCode = types.code !== 0 || tests.code !== 0 ? 1 : 0;
