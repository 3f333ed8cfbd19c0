/**
 * A fast reader for the plain YAML front matter is mostly made of: block maps and lists,
 * one-line flow maps and lists (`{ member: a, substitute: b }`, `[a, b]`), plain, single-
 * and double-quoted scalars on one line. It gives the same data (YAML 1.2 core schema) and
 * the same node offsets as the `yaml` library, and declines, returning undefined, anything
 * else: comments, anchors, aliases, tags, block scalars, multi-line scalars, escapes,
 * empty values, duplicate keys, tabs, CR line ends, numbers other than plain integers.
 * The caller then uses the library, so a finding never depends on which reader ran;
 * test/simple-yaml.test.ts checks the two agree.
 */
import { positions } from '../core/position.js';
import type { NodeTable, ParsedYaml } from './yaml.js';

/** What the fast reader found: the data and every node's offsets (as parseYaml's table() gives them). */
export interface SimpleYaml {
  data: Record<string, unknown>;
  table: NodeTable;
}

// Characters the fast reader leaves to the library wherever they are.
// eslint-disable-next-line no-control-regex -- control characters are what is refused
const REFUSED = /[\t\r\\\u0000-\u0008\u000b-\u001f\u007f\u0085\u2028\u2029\ufeff]/;
const KEY = /^[A-Za-z_][A-Za-z0-9_-]*/;
// Plain scalars the core schema reads as something other than a string or a plain integer.
const NOT_PLAIN_TEXT =
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const INT = /^[-+]?[0-9]+$/;
const NULL = /^(?:~|[Nn]ull|NULL)$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const MAX_DEPTH = 16;

class Decline extends Error {}
const decline = (): never => {
  throw new Decline();
};

interface Line {
  start: number;
  /** The end of what the line says: before any comment and the spaces before it. */
  end: number;
  /** The end of the line itself (its line end, or the end of the text). */
  eol: number;
  indent: number;
}

/** The data and node offsets of `text`, or undefined when it holds anything the fast reader leaves to the library. */
export function simpleYaml(text: string): SimpleYaml | undefined {
  if (REFUSED.test(text)) return undefined;
  const lines: Line[] = [];
  // The next "#" and " #" at or after the line being read (searched once each, not per line).
  let hash = -1;
  let spacedHash = -1;
  // A comment line indented deeper than the line after it may belong to the value before it: the library's business.
  let commentIndent = -1;
  for (let start = 0; start < text.length;) {
    let eol = text.indexOf('\n', start);
    if (eol === -1) eol = text.length;
    if (eol > start) {
      let i = start;
      while (i < eol && text.charCodeAt(i) === 32) i++;
      // A line of spaces, or a document marker: the library's business.
      if (i === eol) return undefined;
      if (i === start && (text.startsWith('---', start) || text.startsWith('...', start))) return undefined;
      let end = eol;
      if (hash !== Infinity && hash < i) hash = text.indexOf('#', i) === -1 ? Infinity : text.indexOf('#', i);
      if (hash < eol) {
        // A comment: a whole line of it, or " #" after what the line says (with no quote before it to confuse).
        if (hash === i) {
          commentIndent = Math.max(commentIndent, i - start);
          start = eol + 1;
          continue;
        }
        if (spacedHash !== Infinity && spacedHash < i)
          spacedHash = text.indexOf(' #', i) === -1 ? Infinity : text.indexOf(' #', i);
        if (spacedHash < eol) {
          const said = text.slice(i, spacedHash);
          if (said.includes('"') || said.includes("'")) return undefined;
          end = spacedHash;
          while (end > i && text.charCodeAt(end - 1) === 32) end--;
        }
      }
      // Trailing spaces: the library's business.
      if (end === eol && text.charCodeAt(end - 1) === 32) return undefined;
      if (commentIndent > i - start) return undefined;
      commentIndent = -1;
      lines.push({ start, end, eol, indent: i - start });
    }
    start = eol + 1;
  }
  if (commentIndent > 0) return undefined;
  if (lines.length === 0 || lines[0]!.indent !== 0) return undefined;
  const table: NodeTable = {};
  try {
    const r = new Reader(text, lines, table);
    const data = r.blockMap(0, lines[0]!.start, 0, '', -1);
    if (r.at !== lines.length) return undefined;
    return { data, table };
  } catch (e) {
    if (e instanceof Decline) return undefined;
    throw e;
  }
}

class Reader {
  /** The next line to read. */
  at = 0;
  constructor(
    private readonly text: string,
    private readonly lines: Line[],
    private readonly table: NodeTable,
  ) {}

