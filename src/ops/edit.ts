/**
 * Byte-preserving edits of front matter: each edit splices new text into the original
 * at a YAML node's offsets, so comments, key order, quoting, line ends and every
 * untouched line stay exactly as the clerk wrote them.
 */
import type { Loaded } from '../model/types.js';
import { lineEndOf as lineEnd, lineStartOf as lineStart, offsetOfLine } from '../core/position.js';
import { yamlScalar } from '../core/yaml-text.js';

/** Replace text[start, end) with `text`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * Applies edits computed on the same original text. Insertions at one place come out in
 * the order they were made, before a replacement that starts there; edits that overlap
 * are refused (undefined), never guessed at.
 */
export function applyEdits(text: string, edits: readonly Edit[]): string | undefined {
  const indexed = edits.map((e, i) => ({ ...e, i }));
  // From the end backwards; at one offset the replacement first, then the insertions last-made first.
  const sorted = indexed.sort((a, b) => b.start - a.start || b.end - a.end || b.i - a.i);
  for (let k = 1; k < sorted.length; k++) {
    const later = sorted[k - 1]!;
    const earlier = sorted[k]!;
    if (
      earlier.end > later.start &&
      !(earlier.start === later.start && (earlier.end === earlier.start || later.end === later.start))
    ) {
      return undefined;
    }
  }
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** Whether the front matter is written as one flow mapping (`{ title: …, status: open }`), which line edits cannot extend. */
export function isFlowMapping(loaded: Loaded<unknown>): boolean {
  const r = loaded.range([]);
  return r !== undefined && loaded.file.text.slice(r[0], r[1]).startsWith('{');
}

/**
 * The edit that rewrites a front matter written as one flow mapping as `data` in block
 * style (the body and the fences are kept): the only way to add a field to it.
 */
export function rewriteFrontMatter(loaded: Loaded<unknown>, yamlText: string): Edit {
  const text = loaded.file.text;
  const open = /^---[^\r\n]*\r?\n/.exec(text);
  const start = open ? open[0].length : 0;
  const end = closingFence(loaded);
  return { start, end, text: yamlText.replace(/\n/g, loaded.file.eol) };
}

/** Replaces the value at `path` (which must exist), keeping the original's quote style where it can. */
export function replaceValue(loaded: Loaded<unknown>, path: (string | number)[], value: string): Edit {
  const r = loaded.range(path);
  if (!r) throw new Error(`no value at ${path.join('.')}`);
  const old = loaded.file.text.slice(r[0], r[1]);
  let text = yamlScalar(value);
  if (old.startsWith("'") && !value.includes("'")) text = `'${value}'`;
  else if (old.startsWith('"')) text = JSON.stringify(value);
  return { start: r[0], end: r[1], text };
}

/** Where the closing `---` of the front matter starts. */
function closingFence(loaded: Loaded<unknown>): number {
  return lineStart(loaded.file.text, loaded.bodyStart - 1 > 0 ? loaded.bodyStart - 1 : 0);
}

/** Inserts a top-level `key: value` line (value may span lines) after `afterKey` if present, else at the end. */
export function insertTopLevel(loaded: Loaded<unknown>, key: string, value: string, afterKeys: string[] = []): Edit {
  const eol = loaded.file.eol;
  const data = loaded.data as Record<string, unknown>;
  const line = `${key}:${value.startsWith('\n') ? '' : ' '}${value.split('\n').join(eol)}${eol}`;
  for (const after of afterKeys) {
    if (Object.hasOwn(data, after)) {
      const end = pairEnd(loaded, after);
      return { start: end, end, text: line };
    }
  }
  const at = closingFence(loaded);
  return { start: at, end: at, text: line };
}

/** Offset just after the last line of a top-level pair. */
function pairEnd(loaded: Loaded<unknown>, key: string): number {
  const text = loaded.file.text;
  const r = loaded.range([key]);
  const keyLine = offsetOfLine(text, loaded.pos([key], true).line);
  if (!r) return lineEnd(text, keyLine);
  // The value's end, to the end of its line; never past the closing fence.
  return Math.min(lineEnd(text, Math.max(r[1] - 1, keyLine)), closingFence(loaded));
}

/** Removes a top-level key and its value (whole lines). */
export function removeTopLevel(loaded: Loaded<unknown>, key: string): Edit {
  const text = loaded.file.text;
  const start = offsetOfLine(text, loaded.pos([key], true).line);
  return { start, end: pairEnd(loaded, key), text: '' };
}

/** Appends an item (a one-line flow value) to the top-level list `key`, creating the list if needed. */
export function appendToList(loaded: Loaded<unknown>, key: string, item: string, afterKeys: string[] = []): Edit {
  const text = loaded.file.text;
  const eol = loaded.file.eol;
  const data = loaded.data as Record<string, unknown>;
  const r = Object.hasOwn(data, key) ? loaded.range([key]) : undefined;
  if (!r || data[key] === null) {
    if (Object.hasOwn(data, key)) {
      // `key:` with nothing after it: put the item under it.
      const end = pairEnd(loaded, key);
      const start = offsetOfLine(text, loaded.pos([key], true).line);
      return { start, end, text: `${key}:${eol}  - ${item}${eol}` };
    }
    return insertTopLevel(loaded, key, `\n  - ${item}`, afterKeys);
  }
  const src = text.slice(r[0], r[1]);
  if (src.startsWith('[')) {
    const inner = src.slice(1, -1).trim();
    const close = r[0] + src.lastIndexOf(']');
    if (inner.endsWith(',')) return { start: close, end: close, text: ` ${item}` }; // a trailing comma: the item follows it
    if (inner === '') {
      const start = offsetOfLine(text, loaded.pos([key], true).line);
      return { start, end: pairEnd(loaded, key), text: `${key}:${eol}  - ${item}${eol}` };
    }
    return { start: close, end: close, text: `, ${item}` };
  }
  // A block list: the new item goes on a line after the last one, indented like the first.
  const firstLine = offsetOfLine(text, loaded.pos([key, 0]).line);
  const indent = /^[ \t]*/.exec(text.slice(firstLine))?.[0] ?? '  ';
  const list = data[key] as unknown[];
  const lastRange = loaded.range([key, list.length - 1]);
  const after = lineEnd(text, (lastRange ? lastRange[1] : r[1]) - 1);
  return { start: after, end: after, text: `${indent}- ${item}${eol}` };
}

/** A value already written as YAML (say, quoted as the file's other entries are quoted). */
export class YamlText {
  constructor(readonly text: string) {}
}

/** A value csp writes into front matter: a scalar, a list of scalars, or a map of scalars (written in flow style). */
export type YamlValue =
  string | number | boolean | readonly (string | number)[] | { readonly [k: string]: string | number } | YamlText;

/** The YAML text of a value on one line: `a`, `[a, b]` or `{ k: v }`. */
export function flowValue(v: YamlValue): string {
  if (v instanceof YamlText) return v.text;
  if (typeof v !== 'object') return yamlScalar(v);
  if (Array.isArray(v)) return `[${(v as readonly (string | number)[]).map((x) => yamlScalar(x)).join(', ')}]`;
  const entries = Object.entries(v as Record<string, string | number>);
  return `{ ${entries.map(([k, x]) => `${k}: ${yamlScalar(x)}`).join(', ')} }`;
}

/**
 * Appends a mapping to the top-level list `key`, in the style of the list's existing
 * entries: block lines (`- title: …` then `  presenter: …`) when they are written so,
 * else one flow mapping. A missing list is created (after `afterKeys`), in `style`.
 */
export function appendMapping(
  loaded: Loaded<unknown>,
  key: string,
  entries: readonly (readonly [string, YamlValue | undefined])[],
  afterKeys: string[] = [],
  style: 'block' | 'flow' = 'block',
): Edit {
  const kept = entries.filter((e): e is readonly [string, YamlValue] => e[1] !== undefined);
  const flow = `{ ${kept.map(([k, v]) => `${k}: ${flowValue(v)}`).join(', ')} }`;
  const text = loaded.file.text;
  const eol = loaded.file.eol;
  const data = loaded.data as Record<string, unknown>;
  const list = data[key];
  const block = (indent: string, inner: string) =>
    kept.map(([k, v], i) => `${i === 0 ? `${indent}- ` : inner}${k}: ${flowValue(v)}${eol}`).join('');
  if (!Array.isArray(list) || list.length === 0) {
    if (style === 'flow' || (Object.hasOwn(data, key) && list !== null))
      return appendToList(loaded, key, flow, afterKeys);
    const lines = block('  ', '    ');
    if (Object.hasOwn(data, key)) {
      const start = offsetOfLine(text, loaded.pos([key], true).line);
      return { start, end: pairEnd(loaded, key), text: `${key}:${eol}${lines}` };
    }
    return insertTopLevel(loaded, key, `\n${lines.slice(0, -eol.length).split(eol).join('\n')}`, afterKeys);
  }
  const first = loaded.range([key, 0]);
  const firstText = first ? text.slice(first[0], first[1]) : '{';
  const listText = loaded.range([key]);
  if (firstText.startsWith('{') || (listText && text.slice(listText[0], listText[1]).startsWith('[')))
    return appendToList(loaded, key, flow, afterKeys);
  // Block entries: the dash's indent, and the column the first key starts at.
  const dashLine = offsetOfLine(text, loaded.pos([key, 0]).line);
  const indent = /^[ \t]*/.exec(text.slice(dashLine))?.[0] ?? '  ';
  const keyColumn = first ? first[0] - dashLine : indent.length + 2;
  const lastRange = loaded.range([key, list.length - 1]);
  const after = lineEnd(text, (lastRange ? lastRange[1] : first![1]) - 1);
  return { start: after, end: after, text: block(indent, ' '.repeat(keyColumn)) };
}
