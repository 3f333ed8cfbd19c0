/** A draft as the two files of the record: meeting.md (status held, the items) and minutes.md. */
import { flowMap, yamlScalar as scalar } from '../core/yaml-text.js';
import type { Draft } from './recognise.js';

const flow = flowMap;

/** Where the minutes came from, written into their front matter. */
export interface Provenance {
  file: string;
  sha256: string;
}

/** meeting.md: the date, start, venue, status held, and the substantive items. */
export function renderMeeting(draft: Draft, date: string, eol: string): string {
  const lines = ['---', `date: ${date}`];
  if (draft.start) lines.push(`start: "${draft.start}"`);
  if (draft.ended) lines.push(`end: "${draft.ended}"`);
  if (draft.venue) lines.push(`venue: ${scalar(draft.venue)}`);
  lines.push('status: held');
  const items = draft.items.filter((i) => !i.standard);
  if (items.length) {
    lines.push('items:');
    for (const i of items) {
      if (i.exempt) lines.push(`  - { title: ${scalar(i.title)}, exempt: { paragraph: ${i.exempt} } }`);
      else lines.push(`  - title: ${scalar(i.title)}`);
    }
  }
  lines.push('---', 'Imported from the published minutes; the agenda as planned is not known.', '');
  return lines.join(eol);
}

/** minutes.md: draft status, where they came from, attendance, then one `## N. Title` per item. */
export function renderMinutes(draft: Draft, from: Provenance, eol: string): string {
  const l = [
    '---',
    'status: draft',
    `imported_from: ${flow([
      ['file', from.file],
      ['sha256', from.sha256],
    ])}`,
  ];
  if (draft.chair) l.push(`chair: ${draft.chair}`);
  if (draft.start) l.push(`started: "${draft.start}"`);
  if (draft.ended) l.push(`ended: "${draft.ended}"`);
  if (draft.attendanceNotRecorded) l.push('attendance: not-recorded');
  if (draft.present.length) {
    l.push('present:');
    for (const p of draft.present) l.push(`  - ${p}`);
  }
  if (draft.apologiesNotRecorded) l.push('apologies: not-recorded');
  else if (draft.apologies.length) {
    l.push('apologies:');
    for (const a of draft.apologies)
      l.push(
        `  - ${flow([
          ['member', a.member],
          ['substitute', a.substitute],
        ])}`,
      );
  }
  if (draft.inAttendance.length) {
    l.push('in_attendance:');
    for (const p of draft.inAttendance) l.push(`  - ${scalar(p)}`);
  }
  if (draft.declarations.length) {
    l.push('declarations:');
    for (const d of draft.declarations)
      l.push(
        `  - ${flow([
          ['member', d.member],
          ['minute', d.minute],
          ['nature', d.nature],
          ['detail', d.detail],
        ])}`,
      );
  }
  if (draft.deferred.length) {
    l.push('deferred:');
    for (const d of draft.deferred)
      l.push(
        `  - ${flow([
          ['title', d.title],
          ['minute', d.minute],
          ['to', d.to],
        ])}`,
      );
  }
  const exempt = draft.items.filter((i) => i.exempt);
  if (exempt.length) {
    l.push('exempt:');
    for (const i of exempt)
      l.push(
        `  - ${flow([
          ['minute', i.number],
          ['paragraph', i.exempt],
        ])}`,
      );
  }
  l.push('---');
  for (const item of draft.items) {
    l.push(`## ${item.label ?? item.number}. ${item.title.replace(/\s+/g, ' ')}`, '');
    if (item.exempt !== undefined) continue; // an exempt minute keeps its heading, never its text
    let prevList = false;
    for (const p of item.paragraphs) {
      const isList = p.startsWith('- ');
      if (prevList && isList)
        l[l.length - 1] = p; // list items stay together
      else l.push(p);
      l.push('');
      prevList = isList;
    }
  }
  while (l.length && l[l.length - 1] === '') l.pop();
  l.push('');
  return l.join(eol);
}
