/** The quorum of a meeting as text: requirement by requirement, with names, organisations and who could make up a shortfall. */
import type { ChalkInstance } from 'chalk';
import { formatLongDate } from '../core/dates.js';
import type { LoadedRecord } from '../load/load.js';
import type { MeetingEntry } from '../model/types.js';
import { attendees, type Attendee, type QuorumResult, type RequirementResult } from '../queries/quorum.js';

/** The quorum requirement by requirement, with names and organisations. */
export function quorumText(rec: LoadedRecord, entry: MeetingEntry, result: QuorumResult, c: ChalkInstance): string {
  const predicted = result.basis === 'predicted';
  const byId = new Map<string, Attendee[]>();
  for (const a of attendees(rec, entry).list) byId.set(a.id, [...(byId.get(a.id) ?? []), a]);
  const person = (id: string) => {
    const p = rec.people.get(id);
    if (!p) return id;
    return p.organisation ? `${p.name} (${p.organisation})` : p.name;
  };
  const attendee = (id: string) => {
    const subFor = (byId.get(id) ?? []).filter((a) => a.substitute).map((a) => a.seat.name);
    return subFor.length > 0 ? `${person(id)}, substituting for ${subFor.join(' and ')}` : person(id);
  };

  const lines: string[] = [];
  lines.push(`${rec.settings.short_name}: quorum of the meeting on ${formatLongDate(entry.date)} (${entry.id})`);
  if (entry.meeting?.data.status === 'cancelled') lines.push('This meeting is cancelled.');
  lines.push(
    predicted
      ? 'Predicted: no minutes yet, so everyone on the membership that day is expected except those who sent apologies, plus the substitutes they named.'
      : result.basis === 'not-recorded'
        ? `From the ${entry.minutes!.data.status} minutes, which do not record who attended.`
        : `From the ${entry.minutes!.data.status} minutes: the members present and the substitutes who attended.`,
  );
  lines.push('');
  if (result.requirements.length === 0)
    lines.push('The terms of reference set no quorum requirements (quorum in partnership.md).');
  for (const r of result.requirements) lines.push(...requirementLines(r, predicted, c, attendee, person, rec));
  lines.push('');
  const unmet = result.requirements.filter((r) => r.met === false).length;
  if (result.quorate === null)
    lines.push(
      c.yellow(
        'Whether the meeting was quorate cannot be known from the record: the minutes do not record who attended (attendance or apologies not-recorded in minutes.md).',
      ),
    );
  else if (result.quorate)
    lines.push(
      c.green(predicted ? 'The meeting will be quorate on the apologies received so far.' : 'The meeting was quorate.'),
    );
  else {
    const what = `${unmet} of ${result.requirements.length} requirement${result.requirements.length === 1 ? '' : 's'} not met`;
    lines.push(
      c.red(
        predicted
          ? `The meeting will NOT be quorate on the apologies received so far (${what}). Ask a member above, or their deputy, to attend.`
          : `The meeting was NOT quorate (${what}). Decisions taken need ratifying at a quorate meeting.`,
      ),
    );
  }
  return lines.join('\n') + '\n';
}

function requirementLines(
  r: RequirementResult,
  predicted: boolean,
  c: ChalkInstance,
  attendee: (id: string) => string,
  person: (id: string) => string,
  rec: LoadedRecord,
): string[] {
  const verb = predicted ? 'expected' : 'present';
  const what = r.counts === 'organisations' ? ' organisations' : '';
  const head =
    r.met === null
      ? `${c.yellow('UNKNOWN')}  ${r.label}: ${r.count === null ? 'not recorded' : `${r.count}${what} ${verb}`}, ${r.min}${what} needed`
      : `${r.met ? c.green('met    ') : c.red('NOT MET')}  ${r.label}: ${r.count}${what} ${verb}, ${r.min}${what} needed`;
  const out = [head];
  for (const id of r.satisfied_by) out.push(`           ${attendee(id)}`);
  if (r.met === false && r.count !== null) {
    const options = (r.could_meet ?? []).map((m) => {
      const deputies = m.deputies.map((d) => `deputy ${rec.people.get(d)?.name ?? d}`);
      return [`${person(m.member)} (member)`, ...deputies].join(' or ');
    });
    const short = r.min - r.count;
    if (options.length === 0)
      out.push(
        `           No one on the membership that day could meet it: check members.yaml, or the quorum in partnership.md.`,
      );
    else {
      out.push(
        `           ${predicted ? 'Would be met by' : 'Could have been met by'} ${short === 1 ? 'one' : short} more of:`,
      );
      for (const o of options) out.push(`             ${o}`);
    }
  }
  return out;
}
