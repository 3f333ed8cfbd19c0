/**
 * The full CommonMark parser (remark), for bodies the fast reader declines. Loaded only
 * when such a body is read: remark alone is ~80 ms of start-up.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { Root } from 'mdast';
import { blockTree } from './blocks.js';

export { BODY_LIMITS, complexity, nodeText, parseBody } from './body.js';
export type { BodyLink, BodyOptions, BodyProblem, ParsedBody } from './body.js';

let processor: ReturnType<typeof makeProcessor> | undefined;
function makeProcessor() {
  // Emphasis is not read: csp keeps none of it, and pairing it takes time in the square of a
  // paragraph's asterisks (a 40 KB line of them took 51 s). Its marks are taken out of the
  // text csp keeps by plainText() in body.ts.
  return unified()
    .use(remarkParse)
    .data('micromarkExtensions', [{ disable: { null: ['attention'] } }]);
}

/** The mdast tree of a body, read piece by piece (see blocks.ts) so it takes time linear in its size. */
export function markdownTree(body: string): Root {
  const p = (processor ??= makeProcessor());
  return blockTree(body, (text) => p.parse(text));
}
