/** csp schemas: the shipped JSON Schemas listed with their addresses, and written into a folder for an editor. */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, cli, tempDir, writeFiles } from './helpers.js';

const KINDS = ['partnership', 'members', 'meeting', 'minutes', 'action'];
const shipped = (kind: string) => readFileSync(path.join(ROOT, 'schemas', `${kind}.schema.json`), 'utf8');

describe('csp schemas', () => {
  it('lists each schema, the file it describes and its stable address', async () => {
    const r = await cli(tempDir(), ['schemas']);
    expect(r.code).toBe(0);
    for (const kind of KINDS) {
      const id = (JSON.parse(shipped(kind)) as { $id: string }).$id;
      expect(id).toMatch(/^https:\/\//);
      expect(r.stdout).toContain(`${kind}.schema.json  describes `);
      expect(r.stdout).toContain(`\n  ${id}\n`);
    }
  });

  it('--out writes them byte for byte and says how to point an editor at them; again, nothing changes', async () => {
    const dir = tempDir();
    const r = await cli(dir, ['schemas', '--out', 'editor/schemas']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 5)).toEqual(KINDS.map((k) => `created editor/schemas/${k}.schema.json`));
    expect(r.stdout).toContain('"yaml.schemas": { "./editor/schemas/members.schema.json": "records/members.yaml" }');
    expect(readdirSync(path.join(dir, 'editor/schemas')).sort()).toEqual(KINDS.map((k) => `${k}.schema.json`).sort());
    for (const kind of KINDS)
      expect(readFileSync(path.join(dir, `editor/schemas/${kind}.schema.json`), 'utf8')).toBe(shipped(kind));
    const again = await cli(dir, ['schemas', '--out', 'editor/schemas']);
    expect(again.stdout.split('\n').slice(0, 5)).toEqual(KINDS.map((k) => `unchanged editor/schemas/${k}.schema.json`));
  });

  it("brings an older csp schema up to date, and leaves someone else's file of the same name alone (exit 1)", async () => {
    const dir = tempDir();
    const old = JSON.parse(shipped('members')) as Record<string, unknown>;
    writeFiles(dir, {
      'schemas/members.schema.json': JSON.stringify({ ...old, description: 'an older version' }),
      'schemas/action.schema.json': '{"title": "our own action schema"}\n',
    });
    const r = await cli(dir, ['schemas', '--out', 'schemas']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('updated schemas/members.schema.json\n');
    expect(r.stdout).toContain('kept (not a csp schema, left as it is) schemas/action.schema.json\n');
    expect(r.stderr).toBe(
      "csp: schemas/action.schema.json is not csp's and was left as it was. Move it away, or choose another folder.\n",
    );
    expect(readFileSync(path.join(dir, 'schemas/members.schema.json'), 'utf8')).toBe(shipped('members'));
    expect(readFileSync(path.join(dir, 'schemas/action.schema.json'), 'utf8')).toBe(
      '{"title": "our own action schema"}\n',
    );
  });

  it('refuses an --out that is a file (exit 2)', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'taken'), 'x');
    const r = await cli(dir, ['schemas', '--out', 'taken']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('taken is a file, not a folder');
  });
});
