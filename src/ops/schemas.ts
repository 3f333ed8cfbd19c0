/**
 * Puts csp's JSON Schemas in a folder where an editor can use them. A schema file csp
 * wrote before (same `$id`) is brought up to date; any other file of the same name is
 * someone else's and is left alone. Every file goes through the one durable write path.
 */
import path from 'node:path';
import { schemaFiles, type SchemaFile } from '../workspace/assets.js';
import { readIfExists } from '../workspace/files.js';
import type { System } from '../workspace/system.js';
import { commit } from '../workspace/transaction.js';
import { writePlanned } from './seam.js';

/** What happened to one schema file. */
export type SchemaOutcome = 'created' | 'updated' | 'unchanged' | 'kept';

export interface SchemaWritten {
  name: string;
  describes: string;
  abs: string;
  outcome: SchemaOutcome;
}

/** The `$id` of a JSON file's text, if it is JSON with one. */
function idOf(text: string): unknown {
  try {
    return (JSON.parse(text) as { $id?: unknown }).$id;
  } catch {
    return undefined;
  }
}

/** Writes every shipped schema into `dir` (absolute), creating it when needed; `shown` gives a path as the clerk sees it. */
export function writeSchemas(system: System, dir: string, shown: (abs: string) => string): SchemaWritten[] {
  return schemaFiles().map((schema: SchemaFile) => {
    const abs = path.join(dir, schema.name);
    const base = { name: schema.name, describes: schema.describes, abs };
    const existing = readIfExists(abs);
    if (existing === undefined) {
      const r = writePlanned({ root: dir, system }, [
        { kind: 'create', abs, shown: shown(abs), text: schema.text, check: 'none' },
      ]);
      return { ...base, outcome: r.created.length === 1 ? 'created' : 'kept' };
    }
    if (existing === schema.text) return { ...base, outcome: 'unchanged' };
    if (idOf(existing) !== schema.id) return { ...base, outcome: 'kept' };
    // An older copy of the same schema: replaced whole, only if it is still what was read.
    commit(system.files, dir, [
      { kind: 'replace', abs, shown: shown(abs), bytes: Buffer.from(schema.text), original: Buffer.from(existing) },
    ]);
    return { ...base, outcome: 'updated' };
  });
}
