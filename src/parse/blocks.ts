/**
 * Parsing a markdown body block by block. The CommonMark parser rebuilds its whole list
 * of events each time a list or quote closes, so a body of many lists or quotes takes
 * time in the square of its size (minutes of 200 KB with a list under each heading took
 * 40 s). The body is cut where every construct of the document has ended, each piece is
 * parsed alone and the trees are joined: the same tree, in time linear in the body's size.
 *
 * A piece starts at an ATX heading at the margin, or after a blank line at a line that is
 * not indented, or at the next item of a list at the margin; never inside a fenced code
 * block or an HTML block (a piece the parser shows ending inside one is carried on to
 * where it really ends). A list cut between its items is joined back into one list.
 * Reference links resolve within their own piece.
 */
import type { Definition, List, Nodes, Root, RootContent } from 'mdast';

const ATX = /^#{1,6}(?:[ \t]|$)/;
const THEMATIC = /^([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
/** HTML blocks that run over blank lines (CommonMark types 1 to 5), with what ends each. */
const HTML_OPEN: [RegExp, RegExp][] = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
  [/^ {0,3}<![A-Za-z]/, />/],
];
/** Any other HTML block (types 6 and 7) ends at a blank line: no heading starts a piece inside one. */
const HTML_OTHER = /^ {0,3}<[A-Za-z/]/;

/** Where one piece starts: its offset and 0-based line; `join` when it carries on the list before it. */
interface Cut {
  offset: number;
  line: number;
  join: boolean;
  afterBlank: boolean;
}

/** A piece of the body: where it starts, its text, and its tree (positions within the piece). */
interface Piece {
  start: Cut;
  text: string;
  tree: Root;
}

/** A list item line (after its indentation): its signature (the bullet, or "1." / "1)"), where its text starts, whether it may interrupt a paragraph. */
interface ItemLine {
  sig: string;
  content: number;
  interrupts: boolean;
  empty: boolean;
}

const ITEM = /^(?:([-+*])|(\d{1,9})([.)]))([ \t]*)(.*)$/;

/** The indentation of a line in columns (a tab to the next multiple of 4), and where its text starts. */
function indentOf(line: string): { columns: number; index: number } {
  let columns = 0;
  let index = 0;
  for (; index < line.length; index++) {
    const c = line.charCodeAt(index);
    if (c === 32) columns++;
    else if (c === 9) columns += 4 - (columns % 4);
    else break;
  }
  return { columns, index };
}

/** The list item a line starts, if it starts one. */
function itemLine(line: string, indent: { columns: number; index: number }): ItemLine | undefined {
  const rest = line.slice(indent.index);
  if (THEMATIC.test(rest)) return undefined;
  const m = ITEM.exec(rest);
  if (!m) return undefined;
  const spaces = m[4]!;
  const empty = m[5]!.trim() === '';
  if (spaces === '' && !empty) return undefined;
  const marker = m[1] ?? `${m[2]}${m[3]}`;
  const gap = empty || spaces.length > 4 || spaces.includes('\t') ? 1 : spaces.length;
  return {
    sig: m[1] ?? `1${m[3]}`,
    content: indent.columns + marker.length + gap,
    interrupts: !empty && (m[1] !== undefined || Number(m[2]) === 1),
    empty,
  };
}

/** The lines of body from `offset` on: each line's text (without its line end), offset and the offset after it. */
function* lines(body: string, offset: number): Generator<{ text: string; at: number; next: number }, undefined> {
  for (let at = offset; at < body.length;) {
    const nl = body.indexOf('\n', at);
    const end = nl === -1 ? body.length : nl;
    const text = body.charCodeAt(end - 1) === 13 ? body.slice(at, end - 1) : body.slice(at, end);
    const next = nl === -1 ? body.length : nl + 1;
    yield { text, at, next };
    at = next;
  }
}

/**
 * The cuts after `from` (itself the start of a piece, at 0-based line `line`), found one
 * at a time. What is known of the list open at the margin decides whether a list item
 * line may start a piece: "none" (nothing is open), a list with its signature and the
 * column its items' text starts at, or "unknown" (then no item starts a piece).
 */
