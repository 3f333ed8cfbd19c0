/**
 * A web page saved from a committee website (or the HTML mammoth makes of a Word file)
 * into blocks, read with a real HTML parser (rehype-parse, hast). Scripts, styles, forms,
 * frames and the site's navigation are dropped unread; nothing on the page is ever run.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import { tidy, stripBullet, type Block } from './source.js';

/** Elements whose content is never minutes text. */
const DROPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'head',
  'svg',
  'math',
  'canvas',
  'form',
  'button',
  'select',
  'textarea',
  'input',
  'nav',
  'img',
  'picture',
  'video',
  'audio',
  'map',
  'dialog',
]);

/** Elements that start a block of their own. */
const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'aside',
  'header',
  'footer',
  'blockquote',
  'pre',
  'address',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'caption',
  'figure',
  'figcaption',
  'hr',
  'body',
  'html',
  'center',
  'fieldset',
]);

/** Class or id words that mark a website's own furniture (menus, breadcrumbs, cookie notices). */
const FURNITURE =
  /(?:^|[\s_-])(?:nav|navigation|menu|breadcrumbs?|cookies?|skip-?link|site-?header|site-?footer|masthead|banner|sidebar|share|social|search)(?:$|[\s_-])/i;

interface Run {
  text: string;
  strong: boolean;
}

/** Options for reading a page: how to label a block's place. */
export interface HtmlOptions {
  /** "line" for a saved page (hast positions); "paragraph" to number blocks in order (Word). */
  places: 'line' | 'paragraph';
}

/** Reads an HTML page into blocks. */
export function htmlBlocks(html: string, options: HtmlOptions = { places: 'line' }): Block[] {
  const tree = unified().use(rehypeParse, { fragment: false }).parse(html);
  const root = pickContent(tree);
  const blocks: Block[] = [];
  let runs: Run[] = [];
  let startLine = 0;
  let kind: Block['kind'] = 'paragraph';
  let level: number | undefined;

  const flush = () => {
    const joined = runs.map((r) => r.text).join('');
    for (const piece of joined.split('\n')) {
      let text = tidy(piece);
      if (!text) continue;
      let k = kind;
      if (k === 'paragraph') {
        const item = stripBullet(text);
        if (item !== undefined) {
          k = 'item';
          text = item;
        }
      }
      const visible = runs.filter((r) => r.text.trim());
      const strong = visible.length > 0 && visible.every((r) => r.strong);
      const block: Block = { kind: k, text, line: startLine || 1, where: '' };
      if (k === 'heading' && level !== undefined) block.level = level;
      if (strong) block.strong = true;
      blocks.push(block);
    }
    runs = [];
    kind = 'paragraph';
    level = undefined;
  };

  const walk = (node: RootContent | ElementContent | Root, strong: boolean, parent: string) => {
    if (node.type === 'text') {
      if (!runs.length || !startLine) startLine = node.position?.start.line ?? startLine;
      runs.push({ text: node.value.replace(/[\r\n\t]+/g, ' '), strong });
      return;
    }
    if (node.type !== 'element' && node.type !== 'root') return;
    if (node.type === 'element') {
      const el = node;
      if (DROPPED.has(el.tagName) || isFurniture(el) || isHidden(el)) return;
      // The site's own header and footer sit straight inside <body>; a header inside the content is kept.
      if ((el.tagName === 'header' || el.tagName === 'footer') && parent === 'body') return;
      if (el.tagName === 'br') {
        runs.push({ text: '\n', strong });
        return;
      }
      const isBlock = BLOCK.has(el.tagName);
      if (isBlock) {
        flush();
        startLine = el.position?.start.line ?? 0;
        const h = /^h([1-6])$/.exec(el.tagName);
        if (h) {
          kind = 'heading';
          level = Number(h[1]);
        } else if (el.tagName === 'li') kind = 'item';
      }
      const bold =
        strong ||
        el.tagName === 'strong' ||
        el.tagName === 'b' ||
        /font-weight:\s*(?:bold|[6-9]00)/i.test(prop(el, 'style'));
      const savedKind = kind;
      const savedLevel = level;
      for (const child of el.children) walk(child, bold, el.tagName);
      if (isBlock) {
        kind = savedKind;
        level = savedLevel;
        flush();
      }
      return;
    }
    for (const child of node.children) walk(child, strong, 'root');
  };
  walk(root, false, root.type === 'element' ? root.tagName : 'root');
  flush();

  blocks.forEach((b, i) => {
    if (options.places === 'paragraph') {
      b.line = i + 1;
      b.where = `paragraph ${i + 1}`;
    } else b.where = `line ${b.line}`;
  });
  return blocks;
}

/** The part of the page that holds the meeting: ModernGov's content area, <main>, or the body. */
function pickContent(tree: Root): Root | Element {
  let byId: Element | undefined;
  let main: Element | undefined;
  const visit = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (DROPPED.has(child.tagName)) continue;
      const id = prop(child, 'id');
      if (!byId && /^(?:modgov|mgContent|content-?main|main-?content)$/i.test(id)) byId = child;
      if (!main && child.tagName === 'main') main = child;
      visit(child);
    }
  };
  visit(tree);
  return byId ?? main ?? tree;
}

/** An element's property as text ("" when absent), class lists joined by spaces. */
function prop(el: Element, name: string): string {
  const v: unknown = el.properties[name];
  if (Array.isArray(v)) return v.join(' ');
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  return v === true ? 'true' : '';
}

/** Site menus, breadcrumbs and the like, by their class or id. */
function isFurniture(el: Element): boolean {
  const role = prop(el, 'role');
  return (
    FURNITURE.test([prop(el, 'className'), prop(el, 'id'), role].join(' ')) ||
    /^(?:navigation|banner|contentinfo|search)$/.test(role)
  );
}

/** Content hidden from every reader (hidden attribute, display:none, aria-hidden). */
function isHidden(el: Element): boolean {
  const hidden: unknown = el.properties.hidden;
  if (hidden !== undefined && hidden !== null && hidden !== false) return true;
  if (prop(el, 'ariaHidden') === 'true') return true;
  return /display:\s*none|visibility:\s*hidden/i.test(prop(el, 'style'));
}
