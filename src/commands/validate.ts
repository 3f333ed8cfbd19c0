/** csp validate: the whole record against its schemas and rules (SPEC section 3). */
import { validateRecord } from './read.js';
import type { Ctx } from './context.js';
import { str } from './options.js';
import { formatGithub, formatJson, formatText, summarise } from '../render/diagnostics.js';

/** Runs csp validate: exit 1 on any error (or warning, with --strict). */
export function run(ctx: Ctx, opts: Record<string, unknown>): number {
  const strict = opts.strict === true;
  const format = str(opts.format) ?? 'text';
  const { diagnostics, name } = validateRecord(ctx, typeof opts.base === 'string' ? opts.base : undefined);
  const summary = summarise(diagnostics, strict);
  if (format === 'json') ctx.out(formatJson(diagnostics, summary));
  else if (format === 'github') {
    ctx.out(formatGithub(diagnostics));
    ctx.err(`${name}: ${summary.errors} error(s), ${summary.warnings} warning(s).\n`);
  } else ctx.out(formatText(diagnostics, summary, ctx.color, name, ctx.io.columns));
  return summary.ok ? 0 : 1;
}
