/**
 * A small partnership for the quorum, attendance and decisions tests (members who join, leave,
 * deputise), and the builders of front matter the other tests of records written inline share.
 */
import { minimalRecord } from './helpers.js';

/** The roster: a Chair with a deputy, two council members, police, health, a co-opted and a non-voting member, one who left, one who joined. */
export const MEMBERS = [
  'members:',
  '  - { id: cllr-chair, name: Cllr Ada Chair, organisation: Test Borough Council, sector: local-authority, role: chair, joined: 2020-01-01, deputies: [dep-chair] }',
  '  - { id: cllr-member, name: Cllr Ben Member, organisation: Test Borough Council, sector: local-authority, role: member, joined: 2020-01-01 }',
  '  - { id: pc-police, name: Supt Pat Police, organisation: Test Police, sector: police, role: member, joined: 2020-01-01, deputies: [dep-police] }',
  '  - { id: dr-health, name: Dr Hana Health, organisation: Test NHS, sector: health, role: member, joined: 2020-01-01, deputies: [dep-health] }',
  '  - { id: vol-coopted, name: Vera Voluntary, organisation: Test Voluntary Action, sector: voluntary, role: co-opted, joined: 2020-01-01 }',
  '  - { id: adv-policing, name: Max Adviser, organisation: Test Policing Office, sector: police, role: advisor, joined: 2020-01-01 }',
  '  - { id: prob-leaver, name: Lee Leaver, organisation: Test Probation, sector: probation, role: member, joined: 2020-01-01, left: 2026-03-01 }',
  '  - { id: fire-joiner, name: Jo Joiner, organisation: Test Fire, sector: fire, role: member, joined: 2026-03-01 }',
  'others:',
  '  - { id: dep-chair, name: Cllr Dee Chairdeputy, organisation: Test Borough Council }',
  '  - { id: dep-police, name: Insp Dee Deputy, organisation: Test Police }',
  '  - { id: dep-health, name: Hal Deputy, organisation: Test NHS }',
  '  - { id: clerk, name: Committee Clerk, organisation: Test Borough Council }',
  '',
].join('\n');

/** partnership.md with the given quorum (YAML lines) and absence limit. */
export function partnership(quorum?: string[], absenceLimit?: number): string {
  const lines = ['---', 'name: Test Borough Community Safety Partnership', 'short_name: Test CSP'];
  if (quorum) lines.push('quorum:', ...quorum.map((q) => `  - ${q}`));
  if (absenceLimit !== undefined) lines.push(`absence_limit: ${absenceLimit}`);
  lines.push('---', 'Terms of reference.', '');
  return lines.join('\n');
}

/**
 * The one place the tests' record files are put together: front matter lines between `---`
 * fences (the opening fence is line 1, so the first field is line 2), then the body, as is.
 */
export const frontMatter = (lines: string[], body = ''): string =>
  `---\n${lines.map((l) => `${l}\n`).join('')}---\n${body}`;

/** A record file from its front matter lines and body lines, ending with a newline: positions stay countable by hand. */
export const mdFile = (front: string[], body: string[] = []): string =>
  frontMatter(front, body.length ? `${body.join('\n')}\n` : '');

/** The front matter of draft minutes that break no rule: a chair and the whole small board present (lines 2–4). */
export const DRAFT_FRONT = ['status: draft', 'chair: cllr-chair', 'present: [cllr-chair, pc-police, dr-health]'];

/** meeting.md for a date, with apologies (YAML flow maps) received before it. */
export function meetingMd(date: string, apologies: string[] = [], status = 'held'): string {
  const lines = [`date: ${date}`, `status: ${status}`];
  if (apologies.length) lines.push('apologies:', ...apologies.map((a) => `  - ${a}`));
  return frontMatter(lines);
}

/** Draft minutes with present and apologies, and a body (default: one noted item). */
export function minutesMd(
  present: string[],
  apologies: string[] = [],
  body = '## 1. Filming at meetings\n\nNoted.\n',
  extra: string[] = [],
): string {
  const lines = ['status: draft', `present: [${present.join(', ')}]`];
  if (apologies.length) lines.push('apologies:', ...apologies.map((a) => `  - ${a}`));
  return frontMatter([...lines, ...extra], body);
}

/** A temp record (cwd) with the roster above plus the given files (relative to records/). */
export function record(files: Record<string, string>): string {
  return minimalRecord({ 'partnership.md': partnership(), 'members.yaml': MEMBERS, ...files });
}
