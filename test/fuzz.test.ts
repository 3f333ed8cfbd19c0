/**
 * Fuzzing the built CLI: mutated records through every read-only command, in-process
 * (main() of dist/) and, for a sample, as the spawned binary. No internal error, no stack
 * trace, exit codes from the spec, valid JSON, a place on every finding, and the same
 * findings with the parse cache off, partly warm and warm. `npm run fuzz` runs 10,000 cases
 * (FUZZ_CASES, FUZZ_SEED to change them); npm test a seeded few hundred.
 */
import { describe, it, expect } from 'vitest';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Io } from '../src/commands/context.js';
import { RULE_IDS } from '../src/core/diagnostic.js';
import { actionsRecord } from './actions-fixture.js';
import { BUNDLED, ROOT, csp, noStackTrace, tempDir, testSystem, type CliResult } from './helpers.js';
import { fuzzCases, readTree, type Files } from './support/fuzz.js';

const CASES = Number(process.env.FUZZ_CASES ?? 150);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
/** One case in SPAWN_EVERY also runs through the spawned binary. */
const SPAWN_EVERY = Number(process.env.FUZZ_SPAWN_EVERY ?? 50);
const CACHE = path.join(tmpdir(), `csp-fuzz-cache-${process.pid}`);
/** Where a long run writes how far it has got (FUZZ_PROGRESS, a file), every 100 cases. */
const PROGRESS = process.env.FUZZ_PROGRESS;

type Main = (io: Io) => Promise<number>;
const { main } = (await import(pathToFileURL(path.join(ROOT, 'dist', 'main.js')).href)) as { main: Main };

/** Runs the built CLI in-process. */
async function run(cwd: string, argv: string[], env: Record<string, string> = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  let code: number;
  try {
    code = await main({
      argv,
      cwd,
      env: { NO_COLOR: '1', CSP_CACHE_DIR: CACHE, ...env },
      isTTY: false,
      columns: 80,
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      system: testSystem,
      now: () => new Date('2026-06-01T12:00:00Z'),
    });
  } catch (e) {
    // What bin/csp.cjs would print as "something went wrong that csp did not expect".
    code = 2;
    stderr += `csp: something went wrong that csp did not expect: ${e instanceof Error ? `${e.message}\n${e.stack}` : String(e)}`;
  }
  return { code, stdout, stderr };
}

/** The read-only commands, one per case in turn (validate runs for every case). */
function commands(meeting: string | undefined): { argv: string[]; json: boolean }[] {
  const m = meeting ?? '2026-04-16';
  return [
    { argv: ['actions', '--format', 'json'], json: true },
    { argv: ['actions', '--overdue', '--format', 'json'], json: true },
    { argv: ['actions'], json: false },
    { argv: ['decisions', '--format', 'json'], json: true },
    { argv: ['attendance', '--format', 'json'], json: true },
    { argv: ['quorum', m, '--format', 'json'], json: true },
    { argv: ['agenda', m], json: false },
    { argv: ['agenda', m, '--format', 'html'], json: false },
    { argv: ['minutes', 'render', m], json: false },
    { argv: ['start'], json: false },
    { argv: ['validate', '--format', 'github'], json: false },
  ];
}

/** What is wrong with one result, if anything. */
function problems(r: CliResult, json: boolean): string[] {
  const out: string[] = [];
  if (![0, 1, 2].includes(r.code)) out.push(`exit ${r.code}`);
  if (/something went wrong that csp did not expect/.test(r.stderr))
    out.push(`internal error: ${r.stderr.slice(0, 400)}`);
  if (!noStackTrace(r)) out.push(`stack trace: ${r.stderr.slice(0, 400)}`);
  if (r.code === 2 && r.stderr.trim() === '') out.push('exit 2 without a message');
  if (json && (r.code !== 2 || r.stdout !== '')) {
    try {
      JSON.parse(r.stdout);
    } catch {
      out.push(`not JSON: ${r.stdout.slice(0, 200)}`);
    }
  }
  return out;
}

