/**
 * The HTML of plain markdown, written straight out: paragraphs and tight bullet lists of
 * plain text, with action markers, and decisions marked as the pipeline marks them. It
 * gives, byte for byte, what remark, remark-rehype, csp's shaping, rehype-sanitize and
 * rehype-stringify give for the same text (a test compares them over every kind of input),
 * and it answers only for text that is provably plain: no character that could begin
 * markup, an entity, an escape, code, emphasis, a link or an image; no line that could
 * begin a heading, a quote, a code block, a rule or a numbered list; no indentation but
 * that of a list item's own lines; nothing else. Anything else is left to the pipeline
 * (undefined), so the sanitiser sees everything that is not plain.
 */
import { decisionStart } from '../../core/decision-words.js';
import { ACTION_MARKER } from '../../parse/marker.js';
import type { MarkdownOptions } from './markdown.js';

/** Characters that may begin markup, an entity, an escape, code, emphasis, a link or an image (or are not text). */
const NOT_PLAIN = /[^\n\x20-\x7e\u00a0-\ud7ff\ue000-\ufffd]|[<>&`\\*_![\]~{}$^=#\u2028\u2029\ufeff]/;
/**
 * The start of a line of text: not a space or anything that could open a block (#, >, -,
 * +, =, a number and . or )); an action marker may begin a line (what follows it is checked).
 */
const LINE_START = /^(?:[^\s#>+=\-*_~`<[\]\d]|\d+(?![\d.)])|\[action[ \t:])/;
/** A link's target the sanitiser keeps as it is: a path inside the site, with no scheme. */
const SITE_HREF = /^[A-Za-z0-9._~/#%-]+$/;

const decisionRes = new Map<string, RegExp>();
function decisionRe(words: true | readonly string[]): RegExp {
  const key = words === true ? '' : JSON.stringify(words);
  let re = decisionRes.get(key);
  if (!re) {
    re = decisionStart(words === true ? undefined : words);
    decisionRes.set(key, re);
  }
  return re;
}

/** The serialiser's escaping of text: & and < as hexadecimal references. */
function escapeText(s: string): string {
  return s.replace(/[&<]/g, (c) => (c === '&' ? '&#x26;' : '&#x3C;'));
}

interface Inline {
  html: string;
  /** The text a reader sees (for recognising a decision). */
  text: string;
}

/** A paragraph's or list item's text with its action markers, or undefined when it is not plain. */
function inline(text: string, options: MarkdownOptions): Inline | undefined {
  if (!text.includes('[')) return NOT_PLAIN.test(text) ? undefined : { html: text, text };
  let html = '';
  let seen = '';
  let last = 0;
  for (const m of text.matchAll(new RegExp(ACTION_MARKER.source, 'g'))) {
    const before = text.slice(last, m.index);
    if (NOT_PLAIN.test(before)) return undefined;
    // The marker's own text, and what follows it, must be no part of a link or definition.
    const after = text.charCodeAt(m.index + m[0].length);
    if (after === 0x28 /* ( */ || after === 0x5b /* [ */ || after === 0x3a /* : */) return undefined;
    const inner = m[0].slice(1, -1);
    if (/[[\]<>&`\\*_!~|]/.test(inner) || !options.actionMarker) return undefined;
    const shown = options.actionMarker(m[1], (m[2] ?? '').trim());
    if (shown.href !== undefined && !SITE_HREF.test(shown.href)) return undefined;
    const label = escapeText(shown.text);
    html +=
      before +
      (shown.href !== undefined
        ? `<span class="action"><a href="${shown.href}">${label}</a></span>`
        : `<span class="action">${label}</span>`);
    seen += before + shown.text;
    last = m.index + m[0].length;
  }
  const rest = text.slice(last);
  if (NOT_PLAIN.test(rest)) return undefined;
  return { html: html + rest, text: seen + rest };
}

/** A paragraph's lines; a bullet list's items (each its lines), loose when a blank line parts two items. */
type Block = { kind: 'p'; lines: string[] } | { kind: 'ul'; items: string[][]; loose: boolean };

/** The blocks of plain markdown, or undefined when it holds anything else. */
function blocks(markdown: string): Block[] | undefined {
  const lines = markdown.split('\n');
  const out: Block[] = [];
  let current: Block | undefined;
  let afterBlank = true;
  for (const line of lines) {
    if (line === '') {
      current = undefined;
      afterBlank = true;
      continue;
    }
    // No line of spaces alone, and no trailing space (a hard line break).
    const lastCode = line.charCodeAt(line.length - 1);
    if (lastCode === 0x20) return undefined;
    if (line.startsWith('- ')) {
      const content = line.slice(2);
      if (!LINE_START.test(content)) return undefined;
      if (current?.kind === 'ul') current.items.push([content]);
      else if (current === undefined && afterBlank) {
        // An item after a blank line that ends a list goes on with that list, which is then loose.
        const last = out.at(-1);
        if (last?.kind === 'ul') {
          last.loose = true;
          last.items.push([content]);
          current = last;
        } else {
          current = { kind: 'ul', items: [[content]], loose: false };
          out.push(current);
        }
      } else return undefined;
    } else if (line.startsWith('  ')) {
      // Only a list item's own next lines are indented (by exactly two spaces).
      const content = line.slice(2);
      if (current?.kind !== 'ul' || !LINE_START.test(content)) return undefined;
      current.items.at(-1)!.push(content);
    } else {
      if (!LINE_START.test(line)) return undefined;
      if (current?.kind === 'p') current.lines.push(line);
      else if (current === undefined) {
        current = { kind: 'p', lines: [line] };
        out.push(current);
      } else return undefined; // text straight after a list item belongs to it
    }
    afterBlank = false;
  }
  return out.length > 0 ? out : undefined;
}

/**
 * The HTML the pipeline would give for `markdown` under `options`, when the markdown is
 * provably plain (else undefined: render it through the pipeline).
 */
export function renderPlain(markdown: string, options: MarkdownOptions): string | undefined {
  const found = blocks(markdown);
  if (!found) return undefined;
  const decisions = options.decisions ? decisionRe(options.decisions) : undefined;
  const parts: string[] = [];
  for (let i = 0; i < found.length; i++) {
    const b = found[i]!;
    if (b.kind === 'ul') {
      const list = listHtml(b, options);
      if (list === undefined) return undefined;
      parts.push(list);
      continue;
    }
    const p = inline(b.lines.join('\n'), options);
    if (!p) return undefined;
    const para = `<p>${p.html}</p>`;
    if (decisions?.test(p.text)) {
      const next = found[i + 1];
      if (next?.kind === 'ul') {
        const list = listHtml(next, options);
        if (list === undefined) return undefined;
        parts.push(`<div class="decision">${para}\n${list}</div>`);
        i++;
      } else parts.push(`<div class="decision">${para}</div>`);
    } else parts.push(para);
  }
  return parts.join('\n');
}

function listHtml(b: Extract<Block, { kind: 'ul' }>, options: MarkdownOptions): string | undefined {
  let out = '<ul>\n';
  for (const item of b.items) {
    const li = inline(item.join('\n'), options);
    if (!li) return undefined;
    out += b.loose ? `<li>\n<p>${li.html}</p>\n</li>\n` : `<li>${li.html}</li>\n`;
  }
  return `${out}</ul>`;
}

/** Whether `markdown` is plain enough for renderPlain to answer (its markers shown with links inside the site). */
export function looksPlain(markdown: string): boolean {
  const found = blocks(markdown);
  if (!found) return false;
  const probe: MarkdownOptions = { headingBase: 2, actionMarker: () => ({ text: '', href: '#' }) };
  for (const b of found) {
    for (const lines of b.kind === 'p' ? [b.lines] : b.items) if (!inline(lines.join('\n'), probe)) return false;
  }
  return true;
}
