/**
 * Running csp import in the tests: in-process (main(io) with captured output) for most
 * cases, and as the spawned built binary for a table of cases run both ways.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { parse } from 'yaml';
import { csp, testSystem, type CliResult } from './helpers.js';
import { main } from '../src/cli/main.js';

/** One document as `csp import --format json` reports it. */
export interface DocJson {
  file: string;
  status: string;
  message: string | null;
  format: string | null;
  meeting: string | null;
  minutes: { first: number; last: number } | null;
  items: number;
  decisions: number;
  actions: number;
  files: { path: string; text: string }[];
  unknown: {
    name: string;
    as: string;
    line: number;
    where: string;
    nearest: string[];
    ambiguous: boolean;
    added: string | null;
    outcome: string;
  }[];
  unplaced: { line: number; where: string; text: string }[];
  notes: { line: number; where: string; message: string }[];
  added: string[];
}

/** The whole JSON report. */
export interface ImportJson {
  ok: boolean;
  documents: DocJson[];
  diagnostics: { file: string; line: number; column: number; severity: string; rule: string; message: string }[];
}

const CACHE = path.join(tmpdir(), 'csp-test-cache');

/** Runs csp in-process in `cwd` (stdout not a terminal unless `tty`). */
export async function cspIn(cwd: string, argv: string[], tty = false): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main({
    argv,
    cwd,
    env: { NO_COLOR: '1', CSP_CACHE_DIR: CACHE },
    isTTY: tty,
    columns: 80,
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    system: testSystem,
  });
  return { code, stdout, stderr };
}

/** Options of an import, as the clerk would type them. */
export interface ImportArgs {
  meeting?: string;
  dryRun?: boolean;
  addPeople?: boolean;
}

/** The command line for an import. */
export function importArgv(files: string[], opts: ImportArgs = {}, format = 'json'): string[] {
  return [
    'import',
    ...files,
    ...(opts.meeting !== undefined ? ['--meeting', opts.meeting] : []),
    ...(opts.dryRun ? ['--dry-run'] : []),
    ...(opts.addPeople ? ['--add-people'] : []),
    '--format',
    format,
  ];
}

/** Imports files (relative to dir) into dir/records in-process, returning the exit code and the JSON report. */
export async function importInto(
  dir: string,
  files: string[],
  opts: ImportArgs = {},
): Promise<{ code: number; json: ImportJson; stderr: string }> {
  const r = await cspIn(dir, importArgv(files, opts));
  if (!r.stdout) throw new Error(`no report (exit ${r.code}): ${r.stderr}`);
  return { code: r.code, json: JSON.parse(r.stdout) as ImportJson, stderr: r.stderr };
}

/** The same import as the spawned built binary. */
export function importSpawned(dir: string, files: string[], opts: ImportArgs = {}, format = 'json'): CliResult {
  return csp(dir, importArgv(files, opts, format));
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
  return { data: parse(m[1]!, { version: '1.2' }) as Record<string, unknown>, body: m[2]!, text };
}

/** The `## N. Title` headings of a body. */
export function headings(body: string): string[] {
  return [...body.matchAll(/^## (.+)$/gm)].map((m) => m[1]!);
}

/** The action markers of a body. */
export function markers(body: string): string[] {
  return [...body.matchAll(/\[action: ([^\]]*)\]/g)].map((m) => m[1]!);
}

/** What `csp validate --format json` reports. */
interface ValidateJson {
  errors: number;
  warnings: number;
  diagnostics: { file: string; rule: string; severity: string; message: string }[];
}

/** csp validate's findings on the whole record, as JSON (in-process: the import is what these tests check). */
export async function validate(dir: string): Promise<ValidateJson> {
  return JSON.parse((await cspIn(dir, ['validate', '--format', 'json'])).stdout) as ValidateJson;
}
