/**
 * The words that open a decision in minutes ("RESOLVED that", "Agreed:", "It was AGREED
 * that:-"), as partnership.md's `decision_words` lists them.
 */

/** The decision words when partnership.md names none. */
export const DEFAULT_DECISION_WORDS = ['RESOLVED', 'AGREED', 'DECISION'];

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The start of a decision: one of the words (any case), optionally after "It was", then
 * any punctuation or dash ("RESOLVED, that", "Agreed:", "It was AGREED that:-"). What it
 * matches is not part of the decision's text, which starts at "that" or whatever follows.
 */
export function decisionStart(words: readonly string[] = DEFAULT_DECISION_WORDS): RegExp {
  const alternatives = [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => escapeRe(w).replace(/ +/g, '\\s+'))
    .join('|');
  const punct = '[\\s,:;.\u2013\u2014-]*';
  return new RegExp(`^(?:it\\s+was\\s+)?(?:${alternatives})(?![\\p{L}\\p{N}])${punct}`, 'iu');
}