  /** Offset just after the last line read (past its line end, when it has one). */
  private endOfRead(): number {
    const last = this.lines[this.at - 1]!;
    return last.eol < this.text.length ? last.eol + 1 : last.eol;
  }

  /**
   * A block map whose keys stand at column `indent`; its first key starts at `first`
   * (on the current line, which may be a list item's "- " line).
   */
  blockMap(indent: number, first: number, depth: number, path: string, keyAt: number): Record<string, unknown> {
    if (depth > MAX_DEPTH) decline();
    const out: Record<string, unknown> = {};
    let keyStart = first;
    for (;;) {
      const line = this.lines[this.at]!;
      const m = KEY.exec(this.text.slice(keyStart, line.end));
      if (!m) decline();
      const key = m![0];
      if (!usableKey(key) || Object.hasOwn(out, key)) decline();
      const colon = keyStart + key.length;
      if (this.text.charCodeAt(colon) !== 58) decline();
      const child = path === '' ? key : `${path}\u0000${key}`;
      this.at++;
      if (colon + 1 === line.end) {
        out[key] = this.nested(indent, depth + 1, child, keyStart);
      } else {
        if (this.text.charCodeAt(colon + 1) !== 32) decline();
        let v = colon + 1;
        while (this.text.charCodeAt(v) === 32) v++;
        const [value, end] = this.inline(v, line.end, depth + 1, child, keyStart, false);
        if (end !== line.end) decline();
        out[key] = value;
        // A deeper line after a value on one line would continue it (or be an error).
        const next = this.lines[this.at];
        if (next && next.indent > indent) decline();
      }
      const next = this.lines[this.at];
      if (!next || next.indent < indent) break;
      if (next.indent > indent) decline();
      keyStart = next.start + indent;
    }
    this.table[path] = [keyAt, first, this.endOfRead()];
    return out;
  }

  /** The block value of a key written alone on its line ("key:"): a map or a list on the lines after it. */
  private nested(indent: number, depth: number, path: string, keyAt: number): unknown {
    const line = this.lines[this.at];
    if (!line) decline();
    const first = line!.start + line!.indent;
    const dash = this.text.charCodeAt(first) === 45;
    if (dash && line!.indent >= indent) return this.blockSeq(line!.indent, depth, path, keyAt);
    if (!dash && line!.indent > indent) return this.blockMap(line!.indent, first, depth, path, keyAt);
    return decline();
  }

  /** A block list whose dashes stand at column `indent`. */
  private blockSeq(indent: number, depth: number, path: string, keyAt: number): unknown[] {
    if (depth > MAX_DEPTH) decline();
    const out: unknown[] = [];
    const first = this.lines[this.at]!.start + indent;
    for (;;) {
      const line = this.lines[this.at]!;
      const dash = line.start + indent;
      if (this.text.charCodeAt(dash) !== 45 || this.text.charCodeAt(dash + 1) !== 32) decline();
      const item = dash + 2;
      const c = this.text.charCodeAt(item);
      if (c === 32 || c === 45) decline();
      const child = `${path === '' ? '' : `${path}\u0000`}${out.length}`;
      const m = KEY.exec(this.text.slice(item, line.end));
      if (m && this.text.charCodeAt(item + m[0].length) === 58) {
        // "- key: value": a map in the list, its keys two columns in.
        out.push(this.blockMap(indent + 2, item, depth + 1, child, -1));
      } else {
        const [value, end] = this.inline(item, line.end, depth + 1, child, -1, false);
        if (end !== line.end) decline();
        out.push(value);
        this.at++;
        const next = this.lines[this.at];
        if (next && next.indent > indent) decline();
      }
      const next = this.lines[this.at];
      if (!next || next.indent < indent) break;
      if (next.indent > indent) decline();
      if (this.text.charCodeAt(next.start + indent) !== 45) break; // the parent map goes on
    }
    this.table[path] = [keyAt, first, this.endOfRead()];
    return out;
  }

