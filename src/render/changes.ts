/** `csp changes` in the clerk's words: text for the terminal, markdown for a pull request's summary, and JSON. */
import { formatLongDate, formatShortDate, isRealDate } from '../core/dates.js';
import { listInWords, visible } from '../core/text.js';
import { meetingOf, type Change, type MeetingTime } from '../queries/changes.js';
import { mdInline } from './diagnostics.js';

/** What the renderers are told besides the changes: the names of people and the revision compared with. */
export interface ChangesContext {
  /** The partnership's short name. */
  name: string;
  /** The revision as the clerk typed it, and the commit compared with. */
  base: string;
  commit: string;
  /** A person's name from their id (the id itself when unknown). */
  nameOf: (id: string) => string;
}

const day = (d: string) => (isRealDate(d) ? formatShortDate(d) : d);

/** "the meeting of 10 December 2026", or with its slug when there are two that day. */
function meetingName(id: string): string {
  const date = id.slice(0, 10);
  const slug = id.slice(11);
  return `the meeting of ${day(date)}${slug ? ` (${slug})` : ''}`;
}

function heading(id: string): string {
  const date = id.slice(0, 10);
  const slug = id.slice(11);
  return `Meeting of ${isRealDate(date) ? formatLongDate(date) : date}${slug ? ` (${slug})` : ''}`;
}

const quote = (s: string) => `“${s.replace(/\s+/g, ' ').trim()}”`;
const minute = (n: number, title: string) => `minute ${n}${title ? ` (${title})` : ''}`;

function when(t: MeetingTime): string {
  return [
    day(t.date),
    t.start !== undefined ? `at ${t.start}` : undefined,
    t.venue !== undefined ? `at ${t.venue}` : undefined,
  ]
    .filter((x) => x !== undefined)
    .join(', ');
}

function people(ids: readonly string[], nameOf: (id: string) => string): string {
  return listInWords(ids.map((id) => nameOf(id)));
}

function chairOf(v: string | string[] | undefined, nameOf: (id: string) => string): string {
  if (v === undefined) return 'no one';
  return people(Array.isArray(v) ? v : [v], nameOf);
}

function valueText(v: unknown, nameOf: (id: string) => string, field: string): string {
  if (v === undefined || v === null) return 'none';
  if (Array.isArray(v))
    return v.length === 0 ? 'none' : field === 'deputies' ? people(v as string[], nameOf) : v.join(', ');
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'string') return isRealDate(v) ? day(v) : v;
  return typeof v === 'number' ? String(v) : JSON.stringify(v);
}

const STATUS_WORDS: Record<string, string> = {
  scheduled: 'scheduled',
  published: 'agenda circulated',
  held: 'held',
  cancelled: 'cancelled',
};

/** One change as a sentence in the clerk's words. */
export function describe(c: Change, nameOf: (id: string) => string): string {
  // A sentence that ends in a quotation already ending in a full stop takes no second one.
  return sentence(c, nameOf).replace(/([.!?])”\.$/, '$1”');
}

