/** Reading the record for a command: found from its options, with the command's environment. */
import { loadRecord, type LoadedRecord, type LoadOptions } from '../load/load.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { OpContext } from '../ops/seam.js';
import { runRules } from '../rules/index.js';
import type { Ctx } from './context.js';

/** Finds and reads the record, as much of it as the command needs. */
export function readRecord(ctx: Ctx, options: Omit<LoadOptions, 'env' | 'trace'> = {}): LoadedRecord {
  const { root, display } = ctx.record();
  return loadRecord(root, display, { ...options, env: ctx.io.env, trace: ctx.err });
}

/** What an op needs from a command: the record, "today", the environment, the process, and stderr for notes. */
export function opContext(ctx: Ctx): OpContext {
  const { root, display } = ctx.record();
  return { root, display, today: ctx.today, env: ctx.io.env, system: ctx.io.system, note: ctx.err };
}

/** Reads the whole record and runs every rule (csp validate, csp start); `base` adds the checks against a git revision. */
export function validateRecord(
  ctx: Ctx,
  base?: string,
): { diagnostics: Diagnostic[]; name: string; rec: LoadedRecord } {
  const rec = readRecord(ctx, { minutesBodies: true, links: true });
  const diagnostics = runRules({ rec, today: ctx.today, ...(base !== undefined ? { base } : {}) });
  return { diagnostics, name: rec.settings.short_name, rec };
}
