/**
 * csp init: creates a starter record (partnership.md with the defaults written out,
 * an example members.yaml, meetings/ and actions/); with `--ci github` a workflow that
 * checks pull requests, and with `--publish github-pages` one that publishes the site. Every file is created exclusively: nothing is ever
 * overwritten, and a file that is already there is kept and reported.
 */
import path from 'node:path';
import { UsageError } from '../core/errors.js';
import { displayPath } from '../core/paths.js';
import { initRecord, shellWord } from '../ops/init-record.js';
import { packageHome } from '../workspace/assets.js';
import { exists, isFolder } from '../workspace/files.js';
import type { Ctx } from './context.js';
import { str } from './options.js';

/** The names written when --name is not given (the clerk edits them), as in the bundled example. */
export const DEFAULT_NAME = 'Example Borough Community Safety Partnership';
export const DEFAULT_SHORT_NAME = 'Example CSP';

/** A short name from the full one: "… Community Safety Partnership" becomes "… CSP"; otherwise the name itself. */
export function shortNameOf(name: string): string {
  const m = /^(.*?)\s*\bCommunity Safety Partnership$/i.exec(name);
  if (!m) return name;
  return m[1] === '' ? 'CSP' : `${m[1]} CSP`;
}

/** csp init [DIR] [--name NAME] [--ci github] [--publish github-pages]. */
export async function run(ctx: Ctx, opts: Record<string, unknown>, args: string[]): Promise<number> {
  const cwd = ctx.io.cwd;
  if (typeof opts.records === 'string') {
    throw new UsageError(
      `csp init takes the folder to create as its argument, not --records: csp init ${shellWord(opts.records)}`,
    );
  }
  const given = args[0] ?? 'records';
  if (given.trim() === '')
    throw new UsageError('The folder for the record is empty. Name it, for example: csp init records');
  const root = path.resolve(cwd, given);
  if (exists(root) && !isFolder(root)) {
    throw new UsageError(
      `${given} is a file, not a folder, so no record can be created there. Choose another folder: csp init DIR`,
    );
  }

  let name = DEFAULT_NAME;
  if (opts.name !== undefined) {
    name = (str(opts.name) ?? '').trim();
    if (name === '')
      throw new UsageError(
        '--name is empty. Give the partnership\'s full name, for example --name "Example Borough Community Safety Partnership".',
      );
    if (/\p{Cc}/u.test(name))
      throw new UsageError('--name holds a line break or another control character. Give the name on one line.');
  }
  const shortName = opts.name === undefined ? DEFAULT_SHORT_NAME : shortNameOf(name);

  const { created } = await initRecord({
    cwd,
    root,
    name,
    shortName,
    today: ctx.today,
    ci: opts.ci === 'github' ? 'github' : undefined,
    publish: opts.publish === 'github-pages' ? 'github-pages' : undefined,
    system: ctx.io.system,
    report: (shown, made) => {
      ctx.out(made ? `created ${shown}\n` : `kept existing ${shown}\n`);
    },
  });

  const shownRoot = displayPath(cwd, root);
  if (created === 0) {
    ctx.err(`csp: every file of the record in ${shownRoot} already exists; nothing was written.\n`);
    return 1;
  }
  const recordsArg = shownRoot === 'records' ? '' : ` --records ${shellWord(shownRoot)}`;
  ctx.out(
    `\nNext: put your partnership's name, rules and terms of reference in ${shownRoot}/partnership.md, ` +
      `replace the example people in ${shownRoot}/members.yaml, then check the record with: csp validate${recordsArg}\n`,
  );
  if (opts.ci === 'github') {
    ctx.out(
      `The pull-request check uses the csp action (${packageHome().action}); the repository needs nothing else installed.\n`,
    );
  }
  if (opts.publish === 'github-pages') {
    ctx.out('To publish, choose "GitHub Actions" as the source in the repository\'s Settings > Pages, once.\n');
  }
  return 0;
}
