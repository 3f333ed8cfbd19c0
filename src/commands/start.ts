/**
 * csp start (npm start): the clerk's morning check. Validates the record, lists the
 * overdue actions, and names the next meeting: when its agenda must go out and whether
 * it will be quorate on the apologies so far.
 */
import type { Ctx } from './context.js';
import { validateRecord } from './validate.js';
import { formatText, summarise } from '../render/diagnostics.js';
import { actionRows, filterActions, groupByOwner, sortByOverdue } from '../queries/actions.js';
import { overdueText } from '../render/actions.js';
import { ownerLookup } from './actions.js';
import { nextMeeting } from '../queries/meetings.js';
import { quorum } from '../queries/quorum.js';
import { formatLongDate } from '../core/dates.js';
import { noticeDeadline, type HolidayRegion } from '../core/working-days.js';

/** Exit 0 when the record validates and the next meeting will be quorate; 1 otherwise. */
export async function run(ctx: Ctx): Promise<number> {
  const c = ctx.color;
  const { diagnostics, rec } = validateRecord(ctx);
  const summary = summarise(diagnostics, false);
  const out: string[] = [];
  out.push(c.bold(`${rec.settings.name} — ${formatLongDate(ctx.today)}`), '');

  out.push(c.bold('The record'));
  out.push(
    `${rec.meetings.length} meeting${rec.meetings.length === 1 ? '' : 's'}, ${rec.meetings.filter((m) => m.minutes).length} with minutes, ${rec.actions.length} action${rec.actions.length === 1 ? '' : 's'}, ${rec.members.length} members.`,
  );
  out.push(formatText(diagnostics, summary, c, rec.display).trimEnd(), '');

  out.push(c.bold('Overdue actions'));
  const overdue = sortByOverdue(filterActions(actionRows(rec.actions, ctx.today), { overdue: true }));
  if (overdue.length === 0) out.push('None: every action with a due date is on time.', '');
  else {
    const lookup = ownerLookup(rec);
    out.push(
      overdueText(
        groupByOwner(overdue, (id) => lookup(id)?.name ?? id),
        lookup,
        c,
        formatLongDate(ctx.today),
        ctx.io.columns,
      ).trimEnd(),
      '',
    );
  }

  out.push(c.bold('Next meeting'));
  const next = nextMeeting(rec, ctx.today);
  let quorate = true;
  if (!next) {
    out.push('None scheduled. Schedule one with: csp new-meeting --date YYYY-MM-DD');
  } else {
    const m = next.meeting?.data;
    const when = [formatLongDate(next.date), m?.start, m?.venue].filter(Boolean).join(', ');
    out.push(`${when} (${next.id})`);
    const days = rec.settings.meetings.notice_working_days;
    const deadline = noticeDeadline(next.date, days, rec.settings.meetings.holidays as HolidayRegion);
    if (m?.published)
      out.push(
        `Agenda: circulated on ${formatLongDate(m.published)}${m.published > deadline ? c.yellow(`, after the deadline of ${formatLongDate(deadline)}`) : ''}.`,
      );
    else if (deadline < ctx.today)
      out.push(
        c.yellow(
          `Agenda: not circulated, and the deadline (${formatLongDate(deadline)}) has passed: late items are at the Chairs' discretion.`,
        ),
      );
    else
      out.push(
        `Agenda: must be circulated by ${formatLongDate(deadline)} (${days} clear working days' notice). Run: csp agenda ${next.id} --publish`,
      );
    const q = quorum(rec, rec.settings, next);
    const apologies = m?.apologies ?? [];
    const subs = apologies.filter((a) => a.substitute).length;
    const received = `${apologies.length} apolog${apologies.length === 1 ? 'y' : 'ies'}${subs ? `, ${subs} with a substitute` : ''}`;
    quorate = q.quorate;
    if (q.quorate) out.push(c.green(`Quorum: will be quorate on the apologies so far (${received}).`));
    else {
      const unmet = q.requirements.filter((r) => !r.met).map((r) => r.label);
      out.push(
        c.red(
          `Quorum: will NOT be quorate on the apologies so far (${received}); missing ${unmet.join(', ')}. See: csp quorum ${next.id}`,
        ),
      );
    }
  }
  ctx.out(out.join('\n') + '\n');
  return summary.ok && quorate ? 0 : 1;
}
