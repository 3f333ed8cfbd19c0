/** csp validate: the whole record against its schemas and rules (SPEC section 3). */
import { readRecord } from './read.js';
import type { Ctx } from './context.js';
import type { LoadedRecord } from '../load/load.js';
import { runRules } from '../rules/index.js';
import { formatGithub, formatJson, formatText, summarise } from '../render/diagnostics.js';
import type { Diagnostic } from '../core/diagnostic.js';

/** Loads and checks the record; shared by validate, start and the write commands. */
export function validateRecord(
  ctx: Ctx,
  base?: string,
): { diagnostics: Diagnostic[]; name: string; rec: LoadedRecord } {
  const rec = readRecord(ctx, { minutesBodies: true, links: true });
  const diagnostics = runRules({ rec, today: ctx.today, ...(base !== undefined ? { base } : {}) });
  return { diagnostics, name: rec.settings.short_name, rec };
}

export async function run(ctx: Ctx, opts: Record<string, unknown>): Promise<number> {
  const strict = opts.strict === true;
  const format = String(opts.format ?? 'text');
  const { diagnostics, name } = validateRecord(ctx, typeof opts.base === 'string' ? opts.base : undefined);
  const summary = summarise(diagnostics, strict);
  if (format === 'json') ctx.out(formatJson(diagnostics, summary));
  else if (format === 'github') {
    ctx.out(formatGithub(diagnostics));
    ctx.err(`${name}: ${summary.errors} error(s), ${summary.warnings} warning(s).\n`);
  } else ctx.out(formatText(diagnostics, summary, ctx.color, name));
  return summary.ok ? 0 : 1;
}
