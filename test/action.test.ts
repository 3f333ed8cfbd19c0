/**
 * The GitHub Action, run as GitHub runs it: each `run` step of action.yml in bash with
 * the environment a pull-request job has (GITHUB_BASE_REF, GITHUB_WORKSPACE,
 * GITHUB_STEP_SUMMARY, GITHUB_ACTION_PATH), in a clone of a real repository whose
 * pull-request branch changes the record.
 */
import { describe, it, expect } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { ROOT, minimalRecord, tempDir } from './helpers.js';

const G = ['-c', 'user.name=Clerk', '-c', 'user.email=clerk@example.gov.uk'];
const git = (cwd: string, ...args: string[]) => execFileSync('git', [...G, ...args], { cwd, stdio: 'pipe' }).toString();

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface ActionYml {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; steps: Step[] };
}

const ACTION = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as ActionYml;

/** Evaluates the few expressions action.yml uses; any other is a test failure, not a silent blank. */
function evaluate(value: string, inputs: Record<string, string>, env: Record<string, string | undefined>): string {
  return value.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
    const input = /^inputs\.([\w-]+)$/.exec(expr);
    if (input) return inputs[input[1]!] ?? '';
    if (expr === 'github.base_ref') return env.GITHUB_BASE_REF ?? '';
    if (expr === 'github.action_path') return env.GITHUB_ACTION_PATH ?? '';
    throw new Error(`action.yml uses an expression the test does not know: ${expr}`);
  });
}

/** Runs the action's steps (the `uses` ones are set-up GitHub provides: Node is already here). */
function runAction(workspace: string, given: Record<string, string> = {}) {
  const summary = path.join(tempDir('csp-summary-'), 'summary.md');
  writeFileSync(summary, '');
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NO_COLOR: '1',
    CSP_RECORDS: '',
    CSP_CACHE_DIR: path.join(tmpdir(), 'csp-test-cache'),
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_BASE_REF: 'main',
    GITHUB_HEAD_REF: 'pr',
    GITHUB_WORKSPACE: workspace,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_ACTION_PATH: ROOT,
  };
  const defaults = Object.fromEntries(
    Object.entries(ACTION.inputs).map(([k, v]) => [k, evaluate(v.default ?? '', {}, env)]),
  );
  const inputs = { ...defaults, ...given };
  let stdout = '';
  let code = 0;
  const skipped: string[] = [];
  for (const step of ACTION.runs.steps) {
    if (step.uses !== undefined) {
      skipped.push(step.uses);
      continue;
    }
    expect(step.shell).toBe('bash');
    const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, evaluate(v, inputs, env)]));
    // As the runner does for `shell: bash`.
    const script = path.join(tempDir('csp-step-'), 'step.sh');
    writeFileSync(script, evaluate(step.run!, inputs, env));
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd: workspace,
      env: { ...env, ...stepEnv },
      encoding: 'utf8',
    });
    stdout += r.stdout;
    code = r.status ?? -1;
    if (code !== 0) break;
  }
  return { code, stdout, summary: readFileSync(summary, 'utf8'), skipped };
}

const MINUTES = 'records/meetings/2026-01-15/minutes.md';
const DRAFT = 'records/meetings/2026-04-16/minutes.md';

/** A repository on "GitHub" (a bare origin) with the record on main, cloned as actions/checkout does with fetch-depth 0. */
function pullRequest(change: (workspace: string) => void): string {
  const origin = tempDir('csp-origin-');
  git(origin, 'init', '-q', '--bare', '-b', 'main');
  const author = minimalRecord({
    'meetings/2026-01-15/meeting.md': '---\ndate: 2026-01-15\nstart: "14:00"\nstatus: held\n---\n',
    'meetings/2026-01-15/minutes.md': [
      '---',
      'status: approved',
      'approved: { meeting: 2026-04-16 }',
      'chair: cllr-chair',
      'present: [cllr-chair, pc-police, dr-health]',
      '---',
      '## 1. Community safety plan',
      '',
      'RESOLVED That the plan be agreed.',
      '',
    ].join('\n'),
    'meetings/2026-04-16/meeting.md': '---\ndate: 2026-04-16\nstart: "14:00"\nstatus: held\n---\n',
    'meetings/2026-04-16/minutes.md':
      '---\nstatus: draft\nchair: cllr-chair\npresent: [cllr-chair, pc-police, dr-health]\n---\n## 2. Minutes\n\nRESOLVED That the minutes of 15 January be confirmed.\n',
  });
  git(author, 'init', '-q', '-b', 'main');
  git(author, 'add', '-A');
  git(author, 'commit', '-qm', 'the record');
  git(author, 'remote', 'add', 'origin', origin);
  git(author, 'push', '-q', 'origin', 'main');
  git(author, 'checkout', '-q', '-b', 'pr');
  change(author);
  git(author, 'commit', '-qam', 'the pull request');
  git(author, 'push', '-q', 'origin', 'pr');
  const workspace = tempDir('csp-workspace-');
  git(workspace, 'clone', '-q', '--branch', 'pr', origin, '.');
  return workspace;
}

