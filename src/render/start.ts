/**
 * The morning check (csp start) as text: the record and its findings, the overdue actions,
 * and the next meeting with its agenda deadline and predicted quorum.
 */
import type { ChalkInstance } from 'chalk';
import { formatLongDate } from '../core/dates.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { noticeDeadline, type HolidayRegion } from '../core/working-days.js';
import type { LoadedRecord } from '../load/load.js';
import type { MeetingEntry } from '../model/types.js';
import { groupByOwner, type ActionRow } from '../queries/actions.js';
import { ownerLookup } from '../queries/people.js';
import type { QuorumResult } from '../queries/quorum.js';
import { overdueText } from './actions.js';
import { formatText, type Summary } from './diagnostics.js';
import { fitLines } from './text.js';

/** What the morning check found. */
export interface StartReport {
  rec: LoadedRecord;
  diagnostics: Diagnostic[];
  summary: Summary;
  overdue: ActionRow[];
  next?: { entry: MeetingEntry; quorum: QuorumResult } | undefined;
}

/** The report, as the clerk reads it on a terminal `columns` wide (whole lines when piped). */
export function startText(report: StartReport, today: string, c: ChalkInstance, columns?: number): string {
  const { rec, diagnostics, summary, overdue } = report;
  const next = report.next?.entry;
  const out: string[] = [];
  out.push(c.bold(`${rec.settings.name} — ${formatLongDate(today)}`), '');

  out.push(c.bold('The record'));
  out.push(
    `${rec.meetings.length} meeting${rec.meetings.length === 1 ? '' : 's'}, ${rec.meetings.filter((m) => m.minutes).length} with minutes, ${rec.actions.length} action${rec.actions.length === 1 ? '' : 's'}, ${rec.members.length} members.`,
  );
  out.push(formatText(diagnostics, summary, c, rec.display, columns).trimEnd(), '');

  out.push(c.bold('Overdue actions'));
  if (overdue.length === 0) out.push('None: every action with a due date is on time.', '');
  else {
    const lookup = ownerLookup(rec);
    out.push(
      overdueText(
        groupByOwner(overdue, (id) => lookup(id)?.name ?? id),
        lookup,
        c,
        formatLongDate(today),
        columns,
      ).trimEnd(),
      '',
    );
  }

  out.push(c.bold('Next meeting'));
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
    else if (deadline < today)
      out.push(
        c.yellow(
          `Agenda: not circulated, and the deadline (${formatLongDate(deadline)}) has passed: late items are at the Chairs' discretion.`,
        ),
      );
    else
      out.push(
        `Agenda: must be circulated by ${formatLongDate(deadline)} (${days} clear working days' notice). Run: csp agenda ${next.id} --publish`,
      );
    const q = report.next!.quorum;
    const apologies = m?.apologies ?? [];
    const subs = apologies.filter((a) => a.substitute).length;
    const received = `${apologies.length} apolog${apologies.length === 1 ? 'y' : 'ies'}${subs ? `, ${subs} with a substitute` : ''}`;
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
  return fitLines(out.join('\n') + '\n', columns);
}