function sentence(c: Change, nameOf: (id: string) => string): string {
  switch (c.kind) {
    case 'approved-minutes-changed':
      return c.removed
        ? `The approved minutes of ${meetingName(c.meeting)} have been deleted. Approved minutes are a legal record and the check fails until they are restored.`
        : c.correctionsAltered
          ? `An earlier correction of the approved minutes of ${meetingName(c.meeting)} has been changed or removed. Corrections may only be added; the check fails until it is restored.`
          : `The approved minutes of ${meetingName(c.meeting)} have been changed. Approved minutes change only by a correction agreed at a later meeting; the check fails until the change is undone.`;
    case 'meeting-added':
      return `New meeting scheduled: ${when(c.time)}.`;
    case 'meeting-removed':
      return `Meeting of ${when(c.time)} taken out of the record.`;
    case 'meeting-rescheduled':
      if (c.was !== c.meeting) return `Meeting moved from ${day(c.from.date)} to ${when(c.to)}.`;
      return `Meeting ${[
        c.from.start !== c.to.start
          ? `now starts at ${c.to.start ?? 'the usual time'} (was ${c.from.start ?? 'the usual time'})`
          : undefined,
        c.from.venue !== c.to.venue
          ? `now at ${c.to.venue ?? 'the usual venue'} (was ${c.from.venue ?? 'the usual venue'})`
          : undefined,
      ]
        .filter((x) => x !== undefined)
        .join(', and ')}.`;
    case 'meeting-status': {
      const parts: string[] = [];
      if (c.to !== c.from && c.to !== undefined) {
        parts.push(
          c.to === 'cancelled'
            ? 'Meeting cancelled'
            : `Meeting now ${STATUS_WORDS[c.to] ?? c.to}${c.from !== undefined ? ` (was ${STATUS_WORDS[c.from] ?? c.from})` : ''}`,
        );
      }
      if (c.published !== undefined)
        parts.push(`${parts.length > 0 ? 'agenda' : 'Agenda'} circulated on ${day(c.published)}`);
      return `${parts.join('; ') || 'Meeting status cleared'}.`;
    }
    case 'agenda-item-added':
      return `Agenda item added: ${quote(c.title)}.`;
    case 'agenda-item-removed':
      return `Agenda item taken off: ${quote(c.title)}.`;
    case 'apologies-added': {
      const sub = c.substitute !== undefined ? `, with ${nameOf(c.substitute)} attending in their place` : '';
      const where = c.in === 'minutes' ? ' (in the minutes)' : '';
      if (c.wasSubstitute !== undefined) {
        return `Apologies from ${nameOf(c.person)}${where}: ${c.substitute !== undefined ? `now ${nameOf(c.substitute)} attends in their place` : 'now no substitute'}${c.wasSubstitute !== '' ? ` (was ${nameOf(c.wasSubstitute)})` : ''}.`;
      }
      return `Apologies received from ${nameOf(c.person)}${sub}${where}.`;
    }
    case 'apologies-withdrawn':
      return `Apologies from ${nameOf(c.person)} taken out${c.in === 'minutes' ? ' of the minutes' : ''}.`;
    case 'attendance-changed': {
      const parts: string[] = [];
      if (c.present.added.length > 0) parts.push(`${people(c.present.added, nameOf)} now recorded present`);
      if (c.present.removed.length > 0) parts.push(`${people(c.present.removed, nameOf)} no longer recorded present`);
      if (c.inAttendance.added.length > 0) parts.push(`${people(c.inAttendance.added, nameOf)} now in attendance`);
      if (c.inAttendance.removed.length > 0)
        parts.push(`${people(c.inAttendance.removed, nameOf)} no longer in attendance`);
      if (c.chair) parts.push(`chaired by ${chairOf(c.chair.to, nameOf)} (was ${chairOf(c.chair.from, nameOf)})`);
      const text = parts.join('; ');
      return `Attendance: ${text}.`;
    }
    case 'minutes-drafted': {
      const range =
        c.minutes.length === 0
          ? ''
          : c.minutes.length === 1
            ? `, minute ${c.minutes[0]}`
            : `, minutes ${c.minutes[0]}–${c.minutes[c.minutes.length - 1]}`;
      return c.status === 'approved'
        ? `Minutes added, already approved${c.approvedAt !== undefined ? ` at ${meetingName(c.approvedAt)}` : ''}${range}.`
        : `Draft minutes written${range}.`;
    }
    case 'minutes-edited': {
      const parts = c.items.map(
        (i) =>
          `${minute(i.number, i.title)} ${i.how === 'added' ? 'added' : i.how === 'removed' ? 'taken out' : 'edited'}`,
      );
      if (c.fields.length > 0) parts.push(`${listInWords(c.fields)} changed`);
      return `Minutes edited: ${parts.join('; ')}.`;
    }
    case 'minutes-approved':
      return `Minutes approved${c.at !== undefined ? `, as confirmed at ${meetingName(c.at)}` : ''}.`;
    case 'minutes-unapproved':
      return 'Minutes no longer marked approved.';
    case 'minutes-removed':
      return 'Draft minutes taken out.';
    case 'correction-added':
      return `Correction recorded${c.minute !== undefined ? ` by minute ${c.minute}` : ''}${c.at !== undefined ? ` of ${meetingName(c.at)}` : ''}${c.note !== undefined ? `: ${quote(c.note)}` : ''}.`;
    case 'decision-added':
      return `Decision added under ${minute(c.minute, c.title)}: ${c.text === null ? '(an exempt item: its text is not shown)' : quote(c.text)}.`;
    case 'decision-removed':
      return `Decision taken out of ${minute(c.minute, c.title)}: ${c.text === null ? '(an exempt item: its text is not shown)' : quote(c.text)}.`;
    case 'decision-changed':
      return `Decision under ${minute(c.minute, c.title)} now reads ${c.to === null ? '(exempt)' : quote(c.to)} (was ${c.from === null ? '(exempt)' : quote(c.from)}).`;
    case 'action-raised': {
      const where = c.minute !== undefined ? ` at ${minute(c.minute, '')}` : '';
      const who = people(c.owners, nameOf);
      const due = c.due !== undefined ? `, due ${day(c.due)}` : ', no due date';
      const id = c.action !== undefined ? `Action ${c.action}` : 'Action';
      const note = c.action === undefined ? ' (not yet given an action file: csp actions sync)' : '';
      return `${id} raised${where} for ${who}${due}: ${quote(c.title)}${note}.`;
    }
    case 'action-reassigned':
      return `Action ${c.action} (${quote(c.title)}) now with ${people(c.to, nameOf)} (was ${people(c.from, nameOf)}).`;
    case 'action-redated':
      return `Action ${c.action} (${quote(c.title)}) ${c.to !== undefined ? `now due ${day(c.to)}` : 'no longer has a due date'}${c.from !== undefined ? ` (was ${day(c.from)})` : ''}.`;
    case 'action-closed':
      return `Action ${c.action} (${quote(c.title)}) ${c.status === 'done' ? 'done' : 'dropped'}${c.completed !== undefined ? ` on ${day(c.completed)}` : ''}.`;
    case 'action-reopened':
      return `Action ${c.action} (${quote(c.title)}) reopened: now ${c.to} (was ${c.from}).`;
    case 'action-status':
      return `Action ${c.action} (${quote(c.title)}) now ${c.to} (was ${c.from}).`;
    case 'action-progress':
      return `Action ${c.action} (${quote(c.title)}): ${c.updates
        .map(
          (u) =>
            `${day(u.date)}${u.by !== undefined ? `, ${nameOf(u.by)}` : ''}${u.note !== undefined ? `: ${quote(u.note)}` : ''}`,
        )
        .join('; ')}.`;
    case 'action-removed':
      return `Action ${c.action} (${quote(c.title)}) taken out of the record.`;
    case 'member-joined':
      return `${nameOf(c.person)} joined the board on ${day(c.joined)}, for ${c.organisation} (${c.role})${c.wasOther ? '; they were listed before without a seat' : ''}.`;
    case 'member-left':
      return `${nameOf(c.person)} (${c.organisation}) left the board on ${day(c.left)}.`;
    case 'member-changed':
      return `${nameOf(c.person)}: ${c.fields.map((f) => `${f.field} now ${valueText(f.to, nameOf, f.field)} (was ${valueText(f.from, nameOf, f.field)})`).join('; ')}.`;
    case 'person-added':
      return `${nameOf(c.person)} added to the roster (without a seat).`;
    case 'person-removed':
      return c.seat
        ? `${nameOf(c.person)} taken off the roster's members. A member who leaves is kept with a left date, so past minutes still name them.`
        : `${nameOf(c.person)} taken off the roster.`;
    case 'terms-changed': {
      const parts: string[] = [];
      if (c.settings.length > 0)
        parts.push(`the rules changed: ${listInWords(c.settings.map((s) => s.replace(/_/g, ' ')))}`);
      if (c.text) parts.push('the text of the terms of reference changed');
      return `Terms of reference: ${parts.join('; ')}.`;
    }
  }
}

