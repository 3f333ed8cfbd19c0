/**
 * Standard items as minutes really title them: "Minutes – Wednesday 29th June 2022" is the
 * standard item "Minutes", "Declaration of Interests" is "Declarations of interest".
 */
import { normaliseTitle } from './text.js';

/** The usual wordings of each standard item, as patterns over a normalised title (lower case, single spaces). */
const SYNONYMS: readonly RegExp[] = [
  /^(?:declarations?|disclosures?) of (?:\w+ )?(?:and \w+ )?interests?\b/,
  /^apologies\b/,
  /^minutes\b/,
  /^matters arising\b/,
  /^(?:any other business|aob)\b/,
  /^dates? of (?:the )?(?:next|future|forthcoming) meetings?\b/,
  /^(?:urgent business|(?:new )?items? of urgent business)\b/,
  /^filming\b/,
];

/**
 * Whether a minute's title is one of the standard items: the same words as one, a title
 * that starts with one ("Minutes of the meeting held on 17 June"), or a usual wording of
 * a usual standard item (Declaration(s)/Disclosure(s) of interest(s), Apologies (for absence),
 * Minutes (of the … meeting), Matters arising, Any other business/AOB, Date(s) of (next/future) meeting(s)).
 */
export function isStandardItem(title: string, standard: readonly string[]): boolean {
  const t = normaliseTitle(title);
  if (t === '') return false;
  for (const s of standard) {
    const n = normaliseTitle(s);
    if (n === '') continue;
    if (t === n || t.startsWith(`${n} `)) return true;
  }
  // The usual standard items are standard whether or not partnership.md lists them in these words.
  return SYNONYMS.some((re) => re.test(t));
}
