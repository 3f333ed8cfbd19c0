/** csp changes --base REF: what a change (a pull request, a branch) does to the record, in the clerk's words. */
import type { Ctx } from './context.js';
import { readRecord } from './read.js';
import { str } from './options.js';
import { UsageError } from '../core/errors.js';
import { loadRecord } from '../load/load.js';
import { peopleNames, recordChanges } from '../queries/changes.js';
import { changesJson, changesMarkdown, changesText } from '../render/changes.js';
import { branchPoint, recordAtRevision } from '../workspace/git.js';

/** Compares the record with the revision where this branch left --base; exit 0 (it reports, it does not judge). */
export function run(ctx: Ctx, opts: Record<string, unknown>): number {
  const base = str(opts.base);
  if (base === undefined)
    throw new UsageError('csp changes needs --base REF: the branch or revision to compare with, e.g. --base main.');
  const format = str(opts.format) ?? 'text';
  const { root, display } = ctx.record();
  const commit = branchPoint(root, base);
  const snapshot = recordAtRevision(root, commit);
  let changes;
  let before;
  let after;
  try {
    // The earlier record is a temporary copy: read without the record index, so none is left behind for it.
    before = loadRecord(snapshot.dir, display, {
      minutesBodies: true,
      env: { ...ctx.io.env, CSP_NO_CACHE: '1' },
      trace: (line) => {
        ctx.err(line);
      },
    });
    after = readRecord(ctx, { minutesBodies: true });
    changes = recordChanges(before, after);
  } finally {
    snapshot.remove();
  }
  const context = { name: after.settings.short_name, base, commit, nameOf: peopleNames(before, after) };
  if (format === 'json') ctx.out(changesJson(changes, context));
  else if (format === 'md') ctx.out(changesMarkdown(changes, context));
  else ctx.out(changesText(changes, context));
  return 0;
}
