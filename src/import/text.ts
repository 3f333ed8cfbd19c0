/** Plain text (copied from a committee website or a minutes document) into blocks. */
import { blocksFromLines, type Block, type SourceLine } from './source.js';

/** Splits text into numbered lines; a blank line marks the gap before the next. */
export function textLines(text: string): SourceLine[] {
  const out: SourceLine[] = [];
  let gap = false;
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    if (!raw.replace(/[\s\u00a0]/g, '')) {
      gap = true;
      continue;
    }
    out.push({ text: raw, line: i + 1, where: `line ${i + 1}`, gapBefore: gap });
    gap = false;
  }
  return out;
}

/** Reads plain text into blocks. */
export function textBlocks(text: string): Block[] {
  return blocksFromLines(textLines(text));
}
