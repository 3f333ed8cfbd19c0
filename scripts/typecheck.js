// Type-checks the sources (strict, with noUncheckedIndexedAccess) and the tests (over the
// sources) at once, one tsc per core, each incremental: a run after a small edit checks
// only what the edit can change. Fails if either finds an error. With --idle (npm test, which
// runs it beside the tests) both run at a lower priority, on the time the tests leave idle.
import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const info = (name) => path.join(root, 'node_modules', '.cache', 'tsc', `${name}.tsbuildinfo`);

function check(project, name, extra) {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [tsc, '-p', project, ...extra, '--incremental', '--tsBuildInfoFile', info(name)],
      { cwd: root, stdio: 'inherit' },
    );
    child.on('close', (code) => resolve(code ?? 1));
  });
}

if (process.argv.includes('--idle')) setPriority(10);

const codes = await Promise.all([check('tsconfig.json', 'src', ['--noEmit']), check('tsconfig.test.json', 'test', [])]);
process.exitCode = codes.some((c) => c !== 0) ? 1 : 0;
