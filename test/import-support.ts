/** Running an import in the tests, and reading what it wrote. */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { csp, ROOT } from './helpers.js';
import { runImport, type ImportOptions, type ImportResult } from '../src/import/run.js';

/** The built worker that reads documents in isolation. */
export const WORKER = new URL(`file://${path.join(ROOT, 'dist', 'import', 'extract-worker.js')}`);

/** Imports files (relative to dir) into dir/records, validating with the built CLI afterwards. */
export function importInto(dir: string, files: string[], opts: Partial<ImportOptions> = {}): Promise<ImportResult> {
  return runImport({
    root: path.join(dir, 'records'),
    display: 'records',
    cwd: dir,
    files,
    dryRun: false,
    addPeople: false,
    worker: WORKER,
    validate: () =>
      Promise.resolve(
        (JSON.parse(csp(dir, ['validate', '--format', 'json']).stdout) as { diagnostics: ImportResult['diagnostics'] })
          .diagnostics,
      ),
    ...opts,
  });
}

/** A written file's front matter and body. */
export function readMinutes(
  dir: string,
  meeting: string,
  file = 'minutes.md',
): { data: Record<string, unknown>; body: string; text: string } {
  const text = readFileSync(path.join(dir, 'records', 'meetings', meeting, file), 'utf8');
  const m = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(text);
  if (!m) throw new Error(`no front matter in ${file}`);
  return { data: parse(m[1], { version: '1.2' }) as Record<string, unknown>, body: m[2], text };
}

/** The `## N. Title` headings of a body. */
export function headings(body: string): string[] {
  return [...body.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
}

/** The action markers of a body. */
export function markers(body: string): string[] {
  return [...body.matchAll(/\[action: ([^\]]*)\]/g)].map((m) => m[1]);
}

/** csp validate's findings on the whole record, as JSON. */
export function validate(dir: string): {
  errors: number;
  warnings: number;
  diagnostics: { file: string; rule: string; severity: string; message: string }[];
} {
  return JSON.parse(csp(dir, ['validate', '--format', 'json']).stdout) as ReturnType<typeof validate>;
}
