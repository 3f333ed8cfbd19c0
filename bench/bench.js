// npm run bench: csp measured side by side with the benchmark's floor (the unavoidable work
// of validating a record, done naively in one pass with the same libraries) and with Node's
// own start-up, on the benchmark's generated records: a decade of one board (small) and a
// council's whole committee record (large). Each row is a ratio of whole-process times,
// taken in turns (A, B, A, B, …) so that a machine that speeds up or slows down mid-run
// moves both sides alike; the median of the pairs' ratios is reported.
//
//   npm run bench -- --bench DIR            # the table, and bench/out/bench.json
//   npm run bench -- --bench DIR --readme   # also writes the table into the README's Speed section
//   npm run bench -- --bench DIR --runs 3   # fewer runs (default 5; the large cold rows use 3)
//
// DIR is the benchmark's folder (gen-corpus.mjs, floor.mjs; or set CSP_BENCH_DIR). It is
// copied to a temporary folder and its dependencies installed there, since it may be
// read-only. CPU time and peak memory come from GNU time (/usr/bin/time); wall time is taken
// here around the whole run to the microsecond (GNU time gives it only to a hundredth of a
// second, which on a run of 0.05 s moves a ratio by a fifth), and so includes GNU time's own
// start on both sides of a ratio alike (about a millisecond).
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'csp.cjs');
const { values } = parseArgs({
  options: {
    runs: { type: 'string' },
    readme: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    bench: { type: 'string' },
  },
});
const RUNS = Number(values.runs ?? 5);
const LARGE_RUNS = Math.min(RUNS, 3);
const TIME = '/usr/bin/time';

function log(line) {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

/** Where the benchmark is: --bench DIR, else $CSP_BENCH_DIR (a folder with gen-corpus.mjs and floor.mjs). */
function benchDir() {
  const found = values.bench ?? process.env.CSP_BENCH_DIR;
  if (!found || !existsSync(path.join(found, 'gen-corpus.mjs')) || !existsSync(path.join(found, 'floor.mjs'))) {
    process.stderr.write(
      'npm run bench: give the benchmark folder (the one with gen-corpus.mjs and floor.mjs): npm run bench -- --bench DIR, or set CSP_BENCH_DIR.\n',
    );
    process.exit(2);
  }
  return path.resolve(found);
}

if (!existsSync(TIME)) {
  process.stderr.write('npm run bench needs GNU time at /usr/bin/time (Debian: apt-get install time).\n');
  process.exit(2);
}

const work = mkdtempSync(path.join(tmpdir(), 'csp-bench-'));
const bench = path.join(work, 'bench');
log(`copying the benchmark into ${bench}`);
cpSync(benchDir(), bench, {
  recursive: true,
  filter: (src) => !/[/\\](node_modules|corpora|results|tmp)$/.test(src),
});
const writable = (dir) => {
  chmodSync(dir, 0o755);
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) writable(p);
    else chmodSync(p, 0o644);
  }
};
writable(bench);
log('installing its dependencies (npm ci)');
execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
  cwd: bench,
  stdio: ['ignore', 'ignore', 'inherit'],
});
const corpus = (preset) => {
  const out = path.join(work, preset);
  log(`generating the ${preset} record`);
  execFileSync(process.execPath, ['gen-corpus.mjs', '--preset', preset, '--out', out, '--quiet'], {
    cwd: bench,
    stdio: 'ignore',
  });
  return out;
};
const small = corpus('small');
const large = corpus('large');
const cacheRoot = path.join(work, 'cache');
let fresh = 0;

