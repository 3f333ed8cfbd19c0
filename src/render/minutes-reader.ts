/**
 * The minutes as a reader sees them (csp minutes render): the meeting, who was there,
 * declarations, and every item with its decisions and actions, names in place of ids.
 * As HTML the bodies go through the website's sanitising pipeline and the page prints on
 * A4; exempt items show only their title and paragraph unless the text is asked for.
 */
import { createHash } from 'node:crypto';
import { formatLongDate } from '../core/dates.js';
import type { LoadedRecord } from '../load/load.js';
import { fileBytes } from '../workspace/read.js';
import type { MeetingEntry, MinuteItem, MinutesDoc } from '../model/types.js';
import { ACTION_MARKER } from '../parse/marker.js';
import { exemptMinutes } from '../queries/decisions.js';
import {
  apologiesOf,
  apologiesRecorded,
  approvedAtMeeting,
  approvedByEmail,
  attendanceRecorded,
  chairsOf,
} from '../queries/minutes-facts.js';
import { displayName, looksLikeId, resolvePerson } from '../queries/people.js';
import { exemptText, KIND_LABEL } from './agenda.js';
import { html, join, SafeHtml } from './html/escape.js';
import { renderMarkdown } from './html/markdown.js';
import { mdInline } from './record-templates.js';
import { STYLESHEET } from './site/style.js';

/** How to render. */
export interface ReaderOptions {
  includeExempt: boolean;
}

/** A rendered document, and the items whose text could not be rendered. */
export interface ReaderMinutes {
  text: string;
  problems: string[];
}

interface Facts {
  title: string;
  kind: string;
  date: string;
  time: string;
  venue: string;
  chair?: string;
  status: string;
  draft: boolean;
  sha256: string;
  present: string[];
  apologies: string[];
  inAttendance: string[];
  declarations: { who: string; minute: number; nature: string; detail: string }[];
  exempt: Map<number, number | string>;
  corrections: string[];
  /** Said instead of the list when the minutes do not record it. */
  attendanceNote?: string;
  apologiesNote?: string;
}

function who(rec: LoadedRecord, ref: string): string {
  const name = looksLikeId(ref) ? displayName(rec, ref) : ref;
  const org = rec.people.get(ref)?.organisation;
  return org ? `${name} (${org})` : name;
}

function facts(rec: LoadedRecord, entry: MeetingEntry, d: MinutesDoc, options: ReaderOptions): Facts {
  const doc = entry.meeting?.data;
  const s = rec.settings;
  const kind = KIND_LABEL[doc?.kind ?? 'ordinary'] ?? 'Meeting';
  const start = d.started ?? doc?.start ?? s.meetings.default_start;
  const end = d.ended ?? doc?.end;
  const m = entry.minutes!;
  const bytes = fileBytes(m.file);
  const exempt = exemptMinutes(entry);
  const approvedAt = approvedAtMeeting(d);
  const byEmail = approvedByEmail(d);
  const apologies = apologiesOf(d);
  const f: Facts = {
    title: `Minutes of the ${kind.toLowerCase()} of ${s.name}`,
    kind,
    date: formatLongDate(entry.date),
    time: end ? `${start} to ${end}` : start,
    venue: doc?.venue ?? s.meetings.default_venue,
    status:
      d.status === 'approved'
        ? `Approved as an accurate record${approvedAt ? ` at the meeting of ${formatLongDate(approvedAt.slice(0, 10))}` : byEmail ? ` by members by e-mail, ${formatLongDate(byEmail.date)}${byEmail.note ? ` (${byEmail.note})` : ''}` : ''}`
        : 'DRAFT: not yet approved',
    draft: d.status !== 'approved',
    sha256: createHash('sha256').update(bytes).digest('hex'),
    present: [
      ...(d.present ?? []).map((id) => who(rec, id)),
      ...apologies
        .filter((a) => a.substitute)
        .map((a) => `${who(rec, a.substitute!)}, present as substitute for ${displayName(rec, a.member)}`),
    ],
    apologies: apologies.map(
      (a) =>
        `${who(rec, a.member)}${a.substitute ? ` (${displayName(rec, a.substitute)} attended as substitute)` : ''}`,
    ),
    inAttendance: (d.in_attendance ?? []).map((r) => who(rec, r)),
    declarations: (d.declarations ?? []).map((x) => ({
      who: who(rec, x.member),
      minute: x.minute,
      nature: x.nature ?? '',
      detail: exempt.has(x.minute) && !options.includeExempt ? 'Withheld: the item is exempt' : (x.detail ?? ''),
    })),
    exempt,
    corrections: (d.corrections ?? []).map(
      (c) =>
        `Minute ${c.minute} corrected at the meeting of ${formatLongDate(c.meeting.slice(0, 10))}${c.note ? `: ${c.note}` : ''}`,
    ),
  };
  const chairs = chairsOf(d);
  if (chairs.length > 0) f.chair = chairs.map((c) => who(rec, c)).join(', then ');
  if (!attendanceRecorded(d)) f.attendanceNote = 'The minutes do not record who was present.';
  if (!apologiesRecorded(d)) f.apologiesNote = 'The minutes do not record who sent apologies.';
  return f;
}

