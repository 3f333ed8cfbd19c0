/** PLACEHOLDER: replaced by the real command. */
import type { Ctx } from '../cli/context.js';
import { UsageError } from '../cli/errors.js';

export async function run(_ctx: Ctx, _opts: Record<string, unknown>, _args: string[]): Promise<number> {
  throw new UsageError('csp quorum is not built yet.');
}
