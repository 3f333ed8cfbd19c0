/**
 * The common shape every kind of minutes document is read into: a list of blocks
 * (headings, paragraphs, list items, table cells), each with where it came from, so the
 * recogniser never needs to know whether the minutes were a web page, Word or a PDF.
 */

/** The kinds of document csp can import. */
export type SourceFormat = 'text' | 'html' | 'docx' | 'pdf';

/** One block of the document: a heading, a paragraph or a list item, whitespace tidied. */
export interface Block {
  kind: 'heading' | 'paragraph' | 'item';
  text: string;
  /** A 1-based line number into the source (the paragraph number for Word, a running line for PDF). */
  line: number;
  /** The place in words, as the report shows it: "line 12", "paragraph 12", "page 2, line 5". */
  where: string;
  /** For a heading: its level (1 to 6). */
  level?: number;
  /** The whole block is bold (or strong) in the source. */
  strong?: boolean;
}

/** A document read into blocks. */
export interface Extracted {
  format: SourceFormat;
  blocks: Block[];
  /** Things worth telling the clerk about the reading itself (e.g. "read as Windows-1252"). */
  notes: string[];
}

/** The outcome of reading one document: its blocks, or a message saying why it cannot be read. */
export type ExtractResult = { ok: true; source: Extracted } | { ok: false; message: string };

/** Tidies whitespace in a piece of text: non-breaking and repeated spaces become one space. */
export function tidy(text: string): string {
  return text
    .replace(/[\u00a0\u2000-\u200b\u202f\u205f\u3000\t\f\v]/g, ' ')
    .replace(/\u00ad/g, '')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** A bullet at the start of a line: "-", "*", "•", "·", "▪", "o" followed by space. */
const BULLET = /^(?:[-*•·▪◦‣⁃–]|o(?=\s))\s+/;

/** Removes a leading bullet; returns undefined when the line has none. */
export function stripBullet(line: string): string | undefined {
  const m = BULLET.exec(line);
  return m ? line.slice(m[0].length) : undefined;
}

/** One line of a document that has only lines (plain text, a PDF's text layer). */
export interface SourceLine {
  text: string;
  line: number;
  where: string;
  /** A blank line (or a wide gap on the page) stands before this line. */
  gapBefore: boolean;
}

/**
 * A line that opens a block of its own even without a blank line before it: a minute
 * heading ("168. FILMING AT MEETINGS"), a number alone, an all-capitals line, a label
 * such as "PRESENT:" or "Minutes:", or "RESOLVED".
 */
function opensBlock(text: string): boolean {
  if (/^\d{1,4}\.?$/.test(text)) return true;
  if (/^\d{1,4}\.?\s+\S/.test(text) && isCapitals(text)) return true;
  if (/^(?:[A-Z][A-Za-z ]{0,30}|Agenda item(?: \d+)?)\s*:/.test(text) && text.length < 60) return true;
  if (/^(?:It was )?RESOLVED\b/.test(text)) return true;
  if (/^ACTION\b/i.test(text)) return true;
  return isCapitals(text) && text.length < 150;
}

/** True when a line's letters are (almost) all capitals and there are a few of them. */
export function isCapitals(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters.length < 4) return false;
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
  return upper / letters.length > 0.85;
}

/** A line that ends a block: a heading-like line, or a label ending in a colon. */
function closesBlock(text: string): boolean {
  return opensBlock(text) || /:$/.test(text);
}

/**
 * Joins lines into blocks as a reader would: a blank line (or a gap) ends a paragraph, a
 * bullet starts a list item, a heading-like line stands alone. Lines wrapped inside a
 * paragraph are joined with a space.
 */
export function blocksFromLines(lines: readonly SourceLine[]): Block[] {
  const blocks: Block[] = [];
  let open: Block | undefined;
  let openClosed = false;
  for (const l of lines) {
    const text = tidy(l.text);
    if (!text) {
      open = undefined;
      continue;
    }
    const item = stripBullet(text);
    if (item !== undefined) {
      open = { kind: 'item', text: item, line: l.line, where: l.where };
      openClosed = false;
      blocks.push(open);
      continue;
    }
    if (open && !l.gapBefore && !openClosed && !opensBlock(text)) {
      open.text =
        open.text.endsWith('-') && /\p{Ll}$/u.test(open.text.slice(0, -1)) ? open.text + text : `${open.text} ${text}`;
      openClosed = closesBlock(text);
      continue;
    }
    open = { kind: 'paragraph', text, line: l.line, where: l.where };
    openClosed = closesBlock(text);
    blocks.push(open);
  }
  return blocks;
}
