/** Formatters for findings: text for the clerk, JSON for tools, GitHub workflow commands for CI. */
import type { ChalkInstance } from 'chalk';
import { visible } from '../core/text.js';
import { fitLines } from './text.js';
import type { Diagnostic } from '../core/diagnostic.js';

export interface Summary {
  ok: boolean;
  errors: number;
  warnings: number;
}

/** Counts errors and warnings; ok unless an error (or, when strict, a warning). */
export function summarise(list: Diagnostic[], strict: boolean): Summary {
  const errors = list.filter((d) => d.severity === 'error').length;
  const warnings = list.length - errors;
  return { ok: errors === 0 && (!strict || warnings === 0), errors, warnings };
}

/** `file:line:col  severity  message  rule`, one a line (wrapped at words on a terminal `columns` wide), then a summary line. */
export function formatText(
  list: Diagnostic[],
  summary: Summary,
  color: ChalkInstance,
  recordName: string,
  columns?: number,
): string {
  const lines = list.map((d) => {
    const sev = d.severity === 'error' ? color.red('error') : color.yellow('warning');
    return `${color.bold(`${visible(d.file)}:${d.line}:${d.column}`)}  ${sev}  ${visible(d.message)}  ${color.dim(d.rule)}`;
  });
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const tail =
    list.length === 0
      ? color.green(`✓ ${recordName}: no problems found.`)
      : `${summary.ok ? color.green('✓') : color.red('✗')} ${recordName}: ${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}.`;
  return fitLines((lines.length ? lines.join('\n') + '\n\n' : '') + tail + '\n', columns, '    ');
}

/** The JSON shape of SPEC section 2. */
export function formatJson(list: Diagnostic[], summary: Summary): string {
  return (
    JSON.stringify({ ok: summary.ok, errors: summary.errors, warnings: summary.warnings, diagnostics: list }, null, 2) +
    '\n'
  );
}

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** One GitHub Actions workflow command per finding. */
export function formatGithub(list: Diagnostic[]): string {
  return list
    .map(
      (d) =>
        `::${d.severity} file=${escapeProperty(d.file)},line=${d.line},col=${d.column},title=${escapeProperty(d.rule)}::${escapeData(d.message)}\n`,
    )
    .join('');
}