/** What is wrong with a validate --format json result. */
function validateProblems(r: CliResult): string[] {
  const out = problems(r, true);
  if (r.code === 2 || out.length > 0) return out;
  const report = JSON.parse(r.stdout) as {
    ok: boolean;
    errors: number;
    diagnostics: {
      file: unknown;
      line: unknown;
      column: unknown;
      severity: unknown;
      rule: unknown;
      message: unknown;
    }[];
  };
  for (const d of report.diagnostics) {
    if (typeof d.file !== 'string' || d.file === '') out.push(`finding without a file: ${JSON.stringify(d)}`);
    if (typeof d.line !== 'number' || d.line < 1 || typeof d.column !== 'number' || d.column < 1)
      out.push(`finding without a place: ${JSON.stringify(d)}`);
    if (!(RULE_IDS as readonly unknown[]).includes(d.rule)) out.push(`unknown rule: ${JSON.stringify(d)}`);
    if (d.severity !== 'error' && d.severity !== 'warning') out.push(`bad severity: ${JSON.stringify(d)}`);
    if (typeof d.message !== 'string' || d.message.trim() === '')
      out.push(`finding without a message: ${JSON.stringify(d)}`);
  }
  if (r.code !== (report.errors > 0 ? 1 : 0)) out.push(`exit ${r.code} with ${report.errors} errors`);
  return out;
}

function write(dir: string, files: Files): void {
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(dir, 'records', rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
}

const small = readTree(path.join(actionsRecord(), 'records'));
const bundled = readTree(BUNDLED);

describe(`fuzz: ${CASES} mutated records from seed ${SEED}`, () => {
  it('no internal error, no stack trace, spec exit codes, valid JSON, placed findings, one answer cached or not', async () => {
    const failures: string[] = [];
    const work = tempDir('csp-fuzz-');
    for (const c of fuzzCases(SEED, CASES, [small, bundled])) {
      const dir = path.join(work, String(c.index));
      write(dir, c.files);
      const fail = (what: string, list: string[]) => {
        for (const p of list)
          failures.push(`case ${c.index} (seed ${SEED + c.index}; ${c.what.join('; ')}): ${what}: ${p}`);
      };
      const validate = ['validate', '--format', 'json', '--as-of', '2026-06-01'];
      // Uncached, then with the shared cache (warm for the files no mutation touched, cold
      // for the rest), and every fourth case once more, all warm.
      const off = await run(dir, validate, { CSP_NO_CACHE: '1' });
      fail('validate', validateProblems(off));
      const cached = await run(dir, validate);
      const runs = [off, cached, ...(c.index % 4 === 0 ? [await run(dir, validate)] : [])];
      if (runs.some((r) => r.stdout !== off.stdout || r.code !== off.code))
        fail('validate', [`uncached and cached runs differ:\n${runs.map((r) => r.stdout).join('\n---\n')}`]);
      const meeting = Object.keys(c.files)
        .map((f) => /^meetings\/([^/]+)\//.exec(f)?.[1])
        .find((m) => m !== undefined);
      const list = commands(meeting);
      const cmd = list[c.index % list.length];
      const argv = [...cmd!.argv, '--as-of', '2026-06-01'];
      fail(cmd!.argv.join(' '), problems(await run(dir, argv), cmd!.json));
      if (c.index % SPAWN_EVERY === 0) {
        const spawned = csp(dir, validate);
        fail('spawned validate', validateProblems(spawned));
        if (spawned.stdout !== off.stdout) fail('spawned validate', ['differs from in-process']);
        fail(`spawned ${cmd!.argv.join(' ')}`, problems(csp(dir, argv), cmd!.json));
      }
      rmSync(dir, { recursive: true, force: true });
      if (PROGRESS !== undefined && (c.index + 1) % 100 === 0)
        writeFileSync(PROGRESS, `${c.index + 1} of ${CASES} cases from seed ${SEED}, ${failures.length} failures\n`);
      if (failures.length >= 20) break;
    }
    rmSync(work, { recursive: true, force: true });
    expect(failures).toEqual([]);
  }, 14_400_000);
});
