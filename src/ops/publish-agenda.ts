/**
 * Publishing an agenda (csp agenda --publish): records it as circulated today,
 * `published` and `status: published`, every other byte of meeting.md kept. An agenda
 * already recorded as published keeps its first date; a meeting already held keeps its
 * status.
 */
import { ProblemError, UsageError } from '../core/errors.js';
import { noticeDeadline, type HolidayRegion } from '../core/working-days.js';
import { loadRecord } from '../load/load.js';
import type { Loaded, MeetingDoc } from '../model/types.js';
import { yamlParser } from '../parse/lazy.js';
import { applyEdits, insertTopLevel, isFlowMapping, replaceValue, rewriteFrontMatter, type Edit } from './edit.js';
import { underLock, writePlanned, type OpContext } from './seam.js';

/** What publishing did. */
export interface PublishResult {
  /** meeting.md, as shown. */
  file: string;
  /** The day recorded as the agenda's circulation. */
  published: string;
  /** False when the agenda was already recorded as published (nothing was written). */
  wrote: boolean;
  /** The notice deadline, and whether `published` is after it. */
  deadline: string;
  late: boolean;
}

/** Records the agenda of meeting `id` as circulated on `op.today`. */
export function publishAgenda(op: OpContext, id: string): Promise<PublishResult> {
  return underLock(op, () => {
    // Read under the lock: another csp command may have just changed the file.
    const rec = loadRecord(op.root, op.display, { meetings: true, env: op.env, trace: op.note });
    const entry = rec.meetingsById.get(id);
    const loaded = entry?.meeting;
    if (!entry || !loaded)
      throw new UsageError(
        `The meeting ${id} could not be read again to record publication; nothing was written. Run csp validate.`,
      );
    const s = rec.settings.meetings;
    const deadline = noticeDeadline(entry.date, s.notice_working_days, s.holidays as HolidayRegion);
    const d: MeetingDoc = loaded.data;
    if (d.status === 'cancelled')
      throw new ProblemError(`The meeting ${id} was cancelled meanwhile; nothing was written.`);
    const file = loaded.file.display;
    if (d.published !== undefined)
      return { file, published: d.published, wrote: false, deadline, late: d.published > deadline };

    const l = loaded as Loaded<unknown>;
    const expected: MeetingDoc = { ...d, published: op.today };
    if (d.status === undefined || d.status === 'scheduled') expected.status = 'published';
    const edits: Edit[] = [];
    if (isFlowMapping(l)) edits.push(rewriteFrontMatter(l, yamlParser().blockYaml(expected)));
    else if (d.status === undefined) {
      // Both lines go where status belongs; one insertion keeps their order.
      const after = ['theme', 'kind', 'online_url', 'venue', 'end', 'start', 'date'];
      edits.push(insertTopLevel(l, 'status', `published\npublished: ${op.today}`, after));
    } else {
      if (d.status === 'scheduled') edits.push(replaceValue(l, ['status'], 'published'));
      edits.push(insertTopLevel(l, 'published', op.today, ['status']));
    }
    writePlanned(op, [{ kind: 'edit', file: loaded.file, text: applyEdits(loaded.file.text, edits) ?? '', expected }]);
    return { file, published: op.today, wrote: true, deadline, late: op.today > deadline };
  });
}