function* cuts(body: string, from: number, line: number): Generator<Cut> {
  let fence: { char: string; length: number } | undefined;
  let html: RegExp | 'blank' | undefined;
  let prevBlank = true;
  // After indented code (4 columns in) blank lines may still belong to it: an item then may not start a piece.
  let afterCode = false;
  let list: 'none' | 'unknown' | { sig: string; content: number } = 'none';
  let lineNo = line - 1;
  for (const { text, at } of lines(body, from)) {
    lineNo++;
    if (fence) {
      const close = FENCE.exec(text);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length && close[2]!.trim() === '')
        fence = undefined;
      prevBlank = false;
      continue;
    }
    if (html instanceof RegExp) {
      if (html.test(text)) html = undefined;
      prevBlank = false;
      continue;
    }
    if (text.trim() === '') {
      if (html === 'blank') html = undefined;
      prevBlank = true;
      continue;
    }
    const indent = indentOf(text);
    const item = indent.columns < 4 ? itemLine(text, indent) : undefined;
    const cut = (join: boolean): Cut => ({ offset: at, line: lineNo, join, afterBlank: prevBlank });
    const same = item !== undefined && typeof list === 'object' && list.sig === item.sig;
    if (indent.columns > 0) {
      // Inside the open list's items, or else no longer known to be.
      if (typeof list === 'object' && indent.columns < list.content) list = 'unknown';
      else if (list === 'none' && item) list = 'unknown';
    } else if (html === undefined && ATX.test(text)) {
      if (at > from) yield cut(false);
      list = 'none';
    } else if (!item) {
      if (prevBlank && html === undefined && at > from) yield cut(false);
      list = prevBlank ? 'none' : 'unknown';
    } else if (html !== undefined || item.empty || (afterCode && !item.interrupts)) {
      // An empty item reads differently after some blocks (after indented code it is a paragraph).
      list = 'unknown';
    } else if (same && (prevBlank || item.interrupts)) {
      if (at > from) yield cut(true);
      list = { sig: item.sig, content: item.content };
    } else if (prevBlank && list !== 'unknown') {
      if (at > from) yield cut(false);
      list = { sig: item.sig, content: item.content };
    } else if (!prevBlank && item.interrupts && list !== 'unknown') {
      list = { sig: item.sig, content: item.content };
    } else list = 'unknown';

    // Inside an HTML block that runs to a blank line, fences and other HTML are its text.
    const open = html === undefined ? FENCE.exec(text) : null;
    if (open && !(open[1]![0] === '`' && open[2]!.includes('`'))) {
      fence = { char: open[1]![0]!, length: open[1]!.length };
    } else if (html === undefined) {
      const h = HTML_OPEN.find(([start]) => start.test(text));
      if (h) html = h[1].test(text.replace(h[0], '')) ? undefined : h[1];
      else if (HTML_OTHER.test(text)) html = 'blank';
    }
    afterCode = indent.columns >= 4;
    prevBlank = false;
  }
}

/**
 * Where a piece whose parse ends in a block still open at the root (a fenced code block
 * without its closing fence, an HTML block without its end) really ends: the offset after
 * the block's last line; undefined when the piece ends cleanly.
 */
function openBlockEnd(body: string, last: RootContent | undefined, pieceEnd: number): number | undefined {
  const at = last?.position?.start.offset;
  if (last === undefined || at === undefined || pieceEnd >= body.length) return undefined;
  const start = body.lastIndexOf('\n', at - 1) + 1;
  const first = lines(body, start).next().value?.text ?? '';
  if (last.type === 'code') {
    const open = FENCE.exec(first);
    if (!open) return undefined;
    const char = open[1]![0]!;
    let skip = true;
    for (const { text, next } of lines(body, start)) {
      if (skip) {
        skip = false;
        continue;
      }
      const close = FENCE.exec(text);
      if (close && close[1]![0] === char && close[1]!.length >= open[1]!.length && close[2]!.trim() === '') {
        return next > pieceEnd ? next : undefined;
      }
    }
    return body.length;
  }
  if (last.type === 'html') {
    const h = HTML_OPEN.find(([s]) => s.test(first));
    let skip = true;
    for (const { text, next } of lines(body, start)) {
      const rest = skip && h ? text.replace(h[0], '') : text;
      skip = false;
      if (h ? h[1].test(rest) : rest.trim() === '') return next > pieceEnd ? next : undefined;
    }
    return body.length;
  }
  return undefined;
}

/** Containers opened inside others that one piece may hold: beyond it, the parser's cost grows with their square. */
export const MAX_NESTED_PER_BLOCK = 1000;

