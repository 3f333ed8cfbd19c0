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

/** Display width, ignoring the terminal's colour codes. */
function shownWidth(s: string): number {
  // eslint-disable-next-line no-control-regex -- the terminal's colour codes
  return [...s.replace(/\x1b\[[0-9;]*m/g, '')].length;
}

/**
 * Each line longer than `columns` word-wrapped to it, its continuation lines indented by
 * `indent` more than the line itself; shorter lines, and every line when `columns` is
 * undefined (output piped to a file or a program), are left whole.
 */
export function fitLines(text: string, columns: number | undefined, indent = '  '): string {
  if (columns === undefined) return text;
  return text
    .split('\n')
    .map((line) => {
      if (shownWidth(line) <= columns) return line;
      const lead = /^[ ]*/.exec(line)![0];
      const out: string[] = [];
      let current = '';
      for (const word of line.slice(lead.length).split(' ')) {
        if (word === '') continue;
        if (current === '') current = lead + word;
        else if (shownWidth(current) + 1 + shownWidth(word) <= columns) current = `${current} ${word}`;
        else {
          out.push(current);
          current = lead + indent + word;
        }
      }
      if (current !== '') out.push(current);
      return out.join('\n');
    })
    .join('\n');
}
