/**
 * YAML with positions. Dates stay the strings the clerk wrote (YAML 1.2 core schema),
 * aliases are limited, and every problem comes back with a line and column.
 */
import { LineCounter, parseDocument, isMap, isSeq, isPair, isScalar, stringify, visit } from 'yaml';
import type { Document, Node } from 'yaml';
import type { Position } from '../core/position.js';

/** Aliases allowed in one file before it is refused (an "alias bomb" guard). */
export const MAX_ALIASES = 50;
/** Nesting depth beyond which a file is refused; no record needs more than a handful. */
export const MAX_DEPTH = 32;

export interface YamlProblem {
  message: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
}

export interface ParsedYaml {
  /** The plain data, or undefined when the YAML could not be read. */
  data: unknown;
  ok: boolean;
  problems: YamlProblem[];
  /** Position of the node (or its key) at a path; the nearest existing ancestor if absent. */
  pos(path: readonly (string | number)[], key?: boolean): Position;
  /** Offsets [start, end) in the YAML text of the value node at a path, if it exists. */
  range(path: readonly (string | number)[]): [number, number] | undefined;
  /** Every node's offsets, as plain data that can be cached (see nodeTable). */
  table(): NodeTable;
}

/** Path (segments joined by NUL) → [key offset or -1, value start, value end], offsets in the YAML text. */
export type NodeTable = Record<string, [number, number, number]>;

type Seg = string | number;

/** Parses a YAML text whose first line is line `firstLine` of its file. */
export function parseYaml(text: string, firstLine = 1): ParsedYaml {
  const lc = new LineCounter();
  const at = (offset: number): Position => {
    const p = lc.linePos(Math.max(0, Math.min(offset, text.length)));
    return { line: p.line + firstLine - 1, column: p.col };
  };
  const problems: YamlProblem[] = [];
  let doc: Document.Parsed | undefined;
  try {
    doc = parseDocument(text, {
      lineCounter: lc,
      prettyErrors: false,
      uniqueKeys: true,
      version: '1.2',
      schema: 'core',
      merge: false,
      strict: true,
      keepSourceTokens: false,
    });
  } catch (e) {
    problems.push({ message: depthMessage(e), ...at(0), severity: 'error' });
  }
  /** The deepest node along a path (its key too, for a map entry), and whether the whole path exists. */
  const locate = (
    path: readonly Seg[],
  ): { node?: Node | undefined; keyNode?: Node | undefined; value?: Node | undefined; complete: boolean } => {
    let node: unknown = doc?.contents;
    let last: { node?: Node | undefined; keyNode?: Node | undefined; value?: Node | undefined } = {
      node: node as Node | undefined,
      value: node as Node | undefined,
    };
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) return { ...last, complete: false };
        last = {
          node: (pair.value as Node | null) ?? (pair.key as Node),
          keyNode: pair.key as Node,
          value: (pair.value as Node | null) ?? undefined,
        };
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number' && node.items[seg]) {
        node = node.items[seg];
        last = { node: node as Node, value: node as Node };
      } else {
        return { ...last, complete: false };
      }
    }
    return { ...last, complete: true };
  };
  const pos = (path: readonly Seg[], key = false): Position => {
    const found = locate(path);
    const target = (key && found.keyNode) || found.node;
    return at(target?.range ? target.range[0] : 0);
  };
  const range = (path: readonly Seg[]): [number, number] | undefined => {
    const found = locate(path);
    const r = found.complete ? found.value?.range : undefined;
    return r ? [r[0], r[1]] : undefined;
  };
  if (!doc) return { data: undefined, ok: false, problems, pos, range, table: () => ({}) };

  for (const err of doc.errors) {
    problems.push({ message: yamlMessage(err.code, err.message), ...at(err.pos[0]), severity: 'error' });
  }
  for (const w of doc.warnings) {
    problems.push({ message: yamlMessage(w.code, w.message), ...at(w.pos[0]), severity: 'warning' });
  }
  if (doc.errors.length > 0) return { data: undefined, ok: false, problems, pos, range, table: () => ({}) };

  // Count aliases and depth before building plain data: an alias bomb or a
  // pathological nesting must become a finding, not a hang or a stack overflow.
  let aliases = 0;
  let firstAlias = -1;
  let tooDeep = -1;
  try {
    visit(doc, {
      Alias(_k, node) {
        aliases++;
        if (firstAlias < 0 && node.range) firstAlias = node.range[0];
      },
      Node(_k, node, path) {
        if (tooDeep < 0 && path.length > MAX_DEPTH * 2 + 2) {
          tooDeep = node.range ? node.range[0] : 0;
          return visit.BREAK;
        }
        return undefined;
      },
    });
  } catch (e) {
    problems.push({ message: depthMessage(e), ...at(0), severity: 'error' });
    return { data: undefined, ok: false, problems, pos, range, table: () => ({}) };
  }
  if (tooDeep >= 0) {
    problems.push({
      message: `This YAML is nested more than ${MAX_DEPTH} levels deep, far beyond any record. Flatten it; csp stops reading here.`,
      ...at(tooDeep),
      severity: 'error',
    });
    return { data: undefined, ok: false, problems, pos, range, table: () => ({}) };
  }
  if (aliases > MAX_ALIASES) {
    problems.push({
      message: `This YAML uses ${aliases} aliases (*name); at most ${MAX_ALIASES} are allowed. Write the values out instead of repeating them by alias.`,
      ...at(firstAlias),
      severity: 'error',
    });
    return { data: undefined, ok: false, problems, pos, range, table: () => ({}) };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    const message =
      e instanceof Error && /alias/i.test(e.message)
        ? `The aliases in this YAML expand to too much data. Write the values out instead of repeating them by alias.`
        : depthMessage(e);
    problems.push({ message, ...at(firstAlias >= 0 ? firstAlias : 0), severity: 'error' });
    return { data: undefined, ok: false, problems, pos, range, table: () => ({}) };
  }
  return { data, ok: true, problems, pos, range, table: () => buildTable(doc.contents) };
}