/** The changes in sections: approved minutes first, then each meeting, actions, people and the terms of reference. */
function sections(changes: readonly Change[]): { title: string; alarm?: boolean; changes: Change[] }[] {
  const out: { title: string; alarm?: boolean; changes: Change[] }[] = [];
  const alarm = changes.filter((c) => c.kind === 'approved-minutes-changed');
  if (alarm.length > 0) out.push({ title: 'Approved minutes changed', alarm: true, changes: alarm });
  const byMeeting = new Map<string, Change[]>();
  const actions: Change[] = [];
  const roster: Change[] = [];
  const terms: Change[] = [];
  for (const c of changes) {
    if (c.kind === 'approved-minutes-changed') continue;
    const m = meetingOf(c);
    if (m !== undefined) byMeeting.set(m, [...(byMeeting.get(m) ?? []), c]);
    else if (c.kind.startsWith('action-')) actions.push(c);
    else if (c.kind === 'terms-changed') terms.push(c);
    else roster.push(c);
  }
  for (const id of [...byMeeting.keys()].sort()) out.push({ title: heading(id), changes: byMeeting.get(id)! });
  if (actions.length > 0) out.push({ title: 'Actions', changes: actions });
  if (roster.length > 0) out.push({ title: 'Members and others', changes: roster });
  if (terms.length > 0) out.push({ title: 'Terms of reference', changes: terms });
  return out;
}