/** One whole-process run under GNU time: wall (timed here), user+system seconds and peak memory (MB). */
function run(cmd, args, env = {}) {
  const out = path.join(work, 'time.txt');
  const started = process.hrtime.bigint();
  const r = spawnSync(TIME, ['-f', '%e %U %S %M', '-o', out, cmd, ...args], {
    cwd: work,
    env: { ...process.env, NO_COLOR: '1', CSP_RECORDS: '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 1 << 26,
  });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const [, user, sys, kb] = readFileSync(out, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { wall, cpu: user + sys, mb: kb / 1024, code: r.status };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** A and B in turns, `n` pairs after one warm-up each: medians and the median of the pairs' ratios. */
function pairs(n, a, b) {
  a();
  b();
  const as = [];
  const bs = [];
  for (let i = 0; i < n; i++) {
    as.push(a());
    bs.push(b());
  }
  const ratio = (k) => median(as.map((x, i) => x[k] / bs[i][k]));
  return {
    a: {
      wall: median(as.map((x) => x.wall)),
      cpu: median(as.map((x) => x.cpu)),
      mb: median(as.map((x) => x.mb)),
      max: Math.max(...as.map((x) => x.mb)),
      codes: [...new Set(as.map((x) => x.code))],
    },
    b: { wall: median(bs.map((x) => x.wall)), cpu: median(bs.map((x) => x.cpu)), mb: median(bs.map((x) => x.mb)) },
    wall: ratio('wall'),
    cpu: ratio('cpu'),
  };
}

const AS_OF = ['--as-of', '2025-12-01'];
const csp = (args, env) => () => run(process.execPath, [bin, ...args, ...AS_OF], env);
const cold = (args) => () =>
  run(process.execPath, [bin, ...args, ...AS_OF], { CSP_CACHE_DIR: path.join(cacheRoot, `cold-${fresh++}`) });
const warmEnv = { CSP_CACHE_DIR: path.join(cacheRoot, 'warm') };
const floor = (rec) => () => run(process.execPath, [path.join(bench, 'floor.mjs'), rec, '--all-bodies']);
const node0 = () => run(process.execPath, ['-e', '0']);
const lastMeeting = readdirSync(path.join(large, 'meetings')).sort().pop();

const results = {};
log('small, validate cold (an empty index each run) against the floor');
results.smallCold = pairs(RUNS, cold(['validate', '--records', small]), floor(small));
log('large, validate cold against the floor');
results.largeCold = pairs(LARGE_RUNS, cold(['validate', '--records', large]), floor(large));
log('warming the index of both records');
for (let i = 0; i < 2; i++) {
  csp(['validate', '--records', small], warmEnv)();
  csp(['validate', '--records', large], warmEnv)();
}
log('small, validate warm against node -e 0');
results.smallWarm = pairs(RUNS, csp(['validate', '--records', small], warmEnv), node0);
log('large, validate warm (against the floor of this run, and node -e 0)');
results.largeWarm = pairs(RUNS, csp(['validate', '--records', large], warmEnv), node0);
log(`large, quorum and agenda of ${lastMeeting}, warm, against node -e 0`);
results.quorum = pairs(RUNS, csp(['quorum', lastMeeting, '--records', large], warmEnv), node0);
results.agenda = pairs(RUNS, csp(['agenda', lastMeeting, '--records', large], warmEnv), node0);
log('large, export against validate, cold (an empty index each run; a new site folder each run)');
let site = 0;
const exportCold = () =>
  run(process.execPath, [bin, 'export', '--records', large, '--out', path.join(work, `site-${site++}`), ...AS_OF], {
    CSP_CACHE_DIR: path.join(cacheRoot, `cold-${fresh++}`),
  });
results.exportCold = pairs(LARGE_RUNS, exportCold, cold(['validate', '--records', large]));
log('large, export against validate, warm (the same site folder, replaced each run)');
results.exportWarm = pairs(
  RUNS,
  csp(['export', '--records', large, '--out', path.join(work, 'site-warm')], warmEnv),
  csp(['validate', '--records', large], warmEnv),
);
log('large, start and actions, warm, against node -e 0');
results.start = pairs(RUNS, csp(['start', '--records', large], warmEnv), node0);
results.actions = pairs(RUNS, csp(['actions', '--records', large], warmEnv), node0);
log('csp --help against node -e 0');
// `csp --help` alone (csp() would add --as-of, which makes it another command line).
results.help = pairs(Math.max(RUNS, 10), () => run(process.execPath, [bin, '--help']), node0);

const x = (r) => `${r.toFixed(2)}×`;
const s = (sec) => (sec < 1 ? `${sec.toFixed(3)} s` : sec < 10 ? `${sec.toFixed(2)} s` : `${sec.toFixed(1)} s`);
const largeWarmVsFloor = results.largeWarm.a.wall / results.largeCold.b.wall;
const largeWarmVsFloorCpu = results.largeWarm.a.cpu / results.largeCold.b.cpu;
/** What an export that did not end with 0 says in its row. */
const exits = (r) => (r.a.codes.some((c) => c !== 0) ? `; exits ${r.a.codes.join(' or ')} on this record` : '');
const rows = [
  [
    'small, `validate` cold (no index)',
    `${x(results.smallCold.wall)} the floor (CPU ${x(results.smallCold.cpu)}); ${s(results.smallCold.a.wall)} against ${s(results.smallCold.b.wall)}`,
    '≤ 0.5×',
    results.smallCold.wall <= 0.5,
  ],
  [
    'large, `validate` cold',
    `${x(results.largeCold.wall)} the floor (CPU ${x(results.largeCold.cpu)}); ${s(results.largeCold.a.wall)} against ${s(results.largeCold.b.wall)}`,
    '≤ 0.6×',
    results.largeCold.wall <= 0.6,
  ],
  [
    'large, peak memory cold',
    `${Math.round(results.largeCold.a.mb)} MB (highest ${Math.round(results.largeCold.a.max)} MB; on small ${Math.round(results.smallCold.a.mb)} MB; the floor ${Math.round(results.largeCold.b.mb)} MB)`,
    '≤ 300 MB',
    results.largeCold.a.max <= 300,
  ],
  [
    'small, `validate` warm',
    `${x(results.smallWarm.wall)} \`node -e 0\` (${s(results.smallWarm.a.wall)})`,
    '≤ 2.5×',
    results.smallWarm.wall <= 2.5,
  ],
  [
    'large, `validate` warm',
    `${x(largeWarmVsFloor)} the floor (CPU ${x(largeWarmVsFloorCpu)}; ${s(results.largeWarm.a.wall)}; ${x(results.largeWarm.wall)} \`node -e 0\`)`,
    '≤ 0.04× the floor',
    largeWarmVsFloor <= 0.04 && largeWarmVsFloorCpu <= 0.04,
  ],
  [
    'large, `quorum` of one meeting, warm',
    `${x(results.quorum.wall)} \`node -e 0\` (${s(results.quorum.a.wall)})`,
    '≤ 3×',
    results.quorum.wall <= 3,
  ],
  [
    'large, `agenda` of one meeting, warm',
    `${x(results.agenda.wall)} \`node -e 0\` (${s(results.agenda.a.wall)})`,
    '≤ 3×',
    results.agenda.wall <= 3,
  ],
  [
    'large, `export` cold against `validate` cold',
    `${x(results.exportCold.wall)} (CPU ${x(results.exportCold.cpu)}); ${s(results.exportCold.a.wall)} against ${s(results.exportCold.b.wall)}; peak ${Math.round(results.exportCold.a.max)} MB${exits(results.exportCold)}`,
    '≤ 2×',
    results.exportCold.wall <= 2 && results.exportCold.cpu <= 2,
  ],
  [
    'large, `export` warm against `validate` warm',
    `${x(results.exportWarm.wall)} (CPU ${x(results.exportWarm.cpu)}); ${s(results.exportWarm.a.wall)} against ${s(results.exportWarm.b.wall)}; peak ${Math.round(results.exportWarm.a.max)} MB${exits(results.exportWarm)}`,
    '≤ 2×',
    results.exportWarm.wall <= 2 && results.exportWarm.cpu <= 2,
  ],
  ['large, `start`, warm', `${x(results.start.wall)} \`node -e 0\` (${s(results.start.a.wall)})`, '–', undefined],
  ['large, `actions`, warm', `${x(results.actions.wall)} \`node -e 0\` (${s(results.actions.a.wall)})`, '–', undefined],
  [
    '`csp --help`',
    `${x(results.help.wall)} \`node -e 0\` (${s(results.help.a.wall)} against ${s(results.help.b.wall)})`,
    '≤ 1.3×',
    results.help.wall <= 1.3,
  ],
];
const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
const cores = cpuinfo.match(/^processor/gm)?.length ?? '?';
const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.replace(/\s+/g, ' ') ?? 'unknown CPU';
const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
/** The record files (.md and .yaml) of a generated record: how many, and how many MB. */
function size(dir) {
  let files = 0;
  let bytes = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(md|yaml)$/.test(e.name)) {
        files++;
        bytes += statSync(p).size;
      }
    }
  };
  walk(dir);
  return `${files.toLocaleString('en-GB')} files, ${(bytes / 1e6).toFixed(1)} MB`;
}
const header = `Measured ${new Date().toISOString().slice(0, 10)} in one run of \`npm run bench\` on ${cores} cores (${model}, shared with other work: load average ${load} at the end), Node ${process.version}; small = ${size(small)}, large = ${size(large)} (the record files; papers are only listed). Whole-process times (wall time to the millisecond, CPU time to a hundredth of a second), the median of ${RUNS} runs taken in turns with what they are compared with (${LARGE_RUNS} for the large cold rows); a ratio is the median of the pairs' ratios:`;
const table = [
  '| run | csp | goal | met |',
  '| --- | --- | --- | --- |',
  ...rows.map(
    ([run, got, goal, met]) => `| ${run} | ${got} | ${goal} | ${met === undefined ? '–' : met ? 'yes' : '**no**'} |`,
  ),
].join('\n');
process.stdout.write(`\n${header}\n\n${table}\n`);
mkdirSync(path.join(root, 'bench', 'out'), { recursive: true });
writeFileSync(path.join(root, 'bench', 'out', 'bench.json'), JSON.stringify({ header, results }, null, 2));

if (values.readme) {
  const readme = path.join(root, 'README.md');
  const text = readFileSync(readme, 'utf8');
  const next = text.replace(/(<!-- bench:start -->\n)[\s\S]*?(<!-- bench:end -->)/, `$1${header}\n\n${table}\n$2`);
  if (next === text)
    process.stderr.write('README.md has no <!-- bench:start --> … <!-- bench:end --> section to write into.\n');
  else writeFileSync(readme, next);
}
if (!values.keep) rmSync(work, { recursive: true, force: true });
