/** approved-changed: with --base, approved minutes may change only by adding a correction. */
import type { Rule } from './rule.js';
import { minutesAtRevision } from '../workspace/git.js';
import { approvedEdit, isApprovedText } from '../queries/approved-minutes.js';
import { shown } from '../core/paths.js';

const MEETINGS = {
  'meetings/2026-01-15/meeting.md': '---\ndate: 2026-01-15\n---\n',
  'meetings/2026-04-16/meeting.md': '---\ndate: 2026-04-16\n---\n',
  'meetings/2026-04-16/minutes.md': `---
status: draft
chair: cllr-chair
present: [cllr-chair, pc-police, dr-health]
---
## 2. Minutes of the last meeting

RESOLVED that the minutes of 15 January be confirmed, with a correction to minute 1.
`,
};
const APPROVED = `---
status: approved
approved: { meeting: 2026-04-16 }
chair: cllr-chair
present: [cllr-chair, pc-police, dr-health]
---
## 1. Community safety plan

RESOLVED that the plan be noted.
`;
const COMMITTED = { ...MEETINGS, 'meetings/2026-01-15/minutes.md': APPROVED };

export const rule: Rule = {
  id: 'approved-changed',
  severity: 'error',
  summary:
    'With `--base REF`: minutes that were approved at that revision have changed (or gone), other than by adding a `corrections` entry.',
  check(ctx, report) {
    if (ctx.base === undefined) return;
    const before = minutesAtRevision(ctx.rec.root, ctx.base);
    for (const [rel, oldText] of before) {
      if (!isApprovedText(oldText)) continue;
      const meetingId = rel.split('/')[1] ?? '';
      const entry = ctx.rec.meetingsById.get(meetingId);
      const file = shown(ctx.rec.display, rel);
      const current = entry?.minutes?.file.text;
      if (current === undefined) {
        // A minutes file that is still there but unreadable has an error of its own.
        const exists =
          entry !== undefined && ctx.rec.diagnostics.some((d) => d.file === file && d.severity === 'error');
        report(
          { file, line: 1, column: 1 },
          exists
            ? `These minutes were approved at ${ctx.base} and can no longer be read as minutes. Approved minutes are a legal record: restore them from ${ctx.base}.`
            : `These minutes were approved at ${ctx.base} and have been deleted. Approved minutes are a legal record: restore them from ${ctx.base}.`,
        );
        continue;
      }
      const edit = approvedEdit(oldText, current);
      if (!edit.changed) continue;
      report(
        { file, line: edit.line, column: 1 },
        !edit.correctionsAltered
          ? `These minutes were approved (at ${ctx.base}) and have been changed here. Approved minutes are a legal record: undo the change, and record any correction agreed at a later meeting as corrections: [{ meeting, minute, note }].`
          : `An earlier correction of these approved minutes has been changed or removed. Corrections may only be added: restore the earlier entries.`,
      );
    }
  },
  examples: {
    notOk: [
      {
        title: 'approved minutes edited, at the changed line',
        committed: COMMITTED,
        files: { 'meetings/2026-01-15/minutes.md': APPROVED.replace('be noted', 'be noted, as amended') },
        findings: [
          {
            file: 'records/meetings/2026-01-15/minutes.md',
            line: 9,
            column: 1,
            severity: 'error',
            message:
              'These minutes were approved (at HEAD) and have been changed here. Approved minutes are a legal record: undo the change, and record any correction agreed at a later meeting as corrections: [{ meeting, minute, note }].',
          },
        ],
      },
      {
        title: 'an earlier correction changed, at its key',
        committed: {
          ...COMMITTED,
          'meetings/2026-01-15/minutes.md': APPROVED.replace(
            'chair: cllr-chair\n',
            'chair: cllr-chair\ncorrections:\n  - { meeting: 2026-04-16, minute: 2, note: Name spelt wrongly }\n',
          ),
        },
        files: {
          'meetings/2026-01-15/minutes.md': APPROVED.replace(
            'chair: cllr-chair\n',
            'chair: cllr-chair\ncorrections:\n  - { meeting: 2026-04-16, minute: 2, note: Nothing was wrong }\n',
          ),
        },
        findings: [
          {
            file: 'records/meetings/2026-01-15/minutes.md',
            line: 5,
            column: 1,
            severity: 'error',
            message:
              'An earlier correction of these approved minutes has been changed or removed. Corrections may only be added: restore the earlier entries.',
          },
        ],
      },
    ],
    ok: [
      {
        title: 'approved minutes untouched since the base revision',
        committed: COMMITTED,
        files: {},
      },
      {
        title: 'a correction added, agreed at a later meeting',
        committed: COMMITTED,
        files: {
          'meetings/2026-01-15/minutes.md': APPROVED.replace(
            'chair: cllr-chair\n',
            'chair: cllr-chair\ncorrections:\n  - { meeting: 2026-04-16, minute: 2, note: Name spelt wrongly }\n',
          ),
        },
      },
    ],
  },
};
