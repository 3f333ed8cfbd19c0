/**
 * Front matter against the JSON Schemas in schemas/: compiled once per run, each
 * error placed on the YAML node it concerns, with a hint naming the nearest known key.
 */
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { nearest } from '../core/nearest.js';
import { schemaSource } from '../workspace/assets.js';

export type SchemaKind = 'partnership' | 'members' | 'meeting' | 'minutes' | 'action';

type AjvCtor = typeof import('ajv').default;

let compiled: Map<SchemaKind, ValidateFunction> | undefined;

function compileAll(): Map<SchemaKind, ValidateFunction> {
  // The build compiles the schemas into standalone code (scripts/compile-schemas.js);
  // compiling them here costs ~150 ms, so it is only the fallback (tests run from src/).
  const require = createRequire(import.meta.url);
  try {
    const pre = require('./validators.cjs') as Record<SchemaKind, ValidateFunction>;
    return new Map((['partnership', 'members', 'meeting', 'minutes', 'action'] as const).map((k) => [k, pre[k]]));
  } catch {
    // not built: compile below
  }
  const ajvModule = require('ajv') as { default?: AjvCtor } & AjvCtor;
  const formatsModule = require('ajv-formats') as { default?: unknown };
  const Ajv = ajvModule.default ?? ajvModule;
  const addFormats = (formatsModule.default ?? formatsModule) as (ajv: InstanceType<AjvCtor>) => void;
  const ajv = new Ajv({ allErrors: true, strict: true, verbose: true });
  addFormats(ajv);
  const out = new Map<SchemaKind, ValidateFunction>();
  for (const kind of ['partnership', 'members', 'meeting', 'minutes', 'action'] as const) {
    out.set(kind, ajv.compile(schemaSource(kind)));
  }
  return out;
}

/** A schema finding: where (a path into the data, and whether it is the key) and what. */
export interface SchemaProblem {
  path: (string | number)[];
  key: boolean;
  message: string;
}

/** Checks data against the schema of its kind. */
export function checkSchema(kind: SchemaKind, data: unknown): SchemaProblem[] {
  compiled ??= compileAll();
  const validate = compiled.get(kind)!;
  if (validate(data)) return [];
  return explain(validate.errors ?? []);
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a set of fields (key: value lines)',
  null: 'empty',
};

