// npm run bench: times the built CLI on the bundled record and on synthetic records of a
// decade of one board (40 meetings) and a whole council (2,000 meetings, 24,000 files).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'csp.js');
const work = mkdtempSync(path.join(tmpdir(), 'csp-bench-'));
const decade = path.join(work, 'decade');
const council = path.join(work, 'council');
generate(decade, 40, 2);
generate(council, 2000, 7);

const cacheDir = path.join(work, 'cache');
let cold = 0;

/** Times a command: `runs` warm runs (parse cache filled), or one cold run with an empty cache when runs is 0. */
function time(label, args, runs) {
  const times = [];
  let code = 0;
  let out = '';
  const env = {
    ...process.env,
    NO_COLOR: '1',
    CSP_CACHE_DIR: runs === 0 ? path.join(cacheDir, `cold-${cold++}`) : cacheDir,
  };
  if (runs > 0) spawnSync(process.execPath, [bin, ...args], { cwd: root, env, maxBuffer: 1 << 28 }); // fill the cache
  for (let i = 0; i < Math.max(1, runs); i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env, maxBuffer: 1 << 28 });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    code = r.status;
    out = (r.stdout + r.stderr).trim().split('\n').pop() ?? '';
  }
  const best = Math.min(...times);
  const how = runs === 0 ? 'cold: empty cache' : `warm: best of ${runs}`;
  console.log(`${label.padEnd(48)} ${best.toFixed(0).padStart(6)} ms  (${how}, exit ${code})  ${out.slice(0, 50)}`);
}

{
  const times = [];
  for (let i = 0; i < 5; i++) {
    const t = process.hrtime.bigint();
    spawnSync(process.execPath, ['-e', '0']);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  console.log(
    `${'node -e 0 (baseline)'.padEnd(48)} ${Math.min(...times)
      .toFixed(0)
      .padStart(6)} ms`,
  );
}
time('csp --help', ['--help'], 5);
const asOf = ['--as-of', '2026-11-22'];
time('csp validate (bundled record)', ['validate', '--records', 'records', ...asOf], 0);
time('csp validate (bundled record)', ['validate', '--records', 'records', ...asOf], 3);
time('csp actions --overdue (bundled record)', ['actions', '--overdue', '--records', 'records', ...asOf], 3);
time('csp validate (decade: 40 meetings)', ['validate', '--records', decade, ...asOf], 0);
time('csp validate (decade: 40 meetings)', ['validate', '--records', decade, ...asOf], 3);
time('csp validate (council: 2,000 meetings, 24,000 files)', ['validate', '--records', council, ...asOf], 0);
time('csp validate (council: 2,000 meetings, 24,000 files)', ['validate', '--records', council, ...asOf], 1);
// The website against validate on the same record in the same run (cold and warm): export may take at most twice as long.
time('csp export (council)', ['export', '--records', council, '--out', path.join(work, 'site'), ...asOf], 0);
time('csp export (council)', ['export', '--records', council, '--out', path.join(work, 'site'), ...asOf], 1);
time('csp actions --overdue (council)', ['actions', '--overdue', '--records', council, ...asOf], 0);
time('csp actions --overdue (council)', ['actions', '--overdue', '--records', council, ...asOf], 1);
rmSync(work, { recursive: true, force: true });
