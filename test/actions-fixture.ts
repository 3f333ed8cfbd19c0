/** A small record for the actions tests: two meetings, approved and draft minutes, five actions. */
import { minimalRecord } from './helpers.js';

export const APPROVED_MINUTES = [
  '---',
  'status: approved',
  'approved: { meeting: 2026-04-16 }',
  'chair: cllr-chair',
  'present: [cllr-chair, pc-police, dr-health]',
  '---',
  '## 1. Filming at meetings',
  '',
  'Noted.',
  '',
  '## 2. Youth violence',
  '',
  'RESOLVED That the report be noted.',
  '',
  'The Chair would write to the Violence Reduction Unit. [action 2026-01-15-2-1: cllr-chair; due 2026-02-27]',
  '',
  'The clerk would circulate the slides. [action: clerk]',
  '',
].join('\n');

/** Draft minutes with three markers to sync (lines 13, 15 and 17). */
export const DRAFT_MINUTES = [
  '---',
  'status: draft # to be confirmed in July',
  'chair: cllr-chair',
  'present: [cllr-chair, pc-police, dr-health]',
  '---',
  '## 3. Minutes',
  '',
  'RESOLVED That the minutes of 15 January 2026 be confirmed.',
  '',
  '## 4. Knife crime',
  '',
  'Supt Police reported a rise in knife crime. The police would map engagement with schools, ward by ward. It would report back.',
  '[action: pc-police; due 2026-06-30]',
  '',
  '- Health to report *emergency department* assault data. [action: Dr Hana Health, Supt Pat Police; due 2026-05-31]',
  '',
  'The Clerk would add knife crime to the forward plan. [action: clerk]',
  '',
].join('\n');

export const ACTIONS: Record<string, string> = {
  'actions/2026-01-15-2-1.md': [
    '---',
    'title: Write to the Violence Reduction Unit',
    'owner: cllr-chair',
    'raised: { meeting: 2026-01-15, minute: 2 }',
    'due: 2026-02-27',
    'status: open',
    '---',
    'The Chair would write to the Violence Reduction Unit.',
    '',
  ].join('\n'),
  'actions/ops-review.md': [
    '---',
    'title: Review joint operations, "Op Safe" included',
    'owner: [pc-police, dr-health]',
    'due: 2025-12-31',
    'status: in-progress',
    'priority: prevention',
    '---',
    '',
  ].join('\n'),
  'actions/done-one.md': [
    '---',
    'title: Book the venue',
    'owner: clerk',
    'due: 2025-06-30',
    'status: done',
    'completed: 2025-06-01',
    '---',
    '',
  ].join('\n'),
  'actions/no-due.md': [
    '---',
    'title: Keep the deputies list current',
    'owner: dep-police',
    'status: open',
    '---',
    '',
  ].join('\n'),
  'actions/later.md': [
    '---',
    'title: Plan the summer campaign',
    'owner: dr-health',
    'due: 2026-06-01',
    'status: open',
    '---',
    '',
  ].join('\n'),
};

/** The record: meetings 2026-01-15 (approved minutes) and 2026-04-16 (draft minutes), and ACTIONS. */
export function actionsRecord(files: Record<string, string | Buffer> = {}): string {
  return minimalRecord({
    'meetings/2026-01-15/meeting.md': '---\ndate: 2026-01-15\nstatus: held\n---\n',
    'meetings/2026-01-15/minutes.md': APPROVED_MINUTES,
    'meetings/2026-04-16/meeting.md': '---\ndate: 2026-04-16\nstatus: held\n---\n',
    'meetings/2026-04-16/minutes.md': DRAFT_MINUTES,
    ...ACTIONS,
    ...files,
  });
}