/** "Action: Name (Organisation); due Thursday 10 December 2026", for a marker's owners and due date. */
function markerText(rec: LoadedRecord, inner: string): string {
  const [ownersPart, ...rest] = inner.split(';');
  const owners = (ownersPart ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '')
    .map((o) => {
      const r = resolvePerson(rec, o);
      return 'person' in r ? who(rec, r.person.id) : o;
    });
  const due = rest.map((x) => /^\s*due\s+(\d{4}-\d{2}-\d{2})\s*$/i.exec(x)?.[1]).find((x) => x !== undefined);
  return `Action: ${owners.join(', ')}${due ? `; due ${formatLongDate(due)}` : ''}`;
}

function withheld(_item: MinuteItem, paragraph: number | string): string {
  return `${exemptText(paragraph)}. The minutes of this item are not published.`;
}

/** The minutes as markdown: front-matter values escaped, bodies as the clerk wrote them, markers in words. */
export function minutesMarkdown(rec: LoadedRecord, entry: MeetingEntry, options: ReaderOptions): ReaderMinutes {
  const d = entry.minutes!.data;
  const f = facts(rec, entry, d, options);
  const e = mdInline;
  const list = (items: string[], none: string) => (items.length > 0 ? items.map((i) => `- ${e(i)}`).join('\n') : none);
  const lines: string[] = [];
  if (f.draft) lines.push('**DRAFT: these minutes have not yet been approved as an accurate record.**', '');
  lines.push(`# ${e(f.title)}`, '', `- Date: ${e(f.date)}`, `- Time: ${e(f.time)}`, `- Venue: ${e(f.venue)}`);
  if (f.chair) lines.push(`- Chair: ${e(f.chair)}`);
  lines.push(`- Status: ${e(f.status)}`, `- SHA-256 of minutes.md: ${f.sha256}`, '');
  lines.push('## Present', '', f.attendanceNote ?? list(f.present, 'No one is recorded as present.'), '');
  lines.push('## Apologies', '', f.apologiesNote ?? list(f.apologies, 'No apologies were received.'), '');
  lines.push('## In attendance', '', list(f.inAttendance, 'No one else is recorded as in attendance.'), '');
  lines.push('## Declarations of interest', '');
  lines.push(
    f.declarations.length > 0
      ? f.declarations
          .map(
            (x) =>
              `- ${e(x.who)}, minute ${x.minute}${x.nature ? `, ${e(x.nature)}` : ''}${x.detail ? `: ${e(x.detail)}` : ''}`,
          )
          .join('\n')
      : 'No interests were declared.',
    '',
  );
  if (f.corrections.length > 0) lines.push('## Corrections', '', list(f.corrections, ''), '');
  for (const item of entry.items ?? []) {
    lines.push(`## ${item.label ?? item.number}. ${e(item.title)}`, '');
    const paragraph = f.exempt.get(item.number);
    if (paragraph !== undefined && !options.includeExempt) {
      lines.push(`*${e(withheld(item, paragraph))}*`, '');
      continue;
    }
    if (paragraph !== undefined) lines.push(`**${e(exemptText(paragraph))}**`, '');
    const body = item.body.replace(
      new RegExp(ACTION_MARKER.source, 'g'),
      (_m, _id, inner: string) => `(${e(markerText(rec, inner.trim()))})`,
    );
    if (body.trim() !== '') lines.push(body.replace(/\r\n/g, '\n').trim(), '');
  }
  return { text: `${lines.join('\n').trimEnd()}\n`, problems: [] };
}

