/** csp agenda: renders a meeting's agenda from the templates; --publish records that it has gone out. */
import path from 'node:path';
import { formatLongDate } from '../core/dates.js';
import { ProblemError, UsageError } from '../core/errors.js';
import { sameTitle } from '../core/text.js';
import { agendaFacts, readAgendaSummary } from '../load/agenda-facts.js';
import { meetingDoc } from '../load/checked.js';
import { deferredTo } from '../queries/carried-items.js';
import { agendaData, agendaView } from '../render/agenda.js';
import { loadTemplate } from '../render/record-templates.js';
import type { Ctx } from './context.js';
import { loadForMeetings, meetingArg, meetingIdArg, str } from './options.js';
import { requireRoster } from './roster-guard.js';

/** csp agenda MEETING [--format md|html] [--out FILE [--force]] [--publish] */
export async function run(ctx: Ctx, opts: Record<string, unknown>, args: string[]): Promise<number> {
  const id = meetingIdArg(args[0] ?? '', 'The meeting');
  const format = opts.format === 'html' ? 'html' : 'md';
  if (opts.format !== undefined && opts.format !== 'md' && opts.format !== 'html')
    throw new UsageError('--format must be md or html.');
  const outOpt = str(opts.out);
  if (outOpt !== undefined && outOpt.trim() === '')
    throw new UsageError('--out needs a file name, e.g. --out agenda.html.');
  const publish = opts.publish === true;
  const force = opts.force === true;
  if (force && outOpt === undefined)
    throw new UsageError('--force replaces the file named by --out; give --out FILE too.');

  // This meeting is read whole; of the rest, only what an agenda shows (from the summary kept beside the index).
  const rec = loadForMeetings(ctx, { meetings: [id], actions: false, minutesBodies: false });
  requireRoster(rec, 'the agenda names the presenters and the owners of actions');
  const entry = meetingArg(rec, id);
  const doc = meetingDoc(rec, entry);
  if (doc.status === 'cancelled') {
    throw new ProblemError(
      `The meeting ${id} is cancelled, so it has no agenda. If it is going ahead after all, change its status in meeting.md.`,
    );
  }

  const { root, display } = ctx.record();
  // The sweep of the record's stats started before csp loaded, if it was of this record: the
  // summary and the template are read while it runs.
  const early = ctx.io.early?.root === root ? ctx.io.early : undefined;
  const ahead = readAgendaSummary(root, ctx.io.env, early !== undefined);
  const template = await loadTemplate(rec.root, rec.display, format === 'html' ? 'agenda.html.hbs' : 'agenda.md.hbs');
  const sweep = early ? await early.result() : undefined;
  const facts = agendaFacts(root, display, ctx.io.env, ctx.err, sweep, ahead) ?? loadForMeetings(ctx);
  const data = agendaData(rec, facts, entry, doc, ctx.today);
  let view: unknown = agendaView(data, format);
  if (format === 'html') {
    // Papers are linked from where the agenda will be read: beside --out, else here.
    const linkDir = outOpt !== undefined ? path.dirname(path.resolve(ctx.io.cwd, outOpt)) : ctx.io.cwd;
    const { agendaHtmlView } = await import('../render/agenda-html.js');
    const html = agendaHtmlView(data, entry, linkDir);
    if (html.problem !== undefined)
      ctx.err(`csp: warning: the notes in meetings/${id}/meeting.md are shown as plain text: ${html.problem}\n`);
    view = html.view;
  }
  const text = template.render(view);

  for (const p of data.missing_papers) {
    ctx.err(
      `csp: warning: the paper "${p}" is not in meetings/${id}/; the agenda lists it without a size. Add the file or correct the name in meeting.md.\n`,
    );
  }
  for (const c of deferredTo(facts, entry.id, entry.date)) {
    if ((doc.items ?? []).some((i) => sameTitle(i.title, c.title))) continue;
    ctx.err(
      `csp: warning: the minutes of ${c.from}${c.minute !== undefined ? ` (minute ${c.minute})` : ''} deferred "${c.title}" to this meeting, but it is not on the agenda. Add it to items in meeting.md with deferred_from: ${c.from}.\n`,
    );
  }

  if (outOpt !== undefined) {
    const { createOutputFile, replaceOutputFile } = await import('../ops/output-file.js');
    const abs = path.resolve(ctx.io.cwd, outOpt);
    if (force) replaceOutputFile(ctx.io.system, abs, outOpt, text);
    else if (!createOutputFile(ctx.io.system, abs, outOpt, text))
      throw new ProblemError(
        `${outOpt} already exists, so nothing was written${publish ? ' and the agenda was not recorded as published' : ''}. Choose another name, or add --force to replace it.`,
      );
    ctx.out(`Wrote the agenda of ${id} to ${outOpt}\n`);
  } else ctx.out(text);

  if (publish) {
    // What writes the record is loaded only when the agenda is recorded as published.
    const [{ publishAgenda }, { opContext }] = await Promise.all([
      import('../ops/publish-agenda.js'),
      import('./read.js'),
    ]);
    const p = await publishAgenda(opContext(ctx), id);
    if (p.wrote) ctx.err(`Recorded the agenda of ${id} as circulated on ${formatLongDate(p.published)} (${p.file}).\n`);
    else
      ctx.err(
        `csp: the agenda of ${id} is already recorded as circulated on ${formatLongDate(p.published)}; that date was kept and nothing was written.\n`,
      );
    if (p.late) {
      const s = rec.settings.meetings;
      ctx.err(
        `csp: warning: the agenda went out on ${formatLongDate(p.published)}, after the notice deadline of ${formatLongDate(p.deadline)} (${s.notice_working_days} clear working days before the meeting). Late items are at the Chairs' discretion: note why in the minutes.\n`,
      );
    }
  }
  return 0;
}
