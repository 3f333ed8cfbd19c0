/** Shared by the rules tests: validate a record built from inline files and read its findings. */
import { cli, minimalRecord, noStackTrace, type CliResult } from './helpers.js';
import { DRAFT_FRONT, frontMatter, mdFile } from './quorum-fixtures.js';

export interface Finding {
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  rule: string;
  message: string;
}

export interface Report {
  ok: boolean;
  errors: number;
  warnings: number;
  diagnostics: Finding[];
}

/** A meeting.md with only its date. */
export const meetingMd = (date: string) => frontMatter([`date: ${date}`]);

/** Draft minutes that break no rule: the whole board present and one decision. */
export const goodMinutes = (n = 1, status = 'status: draft') =>
  mdFile([status, ...DRAFT_FRONT.slice(1)], [`## ${n}. Community safety plan`, '', 'RESOLVED that the plan be noted.']);

/** Runs `csp validate --format json` on minimalRecord(files); returns the report and the raw result. */
export async function validate(
  files: Record<string, string | Buffer>,
  extra: string[] = [],
): Promise<{ report: Report; result: CliResult; dir: string }> {
  const dir = minimalRecord(files);
  const result = await cli(dir, ['validate', '--format', 'json', '--as-of', '2026-11-22', ...extra]);
  if (!noStackTrace(result)) throw new Error(`stack trace in output:\n${result.stderr}`);
  let report: Report;
  try {
    report = JSON.parse(result.stdout) as Report;
  } catch {
    throw new Error(`validate printed no JSON (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
  return { report, result, dir };
}

/** The findings of a record (all rules). */
export async function findings(files: Record<string, string | Buffer>): Promise<Finding[]> {
  return (await validate(files)).report.diagnostics;
}