function toPath(instancePath: string): (string | number)[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function describePattern(pattern: string): string {
  if (pattern.includes('[0-9]{4}-[0-9]{2}-[0-9]{2}(')) return 'a meeting id (YYYY-MM-DD, or YYYY-MM-DD-slug)';
  if (pattern.includes('[0-9]{4}-[0-9]{2}-[0-9]{2}')) return 'a date written YYYY-MM-DD';
  if (pattern.includes('[01][0-9]|2[0-3]')) return 'a time written HH:MM (24-hour, quoted: "14:00")';
  if (pattern.includes('[a-z0-9]+(-[a-z0-9]+)*'))
    return 'an id of lower-case letters, digits and hyphens (like bernice-vanier)';
  return `text matching ${pattern}`;
}

function show(value: unknown): string {
  if (typeof value === 'string') return `"${value.length > 60 ? value.slice(0, 57) + '…' : value}"`;
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a set of fields';
  // YAML reads .nan and .inf as numbers: say what was written, and how to keep it as text.
  if (typeof value === 'number' && !Number.isFinite(value))
    return `${Number.isNaN(value) ? '.nan' : value > 0 ? '.inf' : '-.inf'} (which YAML reads as a special number; put text in quotes)`;
  return `${value as number | boolean | undefined}`;
}

function label(p: (string | number)[]): string {
  const last = [...p].reverse().find((s) => typeof s === 'string');
  return last === undefined ? 'The front matter' : `"${last}"`;
}

function explain(errors: ErrorObject[]): SchemaProblem[] {
  // Alternatives (oneOf/anyOf) report every branch; keep one message per place.
  const byPath = new Map<string, ErrorObject[]>();
  for (const e of errors) {
    const list = byPath.get(e.instancePath) ?? [];
    list.push(e);
    byPath.set(e.instancePath, list);
  }
  const out: SchemaProblem[] = [];
  const seen = new Set<string>();
  const push = (p: SchemaProblem) => {
    const k = JSON.stringify(p.path) + p.message;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(p);
    }
  };
  for (const [instancePath, list] of byPath) {
    const p = toPath(instancePath);
    const hasAlternatives = list.some((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf');
    if (hasAlternatives) {
      const types = [...new Set(list.filter((e) => e.keyword === 'type').map((e) => String(e.params.type)))];
      const missing = list.filter((e) => e.keyword === 'required').map((e) => String(e.params.missingProperty));
      const deeper = errors.some((e) => e.instancePath.startsWith(instancePath + '/'));
      if (deeper) continue; // the deeper errors say more
      let message: string;
      if (types.length > 0 && list.every((e) => e.keyword !== 'required')) {
        message = `${label(p)} should be ${types.map((t) => TYPE_WORDS[t] ?? t).join(' or ')}, not ${show(list[0]?.data)}.`;
      } else if (missing.length > 0 && list.some((e) => e.keyword === 'oneOf' && e.params.passingSchemas)) {
        message = `${label(p)} should give only one of ${[...new Set(missing)].map((m) => `"${m}"`).join(' or ')}.`;
      } else if (missing.length > 0) {
        message = `${label(p)} needs one of ${[...new Set(missing)].map((m) => `"${m}"`).join(' or ')}.`;
      } else {
        const other = list.find((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf');
        message = other
          ? one(other, p).message
          : `${label(p)} does not have an accepted form; see the schema for this file.`;
      }
      push({ path: p, key: true, message });
      continue;
    }
    for (const e of list) {
      if (e.keyword === 'if') continue;
      push(one(e, p));
    }
  }
  return out;
}

function one(e: ErrorObject, p: (string | number)[]): SchemaProblem {
  const parent = e.parentSchema as { properties?: Record<string, unknown>; description?: string } | undefined;
  switch (e.keyword) {
    case 'additionalProperties': {
      const extra = String(e.params.additionalProperty);
      const known = Object.keys(parent?.properties ?? {});
      const guess = nearest(extra, known);
      const hint = guess
        ? ` Did you mean "${guess}"?`
        : known.length > 0
          ? ` The fields allowed here are: ${known.join(', ')}.`
          : '';
      return { path: [...p, extra], key: true, message: `"${extra}" is not a field csp knows here.${hint}` };
    }
    case 'required': {
      const missing = String(e.params.missingProperty);
      return {
        path: p,
        key: true,
        message:
          p.length === 0
            ? `The front matter has no "${missing}", which is required. Add a line "${missing}: …".`
            : `${label(p)} has no "${missing}", which is required here.`,
      };
    }
    case 'type': {
      const want = TYPE_WORDS[String(e.params.type)] ?? String(e.params.type);
      if (p.length === 0) {
        return {
          path: p,
          key: false,
          message: `The front matter should be ${want}, but it is ${show(e.data)}. Write one "key: value" line per field.`,
        };
      }
      return { path: p, key: false, message: `${label(p)} should be ${want}, not ${show(e.data)}.` };
    }
    case 'enum': {
      const allowed = (e.params.allowedValues as unknown[]).map(String);
      const guess = typeof e.data === 'string' ? nearest(e.data, allowed) : undefined;
      return {
        path: p,
        key: false,
        message: `${show(e.data)} is not an accepted value for ${label(p)}.${guess ? ` Did you mean "${guess}"?` : ''} Use one of: ${allowed.join(', ')}.`,
      };
    }
    case 'pattern':
      return { path: p, key: false, message: `${show(e.data)} is not ${describePattern(String(e.params.pattern))}.` };
    case 'format':
      return {
        path: p,
        key: false,
        message: `${show(e.data)} is not a valid ${e.params.format === 'uri' ? 'web address (https://…)' : e.params.format}.`,
      };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return {
        path: p,
        key: false,
        message: `${label(p)} must be ${e.keyword.includes('inimum') ? 'at least' : 'at most'} ${String(e.params.limit)}${e.keyword.startsWith('exclusive') ? ' (exclusive)' : ''}, not ${show(e.data)}.`,
      };
    case 'minItems':
      return {
        path: p,
        key: false,
        message: `${label(p)} needs at least ${String(e.params.limit)} entr${e.params.limit === 1 ? 'y' : 'ies'}.`,
      };
    case 'uniqueItems':
      return {
        path: p,
        key: false,
        message: `${label(p)} lists the same entry twice (entries ${String(e.params.j)} and ${String(e.params.i)}). Remove the repeat.`,
      };
    case 'minLength':
      return { path: p, key: false, message: `${label(p)} must not be empty.` };
    default:
      return { path: p, key: false, message: `${label(p)}: ${e.message ?? 'is not valid'}.` };
  }
}
