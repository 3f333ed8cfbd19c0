/** record.json against schemas/public-record.schema.json (compiled at build time; compiled here only when running from src). */
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { schemaSource } from '../workspace/assets.js';

type AjvCtor = typeof import('ajv').default;

function validator(): ValidateFunction {
  const require = createRequire(import.meta.url);
  try {
    const pre = require('./public-record.cjs') as ValidateFunction | { default: ValidateFunction };
    return typeof pre === 'function' ? pre : pre.default;
  } catch {
    // not built: compile below
  }
  const ajvModule = require('ajv') as { default?: AjvCtor } & AjvCtor;
  const Ajv = ajvModule.default ?? ajvModule;
  const ajv = new Ajv({ allErrors: true, strict: true });
  return ajv.compile(schemaSource('public-record'));
}

/** The ways `data` breaks the public record's schema ("/meetings/0/date: must match pattern …"); none when it is valid. */
export function publicRecordProblems(data: unknown): string[] {
  const validate = validator();
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath || '/'}: ${e.message ?? 'is not valid'}`);
}
