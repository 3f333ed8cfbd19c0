/**
 * meetings.ics: the meetings still to come (scheduled or published, not cancelled) as
 * iCalendar events, with times as instants (UTC) worked out from the partnership's
 * Europe/London local time, so they are right on either side of a clock change.
 */
import ical from 'ical-generator';
import { absoluteUrl, meetingName, meetingPath } from './pages.js';
import { londonInstant } from './time.js';
import type { PublicMeeting, SiteView } from './view.js';
import { KIND_LABEL } from '../agenda.js';

/** A stable, unique id for a meeting's event: the same on every export, whatever the site's address. */
export function eventUid(view: SiteView, pm: PublicMeeting): string {
  const slug =
    (view.rec.settings.short_name || view.rec.settings.name)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'csp';
  return `${pm.id}@${slug}.csp`;
}

/** The meetings on or after "today" a reader can still go to or follow. */
export function calendarMeetings(view: SiteView): PublicMeeting[] {
  return view.meetings.filter(
    (m) =>
      m.date >= view.options.asOf &&
      !m.cancelled &&
      (m.doc?.status === undefined || m.doc.status === 'scheduled' || m.doc.status === 'published'),
  );
}

/** The calendar file's text. */
export function calendar(view: SiteView): string {
  const s = view.rec.settings;
  const cal = ical({ name: `${s.name}: meetings`, prodId: { company: 'csp', product: 'csp export', language: 'EN' } });
  // DTSTAMP from the record, not the clock: the same record and --as-of give the same file.
  const stamp = londonInstant(view.options.asOf, '00:00');
  for (const pm of calendarMeetings(view)) {
    const start = pm.doc?.start ?? s.meetings.default_start;
    const startAt = londonInstant(pm.date, start);
    const endAt = pm.doc?.end ? londonInstant(pm.date, pm.doc.end) : new Date(startAt.getTime() + 2 * 60 * 60 * 1000);
    const kind = KIND_LABEL[pm.doc?.kind ?? 'ordinary'] ?? 'Meeting';
    const venue = pm.doc?.venue ?? s.meetings.default_venue;
    const online =
      pm.doc?.online_url !== undefined && /^https?:\/\/[^\s<>"'`\\]+$/i.test(pm.doc.online_url)
        ? pm.doc.online_url
        : undefined;
    const url = view.options.baseUrl ? absoluteUrl(view, meetingPath(pm.id)) : undefined;
    const description = [
      `${kind} of ${s.name}, ${meetingName(pm)}${pm.doc?.theme ? ` (theme: ${pm.doc.theme})` : ''}.`,
      online ? `Online: ${online}` : '',
      `Agenda and papers: ${url ?? meetingPath(pm.id)}`,
    ]
      .filter((x) => x !== '')
      .join('\n');
    cal.createEvent({
      id: eventUid(view, pm),
      stamp,
      start: startAt,
      end: endAt,
      summary: `${s.short_name}: ${kind}${pm.doc?.theme ? ` (${pm.doc.theme})` : ''}`,
      location: venue,
      description,
      ...(url ? { url } : {}),
    });
  }
  return cal.toString();
}
