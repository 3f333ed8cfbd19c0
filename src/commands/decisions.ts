/** csp decisions: the decisions register, every RESOLVED with its meeting and minute number. */
import { userDate, type Ctx } from './context.js';
import { decisions } from '../queries/decisions.js';
import { decisionsText } from '../render/decisions.js';
import { loadForMeetings, warnUnread, str } from './options.js';

/** Runs csp decisions; exit 0, with or without matches. */
export function run(ctx: Ctx, opts: Record<string, unknown>): number {
  const since = typeof opts.since === 'string' ? userDate(opts.since, '--since') : undefined;
  const search = typeof opts.search === 'string' && opts.search.trim() !== '' ? opts.search.trim() : undefined;
  const format = str(opts.format) ?? 'text';
  const rec = loadForMeetings(ctx, { minutesBodies: true, roster: true });
  warnUnread(ctx, rec);
  const list = decisions(rec, {
    ...(search !== undefined ? { search } : {}),
    ...(since !== undefined ? { since } : {}),
  });
  if (format === 'json') ctx.out(JSON.stringify(list, null, 2) + '\n');
  else ctx.out(decisionsText(rec, list, { search, since }));
  return 0;
}
