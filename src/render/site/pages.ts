/**
 * The pages of the public site, each from the public view: every value from the record
 * is escaped by html`…`, and record markdown reaches a page only through the sanitising
 * pipeline (renderMarkdown).
 */
import path from 'node:path';
import type { MinuteItem } from '../../model/types.js';
import { formatLongDate } from '../../core/dates.js';
import { fractionOf } from '../../queries/quorum.js';
import { membersOn, resolvePerson } from '../../queries/people.js';
import {
  apologiesOf,
  apologiesRecorded,
  approvedAtMeeting,
  approvedByEmail,
  attendanceRecorded,
  chairsOf,
} from '../../queries/minutes-facts.js';
import { html, join, SafeHtml } from '../html/escape.js';
import { renderMarkdown, renderWithoutPipeline, type MarkdownOptions, type Rendered } from '../html/markdown.js';
import { exemptText, KIND_LABEL } from '../agenda.js';
import { href, page } from './layout.js';
import { londonIso } from './time.js';
import { nameAndOrganisation, paperKey, personName, type PublicMeeting, type SiteView } from './view.js';
import { actionAnchor, linkResolver, markerLabel, meetingPath, type FragmentJob, type LinkSource } from './links.js';

/** What building the pages collects besides the pages: papers to copy, and what could not be published. */
export interface BuildState {
  view: SiteView;
  /** Site path → absolute source of each paper published. */
  papers: Map<string, string>;
  /** Problems that stop the export (markdown that cannot be rendered), each naming its file. */
  problems: string[];
  /** Renders markdown: straight through the pipeline, or through the render cache. */
  render: Renderer;
  /** The papers the fragment being rendered links to (site path, source), for the cache to replay. */
  linked?: [string, string][] | undefined;
  /** Told of each paper the first time a page publishes it (so it can be copied while the pages are made). */
  onPaper?: ((site: string, source: string) => void) | undefined;
}

/** Publishes a paper: its site path and its source in the record. */
function addPaper(state: BuildState, site: string, source: string): void {
  if (!state.papers.has(site)) state.onPaper?.(site, source);
  state.papers.set(site, source);
}

/** A fragment of record markdown as HTML, with the papers it links to. */
export type Fragment = { html: SafeHtml; papers: [string, string][]; plain?: true } | { problem: string };

/**
 * Renders one fragment. `scope` names everything the fragment's links depend on besides
 * the text and the site (the page it is on and the record folder its links start from).
 */
export type Renderer = (state: BuildState, markdown: string, options: MarkdownOptions, scope: string) => Fragment;

/** A fragment rendered by `render`, with the papers its links resolved to. */
function withPapers(state: BuildState, render: () => Rendered | undefined): Fragment | undefined {
  const linked: [string, string][] = [];
  state.linked = linked;
  try {
    const r = render();
    if (r === undefined) return undefined;
    return 'problem' in r ? r : { html: r.html, papers: linked, ...(r.plain ? { plain: r.plain } : {}) };
  } finally {
    state.linked = undefined;
  }
}

/** The renderer without a cache: the sanitising pipeline itself. */
export const directRenderer: Renderer = (state, markdown, options) =>
  withPapers(state, () => renderMarkdown(markdown, options))!;

/** The fragment when it needs no pipeline (plain text, or markdown too complex to publish); else undefined. */
export function renderedWithoutPipeline(
  state: BuildState,
  markdown: string,
  options: MarkdownOptions,
): Fragment | undefined {
  return withPapers(state, () => renderWithoutPipeline(markdown, options));
}

export { actionAnchor, meetingPath };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function partnershipName(view: SiteView): string {
  return view.rec.settings.name;
}

/** A meeting's name as a reader says it: "Thursday 8 October 2026", with its slug for a second meeting that day. */
export function meetingName(pm: Pick<PublicMeeting, 'id' | 'date'>): string {
  const slug = pm.id.length > 10 ? ` (${pm.id.slice(11).replace(/-/g, ' ')})` : '';
  return `${formatLongDate(pm.date)}${slug}`;
}

function timeText(view: SiteView, pm: PublicMeeting): string {
  const start = pm.doc?.start ?? view.rec.settings.meetings.default_start;
  return pm.doc?.end ? `${start} to ${pm.doc.end}` : start;
}

