/** csp schemas [--out DIR]: the JSON Schemas of the record's files, listed or written out for an editor. */
import path from 'node:path';
import type { Ctx } from './context.js';
import { UsageError } from '../core/errors.js';
import { displayPath } from '../core/paths.js';
import { writeSchemas } from '../ops/schemas.js';
import { schemasList, schemasWritten } from '../render/schemas.js';
import { schemaFiles } from '../workspace/assets.js';
import { exists, isFolder } from '../workspace/files.js';

/** Lists the schemas (exit 0), or writes them into --out (exit 1 when a file of the same name was someone else's). */
export function run(ctx: Ctx, opts: Record<string, unknown>): number {
  if (typeof opts.out !== 'string') {
    ctx.out(schemasList(schemaFiles()));
    return 0;
  }
  if (opts.out.trim() === '')
    throw new UsageError('--out is empty. Name the folder to put the schemas in, for example --out csp-schemas.');
  const dir = path.resolve(ctx.io.cwd, opts.out);
  if (exists(dir) && !isFolder(dir))
    throw new UsageError(`${opts.out} is a file, not a folder. Choose a folder for the schemas: csp schemas --out DIR`);
  const show = (abs: string) => displayPath(ctx.io.cwd, abs);
  const written = writeSchemas(ctx.io.system, dir, show).map((w) => ({ ...w, shown: show(w.abs) }));
  ctx.out(schemasWritten(written));
  const kept = written.filter((w) => w.outcome === 'kept');
  if (kept.length > 0) {
    ctx.err(
      `csp: ${kept.map((k) => k.shown).join(', ')} ${kept.length === 1 ? 'is' : 'are'} not csp's and ${kept.length === 1 ? 'was' : 'were'} left as ${kept.length === 1 ? 'it was' : 'they were'}. Move ${kept.length === 1 ? 'it' : 'them'} away, or choose another folder.\n`,
    );
    return 1;
  }
  return 0;
}
