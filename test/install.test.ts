/**
 * csp as a partnership's repository gets it: packed once, then installed each way a
 * user would (the tarball into a fresh project, globally, and from a git URL, which
 * builds through the prepare script), and run there on a copy of the bundled record.
 * These are the slow tests: one pack, then the three installs at once (each from npm's
 * local cache where it can, --prefer-offline), each awaited by the test that checks it.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { BIN, BUNDLED, ROOT, tempDir } from './helpers.js';

const PKG = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
const AS_OF = ['--as-of', '2026-11-22'];
const SLOW = 300_000;
const execFileAsync = promisify(execFile);

/** The environment of a user's shell: nothing of this test run's npm lifecycle leaks in. */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  return { ...env, NO_COLOR: '1' };
}

const NPM_FLAGS = ['--no-audit', '--no-fund', '--loglevel=error'];

/** npm run to its end, as a user would type it in `cwd`. */
function npm(cwd: string, args: string[]): string {
  return execFileSync('npm', [...args, ...NPM_FLAGS], {
    cwd,
    env: userEnv(),
    stdio: 'pipe',
    maxBuffer: 64 * 1024 * 1024,
  }).toString();
}

/** An npm install started now and run alongside the others; from the local cache where it can. */
async function npmInstall(cwd: string, args: string[]): Promise<void> {
  await execFileAsync('npm', ['install', ...args, '--prefer-offline', ...NPM_FLAGS], {
    cwd,
    env: userEnv(),
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** Runs a command in a project, as a user would type it there. */
function run(cwd: string, command: string, args: string[]) {
  const r = spawnSync(command, args, {
    cwd,
    env: { ...process.env, NO_COLOR: '1', CSP_RECORDS: '', CSP_NO_CACHE: '1' },
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A way of running csp in a project: its arguments in, what it printed and its exit code out. */
type Csp = (args: string[]) => ReturnType<typeof run>;

/** `npx csp …` in a project, as a user types it there. */
const npx =
  (dir: string): Csp =>
  (args) =>
    run(dir, 'npx', ['--no-install', 'csp', ...args]);

/** The project's installed `node_modules/.bin/csp`, run directly. */
const installed =
  (dir: string): Csp =>
  (args) =>
    run(dir, path.join(dir, 'node_modules', '.bin', 'csp'), args);

/** A fresh project holding a copy of the bundled record. */
function project(): string {
  const dir = tempDir('csp-install-');
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'example-partnership-record', version: '1.0.0', private: true }, null, 2),
  );
  cpSync(BUNDLED, path.join(dir, 'records'), { recursive: true });
  return dir;
}

/**
 * What an installed csp must do in a project: validate the record and the morning check (as
 * `csp` runs them), and hand out the schemas and its version (as `direct` runs them: the
 * installed bin itself, when `csp` is npx, which costs a second's start of npm a command).
 */
function expectWorks(dir: string, csp: Csp, direct: Csp = csp) {
  const v = csp(['validate', ...AS_OF]);
  expect(v.stderr).toBe('');
  expect(v.stdout).toBe('✓ Example CSP: no problems found.\n');
  expect(v.code).toBe(0);
  const s = csp(['start', ...AS_OF]);
  expect(s.stdout).toContain('Example Borough Community Safety Partnership — Sunday 22 November 2026');
  expect(s.stdout).toContain('✓ records: no problems found.');
  expect(s.stdout).toContain('Next meeting\nThursday 10 December 2026');
  expect(s.stderr).not.toContain('did not expect');
  expect([0, 1]).toContain(s.code);
  const out = direct(['schemas', '--out', 'csp-schemas']);
  expect(out.code).toBe(0);
  expect(readdirSync(path.join(dir, 'csp-schemas')).sort()).toEqual(
    ['action', 'meeting', 'members', 'minutes', 'partnership'].map((k) => `${k}.schema.json`),
  );
  expect(direct(['--version']).stdout.trim()).toBe(PKG.version);
}

/** The project's files as they stand (tracked, and new ones not ignored), committed to a fresh repository. */
function gitSource(): string {
  const source = tempDir('csp-git-');
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
  })
    .toString()
    .split('\0')
    .filter((f) => f !== '' && existsSync(path.join(ROOT, f)));
  for (const f of listed) {
    mkdirSync(path.dirname(path.join(source, f)), { recursive: true });
    cpSync(path.join(ROOT, f), path.join(source, f));
  }
  expect(existsSync(path.join(source, 'dist'))).toBe(false);
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Clerk', '-c', 'user.email=clerk@example.gov.uk', ...args], {
      cwd: source,
      stdio: 'pipe',
    });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-qm', 'csp');
  return source;
}

let tarball: string;
/** Each way of installing, started together in beforeAll: the folder it installed into, once it has. */
let local: Promise<string>;
let globally: Promise<string>;
let fromGit: Promise<string>;

beforeAll(() => {
  // The build is fresh (npm test builds first), so pack without running prepare again.
  const into = tempDir('csp-pack-');
  const out = JSON.parse(npm(ROOT, ['pack', '--json', '--ignore-scripts', '--pack-destination', into])) as {
    filename: string;
    files: { path: string }[];
  }[];
  tarball = path.join(into, out[0]!.filename);
  const files = out[0]!.files.map((f) => f.path);
  expect(files).toContain(path.relative(ROOT, BIN));
  expect(files).toContain('dist/main.js');
  expect(files).toContain('dist/validators.cjs');
  expect(files).toContain('schemas/members.schema.json');
  expect(files).toContain('docs/record-format.md');
  expect(files).toContain('templates/init/csp-validate.yml');
  expect(files.filter((f) => /^(src|test|records|scripts|bench|action)\//.test(f))).toEqual([]);

  const localDir = project();
  local = npmInstall(localDir, ['--save-dev', tarball]).then(() => localDir);
  const prefix = tempDir('csp-global-');
  globally = npmInstall(prefix, ['--global', '--prefix', prefix, tarball]).then(() => prefix);
  const gitDir = project();
  fromGit = npmInstall(gitDir, ['--save-dev', `git+file://${gitSource()}`]).then(() => gitDir);
  // A failed install is reported by its own test; none is left unhandled meanwhile.
  for (const p of [local, globally, fromGit]) p.catch(() => undefined);
}, SLOW);

describe('installing csp', () => {
  it(`packs as ${PKG.name}, the command still csp`, () => {
    expect(path.basename(tarball)).toBe(`${PKG.name}-${PKG.version}.tgz`);
  });

  it(
    'from the tarball into a fresh project: npx csp validate and npx csp start work there',
    async () => {
      const dir = await local;
      expect(existsSync(path.join(dir, 'node_modules/.bin/csp'))).toBe(true);
      expectWorks(dir, npx(dir), installed(dir));
    },
    SLOW,
  );

  it(
    'globally from the tarball: csp on the PATH works in any folder',
    async () => {
      const prefix = await globally;
      const bin = path.join(prefix, 'bin', 'csp');
      expect(existsSync(bin)).toBe(true);
      const dir = project();
      expectWorks(dir, (args) => run(dir, bin, args));
    },
    SLOW,
  );

  it(
    'from a git URL (git+file://): npm builds it with the prepare script, and npx csp works',
    async () => {
      const dir = await fromGit;
      expect(existsSync(path.join(dir, 'node_modules', PKG.name, 'dist', 'main.js'))).toBe(true);
      expectWorks(dir, npx(dir), installed(dir));
    },
    SLOW,
  );
});
