/** csp minutes new MEETING, csp minutes approve MEETING --at MEETING. */
import type { Diagnostic } from '../core/diagnostic.js';
import { formatLongDate } from '../core/dates.js';
import { ProblemError } from '../core/errors.js';
import { approveMinutes } from '../ops/approve-minutes.js';
import { draftMinutes } from '../ops/new-minutes.js';
import type { Ctx } from './context.js';
import { meetingIdArg, str } from './options.js';
import { opContext } from './read.js';

/** `file:line:col  severity  message  rule`, as csp validate prints it. */
function diagnosticLine(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}  ${d.severity}  ${d.message}  ${d.rule}`;
}

/** csp minutes new MEETING: exit 1 when what was drafted does not validate. */
export async function runNew(ctx: Ctx, _opts: Record<string, unknown>, args: string[]): Promise<number> {
  const id = meetingIdArg(args[0] ?? '', 'The meeting');
  const r = await draftMinutes(opContext(ctx), id);
  ctx.out(`Created ${r.file}\n`);
  if (r.date > ctx.today)
    ctx.err(
      `csp: warning: the meeting of ${id} has not been held yet (it is on ${formatLongDate(r.date)}; today is ${formatLongDate(ctx.today)}). Minutes record what happened: write them up after the meeting.\n`,
    );
  ctx.out(
    r.last >= r.first
      ? `Minutes ${r.first} to ${r.last}, draft. Prune "present" to those who attended, add who else attended, and write up each item; then run csp actions sync.\n`
      : 'Draft minutes with no items.\n',
  );
  for (const g of r.gaps) {
    ctx.err(
      `csp: warning: the meeting of ${g} has no minutes yet; these minutes are numbered on from the minutes before it. Renumber if that meeting's minutes come first.\n`,
    );
  }
  if (r.later.length > 0) {
    ctx.err(
      `csp: warning: later meetings (${r.later.join(', ')}) already have minutes, so these numbers may clash with theirs. Run csp validate.\n`,
    );
  }
  for (const d of r.problems) ctx.err(`${diagnosticLine(d)}\n`);
  return r.problems.length > 0 ? 1 : 0;
}

/** csp minutes approve MEETING --at MEETING */
export async function runApprove(ctx: Ctx, opts: Record<string, unknown>, args: string[]): Promise<number> {
  const id = meetingIdArg(args[0] ?? '', 'The meeting');
  const at = meetingIdArg(str(opts.at) ?? '', '--at');
  const r = await approveMinutes(opContext(ctx), id, at);
  for (const c of r.created) ctx.out(`Created action ${c.id} (${c.file})\n`);
  if (!r.approved) {
    for (const d of r.blocking) ctx.err(`${diagnosticLine(d)}\n`);
    for (const x of r.refused)
      if (!r.blocking.some((d) => d.file === x.file && d.line === x.line))
        ctx.err(`${x.file}:${x.line}:${x.column}  error  ${x.message}  action-sync\n`);
    const placeholders = r.blocking.filter((d) => d.rule === 'placeholder').length;
    throw new ProblemError(
      placeholders > 0 && placeholders === r.blocking.length
        ? `The minutes of ${id} still hold what csp minutes new drafted for you to replace (${placeholders} placeholder${placeholders === 1 ? '' : 's'} above), so they were left as a draft. Write them up and run the command again.`
        : `The minutes of ${id} do not validate${r.blocking.length > 0 ? ` (${r.blocking.length} problem${r.blocking.length === 1 ? '' : 's'} above)` : ''}, so they were left as a draft. Correct them and run the command again.`,
    );
  }
  ctx.out(
    `Approved the minutes of ${id}, confirmed at the meeting of ${at} (${r.file}). From now on they change only by a correction agreed at a later meeting.\n`,
  );
  return 0;
}
