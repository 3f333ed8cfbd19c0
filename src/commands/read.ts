/** Reading the record for a command: found from its options, with the command's environment. */
import { loadRecord, type LoadedRecord, type LoadOptions } from '../load/load.js';
import type { Ctx } from './context.js';

/** Finds and reads the record, as much of it as the command needs. */
export function readRecord(ctx: Ctx, options: Omit<LoadOptions, 'env' | 'trace'> = {}): LoadedRecord {
  const { root, display } = ctx.record();
  return loadRecord(root, display, { ...options, env: ctx.io.env, trace: ctx.err });
}
