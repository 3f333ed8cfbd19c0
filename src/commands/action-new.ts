/** csp action new --title T --owner P [--due D] [--priority P]: an action not raised in minutes. */
import { UsageError } from '../core/errors.js';
import { newAction } from '../ops/new-action.js';
import { userDate, type Ctx } from './context.js';
import { lineOption } from './line-option.js';
import { str } from './options.js';
import { opContext } from './read.js';

/** Runs csp action new: exit 0 when the action file was created. */
export async function run(ctx: Ctx, opts: Record<string, unknown>): Promise<number> {
  const title = lineOption(opts.title, '--title', 'Refresh the information sharing protocol')!;
  const owners = (Array.isArray(opts.owner) ? (opts.owner as string[]) : [])
    .flatMap((o) => o.split(','))
    .map((o) => o.trim())
    .filter((o) => o !== '');
  const due = typeof opts.due === 'string' ? userDate(opts.due, '--due') : undefined;
  const priority = str(opts.priority);
  if (owners.length === 0)
    throw new UsageError('--owner is empty. Name who owns the action, by id or name, e.g. --owner tomasz-wilk.');
  const r = await newAction(opContext(ctx), { title, owners, due, priority });
  if (str(opts.format) === 'json') ctx.out(JSON.stringify(r, null, 2) + '\n');
  else
    ctx.out(
      `Created ${r.file}: ${r.action.title} (owner ${r.action.owner.join(', ')}${r.action.due ? `, due ${r.action.due}` : ''})\n`,
    );
  if (due !== undefined && due < ctx.today)
    ctx.err(`csp: warning: the due date ${due} has already passed, so the action is overdue from today.\n`);
  return 0;
}
