/**
 * Reads markdown bodies: the items, decisions and action markers of minutes, and the
 * links of any body, each with its position in the original file. Plain markdown is read
 * by the fast reader (simple-markdown.ts); anything else by the full CommonMark parser,
 * loaded only then. A body that cannot hold a link is not parsed at all when only links
 * are looked for.
 */
import type { Root, RootContent, Nodes, Paragraph } from 'mdast';
import { ACTION_MARKER, REVIEW_MARKER, REVIEW_STATUSES } from './marker.js';
import { labelPattern } from '../core/minute-label.js';
import { decisionStart } from '../core/decision-words.js';
import { markdownParser } from './lazy.js';
import { BlockTooComplex, MAX_NESTED_PER_BLOCK } from './blocks.js';
import { simpleTree } from './simple-markdown.js';
import type { ActionMarker, MinuteItem, ReviewMarker, Votes } from '../model/types.js';
import { positions, type Position } from '../core/position.js';
import type { RuleId } from '../core/diagnostic.js';

/** A link or image in a body. */
export interface BodyLink {
  url: string;
  line: number;
  column: number;
}

/** A problem found while reading a body, for the caller to turn into a diagnostic. */
export interface BodyProblem {
  rule: Extract<RuleId, 'heading' | 'action-marker' | 'date' | 'layout'>;
  message: string;
  line: number;
  column: number;
}

/** How a set of minutes is read: its partnership's decision words and the minute label in force. */
export interface BodyOptions {
  /** Words that open a decision (default RESOLVED, AGREED, DECISION). */
  decisionWords?: string[];
  /** The label headings are written in for this meeting, year filled in ("SSP {n}/15"). */
  label?: string;
  /** The same label for any year ("SSP {n}/{yy}"), to tell a heading labelled for another year. */
  anyYearLabel?: string;
}

/** "(a)", "(ii)", "(3)", "a)", "1." opening a paragraph: a lettered or numbered part of the decision above. */
const ENUMERATED = /^(?:\((?:[a-z]|[ivxl]{1,6}|\d{1,2})\)|(?:[a-z]|\d{1,2})[.)])\s/i;

/** Votes recorded with a decision: "(5 for, 1 against, 2 abstentions)". */
const VOTES = /\((\d{1,4})\s+(?:votes?\s+)?for,?\s+(\d{1,4})\s+against(?:,?\s+(?:and\s+)?(\d{1,4})\s+abstentions?)?\)/i;

/** The votes a decision's text records, if any. */
export function votesIn(text: string): Votes | undefined {
  const m = VOTES.exec(text);
  if (!m) return undefined;
  const votes: Votes = { for: Number(m[1]), against: Number(m[2]) };
  if (m[3] !== undefined) votes.abstentions = Number(m[3]);
  return votes;
}

export interface ParsedBody {
  /** The minutes' items, when the body was read as minutes. */
  items: MinuteItem[];
  links: BodyLink[];
  problems: BodyProblem[];
}

/** Plain text of a markdown node. */
export function nodeText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node)
    return (node.children as Nodes[]).map(nodeText).join(node.type === 'list' || node.type === 'listItem' ? '\n' : '');
  return '';
}

const SPACE = /\s/u;
const PUNCT = /[\p{P}\p{S}]/u;

/**
 * Text without the marks of emphasis (`*word*`, `__word__`), paired much as CommonMark
 * pairs them, in one pass: the full parser does not read emphasis (pairing it takes time in
 * the square of a paragraph's marks), so its marks are taken out here. A run of asterisks
 * or underscores that can open is dropped when one that can close follows it, and one that
 * can close when an opener came before; a lone asterisk ("5 * 3", "* note") stays.
 */
