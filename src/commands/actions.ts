/** PLACEHOLDER: replaced by the real command. */
import type { Ctx } from '../cli/context.js';
import { UsageError } from '../cli/errors.js';

export async function runList(_ctx: Ctx, _opts: Record<string, unknown>, _args: string[]): Promise<number> {
  throw new UsageError('csp actions is not built yet.');
}
export async function runSync(_ctx: Ctx, _opts: Record<string, unknown>, _args: string[]): Promise<number> {
  throw new UsageError('csp actions sync is not built yet.');
}
