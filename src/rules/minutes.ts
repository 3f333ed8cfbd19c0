/** Rules about the minutes: numbering, outcomes, action markers in sync, and quorum. */
import { normaliseTitle as normalTitle } from '../core/text.js';
import type { Rule } from './rule.js';
import type { Loaded, MeetingEntry } from '../model/types.js';
import { quorum as quorumOf } from '../queries/quorum.js';

const withItems = (meetings: MeetingEntry[]) => meetings.filter((m) => m.minutes && m.items);

export const minuteNumber: Rule = {
  id: 'minute-number',
  severity: 'error / warning',
  summary:
    'A minute number used twice (error); a gap, or a restart under continuous numbering, or a first number out of step with the previous minutes (warning).',
  check(ctx, report) {
    const continuous = ctx.rec.settings.minute_numbering === 'continuous';
    const seen = new Map<number, string>();
    let previous: { id: string; last: number } | undefined;
    for (const entry of withItems(ctx.rec.meetings)) {
      const file = entry.minutes!.file.display;
      const local = new Map<number, boolean>();
      let last: number | undefined;
      for (const item of entry.items!) {
        const where = { file, line: item.line, column: item.column };
        const n = item.number;
        if (local.has(n) || (continuous && seen.has(n))) {
          const other = local.has(n) ? 'these minutes' : `the minutes of ${seen.get(n)}`;
          report(
            where,
            `Minute ${n} is already used in ${other}. Each minute has a number of its own: renumber this item.`,
            'error',
          );
        } else if (last !== undefined && n !== last + 1) {
          report(
            where,
            n < last
              ? `Minute ${n} comes after minute ${last}; numbers run upwards. Renumber this item ${last + 1}.`
              : `Minute numbers jump from ${last} to ${n}. Number this item ${last + 1}.`,
            'warning',
          );
        } else if (last === undefined) {
          if (continuous && previous && n !== previous.last + 1) {
            report(
              where,
              `These minutes start at ${n}, but the minutes of ${previous.id} ended at ${previous.last}. With continuous numbering they start at ${previous.last + 1}.`,
              'warning',
            );
          } else if (!continuous && n !== 1) {
            report(where, `With per-meeting numbering the minutes start at 1, not ${n}.`, 'warning');
          }
        }
        local.set(n, true);
        if (continuous && !seen.has(n)) seen.set(n, entry.id);
        last = last === undefined ? n : Math.max(last, n);
      }
      if (last !== undefined) previous = { id: entry.id, last };
    }
  },
};

export const outcome: Rule = {
  id: 'outcome',
  severity: 'warning',
  summary:
    'A substantive item in the minutes (not a standard item) that ends in neither a RESOLVED decision nor an action.',
  check(ctx, report) {
    const standard = new Set(
      [...ctx.rec.settings.standard_items.opening, ...ctx.rec.settings.standard_items.closing].map(normalTitle),
    );
    for (const entry of withItems(ctx.rec.meetings)) {
      for (const item of entry.items!) {
        if (standard.has(normalTitle(item.title))) continue;
        if (item.decisions.length === 0 && item.actions.length === 0) {
          report(
            { file: entry.minutes!.file.display, line: item.line, column: item.column },
            `Minute ${item.number} (${item.title}) records no decision and no action. Every item should end in one: add a "RESOLVED" paragraph, or an [action: OWNER; due YYYY-MM-DD].`,
          );
        }
      }
    }
  },
};

export const actionSync: Rule = {
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
          if (!ctx.rec.actionsById.has(marker.id) && !ctx.rec.unreadActions.has(marker.id)) {
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
};

export const quorumRule: Rule = {
  id: 'quorum',
  severity: 'warning',
  summary: 'Minutes of a meeting that was not quorate, yet record decisions.',
  check(ctx, report) {
    if (!ctx.rec.rosterComplete) return;
    for (const entry of withItems(ctx.rec.meetings)) {
      const decided = entry.items!.filter((i) => i.decisions.length > 0);
      if (decided.length === 0) continue;
      const q = quorumOf(ctx.rec, ctx.rec.settings, entry);
      if (q.quorate) continue;
      const missing = q.requirements.filter((r) => !r.met).map((r) => r.label);
      report(
        { loaded: entry.minutes as Loaded<unknown>, path: ['present'], key: true },
        `The meeting was not quorate (missing: ${missing.join('; ')}), yet the minutes record decisions (first at minute ${decided[0]!.number}). Check who was present, or note that the decisions need ratifying.`,
      );
    }
  },
};