/** Only http(s) addresses become links. */
function safeUrl(url: string | undefined): string | undefined {
  return url !== undefined && /^https?:\/\/[^\s<>"'`\\]+$/i.test(url) ? url : undefined;
}

/** A markdown body from the record as HTML, or a problem recorded against its file. */
function markdown(state: BuildState, text: string, file: string, scope: string, options: MarkdownOptions): SafeHtml {
  if (text.trim() === '') return new SafeHtml('');
  const r = state.render(state, text, options, scope);
  if ('problem' in r) {
    state.problems.push(`${file}: ${r.problem}`);
    return html`<p>This text could not be published.</p>`;
  }
  for (const [site, source] of r.papers) addPaper(state, site, source);
  return r.html;
}

/** Links and markers answered from the public view (on this thread). */
export function viewSource(view: SiteView): LinkSource {
  let source = sources.get(view);
  if (!source) {
    source = {
      meeting: (id) => {
        const pm = view.byId.get(id);
        return (
          pm && {
            agendaOut: pm.agendaOut,
            dir: pm.entry.dir,
            hasPaper: (k) => pm.entry.papers.has(k),
            withheld: (k) => pm.exemptPapers.has(k),
          }
        );
      },
      publicAction: (id) => view.publicActionIds.has(id),
      owner: (o) => {
        const r = resolvePerson(view.rec, o);
        return 'person' in r ? nameAndOrganisation(view, r.person.id) : o;
      },
    };
    sources.set(view, source);
  }
  return source;
}
const sources = new WeakMap<SiteView, LinkSource>();

/** The resolver of links in a body held in `sourceDir` on the page `fromPage`; papers linked go to state.linked. */
function resolverOf(state: BuildState, fromPage: string, sourceDir: string): (url: string) => string | undefined {
  return linkResolver(viewSource(state.view), fromPage, sourceDir, () => state.linked);
}

// ---------------------------------------------------------------- meeting page

function statusLine(view: SiteView, pm: PublicMeeting): string {
  if (pm.cancelled) return 'Cancelled';
  if (pm.minutes && !pm.minutes.draft) return 'Held; minutes approved';
  if (pm.minutes) return 'Held; draft minutes';
  if (pm.doc?.status === 'held' || pm.entry.minutes) return 'Held; minutes not yet published';
  if (pm.agendaOut)
    return pm.doc?.published ? `Agenda published on ${formatLongDate(pm.doc.published)}` : 'Agenda published';
  return pm.date >= view.options.asOf ? 'Scheduled; agenda not yet published' : 'Scheduled';
}

/** schema.org Event for a meeting. */
export function meetingEvent(view: SiteView, pm: PublicMeeting): Record<string, unknown> {
  const s = view.rec.settings;
  const start = pm.doc?.start ?? s.meetings.default_start;
  const online = safeUrl(pm.doc?.online_url);
  const venue = pm.doc?.venue ?? s.meetings.default_venue;
  const event: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: `${s.name}: ${KIND_LABEL[pm.doc?.kind ?? 'ordinary'] ?? 'meeting'}${pm.doc?.theme ? ` (${pm.doc.theme})` : ''}`,
    startDate: londonIso(pm.date, start),
  };
  if (pm.doc?.end) event.endDate = londonIso(pm.date, pm.doc.end);
  event.eventStatus = pm.cancelled ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled';
  event.eventAttendanceMode =
    online && venue
      ? 'https://schema.org/MixedEventAttendanceMode'
      : online
        ? 'https://schema.org/OnlineEventAttendanceMode'
        : 'https://schema.org/OfflineEventAttendanceMode';
  const location: Record<string, unknown>[] = [];
  if (venue) location.push({ '@type': 'Place', name: venue, address: venue });
  if (online) location.push({ '@type': 'VirtualLocation', url: online });
  if (location.length > 0) event.location = location.length === 1 ? location[0] : location;
  event.organizer = { '@type': 'Organization', name: s.name };
  if (view.options.baseUrl) event.url = absoluteUrl(view, meetingPath(pm.id));
  return event;
}

