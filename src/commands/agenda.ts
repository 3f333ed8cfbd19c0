/** csp agenda: renders a meeting's agenda from the templates; --publish records that it has gone out. */
import { readRecord } from './read.js';
import path from 'node:path';
import type { Ctx } from './context.js';
import { ProblemError, UsageError } from '../core/errors.js';
import type { LoadedRecord } from '../load/load.js';
import type { Loaded, MeetingDoc } from '../model/types.js';
import { carriedItems } from '../queries/carried-items.js';
import { sameTitle } from '../core/text.js';
import { formatLongDate } from '../core/dates.js';
import { noticeDeadline, type HolidayRegion } from '../core/working-days.js';
import { agendaData, agendaView } from '../render/agenda.js';
import { loadTemplate } from '../render/record-templates.js';
import { applyEdits, insertTopLevel, replaceValue, type Edit } from '../ops/edit.js';
import { createExclusive, replaceFile, withRecordLock } from '../workspace/write.js';
import { checkEdit, loadForMeetings, meetingArg, meetingDoc, meetingIdArg } from './meeting-docs.js';

/** csp agenda MEETING [--format md|html] [--out FILE] [--publish] */
export async function run(ctx: Ctx, opts: Record<string, unknown>, args: string[]): Promise<number> {
  const id = meetingIdArg(String(args[0] ?? ''), 'The meeting');
  const format = opts.format === 'html' ? 'html' : 'md';
  if (opts.format !== undefined && opts.format !== 'md' && opts.format !== 'html')
    throw new UsageError('--format must be md or html.');
  const outOpt = opts.out === undefined ? undefined : String(opts.out);
  if (outOpt !== undefined && outOpt.trim() === '')
    throw new UsageError('--out needs a file name, e.g. --out agenda.html.');
  const publish = opts.publish === true;

  const rec = loadForMeetings(ctx);
  const entry = meetingArg(rec, id);
  const doc = meetingDoc(rec, entry);
  if (doc.status === 'cancelled') {
    throw new ProblemError(
      `The meeting ${id} is cancelled, so it has no agenda. If it is going ahead after all, change its status in meeting.md.`,
    );
  }

  const data = agendaData(rec, entry, doc, ctx.today);
  const template = loadTemplate(rec.root, rec.display, format === 'html' ? 'agenda.html.hbs' : 'agenda.md.hbs');
  const text = template.render(agendaView(data, format));

  for (const p of data.missing_papers) {
    ctx.err(
      `csp: warning: the paper "${p}" is not in meetings/${id}/; the agenda lists it without a size. Add the file or correct the name in meeting.md.\n`,
    );
  }
  for (const c of carriedItems(rec, entry.id, entry.date)) {
    if (c.why !== 'deferred' || (doc.items ?? []).some((i) => sameTitle(i.title, c.item.title))) continue;
    ctx.err(
      `csp: warning: the minutes of ${c.from}${c.minute !== undefined ? ` (minute ${c.minute})` : ''} deferred "${c.item.title}" to this meeting, but it is not on the agenda. Add it to items in meeting.md with deferred_from: ${c.from}.\n`,
    );
  }

  if (outOpt !== undefined) {
    const abs = path.resolve(ctx.io.cwd, outOpt);
    if (!createExclusive(abs, text))
      throw new ProblemError(
        `${outOpt} already exists; csp never overwrites a file, so nothing was written${publish ? ' and the agenda was not recorded as published' : ''}. Choose another name, or delete the file first.`,
      );
    ctx.out(`Wrote the agenda of ${id} to ${outOpt}\n`);
  } else ctx.out(text);

  if (publish) await publishAgenda(ctx, rec, id);
  return 0;
}

/**
 * Records the agenda as circulated on ctx.today: `published` and `status: published`,
 * every other byte of meeting.md kept. An agenda already recorded as published keeps
 * its date; a meeting already held keeps its status. Warns when the date is past the
 * notice deadline.
 */
async function publishAgenda(ctx: Ctx, first: LoadedRecord, id: string): Promise<void> {
  const published = await withRecordLock(first.root, ctx.io.system, () => {
    // Read again under the lock: another csp command may have just changed the file.
    const rec = readRecord(ctx, { meetings: true });
    const entry = rec.meetingsById.get(id);
    const loaded = entry?.meeting;
    if (!entry || !loaded)
      throw new UsageError(
        `The meeting ${id} could not be read again to record publication; nothing was written. Run csp validate.`,
      );
    const d: MeetingDoc = loaded.data;
    if (d.status === 'cancelled')
      throw new ProblemError(`The meeting ${id} was cancelled meanwhile; nothing was written.`);
    if (d.published !== undefined) {
      ctx.err(
        `csp: the agenda of ${id} is already recorded as circulated on ${formatLongDate(d.published)}; that date was kept and nothing was written.\n`,
      );
      return d.published;
    }
    const l = loaded as Loaded<unknown>;
    const edits: Edit[] = [];
    const expected: Record<string, unknown> = { ...(d as unknown as Record<string, unknown>), published: ctx.today };
    if (d.status === undefined) {
      // Both lines go where status belongs; one insertion keeps their order.
      edits.push(
        insertTopLevel(l, 'status', `published\npublished: ${ctx.today}`, [
          'theme',
          'kind',
          'online_url',
          'venue',
          'end',
          'start',
          'date',
        ]),
      );
      expected.status = 'published';
    } else {
      if (d.status === 'scheduled') {
        edits.push(replaceValue(l, ['status'], 'published'));
        expected.status = 'published';
      }
      edits.push(insertTopLevel(l, 'published', ctx.today, ['status']));
    }
    const next = applyEdits(loaded.file.text, edits);
    checkEdit(next, expected, loaded.file.display);
    replaceFile(loaded.file, next);
    ctx.err(`Recorded the agenda of ${id} as circulated on ${formatLongDate(ctx.today)} (${loaded.file.display}).\n`);
    return ctx.today;
  });
  const s = first.settings.meetings;
  const deadline = noticeDeadline(first.meetingsById.get(id)!.date, s.notice_working_days, s.holidays as HolidayRegion);
  if (published > deadline) {
    ctx.err(
      `csp: warning: the agenda went out on ${formatLongDate(published)}, after the notice deadline of ${formatLongDate(deadline)} (${s.notice_working_days} clear working days before the meeting). Late items are at the Chairs' discretion: note why in the minutes.\n`,
    );
  }
}