export function stripEmphasis(s: string): string {
  if (!s.includes('*') && !s.includes('_')) return s;
  const runs: { start: number; end: number; char: string; open: boolean; close: boolean }[] = [];
  for (let i = 0; i < s.length;) {
    const c = s[i]!;
    if (c !== '*' && c !== '_') {
      i++;
      continue;
    }
    let j = i;
    while (s[j] === c) j++;
    const before = i === 0 ? ' ' : s[i - 1]!;
    const after = j >= s.length ? ' ' : s[j]!;
    const left = !SPACE.test(after) && (!PUNCT.test(after) || SPACE.test(before) || PUNCT.test(before));
    const right = !SPACE.test(before) && (!PUNCT.test(before) || SPACE.test(after) || PUNCT.test(after));
    const open = c === '*' ? left : left && (!right || PUNCT.test(before));
    const close = c === '*' ? right : right && (!left || PUNCT.test(after));
    runs.push({ start: i, end: j, char: c, open, close });
    i = j;
  }
  const drop = new Array<boolean>(runs.length).fill(false);
  const seen: Record<string, boolean> = { '*': false, _: false };
  runs.forEach((r, k) => {
    if (r.close && seen[r.char]) drop[k] = true;
    if (r.open) seen[r.char] = true;
  });
  const later: Record<string, boolean> = { '*': false, _: false };
  for (let k = runs.length - 1; k >= 0; k--) {
    const r = runs[k]!;
    if (r.open && later[r.char]) drop[k] = true;
    if (r.close) later[r.char] = true;
  }
  let out = '';
  let at = 0;
  runs.forEach((r, k) => {
    if (!drop[k]) return;
    out += s.slice(at, r.start);
    at = r.end;
  });
  return out + s.slice(at);
}

/** The text of a node as a reader sees it: without the marks of emphasis. */
export function plainText(node: Nodes): string {
  return stripEmphasis(nodeText(node));
}

// Bounded repeats: unbounded ones made a long line of unclosed "[action:" take minutes (quadratic backtracking).
const MARKER = ACTION_MARKER;
const HEADING = /^(\d+)\.\s+(\S.*)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Parses a body that starts at `bodyStart` (offset) / `bodyLine` (line) of `text`.
 * With `minutes`, level-2 headings are read as numbered items.
 */
export function parseBody(
  text: string,
  bodyStart: number,
  bodyLine: number,
  minutes: boolean,
  options: BodyOptions = {},
): ParsedBody {
  const tooComplex = complexity(text, bodyStart, bodyLine);
  if (tooComplex) return { items: [], links: [], problems: [tooComplex] };
  if (!minutes && !mayHoldLinks(text, bodyStart)) return { items: [], links: [], problems: [] };
  try {
    return readBody(text, bodyStart, bodyLine, minutes, options);
  } catch (e) {
    if (e instanceof BlockTooComplex) {
      const at = positions(text)(bodyStart + e.offset);
      return {
        items: [],
        links: [],
        problems: [
          {
            rule: 'layout',
            message: `This block has more than ${MAX_NESTED_PER_BLOCK} lists or quotations inside others, far beyond any minutes, and is not read. Break it up with blank lines or headings.`,
            line: at.line,
            column: 1,
          },
        ],
      };
    }
    // Thousands of quotes or lists inside each other overflow the stack: a finding, not a crash.
    if (!(e instanceof RangeError)) throw e;
    return {
      items: [],
      links: [],
      problems: [
        {
          rule: 'layout',
          message:
            'This text is nested too deeply to read (quotes or lists inside each other thousands of times). Flatten it.',
          line: bodyLine,
          column: 1,
        },
      ],
    };
  }
}

/** Limits beyond which no minutes go, and the markdown parser slows down quadratically. */
export const BODY_LIMITS = {
  bracketDepth: 32,
  linksPerParagraph: 500,
  bracketsPerParagraph: 1000,
  emphasisPerParagraph: 1000,
  indent: 64,
  containers: 32,
};

/**
 * A cheap scan for the shapes that make the markdown parser take minutes (brackets
 * nested thousands deep, thousands of unclosed links in one paragraph, lists nested
 * hundreds deep): a record holding one is refused with a finding, not parsed, so a
 * hostile pull request cannot hold a CI check for hours.
 */
