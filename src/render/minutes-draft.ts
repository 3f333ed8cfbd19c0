/**
 * The view behind draft minutes (templates/minutes.md.hbs): front matter values as
 * safe YAML scalars, and one numbered item per agenda item with a starting text.
 */
import type { LoadedRecord } from '../load/load.js';
import type { MeetingDoc, MeetingEntry } from '../model/types.js';
import { membersOn } from '../queries/people.js';
import { formatLongDate, formatShortDate } from '../core/dates.js';
import { normaliseTitle as normal, listInWords } from '../core/text.js';
import { flowMap, yamlComment as comment, yamlScalar } from '../core/yaml-text.js';
import { mdInline } from './record-templates.js';
import { PLACEHOLDER_DECISION, PRESENT_NOTE } from '../queries/placeholders.js';

/** A draft minutes item: its number, title and starting text (markdown). */
export interface DraftItem {
  number: number;
  title: string;
  body: string;
}

/** The template's view of draft minutes for `entry`, numbered from `first`. */
export function minutesDraftView(rec: LoadedRecord, entry: MeetingEntry, doc: MeetingDoc, first: number) {
  const s = rec.settings;
  const name = (id: string) => rec.people.get(id)?.name ?? id;
  const apologies = doc.apologies ?? [];
  const away = new Set(apologies.map((a) => a.member));
  const seats = membersOn(rec, entry.date);
  const chairs = seats.filter((m) => m.role === 'chair');
  const chair = chairs.find((m) => !away.has(m.id)) ?? chairs[0];
  const present = seats.filter((m) => !away.has(m.id));
  const width = Math.max(0, ...present.map((m) => m.id.length));

  const items: DraftItem[] = [];
  let n = first;
  const standard = (title: string): DraftItem => {
    const t = normal(title);
    let body = '';
    if (t.includes('apologies')) {
      const who = apologies.map(
        (a) => `${mdInline(name(a.member))}${a.substitute ? ` (${mdInline(name(a.substitute))} substituted)` : ''}`,
      );
      body =
        who.length > 0
          ? `Apologies for absence were received from ${listInWords(who)}.`
          : 'No apologies for absence were received.';
    } else if (t.includes('future meetings')) {
      const future = rec.meetings.filter((m) => m.id > entry.id && m.meeting && m.meeting.data.status !== 'cancelled');
      if (future.length > 0) {
        body = `The dates of future meetings were noted:\n\n${future.map((m) => `- ${formatLongDate(m.date)} at ${m.meeting!.data.start ?? s.meetings.default_start}`).join('\n')}`;
      }
    }
    return { number: n++, title: mdInline(title), body };
  };
  for (const title of s.standard_items.opening) items.push(standard(title));
  const exempt: { minute: number; paragraph: number }[] = [];
  for (const item of doc.items ?? []) {
    const lines: string[] = [];
    if (item.deferred_from !== undefined) {
      const from = rec.meetingsById.get(item.deferred_from);
      lines.push(
        `The item had been deferred from the meeting on ${from ? formatShortDate(from.date) : item.deferred_from}.`,
        '',
      );
    }
    lines.push(PLACEHOLDER_DECISION);
    if (item.exempt) exempt.push({ minute: n, paragraph: item.exempt.paragraph });
    items.push({ number: n++, title: mdInline(item.title), body: lines.join('\n') });
  }
  for (const title of s.standard_items.closing) items.push(standard(title));

  return {
    meeting: entry.id,
    date_long: formatLongDate(entry.date),
    chair: chair ? yamlScalar(chair.id) : undefined,
    chair_note: chair
      ? comment(
          `${chair.name}, the ${chairs.length > 1 ? 'first ' : ''}Chair on the roster that day: check who took the chair`,
        )
      : undefined,
    started: yamlScalar(doc.start ?? s.meetings.default_start),
    ended: doc.end !== undefined ? yamlScalar(doc.end) : undefined,
    present: present.map((m) => ({
      id: yamlScalar(m.id),
      line: `${m.id.padEnd(width)}  # ${comment(`${m.name}, ${m.organisation}`)}`,
    })),
    apologies: apologies.map((a) =>
      flowMap([
        ['member', a.member],
        ['substitute', a.substitute],
      ]),
    ),
    exempt,
    items,
    present_note: PRESENT_NOTE,
    first,
    last: n - 1,
  };
}
