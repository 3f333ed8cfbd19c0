/** outcome: a substantive item in the minutes that ends in neither a decision nor an action. */
import { formatMinute, numberingOn } from '../core/minute-label.js';
import { isStandardItem } from '../core/standard-items.js';
import type { Rule } from './rule.js';
import { withItems } from './walk.js';

const HEAD = '---\nstatus: draft\nchair: cllr-chair\npresent: [cllr-chair, pc-police, dr-health]\n---\n';
const MEETING = '---\ndate: 2026-01-15\n---\n';

export const rule: Rule = {
  id: 'outcome',
  severity: 'warning',
  summary:
    'A substantive item in the minutes (not a standard item) that ends in neither a RESOLVED decision nor an action.',
  check(ctx, report) {
    const standard = [...ctx.rec.settings.standard_items.opening, ...ctx.rec.settings.standard_items.closing];
    for (const entry of withItems(ctx.rec.meetings)) {
      for (const item of entry.items!) {
        if (isStandardItem(item.title, standard)) continue;
        if (item.decisions.length === 0 && item.actions.length === 0) {
          report(
            { file: entry.minutes!.file.display, line: item.line, column: item.column },
            `Minute ${formatMinute(numberingOn(ctx.rec.settings, entry.date).label, item.number)} (${item.title}) records no decision and no action. Every item should end in one: add a "${ctx.rec.settings.decision_words[0] ?? 'RESOLVED'}" paragraph, or an [action: OWNER; due YYYY-MM-DD].`,
          );
        }
      }
    }
  },
  examples: {
    notOk: [
      {
        title: 'a substantive item with neither a decision nor an action, at its heading',
        files: {
          'meetings/2026-01-15/meeting.md': MEETING,
          'meetings/2026-01-15/minutes.md': `${HEAD}## 1. Community safety plan

RESOLVED that the plan be noted.

## 2. Serious violence duty

The board discussed the duty at length.
`,
        },
        findings: [
          {
            file: 'records/meetings/2026-01-15/minutes.md',
            line: 10,
            column: 1,
            severity: 'warning',
            message:
              'Minute 2 (Serious violence duty) records no decision and no action. Every item should end in one: add a "RESOLVED" paragraph, or an [action: OWNER; due YYYY-MM-DD].',
          },
        ],
      },
    ],
    ok: [
      {
        title: 'items that end in a decision or an action, and a standard item with neither',
        files: {
          'meetings/2026-01-15/meeting.md': MEETING,
          'meetings/2026-01-15/minutes.md': `${HEAD}## 1. Community safety plan

RESOLVED that the plan be noted.

## 2. Apologies

Apologies were received from Dr Hana Health.

## 3. Venue

Book a venue. [action 2026-01-15-3-1: clerk]
`,
          'actions/2026-01-15-3-1.md': `---
title: Book a venue
owner: clerk
raised: { meeting: 2026-01-15, minute: 3 }
status: open
---
`,
        },
      },
    ],
  },
};
