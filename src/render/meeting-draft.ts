/** The view behind a new meeting.md (templates/meeting.md.hbs): every value already a safe YAML scalar. */
import type { AgendaItem, MeetingKind } from '../model/types.js';
import { yamlComment, yamlScalar } from '../core/yaml-text.js';
import type { CarriedItem } from '../queries/carried-items.js';

/** What a new meeting is made of. */
export interface NewMeeting {
  id: string;
  date: string;
  start: string;
  venue: string;
  kind: MeetingKind;
  theme?: string;
  /** The notice deadline, written out ("Thursday 17 December 2026"). */
  deadlineLong: string;
  carried: CarriedItem[];
}

function itemView(c: CarriedItem) {
  const i: AgendaItem = c.item;
  const note =
    c.why === 'deferred'
      ? `deferred${c.minute !== undefined ? ` at minute ${c.minute}` : ''}`
      : c.why === 'cancelled'
        ? 'the meeting was cancelled'
        : 'on its agenda but not in its minutes: delete if it was taken';
  return {
    title: yamlScalar(i.title),
    presenter: i.presenter !== undefined ? yamlScalar(i.presenter) : undefined,
    lead: i.lead !== undefined ? yamlScalar(i.lead) : undefined,
    priority: i.priority !== undefined ? yamlScalar(i.priority) : undefined,
    purpose: i.purpose !== undefined ? yamlScalar(i.purpose) : undefined,
    exempt_paragraph: i.exempt?.paragraph,
    deferred_from: yamlScalar(c.from),
    note: yamlComment(note),
  };
}

/** The template's view of a new meeting. */
export function meetingView(m: NewMeeting) {
  return {
    id: m.id,
    date: yamlScalar(m.date),
    start: yamlScalar(m.start),
    venue: yamlScalar(m.venue),
    kind: yamlScalar(m.kind),
    theme: m.theme !== undefined ? yamlScalar(m.theme) : undefined,
    deadline: yamlComment(m.deadlineLong),
    items: m.carried.map(itemView),
  };
}
