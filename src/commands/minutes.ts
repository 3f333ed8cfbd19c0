/** PLACEHOLDER: replaced by the real command. */
import type { Ctx } from '../cli/context.js';
import { UsageError } from '../cli/errors.js';

export async function runNew(_ctx: Ctx, _opts: Record<string, unknown>, _args: string[]): Promise<number> {
  throw new UsageError('csp minutes new is not built yet.');
}
export async function runApprove(_ctx: Ctx, _opts: Record<string, unknown>, _args: string[]): Promise<number> {
  throw new UsageError('csp minutes approve is not built yet.');
}
