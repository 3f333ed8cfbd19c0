/** Small text helpers shared by every layer: titles compared, text clipped, control characters shown. */

/** A title reduced to lower-case words (letters and digits of any script), for comparing titles. */
export function normaliseTitle(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Whether two titles are the same words: "Prevent – annual update" is "prevent - Annual Update". */
export function sameTitle(a: string, b: string): boolean {
  return normaliseTitle(a) === normaliseTitle(b);
}

/** `s` cut to at most `w` characters, ending in "…" when cut. */
export function clip(s: string, w: number): string {
  const chars = [...s];
  return chars.length <= w ? s : chars.slice(0, Math.max(0, w - 1)).join('') + '…';
}

/** Control characters (a line break, a terminal escape) shown as escapes, so text from the record stays one line and cannot drive a terminal. */
export function visible(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) =>
    c === '\n'
      ? '\\n'
      : c === '\r'
        ? '\\r'
        : c === '\t'
          ? '\\t'
          : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * Text for the terminal with its control characters shown as escapes, except the line
 * breaks and tabs it is laid out with: a message that echoes what the clerk typed cannot
 * clear the screen or change its colours.
 */
export function terminalSafe(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => visible(c));
}

/** "A, B and C". */
export function listInWords(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
