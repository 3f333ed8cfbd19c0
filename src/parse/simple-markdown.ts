/**
 * A fast reader for plain markdown: the headings, paragraphs and one-level "- " lists that
 * minutes are mostly made of. It builds the same mdast nodes the full CommonMark parser
 * (remark) would, and declines, returning undefined, any text that holds something else:
 * emphasis, code, links, HTML, entities, escapes, quotes, ordered or nested lists, tabs,
 * CR line ends, trailing spaces, unusual indentation. The caller then uses the full parser,
 * so a finding never depends on which reader ran; test/simple-markdown.test.ts checks the
 * two agree.
 */
import type { Heading, List, ListItem, Paragraph, Root, RootContent } from 'mdast';

// Anything inline that CommonMark gives a meaning to, or a line end it normalises.
// `[` and `]` alone are literal when the text holds no link (`](`) and no definition (`]:`).
const INLINE = /[\r\t\0`\\<>*_]|&[A-Za-z0-9#]|!\[|\]\(|\]:/;
const ATX = /^(#{1,6}) +(\S.*)$/;
const ORDERED = /^\d{1,9}[.)](?: |$)/;
// Only a list numbered from 1 may interrupt a paragraph ("2026." on a line of its own continues it).
const ORDERED_ONE = /^0{0,8}1[.)](?: |$)/;

interface Point {
  line: number;
  column: number;
  offset: number;
}

/**
 * Whether a line's text (after its container's indent) might be anything but a line of a
 * paragraph: a heading, list item, setext underline, break, fence or ordered list.
 * `continues` says it follows a line of an open paragraph.
 */
function special(body: string, at: number, end: number, continues: boolean): boolean {
  const c = body.charCodeAt(at);
  // # - + = ~
  if (c === 35 || c === 45 || c === 43 || c === 61 || c === 126) return true;
  if (c >= 48 && c <= 57) return (continues ? ORDERED_ONE : ORDERED).test(body.slice(at, Math.min(end, at + 12)));
  return false;
}

/** The mdast tree of `body`, or undefined when it holds anything beyond plain paragraphs, headings and simple lists. */
export function simpleTree(body: string): Root | undefined {
  if (INLINE.test(body)) return undefined;
  const children: RootContent[] = [];
  let para: { node: Paragraph; lines: string[] } | undefined;
  let list: List | undefined;
  let item: ListItem | undefined;
  let blank = true;
  let line = 0;
  let lineStart = 0;

  const point = (ln: number, offset: number, from: number): Point => ({
    line: ln,
    column: offset - from + 1,
    offset,
  });
  const closePara = () => {
    if (!para) return;
    para.node.children = [{ type: 'text', value: para.lines.join('\n'), position: { ...para.node.position! } }];
    para = undefined;
  };
  const openPara = (into: RootContent[] | ListItem['children'], start: Point, end: Point, text: string) => {
    const node: Paragraph = { type: 'paragraph', children: [], position: { start, end } };
    (into as Paragraph[]).push(node);
    para = { node, lines: [text] };
  };
  const extend = (end: Point, text: string) => {
    para!.node.position!.end = end;
    para!.lines.push(text);
    if (item) {
      item.position!.end = end;
      list!.position!.end = end;
    }
  };
  const closeList = () => {
    closePara();
    list = undefined;
    item = undefined;
  };

  for (let start = 0; start <= body.length;) {
    let end = body.indexOf('\n', start);
    if (end === -1) end = body.length;
    line++;
    lineStart = start;
    let ind = start;
    while (ind < end && body.charCodeAt(ind) === 32) ind++;
    const next = end + 1;
    if (ind === end) {
      // A blank line (empty, or spaces only) ends a paragraph.
      closePara();
      blank = true;
      if (end === body.length) break;
      start = next;
      continue;
    }
    if (body.charCodeAt(end - 1) === 32) return undefined; // trailing spaces: hard breaks
    const indent = ind - start;
    const endPoint = point(line, end, start);

    if (indent === 2 && list) {
      // Text of the open list item.
      const continues = para !== undefined && !blank;
      if (special(body, ind, end, continues)) return undefined;
      const text = body.slice(ind, end);
      if (continues) extend(endPoint, text);
      else {
        closePara();
        openPara(item!.children, point(line, ind, start), endPoint, text);
        item!.position!.end = endPoint;
        list.position!.end = endPoint;
      }
    } else if (indent !== 0) {
      return undefined;
    } else if (body.charCodeAt(start) === 45) {
      // "- text": an item of the open list, or the first of a new one (it may interrupt a paragraph).
      if (body.charCodeAt(start + 1) !== 32 || end <= start + 2 || body.charCodeAt(start + 2) === 32) return undefined;
      if (special(body, start + 2, end, false)) return undefined;
      closePara();
      const at = point(line, start, start);
      item = { type: 'listItem', spread: false, checked: null, children: [], position: { start: at, end: endPoint } };
      if (!list) {
        list = {
          type: 'list',
          ordered: false,
          start: null,
          spread: false,
          children: [],
          position: { start: at, end: endPoint },
        };
        children.push(list);
      }
      list.children.push(item);
      list.position!.end = endPoint;
      openPara(item.children, point(line, start + 2, start), endPoint, body.slice(start + 2, end));
    } else if (body.charCodeAt(start) === 35) {
      const m = ATX.exec(body.slice(start, end));
      if (!m || m[2]!.endsWith('#')) return undefined;
      closeList();
      const heading: Heading = {
        type: 'heading',
        depth: m[1]!.length as Heading['depth'],
        children: [],
        position: { start: point(line, start, start), end: endPoint },
      };
      const textStart = end - m[2]!.length;
      heading.children.push({
        type: 'text',
        value: m[2]!,
        position: { start: point(line, textStart, start), end: endPoint },
      });
      children.push(heading);
    } else {
      const continues = para !== undefined && !blank;
      if (special(body, start, end, continues)) return undefined;
      const text = body.slice(start, end);
      if (list) {
        // Unindented text straight after an item would continue it lazily: leave that to the full parser.
        if (!blank) return undefined;
        closeList();
      }
      if (continues) extend(endPoint, text);
      else {
        closePara();
        openPara(children, point(line, start, start), endPoint, text);
      }
    }
    blank = false;
    if (end === body.length) break;
    start = next;
  }
  closePara();
  return {
    type: 'root',
    children,
    position: { start: { line: 1, column: 1, offset: 0 }, end: point(line, body.length, lineStart) },
  };
}
