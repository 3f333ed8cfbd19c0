/** csp import: past minutes (text, a saved web page, Word, PDF) into draft meetings and minutes. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../core/errors.js';
import { checkMeetingOption, importMinutes } from '../ops/import-minutes.js';
import { importJson, importText, progressLine } from '../render/import.js';
import { exists } from '../workspace/files.js';
import type { Ctx } from './context.js';
import { opContext } from './read.js';

/**
 * The worker that reads each document with a memory cap and a time limit. It is the
 * compiled reader beside this module; where there is none (the TypeScript sources run
 * directly) documents are read in this thread.
 */
function readerWorker(): URL | undefined {
  // The build bundles it as its own entry beside the command's code (dist/extract-worker.js).
  const url = new URL('./extract-worker.js', import.meta.url);
  return exists(fileURLToPath(url)) ? url : undefined;
}

/** csp import FILE… [--meeting DATE] [--dry-run] [--add-people] [--format text|json] */
export async function run(ctx: Ctx, opts: Record<string, unknown>, args: string[]): Promise<number> {
  const format = typeof opts.format === 'string' ? opts.format : 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError('--format must be text or json.');
  const meeting = typeof opts.meeting === 'string' ? opts.meeting : undefined;
  checkMeetingOption(meeting, args.length);
  const files = args.map((typed) => ({ typed, abs: path.resolve(ctx.io.cwd, typed) }));
  const dryRun = opts.dryRun === true;
  // A progress bar for a batch, on a terminal only (quiet when piped or for JSON).
  const bar = ctx.io.isTTY && format === 'text' && files.length > 1;
  const result = await importMinutes(opContext(ctx), {
    files,
    meeting,
    dryRun,
    addPeople: opts.addPeople === true,
    worker: readerWorker(),
    onProgress: bar
      ? (done, total, file) => {
          ctx.err(`\r${progressLine(done, total, file, ctx.io.columns ?? 80)}`);
        }
      : undefined,
  });
  if (bar) ctx.err('\r\x1b[2K');
  ctx.out(format === 'json' ? importJson(result) : importText(result, { dryRun }));
  return result.exitCode;
}
