/**
 * csp validate [FILE…]: the whole record against its schemas and rules; with files, the
 * findings on those files. Only what gives the last check's findings again is loaded up
 * front; the parsers, schemas and rules are loaded when the record must be checked again.
 */
import { keptFindings } from '../load/findings-memo.js';
import type { Ctx } from './context.js';
import { str } from './line-option.js';
import { formatGithub, formatJson, formatMarkdown, formatText, summarise } from '../render/diagnostics.js';
import { UsageError } from '../core/errors.js';
import { findingsFor, namedPaths } from '../queries/findings.js';

/** Runs csp validate: exit 1 on any error (or warning, with --strict) among the findings reported. */
export async function run(ctx: Ctx, opts: Record<string, unknown>, args: string[] = []): Promise<number> {
  const strict = opts.strict === true;
  const format = str(opts.format) ?? 'text';
  // Named files are checked against the record before it is read, so a typo is told at once.
  const named = args.length > 0 ? namedPaths(ctx.io.cwd, ctx.record().root, args) : undefined;
  const outside = named?.filter((n) => !n.inRecord) ?? [];
  if (outside.length > 0) {
    throw new UsageError(
      `${outside.map((n) => n.typed).join(', ')} ${outside.length === 1 ? 'is' : 'are'} not in the record (${ctx.record().display}/). Name files of the record, or none to check it all.`,
    );
  }
  const { root, display } = ctx.record();
  const check = { root, display, today: ctx.today, env: ctx.io.env, base: str(opts.base), trace: ctx.err };
  const all = keptFindings(check) ?? (await import('../rules/check-record.js')).fullCheck(check);
  const diagnostics = named ? findingsFor(all.diagnostics, ctx.io.cwd, named) : all.diagnostics;
  const name = !named
    ? all.name
    : named.length <= 3
      ? `${all.name}, ${args.join(', ')}`
      : `${all.name}, ${named.length} named files`;
  const summary = summarise(diagnostics, strict);
  if (format === 'json') ctx.out(formatJson(diagnostics, summary));
  else if (format === 'md') ctx.out(formatMarkdown(diagnostics, summary, name));
  else if (format === 'github') {
    ctx.out(formatGithub(diagnostics));
    ctx.err(`${name}: ${summary.errors} error(s), ${summary.warnings} warning(s).\n`);
  } else ctx.out(formatText(diagnostics, summary, ctx.color, name, ctx.io.columns));
  return summary.ok ? 0 : 1;
}
