/**
 * The runs of words the website's independent check compares (src/render/site/leak-check.ts):
 * the rolling hashes it keeps as it reads must be exactly the hashes of each run of ten
 * words worked out afresh, word by word, on any text (capitals, punctuation, accents,
 * letters outside the Basic Multilingual Plane, digits, texts shorter than a run).
 */
import { describe, it, expect } from 'vitest';
import { eachRun } from '../src/render/site/leak-check.js';

const RUN = 10;

/** The hash of the run of words from..to, computed from the words themselves. */
function naiveRuns(text: string, whole: boolean): number[] {
  const words = [...text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)].map((m) => m[0]);
  const hashes = words.map((w) => {
    let a = 0x811c9dc5;
    let b = 0x12345678;
    for (let i = 0; i < w.length; i++) {
      const c = w.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 13);
    }
    return [a >>> 0, b >>> 0] as const;
  });
  const combine = (from: number, to: number) => {
    let x = 0;
    let y = 0;
    for (let i = from; i < to; i++) {
      x = (Math.imul(x, 0x9e3779b1) + hashes[i]![0]) >>> 0;
      y = (Math.imul(y, 0x85ebca6b) + hashes[i]![1]) >>> 0;
    }
    return x * 0x200000 + (y & 0x1fffff);
  };
  const out: number[] = [];
  for (let end = RUN; end <= words.length; end++) out.push(combine(end - RUN, end));
  if (whole && words.length > 0 && words.length < RUN) out.push(combine(0, words.length));
  return out;
}

function runs(text: string, whole: boolean): number[] {
  const out: number[] = [];
  eachRun(text, (h) => out.push(h), whole);
  return out;
}

/** A seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  'the',
  'Report',
  'RESOLVED',
  'café',
  'Ærø',
  'naïve',
  'İstanbul',
  'straße',
  '2026',
  '12A',
  '𝒳𝒴',
  // Letters outside the Basic Multilingual Plane between letters inside it, in one word.
  'a𝒳b',
  '𝒴2026',
  '😀',
  'ÅNGSTRÖM',
  'x',
  'ΣΊΣΥΦΟΣ',
  'кошка',
  '日本語',
  '١٢٣',
];
const GAPS = [' ', ', ', '. ', '\n', ' — ', '-', '’', ' (', ') ', '<b>', '&amp;', '_', '  \t', '\u00a0', '😀 '];

describe('the runs of words of the independent check', () => {
  it('hashes each run of ten words as the words themselves give it', () => {
    const text =
      'Four bids had been evaluated on quality and price, and the report set out the scores, the prices tendered and the financial standing of the preferred bidder.';
    const got = runs(text, false);
    expect(got.length).toBe(text.split(/\s+/).length - RUN + 1);
    expect(got).toEqual(naiveRuns(text, false));
    // The same words in other cases and with other punctuation are the same runs.
    expect(runs(text.toUpperCase().replace(/,/g, ' ;'), false)).toEqual(got);
    // A different word changes every run that holds it and no other.
    const changed = runs(text.replace('report', 'reports'), false);
    expect(changed.filter((h, i) => h !== got[i]).length).toBe(RUN);
  });

  it('hashes a text shorter than a run whole only when asked', () => {
    expect(runs('That the report be noted.', false)).toEqual([]);
    expect(runs('That the report be noted.', true)).toEqual(naiveRuns('That the report be noted.', true));
    expect(runs('That the report be noted.', true)).toHaveLength(1);
    expect(runs('', true)).toEqual([]);
    expect(runs(' , . ', true)).toEqual([]);
  });

  it('agrees with the word-by-word hashes on many seeded texts, in any script', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const r = random(seed);
      const n = Math.floor(r() * 40);
      let text = r() < 0.5 ? GAPS[Math.floor(r() * GAPS.length)]! : '';
      for (let i = 0; i < n; i++) {
        text += PIECES[Math.floor(r() * PIECES.length)]!;
        text += GAPS[Math.floor(r() * GAPS.length)]!;
      }
      // A lone surrogate now and then, as broken text may hold.
      if (r() < 0.2) text = text.slice(0, Math.floor(r() * text.length)) + '\ud835' + text;
      const whole = r() < 0.5;
      expect(runs(text, whole), `seed ${seed}: ${JSON.stringify(text)}`).toEqual(naiveRuns(text, whole));
    }
  });
});
