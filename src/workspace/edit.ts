/**
 * Byte-preserving edits of front matter: each edit splices new text into the original
 * at a YAML node's offsets, so comments, key order, quoting, line ends and every
 * untouched line stay exactly as the clerk wrote them.
 */
import type { Loaded } from '../model/types.js';

/** Replace text[start, end) with `text`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Applies edits computed on the same original text (from the end backwards). */
export function applyEdits(text: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

const PLAIN_SAFE = /^[A-Za-z0-9][A-Za-z0-9 ._/@()-]*$/;
const LOOKS_TYPED = /^(true|false|yes|no|on|off|null|~|[-+]?[0-9][0-9_.:eE+-]*|\.inf|\.nan)$/i;

/** A YAML scalar for a value: plain when that reads back as the same string, else double-quoted. */
export function yamlScalar(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value; // dates stay plain strings under YAML 1.2 core
  if (PLAIN_SAFE.test(value) && !LOOKS_TYPED.test(value) && !/\s$/.test(value) && !value.includes(': ') && !value.includes(' #')) return value;
  return JSON.stringify(value);
}

/** A flow mapping `{ a: 1, b: two }` from ordered entries (undefined values left out). */
export function flowMap(entries: [string, string | number | boolean | undefined][]): string {
  return `{ ${entries
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${yamlScalar(v as string | number | boolean)}`)
    .join(', ')} }`;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEnd(text: string, offset: number): number {
  const i = text.indexOf('\n', offset);
  return i === -1 ? text.length : i + 1;
}

function offsetOfLine(text: string, line: number): number {
  let off = 0;
  for (let l = 1; l < line; l++) {
    const i = text.indexOf('\n', off);
    if (i === -1) return text.length;
    off = i + 1;
  }
  return off;
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
    if (data && Object.hasOwn(data, after)) {
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
