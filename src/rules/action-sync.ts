/** action-sync: action markers in minutes and action files that have lost each other. */
import type { Rule } from './rule.js';
import type { MeetingEntry } from '../model/types.js';
import { withItems } from './walk.js';

const HEAD = '---\nstatus: draft\nchair: cllr-chair\npresent: [cllr-chair, pc-police, dr-health]\n---\n';
const MEETING = '---\ndate: 2026-01-15\n---\n';
const ACTION =
  '---\ntitle: Book a venue\nowner: clerk\nraised: { meeting: 2026-01-15, minute: 1 }\nstatus: open\n---\n';

export const rule: Rule = {
  id: 'action-sync',
  severity: 'error / warning',
  summary:
    'An action marker without an action file, or an action file whose marker is gone: a warning in draft minutes, an error in approved ones.',
  check(ctx, report) {
    const markers = new Map<string, { entry: MeetingEntry; line: number; column: number }>();
    for (const entry of withItems(ctx.rec.meetings)) {
      const mn = entry.minutes!;
      const severity = mn.data.status === 'approved' ? 'error' : 'warning';
      for (const item of entry.items!) {
        for (const review of item.reviews ?? []) {
          const action = ctx.rec.actionsById.get(review.action)?.action.data;
          if (!action) continue; // unknown-ref reports it
          const synced = (action.updates ?? []).some((u) => u.meeting === entry.id && u.minute === item.number);
          if (!synced)
            report(
              { file: mn.file.display, line: review.line, column: review.column },
              severity === 'error'
                ? `This review of ${review.action} in approved minutes was never recorded on the action. Add an update to actions/${review.action}.md with meeting: ${entry.id} and minute: ${item.number}.`
                : `This review of ${review.action} is not yet recorded on the action. Run "csp actions sync" to add it to the action's updates.`,
              severity,
            );
        }
        for (const marker of item.actions) {
          const where = { file: mn.file.display, line: marker.line, column: marker.column };
          if (marker.id === undefined) {
            report(
              where,
              severity === 'error'
                ? 'This action in approved minutes was never given an id and an action file. Approved minutes cannot change: record the action with its own file under actions/, or agree a correction.'
                : 'This action has no action file yet. Run "csp actions sync" to give it an id and create its file.',
              severity,
            );
            continue;
          }
          const dup = markers.get(marker.id);
          if (dup) {
            report(
              where,
              `The action id ${marker.id} is used by two markers (the other is in the minutes of ${dup.entry.id}). Each marker has its own id.`,
              'error',
            );
            continue;
          }
          markers.set(marker.id, { entry, line: marker.line, column: marker.column });
          // An actions/ folder that cannot be opened is reported once (layout); its files are unknown, not missing.
          if (
            !ctx.rec.actionsById.has(marker.id) &&
            !ctx.rec.unreadActions.has(marker.id) &&
            !ctx.rec.unlisted.has('actions')
          ) {
            report(
              where,
              `There is no action file actions/${marker.id}.md for this marker. Run "csp actions sync" in draft minutes, or restore the file.`,
              severity,
            );
          }
        }
      }
    }
    for (const { id, action } of ctx.rec.actions) {
      const raised = action.data.raised;
      if (!raised || markers.has(id)) continue;
      const entry = ctx.rec.meetingsById.get(raised.meeting);
      if (!entry || !entry.minutes || !entry.items) {
        if (entry && !entry.minutes) {
          report(
            { loaded: action, path: ['raised', 'meeting'] },
            `This action was raised at ${raised.meeting}, which has no minutes yet, so no marker records it. Add the marker when the minutes are drafted.`,
            'warning',
          );
        }
        continue;
      }
      const severity = entry.minutes.data.status === 'approved' ? 'error' : 'warning';
      report(
        { loaded: action, path: ['raised'] },
        `The minutes of ${raised.meeting} no longer carry the marker [action ${id}: …] for this action. Put the marker back on its item, or remove "raised" if the action did not come from those minutes.`,
        severity,
      );
    }
  },
  examples: {
    notOk: [
      {
        title: 'a marker not yet synced in draft minutes: a warning, at the marker',
        files: {
          'meetings/2026-01-15/meeting.md': MEETING,
          'meetings/2026-01-15/minutes.md': `${HEAD}## 1. Venue

Book a venue. [action: clerk; due 2026-02-01]
`,
        },
        findings: [
          {
            file: 'records/meetings/2026-01-15/minutes.md',
            line: 8,
            column: 15,
            severity: 'warning',
            message: 'This action has no action file yet. Run "csp actions sync" to give it an id and create its file.',
          },
        ],
      },
      {
        title: 'a marker never synced in approved minutes: an error',
        files: {
          'meetings/2026-01-15/meeting.md': MEETING,
          'meetings/2026-01-15/minutes.md': `---
status: approved
approved: { meeting: 2026-04-16 }
chair: cllr-chair
present: [cllr-chair, pc-police, dr-health]
---
## 1. Venue

Book a venue. [action: clerk; due 2026-02-01]
`,
          'meetings/2026-04-16/meeting.md': '---\ndate: 2026-04-16\n---\n',
        },
        findings: [
          {
            file: 'records/meetings/2026-01-15/minutes.md',
            line: 9,
            column: 15,
            severity: 'error',
            message:
              'This action in approved minutes was never given an id and an action file. Approved minutes cannot change: record the action with its own file under actions/, or agree a correction.',
          },
        ],
      },
      {
        title: 'a synced marker whose action file is missing, and one id used by two markers',
        files: {
          'meetings/2026-01-15/meeting.md': MEETING,
          'meetings/2026-01-15/minutes.md': `${HEAD}## 1. Venue

Book a venue. [action 2026-01-15-1-1: clerk]

Book a caterer. [action 2026-01-15-1-1: clerk]
`,
        },
        findings: [
          {
            file: 'records/meetings/2026-01-15/minutes.md',
            line: 8,
            column: 15,
            severity: 'warning',
            message:
              'There is no action file actions/2026-01-15-1-1.md for this marker. Run "csp actions sync" in draft minutes, or restore the file.',
          },
          {
            file: 'records/meetings/2026-01-15/minutes.md',
            line: 10,
            column: 17,
            severity: 'error',
            message:
              'The action id 2026-01-15-1-1 is used by two markers (the other is in the minutes of 2026-01-15). Each marker has its own id.',
          },
        ],
      },
      {
        title: 'an action file whose marker is gone from the minutes, at raised',
        files: {
          'meetings/2026-01-15/meeting.md': MEETING,
          'meetings/2026-01-15/minutes.md': `${HEAD}## 1. Venue

RESOLVED that a venue be found.
`,
          'actions/2026-01-15-1-1.md': ACTION,
        },
        findings: [
          {
            file: 'records/actions/2026-01-15-1-1.md',
            line: 4,
            column: 9,
            severity: 'warning',
            message:
              'The minutes of 2026-01-15 no longer carry the marker [action 2026-01-15-1-1: …] for this action. Put the marker back on its item, or remove "raised" if the action did not come from those minutes.',
          },
        ],
      },
    ],
    ok: [
      {
        title: 'a synced marker with its action file',
        files: {
          'meetings/2026-01-15/meeting.md': MEETING,
          'meetings/2026-01-15/minutes.md': `${HEAD}## 1. Venue

Book a venue. [action 2026-01-15-1-1: clerk; due 2026-02-01]
`,
          'actions/2026-01-15-1-1.md': ACTION,
        },
      },
    ],
  },
};
