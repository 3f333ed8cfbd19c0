/**
 * The one door from record markdown to HTML: remark-parse, remark-rehype, csp's own
 * shaping (links, headings, decisions, action markers), then rehype-sanitize with an
 * allow-list, last, and rehype-stringify. Raw HTML in the markdown is shown as text,
 * never as markup. Loaded only by the commands that publish (export, minutes render,
 * agenda --format html).
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import rehypeSanitize, { type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import type { Root as MdRoot, Nodes as MdNodes } from 'mdast';
import type { Element, ElementContent, Root as HastRoot, RootContent, Text } from 'hast';
import { BODY_LIMITS, complexity } from '../../parse/markdown.js';
import { ACTION_MARKER } from '../../parse/marker.js';
import { decisionStart } from '../../core/decision-words.js';
import { SafeHtml } from './escape.js';
import { renderPlain } from './plain-markdown.js';

/** How a fragment is shaped for the page it goes on. */
export interface MarkdownOptions {
  /** The heading level the fragment's top headings become (2 to 6); deeper ones follow in order. */
  headingBase: number;
  /**
   * The href for a link that is neither http(s), mailto nor an anchor: a path inside the
   * published site, relative to the page; undefined drops the link and keeps its text.
   */
  resolveLink?: (url: string) => string | undefined;
  /** What an `[action …]` marker shows: its text and, when it has one, a link to the action. */
  actionMarker?: (id: string | undefined, inner: string) => { text: string; href?: string };
  /** Wrap decisions (paragraphs opening with one of these decision words, and the list after them) as decisions; true for the default words. */
  decisions?: boolean | readonly string[];
}

/** A rendered fragment, or why the markdown could not be rendered. */
export type Rendered = { html: SafeHtml; plain?: true } | { problem: string };

/** The allow-list: the markup a reader's page may hold, and no more. */
export const SANITIZE_SCHEMA: SanitizeSchema = {
  tagNames: [
    'p',
    'br',
    'hr',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'strong',
    'em',
    'del',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'div',
    'span',
  ],
  attributes: {
    a: ['href'],
    ol: ['start'],
    div: [['className', 'decision']],
    span: [['className', 'action']],
  },
  protocols: { href: ['http', 'https', 'mailto'] },
  ancestors: { li: ['ul', 'ol'] },
  required: {},
  clobber: [],
  clobberPrefix: '',
  strip: ['script', 'style', 'template'],
  allowComments: false,
  allowDoctypes: false,
};

// The options of the fragment being rendered: runSync is synchronous, so one at a time.
let current: MarkdownOptions | undefined;

interface Pipeline {
  parse(text: string): MdRoot;
  runSync(tree: MdRoot): HastRoot;
  stringify(tree: HastRoot): string;
}

let processor: Pipeline | undefined;

function pipeline() {
  processor ??= unified()
    .use(remarkParse)
    .use(rawHtmlAsText)
    .use(remarkRehype)
    .use(shape)
    .use(rehypeSanitize, SANITIZE_SCHEMA)
    .use(rehypeStringify) as unknown as Pipeline;
  return processor;
}

/** Renders record markdown to sanitised HTML. */
export function renderMarkdown(markdown: string, options: MarkdownOptions): Rendered {
  return renderWithoutPipeline(markdown, options) ?? renderThroughPipeline(markdown, options);
}

/**
 * What renderMarkdown gives when it needs no pipeline: markdown too complex to publish
 * refused, plain text written straight out (exactly as the pipeline would write it);
 * undefined for anything else.
 */
export function renderWithoutPipeline(markdown: string, options: MarkdownOptions): Rendered | undefined {
  // Plain text holds no emphasis, no link, no indentation but a list item's and no square
  // bracket but an action marker's own pair, so the only limit it could pass is that of
  // brackets in a paragraph: text with fewer brackets than that is written out without the
  // scan (which then cannot refuse it); any other text is scanned first, as before.
  const few = fewerBrackets(markdown, BODY_LIMITS.bracketsPerParagraph);
  const first = few ? renderPlain(markdown, options) : undefined;
  if (first !== undefined) return { html: new SafeHtml(first), plain: true };
  const tooComplex = complexity(markdown, 0, 1);
  if (tooComplex) return { problem: `line ${tooComplex.line}: ${tooComplex.message}` };
  const plain = few ? undefined : renderPlain(markdown, options);
  return plain === undefined ? undefined : { html: new SafeHtml(plain), plain: true };
}

/** Whether `text` holds at most `limit` opening square brackets. */
function fewerBrackets(text: string, limit: number): boolean {
  let n = 0;
  for (let i = text.indexOf('['); i >= 0; i = text.indexOf('[', i + 1)) if (++n > limit) return false;
  return true;
}

/** Renders record markdown through the sanitising pipeline, whatever it holds. */
export function renderThroughPipeline(markdown: string, options: MarkdownOptions): Rendered {
  const p = pipeline();
  current = options;
  try {
    const tree = p.runSync(p.parse(markdown));
    return { html: new SafeHtml(p.stringify(tree)) };
  } catch (e) {
    if (e instanceof RangeError)
      return {
        problem:
          'the text is nested too deeply to publish (quotes or lists inside each other thousands of times). Flatten it.',
      };
    throw e;
  } finally {
    current = undefined;
  }
}

