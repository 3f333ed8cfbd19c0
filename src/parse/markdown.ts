/**
 * The full CommonMark parser (remark), for bodies the fast reader declines. Loaded only
 * when such a body is read: remark alone is ~80 ms of start-up.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { Root } from 'mdast';

export { BODY_LIMITS, complexity, nodeText, parseBody } from './body.js';
export type { BodyLink, BodyOptions, BodyProblem, ParsedBody } from './body.js';

let processor: ReturnType<typeof makeProcessor> | undefined;
function makeProcessor() {
  return unified().use(remarkParse);
}

/** The mdast tree of a markdown text. */
export function markdownTree(body: string): Root {
  processor ??= makeProcessor();
  return processor.parse(body);
}
