/** csp action update ID [--status S] [--due D] [--note TEXT] [--by P]: one action's status, due date and follow-up log. */
import { UsageError } from '../core/errors.js';
import { ACTION_ID } from '../core/ids.js';
import type { ActionStatus } from '../model/types.js';
import { updateAction, type ActionChange } from '../ops/update-action.js';
import { userDate, type Ctx } from './context.js';
import { lineOption } from './line-option.js';
import { opContext } from './read.js';

/** Runs csp action update: exit 0 when the action was changed. */
export async function run(ctx: Ctx, opts: Record<string, unknown>, args: string[]): Promise<number> {
  const id = args[0] ?? '';
  if (!ACTION_ID.test(id)) {
    throw new UsageError(
      `"${id}" is not an action id. Action ids are lower-case letters, digits and hyphens, like 2015-10-08-171-1 (see "csp actions").`,
    );
  }
  const change: ActionChange = {};
  const title = lineOption(opts.title, '--title', 'Write to the Violence Reduction Unit');
  if (title !== undefined) change.title = title;
  if (typeof opts.status === 'string') change.status = opts.status as ActionStatus;
  if (typeof opts.due === 'string') change.due = userDate(opts.due, '--due');
  if (typeof opts.note === 'string') {
    if (opts.note.trim() === '')
      throw new UsageError(
        '--note is empty. Write what happened, e.g. --note "First meeting held with the SAB chair."',
      );
    // A terminal escape or other control character would be stored in the record and
    // replayed on every screen that shows the note.
    // eslint-disable-next-line no-control-regex -- control characters are what is refused
    if (/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(opts.note))
      throw new UsageError(
        '--note holds a control character (such as a terminal colour code), which has no place in the record. Write it as plain text.',
      );
    change.note = opts.note;
  }
  if (change.status === undefined && change.due === undefined && change.note === undefined && title === undefined) {
    throw new UsageError('Nothing to change. Give --status, --due, --title or --note (and --by for who reported it).');
  }
  const r = await updateAction(opContext(ctx), id, change, typeof opts.by === 'string' ? opts.by : undefined);
  const what: string[] = [];
  if (r.after.title !== r.before.title) what.push(`title now "${r.after.title}"`);
  if (r.after.status !== r.before.status) what.push(`status ${r.before.status} → ${r.after.status}`);
  if (r.after.completed !== r.before.completed)
    what.push(r.after.completed === undefined ? 'completed removed' : `completed ${r.after.completed}`);
  if (r.after.due !== r.before.due) what.push(`due ${r.before.due ?? 'none'} → ${r.after.due ?? 'none'}`);
  ctx.out(`Updated ${r.file}${what.length ? `: ${what.join('; ')}` : ''}.\n`);
  ctx.out(`Logged ${r.logged.date}${r.logged.by ? ` by ${r.logged.by}` : ''}: ${r.logged.note ?? ''}\n`);
  return 0;
}
