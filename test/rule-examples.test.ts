/**
 * Every rule's own examples, run as its tests (src/rules/<id>.ts): each not-ok example
 * gives exactly the findings of that rule it documents, and each ok example no finding
 * of any rule. Runs csp validate in this process on a temp record built from each example.
 */
import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULES } from '../src/rules/index.js';
import { RULE_IDS } from '../src/core/diagnostic.js';
import { EXAMPLE_RECORD } from '../src/rules/example-record.js';
import type { Example, Rule } from '../src/rules/rule.js';
import { cli, ROOT, tempDir, writeFiles } from './helpers.js';
import type { Report } from './rules-support.js';

const under = (files: Record<string, string>) =>
  Object.fromEntries(Object.entries(files).map(([rel, text]) => [`records/${rel}`, text]));

/** Builds the example's record (committed to git first when it has `committed`) and validates it. */
async function run(example: Example): Promise<Report> {
  const dir = tempDir();
  const extra: string[] = [];
  if (example.committed) {
    writeFiles(dir, under({ ...EXAMPLE_RECORD, ...example.committed }));
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=Clerk', '-c', 'user.email=clerk@example.gov.uk', ...args], {
        cwd: dir,
        stdio: 'pipe',
      });
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-qm', 'the record as approved');
    extra.push('--base', 'HEAD');
    writeFiles(dir, under(example.files));
  } else writeFiles(dir, under({ ...EXAMPLE_RECORD, ...example.files }));
  const r = await cli(dir, ['validate', '--format', 'json', '--as-of', '2026-11-22', ...extra]);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as Report;
}

/** The modules of src/rules/, by file name (`../src/rules/<name>.ts`). */
const RULES_DIR = path.join(ROOT, 'src', 'rules');
const modules: Partial<Record<string, { rule?: Rule }>> = Object.fromEntries(
  await Promise.all(
    readdirSync(RULES_DIR)
      .filter((f) => f.endsWith('.ts'))
      .map(
        async (f) =>
          [
            `../src/rules/${f}`,
            (await import(pathToFileURL(path.join(RULES_DIR, f)).href)) as { rule?: Rule },
          ] as const,
      ),
  ),
);

describe('every rule id has its own file under src/rules/, with examples', () => {
  it.each([...RULE_IDS])('%s', (id) => {
    const rule = modules[`../src/rules/${id}.ts`]?.rule;
    expect(rule?.id).toBe(id);
    if (!rule) return;
    expect(RULES).toContain(rule);
    expect(rule.summary).not.toBe('');
    expect(rule.examples.notOk.length).toBeGreaterThan(0);
    expect(rule.examples.ok.length).toBeGreaterThan(0);
  });

  it('and every rule file is a rule in the registry', () => {
    const files = Object.entries(modules).flatMap(([file, m]) => (m?.rule ? [`${file} ${m.rule.id}`] : []));
    expect(files.sort()).toEqual(RULES.map((r) => `../src/rules/${r.id}.ts ${r.id}`).sort());
  });
});

for (const rule of RULES) {
  describe(`rule ${rule.id}`, () => {
    for (const example of rule.examples.notOk) {
      it(`not ok: ${example.title}`, async () => {
        const report = await run(example);
        const found = report.diagnostics.filter((d) => d.rule === rule.id);
        expect(found).toEqual(example.findings.map((f) => ({ ...f, rule: rule.id })));
        for (const f of found) expect(rule.severity).toContain(f.severity);
      });
    }
    for (const example of rule.examples.ok) {
      it(`ok: ${example.title}`, async () => {
        const report = await run(example);
        expect(report.diagnostics).toEqual([]);
        expect(report.ok).toBe(true);
      });
    }
  });
}
