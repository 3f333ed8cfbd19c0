/**
 * A correction to approved minutes (csp minutes correct): the one change approved
 * minutes allow, recorded as an entry of their `corrections` list naming the later
 * meeting and the minute there that agreed it. Nothing else in the file changes.
 */
import { UsageError } from '../core/errors.js';
import { loadForMeetings, readProblem, where } from '../load/checked.js';
import type { Correction, Loaded, MinutesDoc } from '../model/types.js';
import { requireMeeting } from '../queries/meetings.js';
import { appendMapping, applyEdits, isFlowMapping } from './edit.js';
import { underLock, writePlanned, type OpContext } from './seam.js';

/** What recording a correction did. */
export interface CorrectResult {
  meeting: string;
  file: string;
  created: string[];
  changed: string[];
  correction: Correction;
}

/** Records that minute `minute` of the meeting `at` corrected the approved minutes of `id`. */
export function correctMinutes(
  op: OpContext,
  id: string,
  at: string,
  minute: number,
  note: string,
): Promise<CorrectResult> {
  return underLock(op, () => {
    const rec = loadForMeetings(op.root, op.display, { minutesBodies: true, env: op.env, trace: op.note });
    const entry = requireMeeting(rec, id);
    const later = requireMeeting(rec, at);
    const minutes = entry.minutes;
    if (!minutes) {
      const p = readProblem(rec, `meetings/${id}/minutes.md`);
      throw new UsageError(
        p
          ? `The minutes of ${id} cannot be read (${where(p)}). Correct the file first; csp validate lists every problem.`
          : `The meeting ${id} has no minutes to correct.`,
      );
    }
    if (minutes.data.status !== 'approved')
      throw new UsageError(
        `The minutes of ${id} are a draft: change ${minutes.file.display} itself. A correction is recorded only on minutes already approved.`,
      );
    if (later.date <= entry.date)
      throw new UsageError(
        `--at ${at} is not after ${id}: a correction is agreed at a later meeting. Name the meeting whose minutes record it.`,
      );
    if (!later.minutes) {
      const p = readProblem(rec, `meetings/${at}/minutes.md`);
      throw new UsageError(
        p
          ? `The minutes of ${at} cannot be read (${where(p)}), so csp cannot check that they hold minute ${minute}. Correct them first.`
          : `The meeting ${at} has no minutes yet: draft them (csp minutes new ${at}) with the minute that agrees the correction, then record it.`,
      );
    }
    const numbers = (later.items ?? []).map((i) => i.number);
    if (!numbers.includes(minute))
      throw new UsageError(
        `The minutes of ${at} have no minute ${minute}${numbers.length ? ` (their minutes are ${numbers[0]}–${numbers.at(-1)})` : ''}. Give the number of the minute that agreed the correction.`,
      );
    const earlier = (minutes.data.corrections ?? []).find(
      (c) => c.meeting === at && c.minute === minute && c.note === note,
    );
    if (earlier)
      throw new UsageError(
        `This correction (minute ${minute} of ${at}) is already recorded in ${minutes.file.display}; nothing was changed.`,
      );
    if (isFlowMapping(minutes))
      throw new UsageError(
        `The front matter of ${minutes.file.display} is written as one { … } mapping, which cannot take a correction without rewriting it, and approved minutes must not change otherwise. Add the correction by hand: corrections: [{ meeting: ${at}, minute: ${minute}, note: … }].`,
      );
    const correction: Correction = { meeting: at, minute, note };
    const expected: MinutesDoc = { ...minutes.data, corrections: [...(minutes.data.corrections ?? []), correction] };
    const l = minutes as Loaded<unknown>;
    const edit = appendMapping(
      l,
      'corrections',
      [
        ['meeting', at],
        ['minute', minute],
        ['note', note],
      ],
      [],
      'flow',
    );
    const text = applyEdits(minutes.file.text, [edit]) ?? '';
    writePlanned(op, [
      {
        kind: 'edit',
        file: minutes.file,
        text,
        expected,
        refusal: `csp could not add the correction to ${minutes.file.display} without changing anything else in these approved minutes, so nothing was written. Add it by hand under corrections:.`,
      },
    ]);
    return { meeting: id, file: minutes.file.display, created: [], changed: [minutes.file.display], correction };
  });
}
