/** Drafting minutes (csp minutes new): minutes.md from the agenda, numbered on from the last minutes. */
import path from 'node:path';
import type { Diagnostic } from '../core/diagnostic.js';
import { ProblemError, UsageError } from '../core/errors.js';
import { shown } from '../core/paths.js';
import { loadForMeetings, meetingDoc } from '../load/checked.js';
import { loadRecord, type LoadedRecord } from '../load/load.js';
import type { MeetingEntry } from '../model/types.js';
import { requireMeeting } from '../queries/meetings.js';
import { minutesDraftView } from '../render/minutes-draft.js';
import { loadTemplate } from '../render/record-templates.js';
import { runRules } from '../rules/index.js';
import { exists } from '../workspace/files.js';
import { underLock, writePlanned, type OpContext } from './seam.js';

/**
 * The first minute number for `entry`: 1 per meeting, or under continuous numbering one
 * after the highest number in the latest earlier minutes that have items. Exit 2 when
 * earlier minutes exist but cannot be read (their numbers would be guessed).
 */
export function firstMinuteNumber(rec: LoadedRecord, entry: MeetingEntry): { first: number; gaps: MeetingEntry[] } {
  if (rec.settings.minute_numbering === 'per-meeting') return { first: 1, gaps: [] };
  const before = rec.meetings.filter((m) => m.id < entry.id);
  const gaps: MeetingEntry[] = [];
  for (let i = before.length - 1; i >= 0; i--) {
    const m = before[i]!;
    if (exists(path.join(m.dir, 'minutes.md')) && (!m.minutes || !m.items)) {
      throw new UsageError(
        `The minutes of ${m.id} (${shown(rec.display, `meetings/${m.id}/minutes.md`)}) cannot be read, so the numbering cannot continue from them. Correct them first; csp validate lists every problem.`,
      );
    }
    if (m.items && m.items.length > 0) return { first: Math.max(...m.items.map((it) => it.number)) + 1, gaps };
    if (!m.minutes && m.meeting?.data.status !== 'cancelled') gaps.push(m);
  }
  return { first: 1, gaps };
}

/** What drafting minutes did. */
export interface NewMinutesResult {
  /** The new file, as shown. */
  file: string;
  /** The meeting's date. */
  date: string;
  first: number;
  last: number;
  /** Earlier meetings without minutes that these are numbered past. */
  gaps: string[];
  /** Later meetings that already have minutes (under continuous numbering, their numbers may clash). */
  later: string[];
  /** Errors csp validate finds in what was written. */
  problems: Diagnostic[];
}

/** Drafts minutes.md for meeting `id` (exit 1 when it is cancelled or already has minutes). */
export function draftMinutes(op: OpContext, id: string): Promise<NewMinutesResult> {
  return underLock(op, async () => {
    const rec = loadForMeetings(op.root, op.display, {
      minutesBodies: true,
      roster: true,
      env: op.env,
      trace: op.note,
    });
    const entry = requireMeeting(rec, id);
    const doc = meetingDoc(rec, entry);
    if (doc.status === 'cancelled')
      throw new ProblemError(
        `The meeting ${id} is cancelled, so it has no minutes. If it went ahead after all, change its status in meeting.md first.`,
      );
    const file = shown(rec.display, `meetings/${id}/minutes.md`);
    const abs = path.join(entry.dir, 'minutes.md');
    if (exists(abs))
      throw new ProblemError(
        `The meeting ${id} already has minutes (${file}); nothing was changed. Edit that file instead.`,
      );

    const { first, gaps } = firstMinuteNumber(rec, entry);
    const template = await loadTemplate(rec.root, rec.display, 'minutes.md.hbs');
    const view = minutesDraftView(rec, entry, doc, first);
    const text = template.render(view).replace(/\n+$/, '\n');
    const written = writePlanned(op, [
      {
        kind: 'create',
        abs,
        shown: file,
        text,
        check: { kind: 'minutes', frontMatter: true, template: template.shown },
      },
    ]);
    if (written.existed.length > 0)
      throw new ProblemError(
        `The meeting ${id} already has minutes (${file}): they were created while csp was working. Nothing was changed.`,
      );
    const later =
      rec.settings.minute_numbering === 'continuous' ? rec.meetings.filter((m) => m.id > id && m.minutes) : [];
    // Read back what was written, as csp validate would.
    const after = loadRecord(op.root, op.display, { minutesBodies: true, env: op.env, trace: op.note });
    const problems = runRules({ rec: after, today: op.today }).filter((d) => d.file === file && d.severity === 'error');
    return {
      file,
      date: entry.date,
      first: view.first,
      last: view.last,
      gaps: gaps.map((g) => g.id),
      later: later.map((m) => m.id),
      problems,
    };
  });
}
