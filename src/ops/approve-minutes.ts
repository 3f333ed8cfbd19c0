/**
 * Approving minutes (csp minutes approve): syncs their actions, checks them as csp
 * validate would, and records them as confirmed at a later meeting, keeping every other
 * byte of the file.
 */
import path from 'node:path';
import type { Diagnostic } from '../core/diagnostic.js';
import { ProblemError, UsageError } from '../core/errors.js';
import { shown } from '../core/paths.js';
import { loadForMeetings } from '../load/checked.js';
import { loadRecord } from '../load/load.js';
import type { Loaded, MinutesDoc } from '../model/types.js';
import { yamlParser } from '../parse/lazy.js';
import { requireMeeting } from '../queries/meetings.js';
import { quorum } from '../queries/quorum.js';
import { formatLongDate } from '../core/dates.js';
import { runRules } from '../rules/index.js';
import { exists } from '../workspace/files.js';
import { applyEdits, insertTopLevel, isFlowMapping, replaceValue, rewriteFrontMatter, type Edit } from './edit.js';
import { underLock, writePlanned, type OpContext } from './seam.js';
import { syncHoldingLock, type SyncResult } from './sync-actions.js';

/** What approving did: approved, or left as a draft with the problems that block it. */
export type ApproveResult = { created: SyncResult['created']; file: string; atDate: string } & (
  { approved: true } | { approved: false; blocking: Diagnostic[]; refused: SyncResult['refused'] }
);

/** Approves the minutes of `id` as confirmed at meeting `at` (both well-formed meeting ids). */
export function approveMinutes(op: OpContext, id: string, at: string): Promise<ApproveResult> {
  const first = loadForMeetings(op.root, op.display, { env: op.env, trace: op.note });
  const entry = requireMeeting(first, id);
  const atEntry = requireMeeting(first, at);
  if (at <= id)
    throw new UsageError(
      `--at ${at} is not after ${id}. Minutes are confirmed at a later meeting: name it, e.g. --at ${first.meetings.find((m) => m.id > id)?.id ?? 'YYYY-MM-DD'}.`,
    );
  if (atEntry.meeting?.data.status === 'cancelled')
    throw new UsageError(
      `The meeting ${at} is cancelled, so no minutes were confirmed at it. Name the meeting that confirmed them.`,
    );
  if (atEntry.date > op.today)
    throw new UsageError(
      `The meeting ${at} has not been held yet: it is on ${formatLongDate(atEntry.date)} and today is ${formatLongDate(op.today)}. Minutes are approved at a meeting that has taken place: run this at or after that meeting.`,
    );
  if (first.rosterComplete) {
    const q = quorum(first, first.settings, atEntry);
    if (!q.quorate) {
      const missing = q.requirements.filter((r) => !r.met).map((r) => r.label);
      throw new ProblemError(
        `The meeting ${at} was not quorate (missing: ${missing.join('; ')}${q.basis === 'predicted' ? ', on the apologies received' : ', by its minutes'}), so it cannot confirm minutes; nothing was changed. Approve them at the next quorate meeting.`,
      );
    }
  }
  const file = shown(first.display, `meetings/${id}/minutes.md`);
  if (!exists(path.join(entry.dir, 'minutes.md')))
    throw new ProblemError(
      `The meeting ${id} has no minutes to approve (${file} does not exist). Draft them with: csp minutes new ${id}`,
    );
  if (entry.minutes?.data.status === 'approved')
    throw new ProblemError(
      `The minutes of ${id} are already approved: approved minutes are a legal record and cannot change. A correction must be agreed at a later meeting and recorded under corrections.`,
    );

  return underLock(op, () => {
    const sync = syncHoldingLock(op, [id]);
    // Everything again from disk, as csp validate sees it after the sync.
    const rec = loadRecord(op.root, op.display, { minutesBodies: true, links: true, env: op.env, trace: op.note });
    const loaded = rec.meetingsById.get(id)?.minutes;
    if (loaded?.data.status === 'approved')
      throw new ProblemError(
        `The minutes of ${id} were approved meanwhile: approved minutes are a legal record and cannot change.`,
      );
    const actionFiles = new Set<string>();
    for (const a of rec.actions) if (a.action.data.raised?.meeting === id) actionFiles.add(a.action.file.display);
    for (const a of rec.unreadActions)
      if (a.startsWith(`${id}-`)) actionFiles.add(shown(rec.display, `actions/${a}.md`));
    // An action-sync or placeholder warning in a draft becomes an error once approved, so it blocks too.
    const blocking = runRules({ rec, today: op.today }).filter(
      (d) =>
        (d.file === file || actionFiles.has(d.file)) &&
        (d.severity === 'error' || d.rule === 'action-sync' || d.rule === 'placeholder'),
    );
    const base = { created: sync.created, file, atDate: atEntry.date };
    if (!loaded || blocking.length > 0) return { ...base, approved: false, blocking, refused: sync.refused };

    const l = loaded as Loaded<unknown>;
    const d: MinutesDoc = loaded.data;
    const after: MinutesDoc = { ...d, status: 'approved', approved: { meeting: at } };
    const edits: Edit[] = [];
    if (isFlowMapping(l)) edits.push(rewriteFrontMatter(l, yamlParser().blockYaml(after)));
    else {
      edits.push(replaceValue(l, ['status'], 'approved'));
      if (d.approved !== undefined && l.range(['approved', 'meeting']))
        edits.push(replaceValue(l, ['approved', 'meeting'], at));
      else if (d.approved === undefined) edits.push(insertTopLevel(l, 'approved', `{ meeting: ${at} }`, ['status']));
      else
        throw new ProblemError(
          `${file} has an "approved" field csp cannot update safely; nothing was written. Set it to approved: { meeting: ${at} } by hand.`,
        );
    }
    // The sync above is complete in itself; if approving then fails, say that it stays.
    const synced = sync.created.length > 0 || sync.minutesUpdated.length > 0 || sync.reviewed.length > 0;
    writePlanned(
      op,
      [{ kind: 'edit', file: loaded.file, text: applyEdits(loaded.file.text, edits) ?? '', expected: after }],
      synced ? 'the minutes are still a draft (their actions had already been synced, and stay so)' : undefined,
    );
    return { ...base, approved: true };
  });
}
