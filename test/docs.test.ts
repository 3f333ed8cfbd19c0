/** The documentation that ships with csp: the record format covers every field, and nothing points outside the project. */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT, cli, csp, tempDir } from './helpers.js';

type Json = Record<string, unknown>;
const KINDS = ['partnership', 'members', 'meeting', 'minutes', 'action'];
const read = (rel: string) => readFileSync(path.join(ROOT, rel), 'utf8');

/** Every property name at every depth of a schema (following its definitions). */
function fieldNames(schema: Json): Set<string> {
  const names = new Set<string>();
  const defs = (schema.definitions ?? {}) as Record<string, Json>;
  const seen = new Set<string>();
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const n = node as Json;
    if (typeof n.$ref === 'string' && n.$ref.startsWith('#/definitions/')) {
      const name = n.$ref.slice('#/definitions/'.length);
      if (!seen.has(name)) {
        seen.add(name);
        walk(defs[name]);
      }
    }
    for (const [k, v] of Object.entries((n.properties ?? {}) as Record<string, unknown>)) {
      names.add(k);
      walk(v);
    }
    for (const key of ['items', 'additionalProperties']) walk(n[key]);
    for (const key of ['oneOf', 'anyOf', 'allOf']) if (Array.isArray(n[key])) (n[key] as unknown[]).forEach(walk);
  };
  walk(schema);
  return names;
}

describe('docs/record-format.md', () => {
  const doc = read('docs/record-format.md');

  it.each(KINDS)('describes every field of %s.schema.json', (kind) => {
    const names = fieldNames(JSON.parse(read(`schemas/${kind}.schema.json`)) as Json);
    expect(names.size).toBeGreaterThan(3);
    const missing = [...names].filter((n) => !doc.includes(`\`${n}\``) && !new RegExp(`\`[a-z_]+\\.${n}\``).test(doc));
    expect(missing).toEqual([]);
  });

  it('is linked from the README', () => {
    expect(read('README.md')).toContain('[docs/record-format.md](docs/record-format.md)');
  });
});

describe('nothing points outside the project', () => {
  const files = [
    'README.md',
    'action.yml',
    'action/check.sh',
    'action/install.sh',
    '.pre-commit-hooks.yaml',
    ...readdirSync(path.join(ROOT, 'docs')).map((f) => `docs/${f}`),
    ...readdirSync(path.join(ROOT, 'schemas')).map((f) => `schemas/${f}`),
    ...readdirSync(path.join(ROOT, 'templates/init')).map((f) => `templates/init/${f}`),
  ];

  it.each(files)('%s', (rel) => {
    const text = read(rel);
    expect(text).not.toMatch(/\.\.\/shared|\.\.\/schemas|\bSPEC\b|SPEC\.md/);
  });

  it('in the source, where the messages are written (and its comments)', () => {
    const sources = (readdirSync(path.join(ROOT, 'src'), { recursive: true }) as string[])
      .filter((f) => f.endsWith('.ts'))
      .map((f) => `src/${f}`);
    expect(sources.length).toBeGreaterThan(50);
    expect(sources.filter((rel) => /\.\.\/shared|\.\.\/schemas|\bSPEC\b|SPEC\.md/.test(read(rel)))).toEqual([]);
  });

  it("in csp's help for every command", async () => {
    const dir = tempDir();
    // The overview as the built binary prints it (written out at build time) and as the
    // command line makes it; each command's help in-process, the same commander text (an
    // option in the list gets the overview on stderr, exit 2).
    const top = csp(dir, ['--help']).stdout;
    const commands = [...top.matchAll(/^ {2}([a-z-]+) /gm)].map((m) => m[1]!);
    expect(commands).toContain('changes');
    const helps = [top];
    for (const c of ['', ...commands]) {
      const r = await cli(dir, c === '' ? ['--help'] : [c, '--help']);
      helps.push(r.stdout + r.stderr);
    }
    expect(helps.every((h) => h.includes('Usage: csp'))).toBe(true);
    for (const help of helps) expect(help).not.toMatch(/\.\.\/shared|\.\.\/schemas|\bSPEC\b/);
  });
});