const edit = (dir: string, rel: string, from: string, to: string) => {
  const abs = path.join(dir, rel);
  const text = readFileSync(abs, 'utf8');
  expect(text).toContain(from);
  writeFileSync(abs, text.replace(from, to));
};

describe('the GitHub Action on a pull request', () => {
  it('is a composite action whose only set-up step is setup-node', () => {
    expect(ACTION.runs.using).toBe('composite');
    expect(ACTION.runs.steps.filter((s) => s.uses !== undefined).map((s) => s.uses)).toEqual(['actions/setup-node@v4']);
  });

  it('passes a draft minutes edit, and says what it changes in the job summary', () => {
    const ws = pullRequest((dir) => {
      edit(dir, DRAFT, 'be confirmed.', 'be confirmed as a true record.');
    });
    const r = runAction(ws);
    expect(r.code).toBe(0);
    expect(r.skipped).toEqual(['actions/setup-node@v4']);
    expect(r.stdout).toContain('is already installed');
    expect(r.stdout).not.toContain('::error');
    expect(r.summary).toContain('## Test CSP: the record check\n\n✅ No problems found.\n');
    expect(r.summary).toContain("## What this changes in Test CSP's record");
    expect(r.summary).toContain(
      '### Meeting of Thursday 16 April 2026\n\n- Minutes edited: minute 2 (Minutes) edited. `records/meetings/2026-04-16/minutes.md:6`',
    );
    expect(r.summary).toContain(
      'Decision under minute 2 (Minutes) now reads “That the minutes of 15 January be confirmed as a true record.”',
    );
  });

  it('fails an edit to approved minutes with an approved-changed annotation on the changed line, and a table in the summary', () => {
    const ws = pullRequest((dir) => {
      edit(dir, MINUTES, 'RESOLVED That the plan be agreed.', 'RESOLVED That the plan be agreed in full.');
    });
    const r = runAction(ws);
    expect(r.code).toBe(1);
    const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::'));
    expect(annotations).toHaveLength(1);
    expect(annotations[0]).toMatch(
      /^::error file=records\/meetings\/2026-01-15\/minutes\.md,line=9,col=1,title=approved-changed::These minutes were approved \(at origin\/main\)/,
    );
    expect(readFileSync(path.join(ws, MINUTES), 'utf8').split('\n')[8]).toBe(
      'RESOLVED That the plan be agreed in full.',
    );
    expect(r.summary).toContain('❌ 1 error, 0 warnings in 1 file: the check fails.');
    expect(r.summary).toContain(
      '| | file | line | rule | finding |\n| --- | --- | ---: | --- | --- |\n| ❌ error | records/meetings/2026-01-15/minutes.md | 9 | `approved-changed` |',
    );
    expect(r.summary).toContain('> [!CAUTION]\n> **Approved minutes changed.**');
  });

  it('passes an added correction, and the summary records it', () => {
    const ws = pullRequest((dir) => {
      edit(
        dir,
        MINUTES,
        'chair: cllr-chair\n',
        'chair: cllr-chair\ncorrections:\n  - { meeting: 2026-04-16, minute: 2, note: The plan was agreed in full }\n',
      );
    });
    const r = runAction(ws);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('::error');
    expect(r.summary).toContain('✅ No problems found.');
    expect(r.summary).toContain(
      '- Correction recorded by minute 2 of the meeting of 16 April 2026: “The plan was agreed in full”.',
    );
  });

  it('with strict, fails on a warning; with another record folder and an explicit base, checks that', () => {
    // A substantive item with neither a decision nor an action: an outcome warning.
    const ws = pullRequest((dir) => {
      edit(dir, DRAFT, '## 2. Minutes', '## 2. Hate crime update');
      edit(dir, DRAFT, 'RESOLVED That the minutes of 15 January be confirmed.', 'The board discussed the update.');
    });
    expect(runAction(ws).code).toBe(0);
    const strict = runAction(ws, { strict: 'true' });
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/^::warning file=records\/meetings\/2026-04-16\/minutes\.md,.*title=outcome::/m);
    const other = runAction(ws, { records: 'records', base: 'main' });
    expect(other.code).toBe(0);
    expect(other.summary).toContain('Compared with `origin/main`');
  });

  it('stops with an annotation when the branch to compare with is not in the checkout', () => {
    const ws = pullRequest((dir) => {
      edit(dir, DRAFT, 'be confirmed.', 'be confirmed, as amended.');
    });
    const r = runAction(ws, { base: 'no-such-branch' });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(
      '::error title=csp::The branch to compare with, no-such-branch, is not in this checkout.',
    );
  });
});