/** An absolute address for a file of the site (only with --base-url). */
export function absoluteUrl(view: SiteView, sitePath: string): string {
  const base = view.options.baseUrl!.replace(/\/*$/, '/');
  return base + sitePath.split('/').map(encodeURIComponent).join('/');
}

function agendaSection(state: BuildState, pm: PublicMeeting, from: string): SafeHtml {
  const view = state.view;
  if (pm.cancelled)
    return html`<h2 id="agenda">Agenda</h2>
      <p>This meeting was cancelled.</p>`;
  if (!pm.agendaOut) {
    return html`<h2 id="agenda">Agenda</h2>
      <p>
        The agenda has not been published yet. Agendas are published at least
        ${plural(view.rec.settings.meetings.notice_working_days, 'clear working day')} before the meeting.
      </p>`;
  }
  const notes = markdown(state, pm.notes, `meetings/${pm.id}/meeting.md`, `${from}\0meetings/${pm.id}`, {
    headingBase: 3,
    resolveLink: resolverOf(state, from, `meetings/${pm.id}`),
  });
  const items = pm.items.map((item) => {
    if (item.exempt !== undefined) {
      return html`<li id="item-${item.number}">
        <h3>${item.number}. ${item.title}</h3>
        <p class="exempt">${item.exempt}</p>
      </li> `;
    }
    const details: SafeHtml[] = [];
    if (item.presenter) details.push(html`<li>Presented by ${item.presenter}</li>`);
    if (item.lead) details.push(html`<li>Lead: ${item.lead}</li>`);
    if (item.purpose) details.push(html`<li>${item.purpose}</li>`);
    if (item.priority) details.push(html`<li>Priority: ${item.priority}</li>`);
    if (item.deferred) details.push(html`<li>${item.deferred}</li>`);
    for (const p of item.papers) {
      const key = paperKey(p.path);
      const source = pm.papers.get(key);
      if (source) {
        const site = `meetings/${pm.id}/${key}`;
        addPaper(state, site, source);
        details.push(
          html`<li>
            Paper:
            <a class="paper" href="${href(from, site)}">${path.posix.basename(key)}</a>${p.size ? ` (${p.size})` : ''}
          </li>`,
        );
      } else details.push(html`<li>Paper: ${path.posix.basename(key)} (not available)</li>`);
    }
    return html`<li id="item-${item.number}">
      <h3>${item.number}. ${item.title}</h3>
      ${
        details.length > 0
          ? html`<ul>
              ${details}
            </ul>`
          : ''
      }
    </li> `;
  });
  return html`<h2 id="agenda">Agenda</h2>
    ${notes}
    <ol class="agenda">
      ${items}
    </ol>`;
}

function attendanceSection(view: SiteView, pm: PublicMeeting): SafeHtml {
  const m = pm.minutes!;
  const d = m.data;
  const present = (d.present ?? []).map((id) => html`<li>${nameAndOrganisation(view, id)}</li>`);
  const substitutes = apologiesOf(d)
    .filter((a) => a.substitute)
    .map(
      (a) =>
        html`<li>
          ${nameAndOrganisation(view, a.substitute!)}, present as substitute for ${personName(view, a.member)}
        </li>`,
    );
  const apologies = apologiesOf(d).map(
    (a) =>
      html`<li>
        ${nameAndOrganisation(view, a.member)}${a.substitute ? ` (${personName(view, a.substitute)} attended as substitute)` : ''}
      </li>`,
  );
  const inAttendance = (d.in_attendance ?? []).map((ref) => html`<li>${nameAndOrganisation(view, ref)}</li>`);
  const list = (items: SafeHtml[], none: string) =>
    items.length > 0
      ? html`<ul>
          ${items.map((i) => html`${i} `)}
        </ul>`
      : html`<p>${none}</p>`;
  const chairs = chairsOf(d);
  const chair =
    chairs.length > 0 ? html`<p>Chair: ${chairs.map((c) => nameAndOrganisation(view, c)).join(', then ')}</p> ` : '';
  const q = pm.quorum;
  const quorumLine = q
    ? q.quorate === null
      ? html`<p>Whether the meeting was quorate cannot be known from the minutes: they do not record who attended.</p> `
      : html`<p>The meeting was ${q.quorate ? 'quorate' : 'not quorate'} under the terms of reference.</p> `
    : '';
  return html`<h2 id="attendance">Attendance</h2>
    ${chair}
    <h3>Present</h3>
    ${attendanceRecorded(d) ? list([...present, ...substitutes], 'No one is recorded as present.') : html`<p>The minutes do not record who was present.</p>`}
    <h3>Apologies</h3>
    ${apologiesRecorded(d) ? list(apologies, 'No apologies were received.') : html`<p>The minutes do not record who sent apologies.</p>`}
    <h3>In attendance</h3>
    ${list(inAttendance, 'No one else is recorded as in attendance.')} ${quorumLine}`;
}

function declarationsSection(view: SiteView, pm: PublicMeeting, from: string): SafeHtml {
  const decl = pm.minutes!.data.declarations ?? [];
  if (decl.length === 0)
    return html`<h2 id="declarations">Declarations of interest</h2>
      <p>No interests were declared.</p>`;
  const rows = decl.map((x) => {
    const exempt = pm.minutes!.exempt.has(x.minute);
    return html`<tr>
      <td>${nameAndOrganisation(view, x.member)}</td>
      <td><a href="${href(from, `${meetingPath(pm.id)}#minute-${x.minute}`)}">${x.minute}</a></td>
      <td>${x.nature ?? ''}</td>
      <td>${exempt ? 'Withheld: the item is exempt' : (x.detail ?? '')}</td>
    </tr> `;
  });
  return html`<h2 id="declarations">Declarations of interest</h2>
    <div class="table-wrap">
      <table>
        <caption>
          Interests declared at this meeting
        </caption>
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col">Minute</th>
            <th scope="col">Nature</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          ${rows}
        </tbody>
      </table>
    </div>`;
}

/** The fragment of a published minute's text, on its meeting's page. */
function minuteFragment(view: SiteView, pm: PublicMeeting, body: string): FragmentJob {
  const from = meetingPath(pm.id);
  const sourceDir = `meetings/${pm.id}`;
  return {
    markdown: body,
    from,
    sourceDir,
    scope: `${from}\0${sourceDir}`,
    options: { headingBase: 4, decisions: view.rec.settings.decision_words },
  };
}

/** Every published minute's text on the site (the bulk of the rendering), to be rendered ahead. */
export function minuteFragments(view: SiteView): FragmentJob[] {
  const out: FragmentJob[] = [];
  for (const pm of view.meetings) {
    const m = pm.minutes;
    if (!m) continue;
    for (const item of m.items) {
      if (m.exempt.has(item.number) || item.body.trim() === '') continue;
      out.push(minuteFragment(view, pm, item.body));
    }
  }
  return out;
}

function minutesSection(state: BuildState, pm: PublicMeeting, from: string): SafeHtml {
  const view = state.view;
  const m = pm.minutes;
  if (!m) {
    if (pm.cancelled) return new SafeHtml('');
    const why = pm.entry.minutes
      ? 'The minutes have been drafted and will be published once the partnership approves them.'
      : pm.date < view.options.asOf
        ? 'The minutes will be published once the partnership approves them.'
        : 'Minutes are published once the partnership has approved them as an accurate record.';
    return html`<h2 id="minutes">Minutes</h2>
      <p>${why}</p>`;
  }
  const approvedBy = approvedAtMeeting(m.data);
  const byEmail = approvedByEmail(m.data);
  const approvedLine = m.draft
    ? html`<p class="banner draft">DRAFT minutes, not yet approved.</p>`
    : approvedBy
      ? html`<p>
          Approved as an accurate record at the meeting of
          ${view.byId.has(approvedBy) ? html`<a href="${href(from, meetingPath(approvedBy))}">${meetingName({ id: approvedBy, date: approvedBy.slice(0, 10) })}</a>` : meetingName({ id: approvedBy, date: approvedBy.slice(0, 10) })}.
        </p>`
      : byEmail
        ? html`<p>
            Approved as an accurate record by members by e-mail,
            ${formatLongDate(byEmail.date)}${byEmail.note ? ` (${byEmail.note})` : ''}.
          </p>`
        : html`<p>Approved as an accurate record.</p>`;
  const digest = html`<p>
    SHA-256 of the minutes file (<code>meetings/${pm.id}/minutes.md</code> in the record):
    <span class="digest">${m.sha256}</span>. <a href="${href(from, 'checking-minutes.html')}">How to check it</a>.
  </p>`;
  const times = m.data.started
    ? html`<p>The meeting began at ${m.data.started}${m.data.ended ? ` and ended at ${m.data.ended}` : ''}.</p>`
    : '';
  const corrections = (m.data.corrections ?? []).map(
    (c) =>
      html`<li>
        Corrected at the meeting of ${meetingName({ id: c.meeting, date: c.meeting.slice(0, 10) })} (minute
        ${c.minute})${c.note ? `: ${c.note}` : ''}
      </li>`,
  );
  const deferred = (m.data.deferred ?? []).map(
    (x) =>
      html`<li>
        ${x.title}${x.minute !== undefined ? ` (minute ${x.minute})` : ''}${x.to ? `, deferred to ${x.to === 'next' ? 'the next meeting' : /^\d{4}-\d{2}-\d{2}/.test(x.to) ? meetingName({ id: x.to, date: x.to.slice(0, 10) }) : x.to}` : ''}
      </li>`,
  );
  const resolve = resolverOf(state, from, `meetings/${pm.id}`);
  const label = markerLabel(viewSource(view), from);
  const items = m.items.map((item: MinuteItem) => {
    const paragraph = m.exempt.get(item.number);
    const heading = html`<h3><a href="#minute-${item.number}">${item.number}.</a> ${item.title}</h3>`;
    if (paragraph !== undefined) {
      return html`<section class="minute" id="minute-${item.number}">
        ${heading}
        <p class="exempt">${exemptText(paragraph)}. The minutes of this item are not published.</p>
      </section> `;
    }
    const f = minuteFragment(view, pm, item.body);
    const body = markdown(state, f.markdown, m.rel, f.scope, {
      ...f.options,
      resolveLink: resolve,
      actionMarker: label,
    });
    return html`<section class="minute" id="minute-${item.number}">${heading} ${body}</section> `;
  });
  return html`<h2 id="minutes">Minutes</h2>
    ${approvedLine} ${digest}
    ${times}${
      corrections.length > 0
        ? html`<h3>Corrections</h3>
            <ul>
              ${corrections}
            </ul>`
        : ''
    }${
      deferred.length > 0
        ? html`<h3>Items deferred</h3>
            <ul>
              ${deferred}
            </ul>`
        : ''
    }${items}`;
}

/** The page of one meeting. */
export function meetingPage(state: BuildState, pm: PublicMeeting): string {
  const view = state.view;
  const from = meetingPath(pm.id);
  const s = view.rec.settings;
  const doc = pm.doc;
  const kind = KIND_LABEL[doc?.kind ?? 'ordinary'] ?? 'Meeting';
  const online = safeUrl(doc?.online_url);
  const facts: SafeHtml[] = [
    html`<dt>Date</dt>
      <dd>${formatLongDate(pm.date)}</dd>`,
    html`<dt>Time</dt>
      <dd>${timeText(view, pm)}</dd>`,
    html`<dt>Venue</dt>
      <dd>${doc?.venue ?? s.meetings.default_venue}</dd>`,
  ];
  if (online)
    facts.push(
      html`<dt>Online</dt>
        <dd><a href="${online}">${online}</a></dd>`,
    );
  facts.push(
    html`<dt>Kind</dt>
      <dd>${kind}</dd>`,
  );
  if (doc?.theme)
    facts.push(
      html`<dt>Theme</dt>
        <dd>${doc.theme}</dd>`,
    );
  facts.push(
    html`<dt>Status</dt>
      <dd>${statusLine(view, pm)}</dd>`,
  );
  const parts: SafeHtml[] = [
    html`<h1>${kind}, ${meetingName(pm)}</h1>
      <dl class="summary">${facts.map((f) => html`${f} `)}</dl> `,
    agendaSection(state, pm, from),
  ];
  if (pm.minutes) parts.push(attendanceSection(view, pm), declarationsSection(view, pm, from));
  parts.push(minutesSection(state, pm, from));
  return page({
    path: from,
    title: `${kind}, ${meetingName(pm)}: ${s.short_name}`,
    partnership: partnershipName(view),
    body: join(parts, '\n'),
    draft: pm.minutes?.draft === true,
    jsonLd: meetingEvent(view, pm),
  });
}

// ---------------------------------------------------------------- index

function meetingLine(view: SiteView, pm: PublicMeeting, from: string): SafeHtml {
  const doc = pm.doc;
  const kind =
    doc?.kind && doc.kind !== 'ordinary' ? ` (${KIND_LABEL[doc.kind]}${doc.theme ? `: ${doc.theme}` : ''})` : '';
  const draft = pm.minutes?.draft ? html` <span class="tag draft">DRAFT</span>` : '';
  return html`<li>
    <a href="${href(from, meetingPath(pm.id))}">${meetingName(pm)}</a>${kind}: ${statusLine(view, pm)}${draft}
  </li> `;
}

/** The home page: the partnership, the next meetings, then every meeting by year, newest first. */
export function indexPage(view: SiteView): string {
  const from = 'index.html';
  const s = view.rec.settings;
  const upcoming = view.meetings
    .filter((m) => m.date >= view.options.asOf && !m.cancelled && !m.minutes && !m.entry.minutes)
    .slice(0, 3);
  const next = upcoming.map((pm) => {
    const venue = pm.doc?.venue ?? s.meetings.default_venue;
    const agenda = pm.agendaOut
      ? html`<a href="${href(from, `${meetingPath(pm.id)}#agenda`)}">Agenda for ${meetingName(pm)}</a>`
      : 'Agenda not yet published';
    return html`<li>
      <a href="${href(from, meetingPath(pm.id))}">${meetingName(pm)}</a>, ${timeText(view, pm)}, ${venue}. ${agenda}
    </li> `;
  });
  const years = new Map<string, PublicMeeting[]>();
  for (const pm of [...view.meetings].reverse()) {
    const y = pm.date.slice(0, 4);
    years.set(y, [...(years.get(y) ?? []), pm]);
  }
  const byYear = [...years.entries()].map(
    ([y, list]) =>
      html`<h3 id="year-${y}">${y}</h3>
        <ul class="meetings">
          ${list.map((pm) => meetingLine(view, pm, from))}
        </ul> `,
  );
  const body = html`<h1>${s.name}</h1>
    <p class="lede">
      The public record of the partnership: agendas, approved minutes, decisions, actions and attendance.
    </p>
    <h2 id="next">Next meetings</h2>
    ${
      next.length > 0
        ? html`<ul>
            ${next}
          </ul>`
        : html`<p>No meetings are scheduled yet.</p>`
    }
    <p>
      <a href="meetings.ics">Add the partnership's meetings to your calendar</a> (iCalendar).
      <a href="feed.xml">Follow newly published minutes</a> (Atom feed).
      <a href="record.json">The public record as data</a> (JSON).
    </p>
    <h2 id="meetings">All meetings</h2>
    ${byYear.length > 0 ? byYear : html`<p>There are no meetings in the record yet.</p>`}`;
  return page({ path: from, title: `Meetings: ${s.short_name}`, partnership: s.name, body, draft: false });
}

// ---------------------------------------------------------------- decisions

/** Every decision, newest first, linked to its minute. */
export function decisionsPage(view: SiteView): string {
  const from = 'decisions.html';
  const list = [...view.decisions].sort((a, b) =>
    a.meeting !== b.meeting ? (a.meeting < b.meeting ? 1 : -1) : b.minute - a.minute,
  );
  const rows = list.map((d) => {
    const pm = view.byId.get(d.meeting)!;
    const text =
      d.text === null
        ? html`<p class="exempt">${exemptText(d.exempt ?? 0)}. The decision is not published.</p>`
        : join(d.text.split('\n').map((line) => html`<p>${line}</p>`));
    return html`<tr>
      <td>
        <a href="${href(from, meetingPath(d.meeting))}">${meetingName(pm)}</a
        >${d.draft ? html` <span class="tag draft">DRAFT</span>` : ''}
      </td>
      <td><a href="${href(from, `${meetingPath(d.meeting)}#minute-${d.minute}`)}">${d.minute}. ${d.title}</a></td>
      <td>${text}</td>
    </tr> `;
  });
  const body = html`<h1>Decisions register</h1>
    <p>Every decision (RESOLVED) in the published minutes, newest first.</p>
    ${view.hasDrafts ? html`<p class="banner draft">DRAFT: decisions marked DRAFT come from minutes not yet approved.</p> ` : ''}${
      rows.length > 0
        ? html`<div class="table-wrap">
            <table>
              <caption>
                ${plural(rows.length, 'decision')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Meeting</th>
                  <th scope="col">Minute</th>
                  <th scope="col">Decision</th>
                </tr>
              </thead>
              <tbody>
                ${rows}
              </tbody>
            </table>
          </div>`
        : html`<p>No decisions have been published yet.</p>`
    }`;
  return page({
    path: from,
    title: `Decisions register: ${view.rec.settings.short_name}`,
    partnership: partnershipName(view),
    body,
  });
}

// ---------------------------------------------------------------- actions

const STATUS_LABEL: Record<string, string> = {
  open: 'Open',
  'in-progress': 'In progress',
  done: 'Done',
  dropped: 'Dropped',
};

/** A horizontal bar chart as inline SVG, with its figures in a table beside it. */
function chart(id: string, caption: string, rows: [string, number][], firstHeader: string): SafeHtml {
  const max = Math.max(1, ...rows.map((r) => r[1]));
  const bar = 24;
  const gap = 10;
  const labelWidth = 0;
  const width = 320;
  const height = rows.length * (bar + gap) * 2;
  const bars = rows.map(([label, n], i) => {
    const y = i * (bar + gap) * 2;
    const w = Math.round(((width - 60) * n) / max);
    return html`<text x="${labelWidth}" y="${y + 16}" font-size="14" fill="#0b0c0c">${label}</text
      ><rect x="${labelWidth}" y="${y + 22}" width="${Math.max(w, n > 0 ? 2 : 0)}" height="${bar}" fill="#1d4f91"></rect
      ><text x="${labelWidth + w + 6}" y="${y + 40}" font-size="14" fill="#0b0c0c">${n}</text>`;
  });
  const summary = rows.map(([l, n]) => `${l}: ${n}`).join('; ');
  return html`<figure class="chart" aria-labelledby="${id}-caption">
      <figcaption id="${id}-caption">${caption}</figcaption>
      <svg
        role="img"
        aria-labelledby="${id}-title ${id}-desc"
        viewBox="0 0 ${width} ${Math.max(height, 1)}"
        width="${width}"
        height="${Math.max(height, 1)}"
        xmlns="http://www.w3.org/2000/svg"
      >
        <title id="${id}-title">${caption}</title>
        <desc id="${id}-desc">${summary}</desc>
        ${bars}
      </svg>
    </figure>
    <div class="table-wrap">
      <table>
        <caption>
          ${caption} (the figures in the chart)
        </caption>
        <thead>
          <tr>
            <th scope="col">${firstHeader}</th>
            <th scope="col" class="num">Actions</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            ([l, n]) =>
              html`<tr>
                <th scope="row">${l}</th>
                <td class="num">${n}</td>
              </tr> `,
          )}
        </tbody>
      </table>
    </div>`;
}

/** The action tracker: every published action, a chart by status and by owner organisation. */
export function actionsPage(view: SiteView): string {
  const from = 'actions.html';
  const shown = view.actions.filter((a) => a.exempt === undefined);
  const byStatus: [string, number][] = ['open', 'in-progress', 'done', 'dropped'].map((st) => [
    STATUS_LABEL[st]!,
    shown.filter((a) => a.row.status === st).length,
  ]);
  const orgCount = new Map<string, number>();
  for (const a of shown) {
    for (const org of new Set(
      a.row.owners.map((o) => view.rec.people.get(o)?.organisation ?? 'No organisation recorded'),
    ))
      orgCount.set(org, (orgCount.get(org) ?? 0) + 1);
  }
  const byOrg = [...orgCount.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const sorted = [...view.actions].sort((a, b) => {
    const ad = a.row.daysOverdue ?? -1;
    const bd = b.row.daysOverdue ?? -1;
    if (ad !== bd) return bd - ad;
    const ax = a.row.due ?? '9999-99-99';
    const bx = b.row.due ?? '9999-99-99';
    return ax !== bx ? (ax < bx ? -1 : 1) : a.id < b.id ? -1 : 1;
  });
  const rows = sorted.map((a) => {
    const raised = a.row.raised;
    const where = raised
      ? html`<a href="${href(from, `${meetingPath(raised.meeting)}#minute-${raised.minute}`)}"
          >Minute ${raised.minute}, ${meetingName(view.byId.get(raised.meeting)!)}</a
        >`
      : 'Not raised in minutes';
    if (a.exempt !== undefined) {
      return html`<tr id="${actionAnchor(a.id)}">
        <td><span class="exempt">${exemptText(a.exempt)}. The action is not published.</span></td>
        <td colspan="4">Withheld</td>
        <td>${where}</td>
      </tr> `;
    }
    const owners = a.row.owners.map((o) => nameAndOrganisation(view, o)).join('; ');
    const overdue =
      a.row.daysOverdue !== undefined ? html`<span class="overdue">${plural(a.row.daysOverdue, 'day')}</span>` : '';
    return html`<tr id="${actionAnchor(a.id)}">
      <td>${a.row.title}</td>
      <td>${owners}</td>
      <td>${a.row.due ? formatLongDate(a.row.due) : 'No date'}</td>
      <td>${STATUS_LABEL[a.row.status]}</td>
      <td>${overdue}</td>
      <td>${where}</td>
    </tr> `;
  });
  const body = html`<h1>Action tracker</h1>
    <p>Every action in the published minutes, most overdue first, as of ${formatLongDate(view.options.asOf)}.</p>
    ${view.hasDrafts ? html`<p class="banner draft">DRAFT: some actions come from minutes not yet approved.</p> ` : ''}
    <h2 id="by-status">Actions by status</h2>
    ${chart('chart-status', 'Actions by status', byStatus, 'Status')}
    <h2 id="by-organisation">Actions by owner organisation</h2>
    ${byOrg.length > 0 ? chart('chart-organisation', 'Actions by owner organisation', byOrg, 'Organisation') : html`<p>No actions have been published yet.</p>`}
    <h2 id="all">All actions</h2>
    ${
      rows.length > 0
        ? html`<div class="table-wrap">
            <table>
              <caption>
                ${plural(rows.length, 'action')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Action</th>
                  <th scope="col">Owner</th>
                  <th scope="col">Due</th>
                  <th scope="col">Status</th>
                  <th scope="col">Days overdue</th>
                  <th scope="col">Raised</th>
                </tr>
              </thead>
              <tbody>
                ${rows}
              </tbody>
            </table>
          </div>`
        : html`<p>No actions have been published yet.</p>`
    }`;
  return page({
    path: from,
    title: `Action tracker: ${view.rec.settings.short_name}`,
    partnership: partnershipName(view),
    body,
  });
}

// ---------------------------------------------------------------- attendance

/** Attendance by member and by organisation, counting those present as substitutes. */
export function attendancePage(view: SiteView): string {
  const from = 'attendance.html';
  const a = view.attendance;
  const count = (marks: (string | null)[], what: string) => marks.filter((m) => m === what).length;
  const memberRows = [...a.members]
    .sort((x, y) =>
      x.name.toLowerCase() < y.name.toLowerCase()
        ? -1
        : x.name.toLowerCase() > y.name.toLowerCase()
          ? 1
          : x.id < y.id
            ? -1
            : 1,
    )
    .map((m) => {
      const seated = m.record.filter((r) => r !== null).length;
      return html`<tr>
        <th scope="row">${m.name}</th>
        <td>${m.organisation}</td>
        <td class="num">${seated}</td>
        <td class="num">${count(m.record, 'present')}</td>
        <td class="num">${count(m.record, 'substituted')}</td>
        <td class="num">${count(m.record, 'apologies')}</td>
        <td class="num">${count(m.record, 'absent')}</td>
      </tr> `;
    });
  const subs = new Map<string, { times: number; for: Set<string> }>();
  for (const pm of view.meetings) {
    for (const ap of pm.minutes ? apologiesOf(pm.minutes.data) : []) {
      if (!ap.substitute) continue;
      const e = subs.get(ap.substitute) ?? { times: 0, for: new Set<string>() };
      e.times++;
      e.for.add(personName(view, ap.member));
      subs.set(ap.substitute, e);
    }
  }
  const subRows = [...subs.entries()]
    .sort((x, y) => (personName(view, x[0]) < personName(view, y[0]) ? -1 : 1))
    .map(
      ([id, e]) =>
        html`<tr>
          <th scope="row">${nameAndOrganisation(view, id)}</th>
          <td>${[...e.for].sort().join(', ')}</td>
          <td class="num">${e.times}</td>
        </tr> `,
    );
  const orgRows = [...a.organisations]
    .sort((x, y) => (x.organisation < y.organisation ? -1 : 1))
    .map((o) => {
      const seated = o.seated.filter(Boolean).length;
      const represented = o.represented.filter((r, i) => r && o.seated[i]).length;
      return html`<tr>
        <th scope="row">${o.organisation}</th>
        <td class="num">${seated}</td>
        <td class="num">${represented}</td>
        <td class="num">${o.unrepresented_run}</td>
      </tr> `;
    });
  const body = html`<h1>Attendance</h1>
    <p>
      Attendance at the ${plural(a.meetings.length, 'meeting')} whose minutes are published. A member who sent a
      substitute counts as represented; an organisation is represented when one of its members, or a substitute for one,
      is present.
    </p>
    ${view.hasDrafts ? html`<p class="banner draft">DRAFT: these figures include minutes not yet approved.</p> ` : ''}
    <h2 id="members">By member</h2>
    <div class="table-wrap">
      <table>
        <caption>
          Attendance by member
        </caption>
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col">Organisation</th>
            <th scope="col" class="num">Meetings while a member</th>
            <th scope="col" class="num">Present</th>
            <th scope="col" class="num">Substitute present</th>
            <th scope="col" class="num">Apologies</th>
            <th scope="col" class="num">Absent</th>
          </tr>
        </thead>
        <tbody>
          ${memberRows}
        </tbody>
      </table>
    </div>
    <h2 id="substitutes">Present as substitute</h2>
    ${
      subRows.length > 0
        ? html`<div class="table-wrap">
            <table>
              <caption>
                People present as a substitute for a member
              </caption>
              <thead>
                <tr>
                  <th scope="col">Substitute</th>
                  <th scope="col">For</th>
                  <th scope="col" class="num">Meetings</th>
                </tr>
              </thead>
              <tbody>
                ${subRows}
              </tbody>
            </table>
          </div>`
        : html`<p>No substitutes have attended.</p>`
    }
    <h2 id="organisations">By organisation</h2>
    <div class="table-wrap">
      <table>
        <caption>
          Attendance by organisation
        </caption>
        <thead>
          <tr>
            <th scope="col">Organisation</th>
            <th scope="col" class="num">Meetings with a seat</th>
            <th scope="col" class="num">Represented</th>
            <th scope="col" class="num">Latest meetings in a row not represented</th>
          </tr>
        </thead>
        <tbody>
          ${orgRows}
        </tbody>
      </table>
    </div>`;
  return page({
    path: from,
    title: `Attendance: ${view.rec.settings.short_name}`,
    partnership: partnershipName(view),
    body,
  });
}

// ---------------------------------------------------------------- declarations

/** Every declaration of interest across the published minutes, newest first. */
export function declarationsPage(view: SiteView): string {
  const from = 'declarations.html';
  const rows: SafeHtml[] = [];
  for (const pm of [...view.meetings].reverse()) {
    for (const x of pm.minutes?.data.declarations ?? []) {
      const exempt = pm.minutes!.exempt.has(x.minute);
      rows.push(
        html`<tr>
          <td>
            <a href="${href(from, meetingPath(pm.id))}">${meetingName(pm)}</a
            >${pm.minutes!.draft ? html` <span class="tag draft">DRAFT</span>` : ''}
          </td>
          <td>${nameAndOrganisation(view, x.member)}</td>
          <td><a href="${href(from, `${meetingPath(pm.id)}#minute-${x.minute}`)}">${x.minute}</a></td>
          <td>${x.nature ?? ''}</td>
          <td>${exempt ? 'Withheld: the item is exempt' : (x.detail ?? '')}</td>
        </tr> `,
      );
    }
  }
  const body = html`<h1>Register of declarations of interest</h1>
    <p>Interests declared at meetings, as recorded in the published minutes, newest first.</p>
    ${view.hasDrafts ? html`<p class="banner draft">DRAFT: declarations marked DRAFT come from minutes not yet approved.</p> ` : ''}${
      rows.length > 0
        ? html`<div class="table-wrap">
            <table>
              <caption>
                ${plural(rows.length, 'declaration')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Meeting</th>
                  <th scope="col">Member</th>
                  <th scope="col">Minute</th>
                  <th scope="col">Nature</th>
                  <th scope="col">Detail</th>
                </tr>
              </thead>
              <tbody>
                ${rows}
              </tbody>
            </table>
          </div>`
        : html`<p>No interests have been declared.</p>`
    }`;
  return page({
    path: from,
    title: `Declarations of interest: ${view.rec.settings.short_name}`,
    partnership: partnershipName(view),
    body,
  });
}

// ---------------------------------------------------------------- terms of reference

const ROLE_LABEL: Record<string, string> = {
  chair: 'Chair',
  member: 'Member',
  'co-opted': 'Co-opted member',
  'ex-officio': 'Ex-officio member',
  advisor: 'Adviser',
};

/** The quorum rules in words. */
export function quorumInWords(view: SiteView): string[] {
  const s = view.rec.settings;
  const voting = membersOn(view.rec, view.options.asOf).filter((m) => m.voting).length;
  return s.quorum.map((q) => {
    const n = q.min ?? fractionOf(q.fraction ?? 0, voting);
    const who: string[] = [];
    if (q.roles) who.push(`with the role ${q.roles.map((r) => ROLE_LABEL[r] ?? r).join(' or ')}`);
    if (q.sectors) who.push(`from the ${q.sectors.join(' or ')} sector`);
    if (q.organisations) who.push(`from ${q.organisations.join(' or ')}`);
    const count =
      q.min !== undefined
        ? `At least ${n}`
        : `At least ${Math.round((q.fraction ?? 0) * 100)}% of the voting members (${n} today)`;
    return `${q.label}: ${count} ${q.voting === false ? 'member' : 'voting member'}${n === 1 && q.min !== undefined ? '' : 's'} ${who.join(', ')} present${q.roles ? ' (a substitute does not count for a role)' : ''}.`.replace(
      /\s+/g,
      ' ',
    );
  });
}

/** The terms of reference, the quorum in words and the membership (names and organisations only). */
export function termsPage(state: BuildState): string {
  const view = state.view;
  const from = 'terms-of-reference.html';
  const s = view.rec.settings;
  const p = view.rec.partnership;
  const body = p ? p.file.text.slice(p.bodyStart).replace(/\r\n/g, '\n') : '';
  const tor = markdown(state, body, 'partnership.md', `${from}\0`, {
    headingBase: 2,
    resolveLink: resolverOf(state, from, ''),
  });
  const members = membersOn(view.rec, view.options.asOf);
  const orgs = new Map<string, typeof members>();
  for (const m of members) orgs.set(m.organisation, [...(orgs.get(m.organisation) ?? []), m]);
  const orgRows = [...orgs.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .flatMap(([org, list]) =>
      [...list]
        .sort((a, b) => (a.name < b.name ? -1 : 1))
        .map(
          (m) =>
            html`<tr>
              <td>${org}</td>
              <th scope="row">${m.name}</th>
              <td>${ROLE_LABEL[m.role] ?? m.role}${m.voting ? '' : ' (non-voting)'}</td>
            </tr> `,
        ),
    );
  const content = html`<h1>Terms of reference</h1>
    ${tor}
    <h2 id="quorum">Quorum</h2>
    <p>A meeting is quorate when every one of these is met:</p>
    <ul>
      ${quorumInWords(view).map((q) => html`<li>${q}</li> `)}
    </ul>
    <h2 id="membership">Membership</h2>
    <p>The members on ${formatLongDate(view.options.asOf)}, by organisation.</p>
    ${
      orgRows.length > 0
        ? html`<div class="table-wrap">
            <table>
              <caption>
                Members by organisation and role
              </caption>
              <thead>
                <tr>
                  <th scope="col">Organisation</th>
                  <th scope="col">Name</th>
                  <th scope="col">Role</th>
                </tr>
              </thead>
              <tbody>
                ${orgRows}
              </tbody>
            </table>
          </div>`
        : html`<p>The membership is not published.</p>`
    }`;
  return page({ path: from, title: `Terms of reference: ${s.short_name}`, partnership: s.name, body: content });
}

// ---------------------------------------------------------------- checking a digest

/** How any reader can check published minutes against the record. */
export function checkingPage(view: SiteView): string {
  const from = 'checking-minutes.html';
  const body = html`<h1>How to check that published minutes are the approved record</h1>
    <p>
      Each set of approved minutes on this site shows a SHA-256 digest: a fingerprint of the minutes file exactly as the
      partnership keeps it in its record (<code>records/meetings/DATE/minutes.md</code>). If one character of the file
      changed, the digest would change completely.
    </p>
    <h2 id="steps">To check a set of minutes</h2>
    <ol>
      <li>
        Get the minutes file from the partnership's record (ask the clerk, or take it from the record's repository).
      </li>
      <li>
        Work out its SHA-256 digest. On Linux: <code>sha256sum minutes.md</code>. On a Mac:
        <code>shasum -a 256 minutes.md</code>. On Windows (PowerShell):
        <code>Get-FileHash minutes.md -Algorithm SHA256</code>.
      </li>
      <li>
        Compare it with the digest shown on the meeting's page, under "Minutes". If they are the same, the page was made
        from that exact file.
      </li>
    </ol>
    <p>Approved minutes never change, except by a correction agreed at a later meeting, which the page lists.</p>`;
  return page({
    path: from,
    title: `Checking published minutes: ${view.rec.settings.short_name}`,
    partnership: partnershipName(view),
    body,
  });
}
