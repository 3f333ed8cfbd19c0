/** Laying out plain text for the terminal: word-wrapping and centring. */

/** Word-wraps `text` to `width`, the first line after `first`, the rest after `rest`. */
export function wrap(text: string, width: number, first = '', rest = first): string[] {
  const out: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(' ').filter((w) => w !== '')) {
    if (!empty && [...line].length + 1 + [...word].length > width) {
      out.push(line);
      line = rest + word;
    } else line = empty ? line + word : `${line} ${word}`;
    empty = false;
  }
  if (!empty) out.push(line);
  return out;
}

/** `s` centred in a field `w` characters wide. */
export function centre(s: string, w: number): string {
  const left = Math.floor((w - [...s].length) / 2);
  return ' '.repeat(Math.max(0, left)) + s + ' '.repeat(Math.max(0, w - left - [...s].length));
}
