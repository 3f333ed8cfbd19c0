/** record.json: the public record as data, in the shape of schemas/public-record.schema.json. */
import { looksLikeId } from '../../queries/people.js';
import {
  apologiesOf,
  apologiesRecorded,
  approvedAtMeeting,
  approvedByEmail,
  attendanceRecorded,
  chairsOf,
} from '../../queries/minutes-facts.js';
import { paperKey, type SiteView } from './view.js';
import { meetingPath } from './pages.js';

/** The public record as a plain object (keys in a fixed order, so the file is the same on every export). */
export function publicRecord(view: SiteView): Record<string, unknown> {
  const s = view.rec.settings;
  const named = new Set<string>();
  const name = (id: string) => {
    if (looksLikeId(id) && view.rec.people.has(id)) named.add(id);
    return id;
  };
  const meetings = view.meetings.map((pm) => {
    const doc = pm.doc;
    const out: Record<string, unknown> = { id: pm.id, date: pm.date, start: doc?.start ?? s.meetings.default_start };
    if (doc?.end) out.end = doc.end;
    out.venue = doc?.venue ?? s.meetings.default_venue;
    if (doc?.online_url && /^https?:\/\/[^\s<>"'`\\]+$/i.test(doc.online_url)) out.online_url = doc.online_url;
    out.kind = doc?.kind ?? 'ordinary';
    if (doc?.theme) out.theme = doc.theme;
    out.status = doc?.status ?? 'scheduled';
    out.agenda_published = pm.agendaOut;
    out.page = meetingPath(pm.id);
    out.items = pm.items.map((item) => {
      const i: Record<string, unknown> = { number: item.number, title: item.title, standard: item.standard };
      if (item.exempt !== undefined) {
        const source = doc?.items?.find((x) => x.title === item.title && x.exempt);
        if (source?.exempt) i.exempt = source.exempt.paragraph;
        return i;
      }
      if (item.presenter) i.presenter = item.presenter;
      if (item.purpose) i.purpose = item.purpose;
      const papers = item.papers
        .map((p) => paperKey(p.path))
        .filter((k) => pm.papers.has(k))
        .map((k) => `meetings/${pm.id}/${k}`);
      if (papers.length > 0) i.papers = papers;
      return i;
    });
    const m = pm.minutes;
    if (!m) {
      out.minutes = null;
      return out;
    }
    const d = m.data;
    const minutes: Record<string, unknown> = { status: m.draft ? 'draft' : 'approved' };
    const at = approvedAtMeeting(d);
    const byEmail = approvedByEmail(d);
    if (!m.draft && at) minutes.approved_at = at;
    if (!m.draft && byEmail) minutes.approved_by_email = byEmail.date;
    minutes.sha256 = m.sha256;
    const chairs = chairsOf(d).map(name);
    if (chairs.length > 0) minutes.chair = chairs.length === 1 ? chairs[0] : chairs;
    if (pm.quorum) minutes.quorate = pm.quorum.quorate;
    // null: the minutes do not record who was present, or who sent apologies.
    minutes.present = attendanceRecorded(d) ? (d.present ?? []).map(name) : null;
    minutes.apologies = apologiesRecorded(d)
      ? apologiesOf(d).map((a) =>
          a.substitute ? { member: name(a.member), substitute: name(a.substitute) } : { member: name(a.member) },
        )
      : null;
    minutes.in_attendance = (d.in_attendance ?? []).map(name);
    minutes.declarations = (d.declarations ?? []).map((x) => {
      const o: Record<string, unknown> = { member: name(x.member), minute: x.minute };
      if (x.nature) o.nature = x.nature;
      if (x.detail && !m.exempt.has(x.minute)) o.detail = x.detail;
      return o;
    });
    minutes.items = m.items.map((i) => {
      const paragraph = m.exempt.get(i.number);
      return paragraph === undefined
        ? { minute: i.number, title: i.title, anchor: `minute-${i.number}` }
        : { minute: i.number, title: i.title, exempt: paragraph, anchor: `minute-${i.number}` };
    });
    out.minutes = minutes;
    return out;
  });
  const decisions = view.decisions.map((d) => {
    const o: Record<string, unknown> = { meeting: d.meeting, minute: d.minute, title: d.title, text: d.text };
    if (d.exempt !== undefined) o.exempt = d.exempt;
    o.draft = d.draft;
    return o;
  });
  const actions = view.actions.map((a) => {
    if (a.exempt !== undefined)
      return { id: a.id, exempt: a.exempt, raised: { meeting: a.row.raised!.meeting, minute: a.row.raised!.minute } };
    const o: Record<string, unknown> = {
      id: a.id,
      title: a.row.title,
      owner: a.row.owners.map(name),
      due: a.row.due ?? null,
      status: a.row.status,
    };
    if (a.row.daysOverdue !== undefined) o.days_overdue = a.row.daysOverdue;
    if (a.row.raised) o.raised = { meeting: a.row.raised.meeting, minute: a.row.raised.minute };
    return o;
  });
  const att = view.attendance;
  const attendance = {
    meetings: att.meetings,
    members: att.members.map((m) => ({ id: name(m.id), organisation: m.organisation, record: m.record })),
    organisations: att.organisations.map((o) => ({
      organisation: o.organisation,
      represented: o.represented,
      unrepresented_run: o.unrepresented_run,
      flagged: o.flagged,
    })),
  };
  const people = [...named].sort().map((id) => {
    const p = view.rec.people.get(id)!;
    const o: Record<string, unknown> = { id, name: p.name };
    if (p.organisation) o.organisation = p.organisation;
    if (p.kind === 'member') o.role = p.role;
    return o;
  });
  return {
    partnership: { name: s.name, short_name: s.short_name },
    as_of: view.options.asOf,
    include_drafts: view.options.includeDrafts,
    meetings,
    people,
    attendance,
    decisions,
    actions,
  };
}
