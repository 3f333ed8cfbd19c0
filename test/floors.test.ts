/** The house's floors: every module of src/ imports only from its own floor and those below it (static and lazy imports alike). */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './helpers.js';
// @ts-expect-error -- a plain JavaScript module shared with eslint.config.js
import { DISK, FLOORS } from '../scripts/floors.js';

const floors = FLOORS;
const disk = DISK;
const SRC = path.join(ROOT, 'src');

function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? modules(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

/** The floor of a file under src/. */
const floorOf = (abs: string) => path.relative(SRC, abs).split(path.sep)[0];

/** The imports of `text` (the module `file`) that reach a floor above its own. */
function upward(file: string, text: string): string[] {
  const mine = floors.indexOf(floorOf(file));
  const out: string[] = [];
  for (const m of text.matchAll(/(?:from\s+|import\()\s*'(\.[^']+)'/g)) {
    const target = path.resolve(path.dirname(file), m[1]!);
    if (target.startsWith(SRC + path.sep) && floors.indexOf(floorOf(target)) > mine)
      out.push(`${path.relative(ROOT, file)} imports ${m[1]}`);
  }
  return out;
}

describe('floors', () => {
  const files = modules(SRC);

  it('every folder of src/ is a floor', () => {
    expect(files.map(floorOf).filter((f) => !floors.includes(f))).toEqual([]);
  });

  it('no module imports one on a floor above it', () => {
    const wrong = files.flatMap((file) => upward(file, readFileSync(file, 'utf8')));
    expect(wrong).toEqual([]);
  });

  it('only workspace/, cli/ and import/ touch the disk; only cli/ touches the process', () => {
    const wrong: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const floor = floorOf(file);
      if (!disk.includes(floor) && /from\s+'(node:)?(fs|child_process)(\/promises)?'/.test(text))
        wrong.push(`${path.relative(ROOT, file)}: disk`);
      if (floor !== 'cli' && /(?<![\w.])process\.\w/.test(text.replace(/^\s*(\/\/|\*).*$/gm, ''))) {
        wrong.push(`${path.relative(ROOT, file)}: process`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('the check can fail: core importing the loader, or a query importing an op, is caught', () => {
    expect(upward(path.join(SRC, 'core', 'x.ts'), "import { loadRecord } from '../load/load.js';")).toHaveLength(1);
    expect(upward(path.join(SRC, 'queries', 'x.ts'), "const m = await import('../ops/seam.js');")).toHaveLength(1);
    expect(upward(path.join(SRC, 'ops', 'x.ts'), "import { verify } from './seam.js';")).toEqual([]);
  });
});
