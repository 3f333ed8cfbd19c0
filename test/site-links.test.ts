/**
 * The relative links between the files of the site (href in src/render/site/layout.ts): the
 * link it writes from any page to any file is the one the path module works out (the folder
 * of the page to the file, each segment encoded, the part after "#" kept), whether the paths
 * are the plain ones the site makes or not.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { href } from '../src/render/site/layout.js';

/** The link as the path module gives it: what href must write for any pair of paths. */
function byPathModule(from: string, to: string): string {
  const [file, hash] = to.split('#') as [string, string | undefined];
  let rel = path.posix.relative(path.posix.dirname(from), file);
  if (rel === '') rel = path.posix.basename(file);
  const encoded = rel
    .split('/')
    .map((seg) => (seg === '..' ? seg : encodeURIComponent(seg)))
    .join('/');
  return hash === undefined ? encoded : `${encoded}#${hash}`;
}

/** A small seeded generator, so a failure can be run again. */
function generator(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SEGMENTS = [
  'meetings',
  '2026-10-08',
  '2026-10-08-extra',
  'papers',
  'index.html',
  'minutes.html',
  'decisions.html',
  'Annual report (final).pdf',
  'plan v2 – draft.docx',
  'café.pdf',
  '100%.pdf',
  "it's.pdf",
  'a&b.pdf',
  '日本.pdf',
  'x',
];
const ODD = ['.', '..', '', '/'];

function pathOf(next: () => number, odd: boolean): string {
  const n = 1 + Math.floor(next() * 4);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const pool = odd && next() < 0.25 ? ODD : SEGMENTS;
    parts.push(pool[Math.floor(next() * pool.length)]!);
  }
  let p = parts.join('/');
  if (odd && next() < 0.1) p = `/${p}`;
  if (odd && next() < 0.1) p = `${p}/`;
  return p;
}

describe('links between the files of the site', () => {
  it('links as a reader expects between the pages the site makes', () => {
    expect(href('index.html', 'meetings/2026-10-08.html')).toBe('meetings/2026-10-08.html');
    expect(href('meetings/2026-10-08.html', 'index.html')).toBe('../index.html');
    expect(href('meetings/2026-10-08.html', 'meetings/2026-07-09.html#minute-171')).toBe('2026-07-09.html#minute-171');
    expect(href('meetings/2026-10-08.html', 'meetings/2026-10-08/papers/Annual report.pdf')).toBe(
      '2026-10-08/papers/Annual%20report.pdf',
    );
    expect(href('meetings/2026-10-08/papers/a.pdf', 'decisions.html')).toBe('../../../decisions.html');
    expect(href('meetings/x.html', 'meetings')).toBe('meetings');
  });

  it('writes the link the path module works out, for thousands of pairs of paths (plain and not)', () => {
    const next = generator(20261202);
    let plain = 0;
    for (let i = 0; i < 20000; i++) {
      const odd = i % 2 === 1;
      const from = pathOf(next, odd);
      let to = pathOf(next, odd);
      if (next() < 0.3) to += `#${next() < 0.5 ? 'minute-171' : 'a#b'}`;
      if (!odd) plain++;
      expect(href(from, to), `${from} -> ${to}`).toBe(byPathModule(from, to));
    }
    expect(plain).toBe(10000);
  });
});
