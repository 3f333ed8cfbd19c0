/** Places in a text: 1-based lines and columns from offsets, counted one way everywhere. */

/** A place in a file: 1-based line and column. */
export interface Position {
  line: number;
  column: number;
}

/** Offsets at which each line of `text` starts (the first is 0). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** A function from offsets in `text` to positions; the line table is built on first use. */
export function positions(text: string): (offset: number) => Position {
  let starts: number[] | undefined;
  return (offset) => {
    starts ??= lineStarts(text);
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}

/** The position of one offset in `text` (for many, use positions()). */
export function positionAt(text: string, offset: number): Position {
  return positions(text)(offset);
}

/** 1-based line number of an offset. */
export function lineAt(text: string, offset: number): number {
  return positionAt(text, offset).line;
}

/** Offset at which 1-based `line` starts (the text's length past the last line). */
export function offsetOfLine(text: string, line: number): number {
  let off = 0;
  for (let l = 1; l < line; l++) {
    const i = text.indexOf('\n', off);
    if (i === -1) return text.length;
    off = i + 1;
  }
  return off;
}

/** Offset of the start of the line holding `offset`. */
export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset just after the line end of the line holding `offset` (the text's length on the last line). */
export function lineEndOf(text: string, offset: number): number {
  const i = text.indexOf('\n', offset);
  return i === -1 ? text.length : i + 1;
}
