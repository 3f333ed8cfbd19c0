// Type-checks the sources and the tests in one tsc run (tsconfig.test.json: every source and
// test file, strict, with noUncheckedIndexedAccess), incremental: a run after a small edit
// checks only what the edit can change. One program over both costs about a third less than
// checking the sources on their own and then again under the tests. With --idle (npm test,
// which runs it beside the tests) it runs at a lower priority, on the time the tests leave idle.
import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const info = path.join(root, 'node_modules', '.cache', 'tsc', 'all.tsbuildinfo');

if (process.argv.includes('--idle')) setPriority(10);

const child = spawn(process.execPath, [tsc, '-p', 'tsconfig.test.json', '--incremental', '--tsBuildInfoFile', info], {
  cwd: root,
  stdio: 'inherit',
});
child.on('close', (code) => {
  process.exitCode = code ?? 1;
});