/** A body holding a block the parser would take too long over: `offset` is where in the body it goes too far. */
export class BlockTooComplex extends Error {
  constructor(readonly offset: number) {
    super(`More than ${MAX_NESTED_PER_BLOCK} lists or quotations inside others in one block`);
    this.name = 'BlockTooComplex';
  }
}

const NESTED = /^(?:[ \t]+(?:[-+*][ \t]|\d{1,9}[.)][ \t]|>)|>[ \t]?[ \t]*(?:[-+*][ \t]|\d{1,9}[.)][ \t]|>))/;

/**
 * Refuses a piece with more than MAX_NESTED_PER_BLOCK lines that open a list or quotation
 * inside another (each one closed costs the parser the whole piece again). Fenced code is
 * left out of the count.
 */
function nestedWithin(text: string, base: number): void {
  let n = 0;
  let fence: string | undefined;
  for (const { text: line, at } of lines(text, 0)) {
    const f = FENCE.exec(line);
    if (fence !== undefined) {
      if (f && f[1]!.startsWith(fence) && f[2]!.trim() === '') fence = undefined;
      continue;
    }
    if (f) {
      fence = f[1]!;
      continue;
    }
    if (NESTED.test(line) && ++n > MAX_NESTED_PER_BLOCK) throw new BlockTooComplex(base + at);
  }
}

/** The cut `first`, then those of `rest` (none when the body ends at `first`). */
function* then(first: Cut, rest: Generator<Cut> | undefined): Generator<Cut> {
  if (rest === undefined) return;
  yield first;
  yield* rest;
}

/** Moves every position in a piece's tree to where the piece stands in the body. */
function shift(node: Nodes, offset: number, line: number): void {
  const p = node.position;
  if (p) {
    p.start = { line: p.start.line + line, column: p.start.column, offset: (p.start.offset ?? 0) + offset };
    p.end = { line: p.end.line + line, column: p.end.column, offset: (p.end.offset ?? 0) + offset };
  }
  if ('children' in node) for (const c of node.children as Nodes[]) shift(c, offset, line);
}

/**
 * The shortest piece worth parsing alone: each parse has a fixed cost, and below about a
 * kilobyte the parser's square is small, so cuts closer than this are passed over.
 */
export const MIN_PIECE = 1024;

/**
 * The tree of `body`, parsed piece by piece with `parse`, as `parse(body)` would give it;
 * each piece at least `minPiece` long where the body allows.
 */
export function blockTree(body: string, parse: (text: string) => Root, minPiece = MIN_PIECE): Root {
  const pieces: Piece[] = [];
  let checkedTo = 0;
  let start: Cut = { offset: 0, line: 0, join: false, afterBlank: false };
  let next = cuts(body, 0, 0);
  for (;;) {
    let cut = next.next();
    while (!cut.done && cut.value.offset - start.offset < minPiece) cut = next.next();
    const end = cut.done ? body.length : cut.value.offset;
    // Before a next item or after a blank line the line end stays: the parser ends an open block there.
    const text = piece(body, start.offset, end, !cut.done && (cut.value.join || cut.value.afterBlank));
    if (start.offset >= checkedTo) nestedWithin(text, start.offset);
    checkedTo = end;
    const tree = parse(text);
    const last = tree.children.at(-1);
    const carried = openBlockEnd(body, shifted(last, start), end);
    if (carried === undefined || !last?.position) {
      pieces.push({ start, text, tree });
      if (cut.done) break;
      start = cut.value;
      continue;
    }
    // The last block goes on past the cut: the piece before it stands, and the block is
    // read again as a piece of its own, to where it really ends; cuts are found after that.
    // The block's line (a fence may stand up to three spaces in).
    const blockAt = text.lastIndexOf('\n', (last.position.start.offset ?? 0) - 1) + 1;
    tree.children.pop();
    if (tree.children.length > 0) pieces.push({ start, text: text.slice(0, blockAt), tree });
    start = {
      offset: start.offset + blockAt,
      line: start.line + last.position.start.line - 1,
      join: false,
      afterBlank: false,
    };
    const line = start.line + lineCount(body, start.offset, carried);
    next = then(
      { offset: carried, line, join: false, afterBlank: false },
      carried < body.length ? cuts(body, carried, line) : undefined,
    );
  }
  // One piece is the whole body, parsed as one.
  if (pieces.length === 1 && pieces[0]!.start.offset === 0 && pieces[0]!.text.length === body.length)
    return pieces[0]!.tree;
  if (pieces.length > 1) resolveReferences(body, pieces, parse);

  const root: Root = { type: 'root', children: [] };
  for (const { start, tree } of pieces) {
    for (const c of tree.children) shift(c, start.offset, start.line);
    const first = tree.children[0];
    const prev = root.children.at(-1);
    if (start.join && first?.type === 'list' && prev?.type === 'list' && prev.ordered === first.ordered) {
      join(prev, first, start.afterBlank);
      root.children.push(...tree.children.slice(1));
    } else root.children.push(...tree.children);
  }
  // The root spans the whole body, as in one parse: it ends after the last line end.
  const lastLine = body.lastIndexOf('\n');
  root.position = {
    start: { line: 1, column: 1, offset: 0 },
    end: { line: lineCount(body, 0, body.length) + 1, column: body.length - lastLine, offset: body.length },
  };
  return root;
}