export function complexity(text: string, bodyStart: number, bodyLine: number): BodyProblem | undefined {
  let depth = 0;
  let links = 0;
  let brackets = 0;
  let marks = 0;
  let line = bodyLine;
  let lineStart = bodyStart;
  let indent = 0;
  let inIndent = true;
  let blank = true;
  const refuse = (what: string, offset: number): BodyProblem => ({
    rule: 'layout',
    message: `This text ${what}, far beyond any minutes, and is not read. Simplify it.`,
    line,
    column: offset - lineStart + 1,
  });
  for (let i = bodyStart; i < text.length; i++) {
    if (i === lineStart) {
      const deep = containerDepth(text, i);
      if (deep !== undefined) return refuse(deep.what, deep.at);
      // A list item or a heading is a paragraph of its own for emphasis.
      if (NEW_INLINE.test(text.slice(i, i + 48))) marks = 0;
    }
    const c = text.charCodeAt(i);
    if (c === 10) {
      if (blank) {
        depth = 0;
        links = 0;
        brackets = 0;
        marks = 0;
      }
      line++;
      lineStart = i + 1;
      indent = 0;
      inIndent = true;
      blank = true;
      continue;
    }
    if (inIndent) {
      if (c === 32) indent++;
      else if (c === 9) indent += 4;
      else if (c !== 13) inIndent = false;
      if (indent > BODY_LIMITS.indent)
        return refuse(`is indented more than ${BODY_LIMITS.indent} columns (lists nested inside each other)`, i);
      if (inIndent) continue;
    }
    if (c !== 13 && c !== 32 && c !== 9) blank = false;
    if (c === 92) {
      i++; // a backslash escapes the next character
      continue;
    }
    if (c === 91 && ++depth > BODY_LIMITS.bracketDepth)
      return refuse(`has square brackets nested more than ${BODY_LIMITS.bracketDepth} deep`, i);
    // Each "]" makes the parser look back at the "[" before it in the paragraph.
    if (c === 91 && ++brackets > BODY_LIMITS.bracketsPerParagraph)
      return refuse(`has more than ${BODY_LIMITS.bracketsPerParagraph} square brackets in one paragraph`, i);
    // Pairing emphasis takes the parser time in the square of a paragraph's marks.
    if ((c === 42 || c === 95) && emphasisMark(text, i, c) && ++marks > BODY_LIMITS.emphasisPerParagraph)
      return refuse(`has more than ${BODY_LIMITS.emphasisPerParagraph} marks of emphasis (* or _) in one paragraph`, i);
    if (c === 93) {
      if (depth > 0) depth--;
      if (text.charCodeAt(i + 1) === 40 && ++links > BODY_LIMITS.linksPerParagraph)
        return refuse(`has more than ${BODY_LIMITS.linksPerParagraph} links in one paragraph`, i);
    }
  }
  return undefined;
}

/**
 * Whether the `*` or `_` at `i` may open or close emphasis: not a bullet or a multiplication
 * sign between spaces, not an underscore inside a word (snake_case, file names).
 */
function emphasisMark(text: string, i: number, c: number): boolean {
  const before = text.charCodeAt(i - 1);
  const after = text.charCodeAt(i + 1);
  if (c === 95) return !(WORD.test(text[i - 1] ?? '') && WORD.test(text[i + 1] ?? ''));
  const space = (k: number) => Number.isNaN(k) || k === 32 || k === 9 || k === 10 || k === 13;
  return !(space(before) && space(after));
}
const WORD = /^[\p{L}\p{N}]$/u;
const NEW_INLINE = /^[ \t>]*(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)|^ {0,3}#/;

/**
 * Where a line that opens more than BODY_LIMITS.containers quotations or list items at
 * its start (`> > > …`, `- - 1. …`), or is indented inside a quotation more than
 * BODY_LIMITS.indent columns (lists nested inside it), goes past the limit; or undefined.
 */
function containerDepth(text: string, from: number): { at: number; what: string } | undefined {
  let depth = 0;
  let i = from;
  let columns = 0;
  for (;;) {
    for (let k = text.charCodeAt(i); k === 32 || k === 9; k = text.charCodeAt(++i)) {
      columns += k === 9 ? 4 : 1;
      if (columns > BODY_LIMITS.indent && depth > 0)
        return {
          at: i,
          what: `is indented more than ${BODY_LIMITS.indent} columns inside a quotation or list (lists nested inside each other)`,
        };
    }
    const c = text.charCodeAt(i);
    let next = -1;
    if (c === 62) next = i + 1;
    else if ((c === 45 || c === 43 || c === 42) && /[ \t]/.test(text[i + 1] ?? '')) next = i + 2;
    else if (c >= 48 && c <= 57) {
      let j = i;
      while (j - i < 9 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
      if ((text[j] === '.' || text[j] === ')') && /[ \t]/.test(text[j + 1] ?? '')) next = j + 2;
    }
    if (next < 0) return undefined;
    if (++depth > BODY_LIMITS.containers)
      return {
        at: i,
        what: `has more than ${BODY_LIMITS.containers} quotations or lists inside each other on one line`,
      };
    i = next;
  }
}

/**
 * Whether a body may hold a link, or is shaped so that the full parser would build a tree
 * too deep to walk (which is a finding): only then must it be parsed for its links. A link
 * needs `](` (inline), `]:` (a definition, without which `[x]` is plain text) or `<` (an
 * autolink); a deep tree needs quotes (`>`), list markers side by side at the start of a
 * line, or a great many emphasis marks. Everything else parses to text alone.
 */
export function mayHoldLinks(text: string, bodyStart: number): boolean {
  if (bodyStart >= text.length) return false;
  if (bodyStart > 0) text = text.slice(bodyStart);
  if (/\]\(|\]:|[<>]/.test(text) || STACKED_MARKERS.test(text)) return true;
  let marks = 0;
  for (let i = text.indexOf('*'); i !== -1; i = text.indexOf('*', i + 1)) if (++marks > MAX_MARKS) return true;
  for (let i = text.indexOf('_'); i !== -1; i = text.indexOf('_', i + 1)) if (++marks > MAX_MARKS) return true;
  return false;
}