/** The minutes as one printable HTML page (A4), the bodies through the sanitising pipeline. */
export function minutesHtml(rec: LoadedRecord, entry: MeetingEntry, options: ReaderOptions): ReaderMinutes {
  const d = entry.minutes!.data;
  const f = facts(rec, entry, d, options);
  const problems: string[] = [];
  const list = (items: string[], none: string) =>
    items.length > 0
      ? html`<ul>
          ${items.map((i) => html`<li>${i}</li> `)}
        </ul>`
      : html`<p>${none}</p>`;
  const items = (entry.items ?? []).map((item) => {
    const heading = html`<h3>${item.label ?? String(item.number)}. ${item.title}</h3>`;
    const paragraph = f.exempt.get(item.number);
    if (paragraph !== undefined && !options.includeExempt) {
      return html`<section class="minute" id="minute-${item.number}">
        ${heading}
        <p class="exempt">${withheld(item, paragraph)}</p>
      </section> `;
    }
    const r = renderMarkdown(item.body, {
      headingBase: 4,
      decisions: rec.settings.decision_words,
      actionMarker: (_id, inner) => ({ text: markerText(rec, inner) }),
    });
    let body: SafeHtml;
    if ('problem' in r) {
      problems.push(`minute ${item.number}: ${r.problem}`);
      body = html`<p>This text could not be shown.</p>`;
    } else body = r.html;
    const mark = paragraph !== undefined ? html`<p class="exempt">${exemptText(paragraph)}</p>` : '';
    return html`<section class="minute" id="minute-${item.number}">${heading} ${mark}${body}</section> `;
  });
  const declarations =
    f.declarations.length > 0
      ? html`<table>
          <caption>
            Interests declared
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
            ${f.declarations.map(
              (x) =>
                html`<tr>
                  <td>${x.who}</td>
                  <td>${x.minute}</td>
                  <td>${x.nature}</td>
                  <td>${x.detail}</td>
                </tr> `,
            )}
          </tbody>
        </table>`
      : html`<p>No interests were declared.</p>`;
  const page = html`<!DOCTYPE html>
    <html lang="en-GB">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta
          http-equiv="Content-Security-Policy"
          content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
        />
        <title>${f.draft ? 'DRAFT: ' : ''}Minutes, ${f.date}: ${rec.settings.short_name}</title>
        <style>
          ${new SafeHtml(STYLESHEET)}
        </style>
      </head>
      <body>
        <main id="main">
          ${f.draft ? html`<p class="banner draft">DRAFT: these minutes have not yet been approved as an accurate record.</p> ` : ''}${options.includeExempt && f.exempt.size > 0 ? html`<p class="banner">Includes exempt items: not for publication.</p> ` : ''}
          <h1>${f.title}</h1>
          <dl class="summary">
            <dt>Date</dt>
            <dd>${f.date}</dd>
            <dt>Time</dt>
            <dd>${f.time}</dd>
            <dt>Venue</dt>
            <dd>${f.venue}</dd>
            ${
              f.chair
                ? html`<dt>Chair</dt>
                    <dd>${f.chair}</dd> `
                : ''
            }
            <dt>Status</dt>
            <dd>${f.status}</dd>
            <dt>SHA-256</dt>
            <dd class="digest">${f.sha256}</dd>
          </dl>
          <h2>Present</h2>
          ${f.attendanceNote ? html`<p>${f.attendanceNote}</p>` : list(f.present, 'No one is recorded as present.')}
          <h2>Apologies</h2>
          ${f.apologiesNote ? html`<p>${f.apologiesNote}</p>` : list(f.apologies, 'No apologies were received.')}
          <h2>In attendance</h2>
          ${list(f.inAttendance, 'No one else is recorded as in attendance.')}
          <h2>Declarations of interest</h2>
          ${declarations}
          ${
            f.corrections.length > 0
              ? html`<h2>Corrections</h2>
                  ${list(f.corrections, '')} `
              : ''
          }
          <h2>Minutes</h2>
          ${join(items)}
        </main>
      </body>
    </html> `;
  return { text: page.value, problems };
}
