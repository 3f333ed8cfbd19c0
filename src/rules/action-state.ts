/** action-state: an action's status and its completed date that disagree. */
import type { Rule } from './rule.js';
import type { Loaded } from '../model/types.js';

const ACTION = (...lines: string[]) => ['---', 'title: Book a venue', 'owner: clerk', ...lines, '---', ''].join('\n');

export const rule: Rule = {
  id: 'action-state',
  severity: 'error',
  summary: 'An action done or dropped without a `completed` date, or with `completed` while still open or in progress.',
  check(ctx, report) {
    for (const { action } of ctx.rec.actions) {
      const a = action.data;
      const l = action as Loaded<unknown>;
      if ((a.status === 'done' || a.status === 'dropped') && a.completed === undefined) {
        report(
          { loaded: l, path: ['status'] },
          `The action is ${a.status} but has no "completed" date. Add completed: YYYY-MM-DD (csp action update sets it).`,
        );
      } else if ((a.status === 'open' || a.status === 'in-progress') && a.completed !== undefined) {
        report(
          { loaded: l, path: ['completed'], key: true },
          `The action is ${a.status} but has a "completed" date. Remove it, or set the status to done or dropped.`,
        );
      }
    }
  },
  examples: {
    notOk: [
      {
        title: 'an action dropped without "completed", at the status',
        files: { 'actions/book-venue.md': ACTION('status: dropped') },
        findings: [
          {
            file: 'records/actions/book-venue.md',
            line: 4,
            column: 9,
            severity: 'error',
            message:
              'The action is dropped but has no "completed" date. Add completed: YYYY-MM-DD (csp action update sets it).',
          },
        ],
      },
      {
        title: 'an action in progress with "completed", at the key',
        files: { 'actions/book-venue.md': ACTION('status: in-progress', 'completed: 2026-02-01') },
        findings: [
          {
            file: 'records/actions/book-venue.md',
            line: 5,
            column: 1,
            severity: 'error',
            message:
              'The action is in-progress but has a "completed" date. Remove it, or set the status to done or dropped.',
          },
        ],
      },
    ],
    ok: [
      {
        title: 'an action done with its completed date, and one open without',
        files: {
          'actions/book-venue.md': ACTION('status: done', 'completed: 2026-02-01'),
          'actions/book-caterer.md': ACTION('status: open'),
        },
      },
    ],
  },
};