function buildTable(root: unknown): NodeTable {
  const out: NodeTable = {};
  const walk = (node: unknown, path: string, keyOffset: number): void => {
    const r = (node as Node | null)?.range;
    if (r) out[path] = [keyOffset, r[0], r[1]];
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const k = String(pair.key.value);
        const child = path === '' ? k : `${path}\u0000${k}`;
        const kr = (pair.key as Node).range;
        if (pair.value) walk(pair.value, child, kr ? kr[0] : -1);
        else if (kr) out[child] = [kr[0], kr[0], kr[1]];
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        walk(item, path === '' ? String(i) : `${path}\u0000${i}`, -1);
      });
    }
  };
  walk(root, '', -1);
  return out;
}

function depthMessage(e: unknown): string {
  if (e instanceof RangeError) return 'This YAML is nested too deeply to read. Flatten it.';
  return `This YAML could not be read: ${e instanceof Error ? e.message : String(e)}.`;
}

const HINTS: Record<string, string> = {
  TAB_AS_INDENT: 'Indent with spaces, not tabs.',
  DUPLICATE_KEY: 'Each field may appear once; remove or rename the second one.',
  BAD_INDENT: 'Check the indentation: items of one list or map line up under each other.',
  MISSING_CHAR: 'A quote or bracket is not closed.',
  BLOCK_AS_IMPLICIT_KEY: 'A key is followed by something that is not a value; check for a missing colon or quote.',
  MULTILINE_IMPLICIT_KEY: 'A key runs over more than one line; check for a missing colon or quote.',
  BAD_ALIAS: 'An alias (*name) refers to no anchor (&name).',
  TAG_RESOLVE_FAILED: 'Tags such as !!binary are not used in a record; remove the tag.',
};

function yamlMessage(code: string, message: string): string {
  // yaml reports a stack overflow on deep nesting as "Maximum call stack size exceeded".
  if (code === 'RESOURCE_EXHAUSTION')
    return `This YAML is nested too deeply (or too large) to read. Flatten it: no record needs more than ${MAX_DEPTH} levels.`;
  // yaml's own message may end with " at line N, column M" — positions go in their own fields.
  // A directive (%YAML, %TAG) is not front matter: yaml then asks for a "---" line.
  if (code === 'MISSING_CHAR' && /directives-end/.test(message))
    return 'A line starting with "%" (a YAML directive such as %YAML 1.2) cannot stand in front matter. Remove it: csp reads YAML 1.2 already.';
  const plain = message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim();
  const hint = HINTS[code];
  return `YAML: ${plain.replace(/\.$/, '')}.${hint ? ' ' + hint : ''}`;
}

/** Data written as block-style YAML 1.2 (dates stay plain strings), for a front matter csp must rewrite whole. */
export function blockYaml(data: unknown): string {
  return stringify(data, { version: '1.2', schema: 'core', lineWidth: 0 });
}
