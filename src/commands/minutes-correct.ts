/** csp minutes correct MEETING --at MEETING --minute N --note TEXT: the one permitted change to approved minutes. */
import { UsageError } from '../core/errors.js';
import { correctMinutes } from '../ops/correct-minutes.js';
import type { Ctx } from './context.js';
import { lineOption } from './line-option.js';
import { meetingIdArg, str } from './options.js';
import { opContext } from './read.js';

/** Runs csp minutes correct: exit 0 when the correction was recorded. */
export async function run(ctx: Ctx, opts: Record<string, unknown>, args: string[]): Promise<number> {
  const id = meetingIdArg(args[0] ?? '', 'The meeting');
  const at = meetingIdArg(str(opts.at) ?? '', '--at');
  const raw = str(opts.minute) ?? '';
  if (!/^[1-9][0-9]{0,5}$/.test(raw))
    throw new UsageError(
      `--minute "${raw}" is not a minute number. Give the number of the minute, in the minutes of ${at}, that agreed the correction (e.g. --minute 301).`,
    );
  const note = lineOption(opts.note, '--note', 'Minute 289: the date of the summit is 14 March, not 14 May')!;
  const r = await correctMinutes(opContext(ctx), id, at, Number(raw), note);
  if (str(opts.format) === 'json') ctx.out(JSON.stringify(r, null, 2) + '\n');
  else ctx.out(`Recorded in ${r.file} a correction agreed at ${at}, minute ${r.correction.minute}: ${note}\n`);
  return 0;
}