// "- - x", "1. * x": a list inside a list on one line (a line of them nests thousands deep).
const STACKED_MARKERS = /^[ \t]*(?:[-+*]|\d{1,9}[.)])[ \t]+(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/m;
// Emphasis nests at most half as deep as it has marks; the walk copes with thousands of levels.
const MAX_MARKS = 1000;

function readBody(
  text: string,
  bodyStart: number,
  bodyLine: number,
  minutes: boolean,
  options: BodyOptions,
): ParsedBody {
  const body = text.slice(bodyStart);
  return readTree(simpleTree(body) ?? markdownParser().markdownTree(body), text, bodyStart, bodyLine, minutes, options);
}

/** What a body's tree holds (`tree` is the mdast of text.slice(bodyStart)); exported for the tests that compare the two readers. */
export function readTree(
  tree: Root,
  text: string,
  bodyStart: number,
  bodyLine: number,
  minutes: boolean,
  options: BodyOptions = {},
): ParsedBody {
  const decisionRe = decisionStart(options.decisionWords);
  const label = options.label;
  const ownLabel = label === undefined ? undefined : labelPattern(label);
  const anyLabel = options.anyYearLabel === undefined ? undefined : labelPattern(options.anyYearLabel);
  const body = text.slice(bodyStart);
  const at = (node: { position?: { start: { line: number; column: number } } | undefined }): Position => ({
    line: (node.position?.start.line ?? 1) + bodyLine - 1,
    column: node.position?.start.column ?? 1,
  });
  const bodyPos = positions(body);
  const offsetToPos = (offset: number): Position => {
    const p = bodyPos(offset - bodyStart);
    return { line: p.line + bodyLine - 1, column: p.column };
  };

  const links: BodyLink[] = [];
  const problems: BodyProblem[] = [];
  const walk = (node: Nodes, fn: (n: Nodes, parent?: Nodes) => void, parent?: Nodes): void => {
    fn(node, parent);
    if ('children' in node) for (const c of node.children as Nodes[]) walk(c, fn, node);
  };
  walk(tree, (n) => {
    if (n.type === 'link' || n.type === 'image' || n.type === 'definition') links.push({ url: n.url, ...at(n) });
  });
  if (!minutes) return { items: [], links, problems };

  const items: MinuteItem[] = [];
  let current: MinuteItem | undefined;
  let currentStart = 0;
  const children = tree.children;
  const closeItem = (endOffset: number) => {
    const item = current;
    if (!item) return;
    // The item's text is kept as a range of the file (its text is read again only if asked for).
    const raw = body.slice(currentStart, endOffset);
    const from = bodyStart + currentStart + (raw.length - raw.trimStart().length);
    const to = Math.max(from, bodyStart + currentStart + raw.trimEnd().length);
    item.bodyRange = [from, to];
    item.drafted = isDraftedText(raw);
  };
  for (let i = 0; i < children.length; i++) {
    const child = children[i] as RootContent;
    if (child.type === 'heading' && child.depth === 2) {
      closeItem(child.position?.start.offset ?? body.length);
      const title = plainText(child).trim();
      const heading = readHeading(title, ownLabel, anyLabel, label);
      if (typeof heading === 'string') {
        problems.push({ rule: 'heading', message: heading, ...at(child) });
        current = undefined;
        continue;
      }
      if (!heading) {
        problems.push({
          rule: 'heading',
          message:
            label === undefined
              ? `The item heading "## ${title}" is not of the form "## N. Title" (for example "## 171. Probation update"). Number it, or make it a level-3 heading if it is part of the item above.`
              : `The item heading "## ${title}" is not of the form "## ${label.replace('{n}', 'N')}. Title" (for example "## ${label.replace('{n}', '53')}. Probation update"). Number it, or make it a level-3 heading if it is part of the item above.`,
          ...at(child),
        });
        current = undefined;
        continue;
      }
      current = withItemText(
        {
          number: heading.number,
          ...(label !== undefined ? { label: label.replace(/\{n\}/g, String(heading.number)) } : {}),
          title: heading.title,
          ...at(child),
          bodyRange: [0, 0],
          decisions: [],
          actions: [],
        },
        text,
      );
      currentStart = child.position?.end.offset ?? 0;
      items.push(current);
      continue;
    }
    if (!current) {
      // Text before the first item (a preamble) may hold markers too; they belong to no minute.
      collectMarkers(child, undefined, i);
      continue;
    }
    if (child.type === 'paragraph' && decisionRe.test(plainText(child).trimStart())) {
      const following: RootContent[] = [];
      for (let j = i + 1; j < children.length; j++) {
        const next = children[j]!;
        const isPart =
          (next.type === 'list' && j === i + 1) ||
          (next.type === 'paragraph' && ENUMERATED.test(plainText(next).trimStart()));
        if (!isPart) break;
        following.push(next);
      }
      pushDecision(current, readDecision(child, following, decisionRe), child);
    } else if (child.type === 'list') {
      // A decision may be a list item of its own ("- AGREED that …").
      for (const li of child.children) {
        const first = li.children[0];
        if (first?.type === 'paragraph' && decisionRe.test(plainText(first).trimStart()))
          pushDecision(current, readDecision(first, li.children.slice(1), decisionRe), li);
      }
    }
    collectMarkers(child, current, i);
  }
  closeItem(body.length);

  function pushDecision(item: MinuteItem, decision: string, node: Nodes): void {
    const votes = votesIn(decision);
    item.decisions.push(votes ? { text: decision, ...at(node), votes } : { text: decision, ...at(node) });
  }

  function collectMarkers(block: RootContent, item: MinuteItem | undefined, index: number): void {
    walk(block, (n) => {
      if (n.type !== 'paragraph') return;
      const start = n.position?.start.offset;
      const end = n.position?.end.offset;
      if (start === undefined || end === undefined) return;
      const src = body.slice(start, end);
      if (src.includes('[review')) collectReviews(src, start, block, index, n, item);
      if (!/\[action/i.test(src) && !ACTION_LINE_HINT.test(src)) return;
      // A marker counts only in the paragraph's own text: not in `code`, a link's text or
      // its address, nor after a backslash. Offsets here are the body's.
      const ranges: [number, number][] = [];
      textRanges(n, ranges);
      const inText = (from: number, to: number): boolean =>
        !escaped(body, from) && ranges.some(([a, b]) => a <= from && to <= b);
      const found: RegExpExecArray[] = [];
      for (const m of src.matchAll(MARKER)) if (inText(start + m.index, start + m.index + m[0].length)) found.push(m);
      if (found.length > 0 && TABLE_RULE.test(src)) {
        problems.push({
          rule: 'action-marker',
          message:
            'This action marker is in a table, where csp cannot tell which text is the action. Put the action in its own paragraph or list item below the table.',
          ...offsetToPos(bodyStart + start + found[0]!.index),
        });
        return;
      }
      if (found.length === 0) {
        const miss = nearMiss(src, (k) => inText(start + k, start + k + 1));
        if (miss)
          problems.push({ rule: 'action-marker', message: miss.message, ...offsetToPos(bodyStart + start + miss.at) });
        return;
      }
      let plain = src;
      for (const m of [...found].reverse()) plain = plain.slice(0, m.index) + ' ' + plain.slice(m.index + m[0].length);
      plain = cleanText(plain.replace(REVIEW_MARKER, ' '));
      if (plain === '' || /^[.;,:\s]*$/.test(plain)) {
        // A marker on a paragraph of its own belongs to the paragraph before it (as in
        // minutes that put "[action: Clerk]" on the next line).
        const prev = previousBlock(block, index, n);
        plain = prev ? cleanText(plainText(prev)) : '';
      }
      for (const m of found) {
        const markerStart = bodyStart + start + m.index;
        const p = offsetToPos(markerStart);
        const marker = readMarker(m, plain, markerStart, p, problems);
        if (marker && item) item.actions.push(marker);
        else if (marker && !item) {
          problems.push({
            rule: 'action-marker',
            message:
              'This action marker comes before the first item heading, so it belongs to no minute. Move it under the item it arose from.',
            ...p,
          });
        }
      }
    });
  }

  function collectReviews(
    src: string,
    start: number,
    block: RootContent,
    index: number,
    para: Paragraph,
    item: MinuteItem | undefined,
  ): void {
    const found = [...src.matchAll(REVIEW_MARKER)];
    if (found.length === 0) {
      if (/\[review\b/i.test(src)) {
        problems.push({
          rule: 'action-marker',
          message:
            'This looks like a review of an earlier action but is not complete. Write it as [review ACTION-ID: STATUS] (STATUS: open, in-progress, done or dropped).',
          ...offsetToPos(bodyStart + start + src.search(/\[review\b/i)),
        });
      }
      return;
    }
    let plain = cleanText(src.replace(REVIEW_MARKER, ' ').replace(MARKER, ' '));
    if (plain === '' || /^[.;,:\s]*$/.test(plain)) {
      const prev = previousBlock(block, index, para);
      plain = prev ? cleanText(plainText(prev)) : '';
    }
    for (const m of found) {
      const p = offsetToPos(bodyStart + start + m.index);
      const id = m[1] ?? '';
      const written = (m[2] ?? '').trim();
      const status = REVIEW_STATUSES[written.toLowerCase().replace(/\s+/g, ' ')];
      if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) {
        problems.push({
          rule: 'action-marker',
          message: `"${id}" is not an action id: a review names the action it reports on by its id, as in [review 2015-10-08-171-1: done].`,
          ...p,
        });
        continue;
      }
      if (status === undefined) {
        problems.push({
          rule: 'action-marker',
          message: `The review of ${id} reports "${written}", which is not a status. Write open, in-progress, done or dropped (completed, closed and outstanding are read too).`,
          ...p,
        });
        continue;
      }
      if (!item) {
        problems.push({
          rule: 'action-marker',
          message:
            'This review comes before the first item heading, so it belongs to no minute. Move it under the item that reviewed the action.',
          ...p,
        });
        continue;
      }
      const review: ReviewMarker = { action: id, status, written, text: plain, ...p };
      (item.reviews ??= []).push(review);
    }
  }

  function previousBlock(block: RootContent, index: number, para: Paragraph): Nodes | undefined {
    if (block === para) {
      const prev = children[index - 1];
      return prev && prev.type !== 'heading' ? prev : undefined;
    }
    return undefined;
  }

  return { items, links, problems };
}

/** The decision `csp minutes new` drafts under each substantive item, as the draft writes it. */
export const PLACEHOLDER_DECISION = 'RESOLVED\n\n- That the report be noted.';

/** The sentence the draft puts before the decision of an item carried forward. */
const DEFERRED_LINE = /^The item had been deferred from the meeting on [^\n]*\.\n\n/;

/** Whether an item's text is only what the draft wrote: the placeholder decision (after the deferral sentence). */
export function isDraftedText(body: string): boolean {
  return body.replace(/\r\n/g, '\n').trim().replace(DEFERRED_LINE, '') === PLACEHOLDER_DECISION;
}

/** A minute item whose `body` is read from its file's text when first asked for (its JSON keeps only the range). */
class ItemWithText implements MinuteItem {
  number: number;
  title: string;
  line: number;
  column: number;
  bodyRange: [number, number];
  decisions: MinuteItem['decisions'];
  actions: MinuteItem['actions'];
  label?: string;
  reviews?: ReviewMarker[];
  drafted?: boolean;
  readonly #source: string | { readonly text: string };
  #body: string | undefined;
  constructor(item: Omit<MinuteItem, 'body'>, source: string | { readonly text: string }) {
    this.number = item.number;
    this.title = item.title;
    this.line = item.line;
    this.column = item.column;
    this.bodyRange = item.bodyRange;
    this.decisions = item.decisions;
    this.actions = item.actions;
    if (item.label !== undefined) this.label = item.label;
    if (item.reviews !== undefined) this.reviews = item.reviews;
    if (item.drafted !== undefined) this.drafted = item.drafted;
    this.#source = source;
  }
  get body(): string {
    const s = this.#source;
    return (this.#body ??= (typeof s === 'string' ? s : s.text).slice(this.bodyRange[0], this.bodyRange[1]));
  }
  bodyFrom(source: object): boolean {
    return this.#source === source;
  }
}

/** An item (as read, or as its JSON) with its `body` taken from `source`, a text or a file read when needed. */
export function withItemText(item: Omit<MinuteItem, 'body'>, source: string | { readonly text: string }): MinuteItem {
  return new ItemWithText(item, source);
}

/** A line that starts "Action:" or "Actions:" (after quote marks or emphasis): perhaps an action written without a marker. */
const ACTION_LINE_HINT = /^[ \t>*_]*actions?[ \t*_]*:/im;
/** A table's delimiter row (`| --- | :-: |`): without tables, CommonMark reads a table as one paragraph. */
const TABLE_RULE = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$/m;
const ISO = /\b(\d{4}-\d{2}-\d{2})\b/;
const REPORTED =
  /\[review\b|\((?:completed|complete|closed|done|outstanding|ongoing|in progress|open)\)|\b(?:COMPLETED|CLOSED|OUTSTANDING|ONGOING)\b/i;

/** The source ranges of a paragraph's own text: not link text, not code, not HTML. */
function textRanges(node: Nodes, out: [number, number][]): void {
  if (node.type === 'link' || node.type === 'linkReference' || node.type === 'image' || node.type === 'imageReference')
    return;
  if (node.type === 'text') {
    const a = node.position?.start.offset;
    const b = node.position?.end.offset;
    if (a !== undefined && b !== undefined) out.push([a, b]);
    return;
  }
  if ('children' in node) for (const c of node.children as Nodes[]) textRanges(c, out);
}

/** Whether the character at `at` follows an odd number of backslashes (is escaped). */
function escaped(text: string, at: number): boolean {
  let n = 0;
  for (let i = at - 1; i >= 0 && text.charCodeAt(i) === 92; i--) n++;
  return n % 2 === 1;
}

/** The marker the clerk meant, from what follows "[action" or "Action:": the owners, then "; due DATE" if a date was given. */
export function correctedMarker(inner: string): string {
  const date = ISO.exec(inner)?.[1];
  const owners = (
    inner.replace(/^[\s:\u2013\u2014-]+/, '').split(/;|[\s,]+(?:due|by)\b|\s*\d{4}-\d{2}-\d{2}/i)[0] ?? ''
  )
    .replace(/[\s;,]+$/, '')
    .trim();
  const who = owners === '' || owners.length > 80 ? 'OWNER' : owners;
  if (date === undefined && !/\b(?:due|by)\b/i.test(inner)) return `[action: ${who}]`;
  return `[action: ${who}; due ${date ?? 'YYYY-MM-DD'}]`;
}

/**
 * Something in a paragraph's text that a clerk meant as an action but csp cannot read as
 * one: "[Action: …]", a marker not closed on its line, "[action clerk]", or a line that
 * starts "Action:". Its offset in `src` and what to write instead.
 */
function nearMiss(src: string, inText: (at: number) => boolean): { at: number; message: string } | undefined {
  for (const m of src.matchAll(/\[(action)\b/gi)) {
    if (!inText(m.index)) continue;
    const rest = src.slice(m.index + m[0].length, m.index + m[0].length + 300);
    const close = rest.search(/[\]\n]/);
    // A marker run over two lines: its owner and date may be on either.
    const end = rest.slice(0, 200).indexOf(']');
    const inner = rest.slice(
      0,
      close >= 0 && rest[close] === ']' ? close : end >= 0 ? end : Math.min(rest.length, 200),
    );
    const fixed = correctedMarker(inner.replace(/\s+/g, ' '));
    if (m[1] !== 'action')
      return {
        at: m.index,
        message: `"[${m[1]}" is not read as an action marker: markers are written in lower case. Write it as ${fixed}.`,
      };
    if (close < 0 || rest[close] === '\n')
      return {
        at: m.index,
        message: `This action marker is not closed on its line (a marker may not run over two lines). Write it on one line as ${fixed}.`,
      };
    return {
      at: m.index,
      message: `This looks like an action marker but does not follow the form [action: OWNER; due YYYY-MM-DD]. Write it as ${fixed}.`,
    };
  }
  for (const m of src.matchAll(/^([ \t>*_]*)(actions?)[ \t*_]*:[ \t*_]*(.*)$/gim)) {
    const at = m.index + m[1]!.length;
    const rest = (m[3] ?? '').trim();
    // "Action: none", and a report on an earlier action ("… (COMPLETED) [review …]"), are not new actions.
    if (!inText(at) || /^(?:none|nil|n\/a|no actions?|-+|\u2013)?\.?$/i.test(rest) || REPORTED.test(rest)) continue;
    const date = ISO.exec(m[3] ?? '')?.[1];
    return {
      at,
      message: `A line starting "${m[2]}:" is not read as an action: csp reads only markers. End the action's sentence with a marker naming who will do it, such as [action: OWNER; due ${date ?? 'YYYY-MM-DD'}].`,
    };
  }
  return undefined;
}

function cleanText(s: string): string {
  return s
    .replace(/[*_`]+/g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s+([.,;:])/g, '$1')
    .trim()
    .replace(/^[-•·]\s*/, '');
}

/** A decision's text: its paragraph without the decision word, then the lettered parts and list that follow. */
function readDecision(para: Paragraph, following: readonly Nodes[], start: RegExp): string {
  const own = plainText(para).trim().replace(start, '').trim();
  const parts: string[] = [];
  // "(a) …" lines inside the paragraph itself are parts of their own.
  for (const line of own.split(/\n(?=\s*(?:\((?:[a-z]|[ivxl]{1,6}|\d{1,2})\)|(?:[a-z]|\d{1,2})[.)])\s)/i)) {
    const t = line.replace(/\s+/g, ' ').trim();
    if (t) parts.push(t);
  }
  for (const next of following) {
    if (next.type === 'list') {
      for (const li of next.children) parts.push(plainText(li).replace(/\s+/g, ' ').trim());
    } else parts.push(plainText(next).replace(/\s+/g, ' ').trim());
  }
  return parts.join('\n');
}

/** A heading's number and title: plain "N. Title", or in the minute label in force; a message when labelled for another year. */
function readHeading(
  title: string,
  own: RegExp | undefined,
  any: RegExp | undefined,
  label: string | undefined,
): { number: number; title: string } | string | undefined {
  if (own) {
    const m = own.exec(title);
    const rest = m ? /^\.?\s+(?:[-\u2013\u2014:]\s+)?(\S.*)$/.exec(title.slice(m[0].length)) : null;
    if (m && rest) return { number: Number(m[1]), title: (rest[1] ?? '').trim() };
    const other = any?.exec(title);
    if (other && label !== undefined && /^\.?\s+\S/.test(title.slice(other[0].length)))
      return `The item heading "## ${title}" is labelled for another year: in these minutes minute ${other[1]} is written "${label.replace('{n}', other[1] ?? 'N')}". Correct the label.`;
  }
  const m = HEADING.exec(title);
  return m ? { number: Number(m[1]), title: (m[2] ?? '').trim() } : undefined;
}

function readMarker(
  m: RegExpExecArray,
  text: string,
  start: number,
  p: Position,
  problems: BodyProblem[],
): ActionMarker | undefined {
  const id = m[1];
  const inner = (m[2] ?? '').trim();
  const segments = inner.split(';').map((s) => s.trim());
  const owners = (segments[0] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  // "clerk, due 2027-01-31" or "clerk by 2027-01-31": a due date written where an owner goes.
  const misplaced = owners.find((o) => /^(?:due|by)\b/i.test(o) || /\sby\s+\d{4}-\d{2}-\d{2}$/i.test(o));
  if (misplaced !== undefined) {
    problems.push({
      rule: 'action-marker',
      message: `The action marker has "${misplaced}" where an owner goes: the due date follows the owners after a semicolon. Write it as ${correctedMarker(inner)}.`,
      ...p,
    });
    return undefined;
  }
  let due: string | undefined;
  for (const seg of segments.slice(1)) {
    if (seg === '') continue;
    const d = /^due\s+(\S+)$/i.exec(seg);
    if (!d) {
      problems.push({
        rule: 'action-marker',
        message: `The action marker has "${seg}" where only "due YYYY-MM-DD" may follow the owners. Write it as ${correctedMarker(inner)}.`,
        ...p,
      });
      continue;
    }
    const value = d[1] ?? '';
    if (!DATE.test(value)) {
      problems.push({
        rule: 'date',
        message: `The action's due date "${value}" is not a date. Write it as YYYY-MM-DD.`,
        ...p,
      });
      continue;
    }
    due = value;
  }
  if (owners.length === 0) {
    problems.push({
      rule: 'action-marker',
      message: 'The action marker names no owner. Write who is to do it: [action: OWNER; due YYYY-MM-DD].',
      ...p,
    });
    return undefined;
  }
  if (id !== undefined && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) {
    problems.push({
      rule: 'action-marker',
      message: `The action id "${id}" is not valid: use lower-case letters, digits and hyphens, as csp actions sync writes them.`,
      ...p,
    });
    return undefined;
  }
  const marker: ActionMarker = { owners, text, line: p.line, column: p.column, start, end: start + m[0].length };
  if (id !== undefined) marker.id = id;
  if (due !== undefined) marker.due = due;
  return marker;
}
