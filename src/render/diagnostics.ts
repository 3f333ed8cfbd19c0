/** Formatters for findings: text for the clerk, JSON for tools, GitHub workflow commands and a markdown report for CI. */
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

/** The JSON shape of `csp validate --format json`. */
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

/** Markdown inline text: characters that would start formatting, a link or HTML are escaped. */
export function mdInline(s: string): string {
  return visible(s).replace(/[\\`*_[\]<>&|#]/g, (c) =>
    c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`,
  );
}

/** A markdown report of the findings (for a pull request's job summary): a heading, the counts, then a table. */
export function formatMarkdown(list: Diagnostic[], summary: Summary, recordName: string): string {
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const files = new Set(list.map((d) => d.file)).size;
  const verdict =
    list.length === 0
      ? '✅ No problems found.'
      : `${summary.ok ? '✅' : '❌'} ${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')} in ${plural(files, 'file')}${summary.ok ? '' : ': the check fails'}.`;
  const out = [`## ${mdInline(recordName)}: the record check`, '', verdict, ''];
  if (list.length > 0) {
    out.push('| | file | line | rule | finding |', '| --- | --- | ---: | --- | --- |');
    for (const d of list) {
      out.push(
        `| ${d.severity === 'error' ? '❌ error' : '⚠️ warning'} | ${mdInline(d.file)} | ${d.line} | \`${d.rule}\` | ${mdInline(d.message)} |`,
      );
    }
    out.push('');
  }
  return out.join('\n') + '\n';
}
