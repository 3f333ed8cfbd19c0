/**
 * How the check of a site reads a text: the entities it decodes by name, and its words
 * (letters and digits of the lower-cased text, each word hashed twice, and a run of RUN
 * words hashed as two polynomials in its words' hashes, kept rolling as the text is read).
 * Shared by the check of a page's text (leak-check) and the quick look at its bytes
 * (leak-scan), which must read every entity alike and give every run the same hash.
 */
/** Words in a run compared; shorter exempt texts are compared whole. */
export const RUN = 10;

/** Whether each code unit of the Basic Multilingual Plane is a letter or digit (0 not yet known, 1 yes, 2 no). */
export const WORD_UNIT = new Uint8Array(0x10000);
for (let c = 0; c < 0x80; c++)
  WORD_UNIT[c] = (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) ? 1 : 2;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/** Whether the code point `cp` is a letter or a digit (as `[\p{L}\p{N}]` says). */
export function wordChar(cp: number): boolean {
  if (cp < 0x10000) {
    let k = WORD_UNIT[cp]!;
    if (k === 0) {
      k = LETTER_OR_DIGIT.test(String.fromCharCode(cp)) ? 1 : 2;
      WORD_UNIT[cp] = k;
    }
    return k === 1;
  }
  return LETTER_OR_DIGIT.test(String.fromCodePoint(cp));
}

/** The multipliers of the two run hashes, and each to the power RUN - 1 (all modulo 2^32). */
export const KX = 0x9e3779b1;
export const KY = 0x85ebca6b;
const power = (k: number): number => {
  let p = 1;
  for (let i = 1; i < RUN; i++) p = Math.imul(p, k) >>> 0;
  return p;
};
export const KX_TOP = power(KX);
export const KY_TOP = power(KY);

/** A bit for each value of a run hash's low bits: a run whose bit is clear is none of those looked for. */
export type RunFilter = Uint8Array;

/**
 * The filter that lets through (at least) the runs looked for (keyed by their hashes). The bit of a run is
 * the low 3 bits of its first hash and the low 21 of its second (24 bits), or the low bits
 * of those: the filter has about 32 bits for each run looked for (at least 2^16, at most
 * 2^24), so a few in a hundred other runs pass it, and it stays small enough to be read
 * from the processor's cache for every word.
 */
export function runFilter(runs: ReadonlyMap<number, unknown>): RunFilter {
  let size = 1 << 16;
  while (size < runs.size * 32 && size < 1 << 24) size *= 2;
  const mask = size - 1;
  const bits = new Uint8Array(size >>> 3);
  for (const h of runs.keys()) {
    const bit = (((Math.floor(h / 0x200000) & 7) << 21) | (h % 0x200000)) & mask;
    bits[bit >>> 3]! |= 1 << (bit & 7);
  }
  return bits;
}

/** The entities the check decodes by name (any other name is left as it is written). */
export const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  colon: ':',
  commat: '@',
  period: '.',
  sol: '/',
};