/** Raw HTML written in markdown is the clerk's text, shown as text (escaped), never run. */
function rawHtmlAsText() {
  return (tree: MdRoot) => {
    const walk = (node: MdNodes): void => {
      if (!('children' in node)) return;
      for (const child of node.children as MdNodes[]) {
        if (child.type === 'html') (child as unknown as { type: string }).type = 'text';
        else walk(child);
      }
    };
    walk(tree);
  };
}

/** Spaces and control characters (C0, DEL, C1): a URL holding one is refused, since browsers strip some of them. */
function unsafeUrlChars(url: string): boolean {
  for (let i = 0; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c <= 0x20 || (c >= 0x7f && c <= 0x9f)) return true;
  }
  return false;
}

function shape() {
  return (tree: HastRoot) => {
    const options = current ?? { headingBase: 2 };
    shapeChildren(tree, options);
    shiftHeadings(tree, options.headingBase);
    if (options.decisions)
      markDecisions(tree, decisionStart(options.decisions === true ? undefined : options.decisions));
  };
}

function shapeChildren(parent: HastRoot | Element, options: MarkdownOptions): void {
  const out: (RootContent | ElementContent)[] = [];
  for (const child of parent.children) {
    if (child.type === 'element' && child.tagName === 'a') {
      shapeChildren(child, options);
      const raw = child.properties.href;
      const href = linkHref(typeof raw === 'string' ? raw : '', options);
      if (href === undefined) out.push(...child.children);
      else {
        child.properties = { href };
        out.push(child);
      }
      continue;
    }
    if (child.type === 'element' && child.tagName === 'img') {
      // No images from the record on a page (nothing may load from elsewhere): the alt text stays.
      const alt = typeof child.properties.alt === 'string' ? child.properties.alt : '';
      if (alt !== '') out.push({ type: 'text', value: alt });
      continue;
    }
    if (child.type === 'text' && options.actionMarker && child.value.includes('[action')) {
      out.push(...markers(child, options.actionMarker));
      continue;
    }
    if (child.type === 'element') shapeChildren(child, options);
    out.push(child);
  }
  parent.children = out;
}

/** The href a link keeps: http(s) and mailto as written, anchors in the page, else what the page's resolver says. */
function linkHref(raw: string, options: MarkdownOptions): string | undefined {
  const url = raw.trim();
  if (url === '' || unsafeUrlChars(url)) return undefined;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url);
  if (scheme) {
    const s = scheme[1]!.toLowerCase();
    if (s === 'http' || s === 'https') return /^https?:\/\/[^/\\]/i.test(url) ? s + url.slice(s.length) : undefined;
    if (s === 'mailto') return 'mailto' + url.slice(s.length);
    return undefined;
  }
  if (/^#[A-Za-z0-9_-]+$/.test(url)) return url;
  if (url.startsWith('/') || url.startsWith('\\')) return undefined;
  return options.resolveLink?.(url);
}

function markers(node: Text, label: NonNullable<MarkdownOptions['actionMarker']>): ElementContent[] {
  const out: ElementContent[] = [];
  let last = 0;
  for (const m of node.value.matchAll(new RegExp(ACTION_MARKER.source, 'g'))) {
    if (m.index > last) out.push({ type: 'text', value: node.value.slice(last, m.index) });
    const shown = label(m[1], (m[2] ?? '').trim());
    const text: Text = { type: 'text', value: shown.text };
    const inner: ElementContent =
      shown.href !== undefined
        ? { type: 'element', tagName: 'a', properties: { href: shown.href }, children: [text] }
        : text;
    out.push({ type: 'element', tagName: 'span', properties: { className: ['action'] }, children: [inner] });
    last = m.index + m[0].length;
  }
  if (last < node.value.length) out.push({ type: 'text', value: node.value.slice(last) });
  return out;
}

/** Headings follow on from the page's: the shallowest becomes `base`, and none skips a level. */
function shiftHeadings(tree: HastRoot, base: number): void {
  const headings: Element[] = [];
  const walk = (n: HastRoot | Element): void => {
    for (const c of n.children) {
      if (c.type !== 'element') continue;
      if (/^h[1-6]$/.test(c.tagName)) headings.push(c);
      else walk(c);
    }
  };
  walk(tree);
  if (headings.length === 0) return;
  const depth = (h: Element) => Number(h.tagName.slice(1));
  const top = Math.min(...headings.map(depth));
  let previous = base - 1;
  for (const h of headings) {
    const level = Math.min(6, base + depth(h) - top, previous + 1);
    h.tagName = `h${Math.max(base, level)}`;
    previous = Math.max(base, level);
  }
}

function textOf(n: ElementContent | RootContent): string {
  if (n.type === 'text') return n.value;
  if (n.type === 'element') return n.children.map(textOf).join('');
  return '';
}

/** A paragraph starting RESOLVED, with the list that follows it, becomes one decision block. */
function markDecisions(tree: HastRoot, start: RegExp): void {
  const out: RootContent[] = [];
  const kids = tree.children;
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i]!;
    if (c.type === 'element' && c.tagName === 'p' && start.test(textOf(c).trimStart())) {
      const block: ElementContent[] = [c];
      let j = i + 1;
      while (j < kids.length && kids[j]!.type === 'text' && textOf(kids[j]!).trim() === '') j++;
      const next = kids[j];
      if (next && next.type === 'element' && (next.tagName === 'ul' || next.tagName === 'ol')) {
        block.push({ type: 'text', value: '\n' }, next);
        i = j;
      }
      out.push({ type: 'element', tagName: 'div', properties: { className: ['decision'] }, children: block });
      continue;
    }
    out.push(c);
  }
  tree.children = out;
}
