/**
 * Reading one file's text: split the front matter, parse the YAML, check the schema and
 * the dates. Pure and plain-data in, plain-data out, so the result can be cached and the
 * work can run in a worker thread.
 */
import { splitFrontMatter } from '../parse/frontmatter.js';
import type { NodeTable } from '../parse/yaml.js';
import { yamlParser } from '../parse/lazy.js';
import { simpleParsed, simpleYaml } from '../parse/simple-yaml.js';
import { checkSchema, type SchemaKind } from '../schema/check.js';
import { isRealDate } from '../core/dates.js';
import type { RuleId, Severity } from '../core/diagnostic.js';
import { DATE } from '../core/ids.js';

/** The note `csp minutes new` puts on the drafted `present:` line; it stays until the clerk has pruned the list. */
export const PRESENT_NOTE = 'every member with a seat that day who sent no apologies: prune to those present';

/** Whether front matter's `present:` line still carries the drafted note (a comment, so not in the data). */
export function hasPresentNote(frontText: string): boolean {
  const line = /^present:[^\n]*#\s*([^\n]*)$/m.exec(frontText.replace(/\r\n/g, '\n'));
  return line !== null && line[1]!.trim().startsWith(PRESENT_NOTE);
}

const DATE_KEYS = new Set(['date', 'published', 'joined', 'left', 'due', 'completed', 'deferred_from']);

/** What reading one file found: plain data, so it can be cached by the file's content. */
export interface Analysis {
  problems: { line: number; column: number; rule: RuleId; message: string; severity: Severity }[];
  /** none: unusable; partial: YAML read but the schema failed; ok: loaded. */
  state: 'none' | 'partial' | 'ok';
  data?: unknown;
  table?: NodeTable;
  yamlStart: number;
  bodyStart: number;
  bodyLine: number;
  /** Minutes: whether the `present:` line still carries the drafted note (see hasPresentNote). */
  presentNote?: boolean;
}

/** Splits, parses and schema-checks one file's text. */
export function analyse(text: string, kind: SchemaKind, frontMatter: boolean): Analysis {
  const a: Analysis = { problems: [], state: 'none', yamlStart: 0, bodyStart: text.length, bodyLine: 1 };
  const add = (line: number, column: number, rule: RuleId, message: string, severity: Severity = 'error') =>
    a.problems.push({ line, column, rule, message, severity });
  let yamlText = text;
  let yamlLine = 1;
  if (frontMatter) {
    const split = splitFrontMatter(text);
    if (split.problem) {
      add(split.problem.line, split.problem.column, 'yaml-syntax', split.problem.message);
      return a;
    }
    if (!split.present) {
      add(
        1,
        1,
        'yaml-syntax',
        `This file has no front matter. It must start with a line "---", then its fields, then another "---".`,
      );
      return a;
    }
    a.yamlStart = split.yamlStart;
    a.bodyStart = split.bodyStart;
    a.bodyLine = split.bodyLine;
    yamlLine = split.yamlLine;
    yamlText = split.yaml;
    if (kind === 'minutes') a.presentNote = hasPresentNote(text.slice(0, split.bodyStart));
  }
  // Plain front matter is read by the fast reader; anything else by the YAML library (loaded only then).
  const fast = simpleYaml(yamlText);
  const parsed = fast ? simpleParsed(fast, yamlText, yamlLine) : yamlParser().parseYaml(yamlText, yamlLine);
  for (const p of parsed.problems) add(p.line, p.column, 'yaml-syntax', p.message, p.severity);
  if (!parsed.ok) return a;
  const data = parsed.data;
  if (data === null || data === undefined) {
    add(
      1,
      1,
      'schema',
      frontMatter
        ? 'The front matter is empty. Fill in its fields (see the record format in the README).'
        : 'This file is empty. Fill in its fields (see the record format in the README).',
    );
    return a;
  }
  const problems = checkSchema(kind, data);
  for (const p of problems) {
    const at = parsed.pos(p.path, p.key);
    add(at.line, at.column, 'schema', p.message);
  }
  // Dates must be real days; the schema has checked their shape. A file holding a day
  // that does not exist is not handed to the commands (as one that breaks its schema):
  // no query or page ever does arithmetic on 2023-02-30.
  let impossible = 0;
  walkDates(data, [], (value, p) => {
    if (!isRealDate(value)) {
      impossible++;
      const at = parsed.pos(p);
      add(at.line, at.column, 'date', `"${value}" is not a real day. Check the day and month (YYYY-MM-DD).`);
    }
  });
  a.data = data;
  a.state = problems.length > 0 || impossible > 0 ? 'partial' : 'ok';
  if (a.state === 'ok') a.table = parsed.table();
  return a;
}

function walkDates(
  value: unknown,
  p: (string | number)[],
  fn: (value: string, path: (string | number)[]) => void,
): void {
  if (Array.isArray(value))
    value.forEach((v, i) => {
      walkDates(v, [...p, i], fn);
    });
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (
        typeof v === 'string' &&
        (DATE_KEYS.has(k) || ((k === 'meeting' || k === 'to') && /^\d{4}-\d{2}-\d{2}/.test(v)))
      ) {
        const d = v.slice(0, 10);
        if (DATE.test(d)) fn(d, [...p, k]);
      } else walkDates(v, [...p, k], fn);
    }
  }
}