const short = (commit: string) => commit.slice(0, 7);
const where = (c: Change) => `${c.file}${c.line !== undefined ? `:${c.line}` : ''}`;

/** Plain text: a heading line, then each section with one line per change and where it is. */
export function changesText(changes: readonly Change[], ctx: ChangesContext): string {
  const top = `Changes to ${ctx.name}'s record since ${ctx.base} (${short(ctx.commit)}):`;
  if (changes.length === 0) return `No changes to ${ctx.name}'s record since ${ctx.base} (${short(ctx.commit)}).\n`;
  const lines = [top];
  for (const s of sections(changes)) {
    lines.push('', s.alarm ? `${s.title.toUpperCase()}: csp validate --base fails on this` : s.title);
    for (const c of s.changes)
      lines.push(`  ${s.alarm ? '✗' : '-'} ${visible(describe(c, ctx.nameOf))}  ${visible(where(c))}`);
  }
  lines.push('', `${changes.length} change${changes.length === 1 ? '' : 's'}.`);
  return lines.join('\n') + '\n';
}

/** Markdown for a pull request's job summary: a heading, an alert for approved minutes, then a list per section. */
export function changesMarkdown(changes: readonly Change[], ctx: ChangesContext): string {
  const lines = [`## What this changes in ${mdInline(ctx.name)}'s record`, ''];
  lines.push(`Compared with \`${ctx.base.replace(/`/g, '')}\` (${short(ctx.commit)}).`, '');
  if (changes.length === 0) {
    lines.push('No changes to the record.', '');
    return lines.join('\n');
  }
  for (const s of sections(changes)) {
    if (s.alarm) {
      lines.push(
        '> [!CAUTION]',
        `> **${s.title}.** Approved minutes are a legal record; only an added correction is allowed.`,
        '>',
      );
      for (const c of s.changes)
        lines.push(`> - ${mdInline(describe(c, ctx.nameOf))} \`${where(c).replace(/`/g, '')}\``);
      lines.push('');
      continue;
    }
    lines.push(`### ${mdInline(s.title)}`, '');
    for (const c of s.changes) lines.push(`- ${mdInline(describe(c, ctx.nameOf))} \`${where(c).replace(/`/g, '')}\``);
    lines.push('');
  }
  return lines.join('\n');
}

/** JSON: the revision compared with, and each change with its facts and its sentence. */
export function changesJson(changes: readonly Change[], ctx: ChangesContext): string {
  return (
    JSON.stringify(
      {
        base: ctx.base,
        commit: ctx.commit,
        approved_minutes_changed: changes.filter((c) => c.kind === 'approved-minutes-changed').length,
        changes: changes.map((c) => ({ ...c, summary: describe(c, ctx.nameOf) })),
      },
      null,
      2,
    ) + '\n'
  );
}
