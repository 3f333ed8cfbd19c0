/** feed.xml: an Atom feed of approved minutes as they are published, newest first, with ids that never change. */
import { approvedAtMeeting, approvedByEmail } from '../../queries/minutes-facts.js';
import { createHash } from 'node:crypto';
import { Feed } from 'feed';
import { absoluteUrl, meetingName, meetingPath } from './pages.js';
import type { PublicMeeting, SiteView } from './view.js';
import { escapeHtml } from '../html/escape.js';

// The feed library takes only absolute links; without --base-url the links are made relative
// (resolved against the feed's own address, as Atom allows) by taking this placeholder off.
const PLACEHOLDER = 'https://site.invalid/';

/** A name-based UUID (SHA-1, RFC 4122 version 5 layout) for a stable Atom id. */
export function stableUuid(name: string): string {
  const h = createHash('sha1').update(name).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `urn:uuid:${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** When a meeting's minutes were published: the day of the meeting that approved them. */
function publishedOn(pm: PublicMeeting): string {
  const at = pm.minutes ? approvedAtMeeting(pm.minutes.data) : undefined;
  const byEmail = pm.minutes ? approvedByEmail(pm.minutes.data) : undefined;
  if (byEmail) return byEmail.date;
  return at !== undefined && /^\d{4}-\d{2}-\d{2}/.test(at) ? at.slice(0, 10) : pm.date;
}

/** The feed's text. Draft minutes never reach it. */
export function feed(view: SiteView): string {
  const s = view.rec.settings;
  const approved = view.meetings.filter((m) => m.minutes && !m.minutes.draft);
  const entries = [...approved].sort((a, b) => {
    const pa = publishedOn(a);
    const pb = publishedOn(b);
    return pa !== pb ? (pa < pb ? 1 : -1) : a.id < b.id ? 1 : -1;
  });
  const link = (p: string) =>
    view.options.baseUrl ? absoluteUrl(view, p) : PLACEHOLDER + p.split('/').map(encodeURIComponent).join('/');
  const updated = entries[0]
    ? new Date(`${publishedOn(entries[0])}T00:00:00Z`)
    : new Date(`${view.options.asOf}T00:00:00Z`);
  const f = new Feed({
    title: `${s.name}: minutes`,
    description: `Approved minutes of ${s.name}, newest first.`,
    id: stableUuid(`csp:${s.name}:minutes`),
    link: link('index.html'),
    language: 'en-GB',
    updated,
    generator: 'csp export',
    copyright: s.name,
    ...(view.options.baseUrl ? { feedLinks: { atom: absoluteUrl(view, 'feed.xml') } } : {}),
  });
  for (const pm of entries) {
    const titles = pm.minutes!.items.map((i) => `${i.number}. ${i.title}`).join('; ');
    f.addItem({
      // Atom's type="html": the text is escaped, so nothing in a title is read as markup.
      title: escapeHtml(`Minutes of the meeting of ${meetingName(pm)}`),
      id: stableUuid(`csp:${s.name}:minutes:${pm.id}`),
      link: link(meetingPath(pm.id)),
      date: new Date(`${publishedOn(pm)}T00:00:00Z`),
      description: escapeHtml(
        `Approved minutes. Items: ${titles}. SHA-256 of the minutes file: ${pm.minutes!.sha256}.`,
      ),
    });
  }
  const xml = f.atom1();
  return view.options.baseUrl ? xml : xml.split(PLACEHOLDER).join('');
}
