/**
 * csp item add, csp apologies add, csp meeting held|cancel: the changes to a meeting's
 * meeting.md the clerk used to write by hand. Every value is checked before the record
 * is touched; --format json says exactly which files were created and changed.
 */
import path from 'node:path';
import { UsageError } from '../core/errors.js';
import type { ItemPurpose } from '../model/types.js';
import { addApology, addItem, setMeetingStatus, type MeetingChange } from '../ops/meeting-edit.js';
import { moveMeeting } from '../ops/move-meeting.js';
import { formatLongDate } from '../core/dates.js';
import { MEETING_ID } from '../core/ids.js';
import { userDate } from './context.js';
import type { Ctx } from './context.js';
import { lineOption } from './line-option.js';
import { meetingIdArg, str } from './options.js';
import { opContext } from './read.js';

/** Prints what a write did: JSON on stdout when asked for, else the clerk's lines. */
function report(
  ctx: Ctx,
  opts: Record<string, unknown>,
  json: MeetingChange & Record<string, unknown>,
  lines: string[],
): void {
  if (str(opts.format) === 'json') ctx.out(JSON.stringify(json, null, 2) + '\n');
  else ctx.out(lines.map((l) => `${l}\n`).join(''));
}

/** csp item add MEETING --title T [--presenter P] [--purpose P] [--priority P] [--paper FILE…] [--exempt N] */
export async function runItemAdd(ctx: Ctx, opts: Record<string, unknown>, args: string[]): Promise<number> {
  const id = meetingIdArg(args[0] ?? '', 'The meeting');
  const title = lineOption(opts.title, '--title', 'Probation update report')!;
  const presenter = lineOption(opts.presenter, '--presenter', 'kwame-asante');
  const priority = str(opts.priority);
  const purpose = str(opts.purpose) as ItemPurpose | undefined;
  let exempt: number | undefined;
  if (opts.exempt !== undefined) {
    const e = str(opts.exempt) ?? '';
    if (!/^[1-7]$/.test(e))
      throw new UsageError(
        `--exempt "${e}" is not a paragraph of Schedule 12A to the Local Government Act 1972. Give its number, 1 to 7 (e.g. --exempt 3 for financial or business affairs).`,
      );
    exempt = Number(e);
  }
  const papers = Array.isArray(opts.paper) ? (opts.paper as string[]) : [];
  const r = await addItem(opContext(ctx), id, {
    title,
    presenter,
    purpose,
    priority,
    exempt,
    papers: papers.map((p) => ({ abs: path.resolve(ctx.io.cwd, p), typed: p })),
  });
  report(ctx, opts, { ...r, item: r.item }, [
    `Added item ${r.position} to ${r.file}: ${r.item.title}${r.item.exempt ? ` (exempt, paragraph ${r.item.exempt.paragraph})` : ''}`,
    ...r.created.map((f) => `Copied ${f}`),
    ...r.reused.map((f) => `Already there: ${f}`),
  ]);
  if (r.published !== undefined)
    ctx.err(
      `csp: warning: the agenda of ${id} went out on ${r.published}: this is a late item. Circulate it as a supplementary agenda and note in the minutes why it is taken.\n`,
    );
  return 0;
}

/** csp apologies add MEETING --member M [--substitute S] */
export async function runApologiesAdd(ctx: Ctx, opts: Record<string, unknown>, args: string[]): Promise<number> {
  const id = meetingIdArg(args[0] ?? '', 'The meeting');
  const member = lineOption(opts.member, '--member', 'john-abbey')!;
  const substitute = lineOption(opts.substitute, '--substitute', 'gill-gibson');
  const r = await addApology(opContext(ctx), id, member, substitute);
  report(ctx, opts, { ...r }, [
    `Recorded apologies from ${r.apology.member}${r.apology.substitute ? ` (substitute: ${r.apology.substitute})` : ''} in ${r.file}`,
  ]);
  if (r.notDeputy)
    ctx.err(
      `csp: warning: ${r.apology.substitute ?? ''} is not one of ${r.apology.member}'s deputies in members.yaml. Add them under deputies: if the organisation has named them.\n`,
    );
  return 0;
}

/** csp meeting held|cancel MEETING [--reason TEXT] */
export function runStatus(status: 'held' | 'cancelled') {
  return async (ctx: Ctx, opts: Record<string, unknown>, args: string[]): Promise<number> => {
    const id = meetingIdArg(args[0] ?? '', 'The meeting');
    const reason = lineOption(opts.reason, '--reason', status === 'held' ? 'Held online' : 'Not quorate');
    const r = await setMeetingStatus(opContext(ctx), id, status, reason);
    report(ctx, opts, { ...r }, [
      `${id} is now ${status} (was ${r.before})${r.reason !== undefined ? `: ${r.reason}` : ''}; updated ${r.file}`,
    ]);
    return 0;
  };
}

/** csp meeting held MEETING */
export const runHeld = runStatus('held');
/** csp meeting cancel MEETING */
export const runCancel = runStatus('cancelled');

/** csp meeting move MEETING --to DATE */
export async function runMove(ctx: Ctx, opts: Record<string, unknown>, args: string[]): Promise<number> {
  const id = meetingIdArg(args[0] ?? '', 'The meeting');
  const raw = str(opts.to) ?? '';
  // --to is a day (a second meeting on one day keeps its slug) or a whole meeting id.
  const m = MEETING_ID.exec(raw);
  const date = userDate(m ? m[1]! : raw, '--to');
  const slug = m?.[2] ?? MEETING_ID.exec(id)?.[2];
  const to = slug !== undefined ? `${date}-${slug}` : date;
  const r = await moveMeeting(opContext(ctx), id, to);
  if (str(opts.format) === 'json') {
    const { published: _published, ...json } = r;
    ctx.out(JSON.stringify(json, null, 2) + '\n');
  } else {
    ctx.out(
      [
        `Moved ${r.moved.from} to ${r.moved.to}`,
        ...r.changed.map((f) => `Changed ${f}`),
        ...r.kept.map((f) => `Not changed (approved minutes are a legal record): ${f}`),
      ]
        .map((l) => `${l}\n`)
        .join(''),
    );
  }
  if (r.published !== undefined)
    ctx.err(
      `csp: warning: the agenda went out on ${r.published} for ${id}: circulate it again for the new day (the notice deadline for ${to} is ${formatLongDate(r.deadline)}).\n`,
    );
  return 0;
}
