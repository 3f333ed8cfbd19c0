// Vitest global setup: the spawned-binary tests run dist/, so rebuild it first when any
// source, schema or build script is newer than the build (a bare `vitest run` after an
// edit then never tests a stale dist/).
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(abs) : statSync(abs).mtimeMs);
  }
  return t;
}

export default function setup(): void {
  let built: number;
  try {
    built = statSync(path.join(ROOT, 'dist', 'main.js')).mtimeMs;
  } catch {
    built = 0;
  }
  const sources = Math.max(...['src', 'schemas', 'scripts'].map((d) => newest(path.join(ROOT, d))));
  if (sources > built) execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
}
