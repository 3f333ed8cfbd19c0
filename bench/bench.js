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

function time(label, args, runs) {
  const times = [];
  let code = 0;
  let out = '';
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 1 << 28 });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    code = r.status;
    out = (r.stdout + r.stderr).trim().split('\n').pop() ?? '';
  }
  const best = Math.min(...times);
  console.log(`${label.padEnd(44)} ${best.toFixed(0).padStart(6)} ms  (best of ${runs}, exit ${code})  ${out.slice(0, 60)}`);
}

{
  const times = [];
  for (let i = 0; i < 5; i++) {
    const t = process.hrtime.bigint();
    spawnSync(process.execPath, ['-e', '0']);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  console.log(`${'node -e 0 (baseline)'.padEnd(44)} ${Math.min(...times).toFixed(0).padStart(6)} ms`);
}
time('csp --help', ['--help'], 5);
time('csp validate (bundled record)', ['validate', '--records', 'records', '--as-of', '2026-11-22'], 3);
time('csp actions --overdue (bundled record)', ['actions', '--overdue', '--records', 'records', '--as-of', '2026-11-22'], 3);
time('csp validate (decade: 40 meetings)', ['validate', '--records', decade, '--as-of', '2026-11-22'], 3);
time('csp validate (council: 2,000 meetings, 24,000 files)', ['validate', '--records', council, '--as-of', '2026-11-22'], 1);
time('csp actions --overdue (council)', ['actions', '--overdue', '--records', council, '--as-of', '2026-11-22'], 1);
rmSync(work, { recursive: true, force: true });