/**
 * The text of a piece without the line end that separates it from the next: a block the
 * next piece closes (a fence in a list item cut short by a heading) then ends where it
 * ends in one parse, on its own line.
 */
function piece(body: string, from: number, to: number, keepEol: boolean): string {
  if (to >= body.length || keepEol) return body.slice(from, to);
  return body.slice(from, body.charCodeAt(to - 2) === 13 ? to - 2 : to - 1);
}

/** Every definition in a tree, in the order of the text. */
function definitions(node: Nodes): Definition[] {
  if (node.type === 'definition') return [node];
  return 'children' in node ? (node.children as Nodes[]).flatMap(definitions) : [];
}

/** How CommonMark compares link labels: case and runs of white space do not count. */
function labelKey(label: string): string {
  return label
    .replace(/[\t\n\r ]+/g, ' ')
    .trim()
    .toLowerCase()
    .toUpperCase();
}

/**
 * A reference link (`[report][1]`) whose definition (`[1]: papers/x.pdf`) stands in
 * another piece: that piece is parsed again with the definitions it uses written after it,
 * which are then dropped, so links resolve across the whole body as they do in one parse.
 */
function resolveReferences(body: string, pieces: Piece[], parse: (text: string) => Root): void {
  const defs = new Map<string, { piece: number; source: string }>();
  pieces.forEach((p, i) => {
    for (const c of definitions(p.tree)) {
      if (!c.position) continue;
      const key = labelKey(c.identifier);
      if (!defs.has(key))
        defs.set(key, {
          piece: i,
          source: body.slice(
            p.start.offset + (c.position.start.offset ?? 0),
            p.start.offset + (c.position.end.offset ?? 0),
          ),
        });
    }
  });
  if (defs.size === 0) return;
  pieces.forEach((p, i) => {
    const text = p.text;
    if (!text.includes(']')) return;
    const wanted = new Map<string, string>();
    for (const m of text.matchAll(/\[((?:[^[\]\\]|\\.){1,999})\]/g)) {
      const key = labelKey(m[1]!);
      const d = defs.get(key);
      // The first definition of a label counts: one in an earlier piece is written before this one.
      if (d && d.piece !== i) wanted.set(key, d.source);
    }
    if (wanted.size === 0) return;
    // Written before the piece (which starts where nothing is open), then dropped, with positions moved back.
    const prefix = `${[...wanted.values()].join('\n\n')}\n\n`;
    const lines = lineCount(prefix, 0, prefix.length);
    const tree = parse(prefix + text);
    tree.children = tree.children.filter((c) => (c.position?.start.offset ?? 0) >= prefix.length);
    for (const c of tree.children) shift(c, -prefix.length, -lines);
    p.tree = tree;
  });
}

/** A node of a piece's tree with its start moved to the body (for a look at its source), or undefined. */
function shifted(node: RootContent | undefined, start: Cut): RootContent | undefined {
  if (!node?.position) return node;
  const s = node.position.start;
  return { ...node, position: { ...node.position, start: { ...s, offset: (s.offset ?? 0) + start.offset } } };
}

function lineCount(body: string, from: number, to: number): number {
  let n = 0;
  for (let i = body.indexOf('\n', from); i !== -1 && i < to; i = body.indexOf('\n', i + 1)) n++;
  return n;
}

/** Joins the items of `b` to the list `a` (one list cut at an item). */
function join(a: List, b: List, afterBlank: boolean): void {
  a.children.push(...b.children);
  a.spread = Boolean(a.spread) || Boolean(b.spread) || afterBlank;
  if (a.position && b.position) a.position.end = b.position.end;
}
