/** Parsing a body piece by piece gives the tree the parser gives the whole body, in linear time. */
import { describe, it, expect } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { Root } from 'mdast';
import { blockTree } from '../src/parse/blocks.js';
import { random } from './support/random.js';

const processor = unified().use(remarkParse);
const parse = (s: string): Root => processor.parse(s);

/**
 * The tree without what a piece cannot know and csp never reads: whether a list is loose,
 * where a list, an item or a code block in an item ends when the next block closes it
 * (the parser puts that end on the closing line in one parse, on the block's own line in
 * a piece), and a blank line at the end of a fence left open in an item.
 */
function plain(node: unknown, type?: string): unknown {
  if (Array.isArray(node)) return node.map((n) => plain(n));
  if (node === null || typeof node !== 'object') return node;
  const n = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(n)) {
    if (k === 'spread') continue;
    if (k === 'end' && (type === 'list' || type === 'listItem' || type === 'code')) continue;
    out[k] =
      k === 'value' && n.type === 'code'
        ? String(v).trimEnd()
        : plain(v, k === 'position' ? String(n.type) : undefined);
  }
  return out;
}

const LINES = [
  '',
  '',
  '',
  'Text of the item.',
  'more text',
  'lazy',
  '## 1. Heading',
  '# Title',
  '#',
  '###### six',
  '- item',
  '- item',
  '* star',
  '+ plus',
  '-',
  '1. one',
  '2. two',
  '10. ten',
  '1) paren',
  '2) paren',
  '  - nested',
  '    - deeper',
  '  1. nested one',
  '   indented text',
  '    code',
  '\tcode',
  '> quote',
  '> - quoted item',
  '>',
  '> ## quoted heading',
  '```',
  '```',
  '~~~',
  '  ```',
  ' ```',
  '```js',
  '````',
  '<div>',
  '</div>',
  '<!-- comment',
  '-->',
  '<!-- c -->',
  '<pre>',
  '</pre>',
  '<script>',
  '</script>',
  '<?x',
  '?>',
  '<![CDATA[',
  ']]>',
  '<!DOCTYPE x',
  '>',
  '<span>',
  '***',
  '---',
  '- - -',
  '===',
  '[a]: /url',
  '[b]: <x> "t"',
  'text with `code`',
  '- [action: clerk]',
  'RESOLVED that',
  '  > nested quote',
  '- ```',
  '  text',
  '  ',
];

function doc(rand: () => number): string {
  const n = Math.floor(rand() * 40);
  const eol = rand() < 0.2 ? '\r\n' : '\n';
  return (
    Array.from({ length: n }, () => LINES[Math.floor(rand() * LINES.length)]).join(eol) + (rand() < 0.5 ? eol : '')
  );
}

describe('markdown piece by piece', () => {
  it('gives the same tree as the whole body, for 300 bodies made of every kind of line (npm run fuzz reads more)', () => {
    const rand = random(20261201);
    for (let i = 0; i < 300; i++) {
      const body = doc(rand);
      const whole = plain(parse(body).children);
      const pieces = plain(blockTree(body, parse, 0).children);
      if (JSON.stringify(whole) !== JSON.stringify(pieces)) {
        expect({ body, pieces }).toEqual({ body, pieces: whole });
      }
    }
  });

  it('keeps lists cut between their items as one list, and positions in the body', () => {
    const body = '## 1. A\n\n- one\n- two\n\n- three\n\nText\n';
    const tree = blockTree(body, parse, 0);
    expect(tree.children.map((c) => c.type)).toEqual(['heading', 'list', 'paragraph']);
    expect(plain(tree.children)).toEqual(plain(parse(body).children));
  });
});