  /**
   * A value on one line from `at`: a flow map or list, a quoted or plain scalar. Returns
   * the value and where it ends; in a flow (`flow`), a plain scalar stops at , ] }.
   */
  inline(at: number, end: number, depth: number, path: string, keyAt: number, flow: boolean): [unknown, number] {
    const t = this.text;
    const c = t.charCodeAt(at);
    if (c === 91 || c === 123) return this.flowCollection(at, end, depth, path, keyAt);
    if (c === 34 || c === 39) {
      const close = t.indexOf(c === 34 ? '"' : "'", at + 1);
      if (close === -1 || close >= end) decline();
      this.table[path] = [keyAt, at, close + 1];
      return [t.slice(at + 1, close), close + 1];
    }
    // Indicators that start something other than a plain scalar (and "-", "?", ":" at the start).
    if (at >= end || '-?:,[]{}#&*!|>\'"%@`'.includes(t[at]!)) decline();
    let stop = end;
    if (flow) {
      for (let i = at; i < end; i++) {
        const d = t.charCodeAt(i);
        if (d === 44 || d === 93 || d === 125) {
          stop = i;
          break;
        }
        if (d === 91 || d === 123 || d === 58) decline();
      }
      while (stop > at && t.charCodeAt(stop - 1) === 32) stop--;
    } else {
      const s = t.slice(at, end);
      if (/[[\]{}]/.test(s) || s.includes(': ') || s.endsWith(':')) decline();
    }
    if (stop === at) decline();
    const raw = t.slice(at, stop);
    this.table[path] = [keyAt, at, stop];
    return [plainValue(raw), stop];
  }

  /** A flow map or list that closes on the same line. */
  private flowCollection(at: number, end: number, depth: number, path: string, keyAt: number): [unknown, number] {
    if (depth > MAX_DEPTH) decline();
    const t = this.text;
    const map = t.charCodeAt(at) === 123;
    const close = map ? 125 : 93;
    const prefix = path === '' ? '' : `${path}\u0000`;
    const list: unknown[] = [];
    const obj: Record<string, unknown> = {};
    let i = at + 1;
    const spaces = () => {
      while (i < end && t.charCodeAt(i) === 32) i++;
    };
    spaces();
    if (t.charCodeAt(i) === close) i++;
    else {
      for (;;) {
        if (map) {
          const m = KEY.exec(t.slice(i, end));
          if (!m) decline();
          const key = m![0];
          if (!usableKey(key) || Object.hasOwn(obj, key)) decline();
          const k = i;
          i += key.length;
          if (t.charCodeAt(i) !== 58 || t.charCodeAt(i + 1) !== 32) decline();
          i += 1;
          spaces();
          const [value, next] = this.inline(i, end, depth + 1, prefix + key, k, true);
          obj[key] = value;
          i = next;
        } else {
          const [value, next] = this.inline(i, end, depth + 1, prefix + String(list.length), -1, true);
          list.push(value);
          i = next;
        }
        spaces();
        const d = t.charCodeAt(i);
        if (d === close) {
          i++;
          break;
        }
        if (d !== 44) decline();
        i++;
        spaces();
        if (t.charCodeAt(i) === close || i >= end) decline(); // a trailing comma
      }
    }
    this.table[path] = [keyAt, at, i];
    return [map ? obj : list, i];
  }
}

/** A key the fast reader takes as it stands (not one the core schema reads as null or true, nor a special one). */
function usableKey(key: string): boolean {
  return key.length <= 1000 && !NULL.test(key) && !BOOL.test(key) && key !== '__proto__';
}

/** A plain scalar's value under the YAML 1.2 core schema (other numbers are declined above). */
function plainValue(raw: string): unknown {
  if (NULL.test(raw)) return null;
  if (BOOL.test(raw)) return raw.charCodeAt(0) === 116 || raw.charCodeAt(0) === 84;
  if (INT.test(raw)) return parseInt(raw, 10);
  if (NOT_PLAIN_TEXT.test(raw)) decline();
  return raw;
}

/** The fast reading as the library's parseYaml would give it: no problems, positions from the node table. */
export function simpleParsed(fast: SimpleYaml, text: string, firstLine: number): ParsedYaml {
  const at = positions(text);
  const place = (offset: number) => {
    const p = at(Math.max(0, Math.min(offset, text.length)));
    return { line: p.line + firstLine - 1, column: p.column };
  };
  const { table } = fast;
  return {
    data: fast.data,
    ok: true,
    problems: [],
    pos(path, key = false) {
      // The deepest node along the path that exists (its key, when asked for and it has one).
      for (let n = path.length; n >= 0; n--) {
        const e = table[path.slice(0, n).map(String).join('\u0000')];
        if (e) return place(key && e[0] >= 0 ? e[0] : e[1]);
      }
      return place(0);
    },
    range(path) {
      const e = table[path.map(String).join('\u0000')];
      return e ? [e[1], e[2]] : undefined;
    },
    table: () => table,
  };
}
