/** csp minutes render: the minutes as a reader sees them, as markdown or a printable HTML page. */
import path from 'node:path';
import type { Ctx } from './context.js';
import { ProblemError, UsageError } from '../core/errors.js';
import { minutesHtml, minutesMarkdown } from '../render/minutes-reader.js';
import { createOutputFile, replaceOutputFile } from '../ops/output-file.js';
import { readProblem, where } from '../load/checked.js';
import { loadForMeetings, meetingArg, meetingIdArg } from './options.js';
import { requireRoster } from './roster-guard.js';

/** csp minutes render MEETING [--format md|html] [--out FILE] [--include-exempt] [--force] */
export function run(ctx: Ctx, opts: Record<string, unknown>, args: string[]): Promise<number> {
  return Promise.resolve(render(ctx, opts, args));
}

function render(ctx: Ctx, opts: Record<string, unknown>, args: string[]): number {
  const id = meetingIdArg(args[0] ?? '', 'The meeting');
  if (opts.format !== undefined && opts.format !== 'md' && opts.format !== 'html')
    throw new UsageError('--format must be md or html.');
  const format = opts.format === 'html' ? 'html' : 'md';
  const out = typeof opts.out === 'string' ? opts.out : undefined;
  if (out?.trim() === '') throw new UsageError(`--out needs a file name, e.g. --out minutes.${format}.`);
  const force = opts.force === true;
  if (force && out === undefined)
    throw new UsageError('--force replaces the file named by --out; give --out FILE too.');

  // The minutes of one meeting need that meeting, the partnership and the roster: nothing else is read.
  const rec = loadForMeetings(ctx, { minutesBodies: true, meetings: [id], actions: false });
  requireRoster(rec, 'the minutes name who was present');
  const entry = meetingArg(rec, id);
  if (!entry.minutes || !entry.items) {
    const p = readProblem(rec, `meetings/${id}/minutes.md`);
    if (p)
      throw new UsageError(
        `The minutes of ${id} cannot be read (${where(p)}). Correct them first; csp validate lists every problem.`,
      );
    throw new UsageError(`The meeting ${id} has no minutes yet. Draft them with: csp minutes new ${id}`);
  }
  const options = { includeExempt: opts.includeExempt === true };
  const doc = format === 'html' ? minutesHtml(rec, entry, options) : minutesMarkdown(rec, entry, options);
  if (doc.problems.length > 0) {
    throw new ProblemError(
      `Some of the minutes of ${id} cannot be shown (${doc.problems.join('; ')}); nothing was written. Simplify that text.`,
    );
  }
  if (out === undefined) {
    ctx.out(doc.text);
    return 0;
  }
  const abs = path.resolve(ctx.io.cwd, out);
  if (force) replaceOutputFile(ctx.io.system, abs, out, doc.text);
  else if (!createOutputFile(ctx.io.system, abs, out, doc.text)) {
    throw new ProblemError(
      `${out} already exists, so nothing was written. Choose another name, or add --force to replace it.`,
    );
  }
  ctx.out(`Wrote the minutes of ${id} to ${out}\n`);
  return 0;
}
