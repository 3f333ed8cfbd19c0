/** csp completion bash|zsh|fish: prints the completion script for the shell. */
import { bashCompletion, fishCompletion, zshCompletion, type CommandTree } from '../render/completion.js';
import type { Ctx } from './context.js';

/** The runner for a command tree: prints the script for the shell named. */
export function runFor(tree: CommandTree) {
  return (ctx: Ctx, _opts: Record<string, unknown>, args: string[]): number => {
    const shell = args[0];
    ctx.out(shell === 'zsh' ? zshCompletion(tree) : shell === 'fish' ? fishCompletion(tree) : bashCompletion(tree));
    return 0;
  };
}
