/** Plain tables for the terminal and e-mail, CSV (RFC 4180) and markdown tables. */

/** Display width of a string, ignoring ANSI colour codes. */
export function width(s: string): number {
  return [...stripColour(s)].length;
}

function stripColour(s: string): string {
  // eslint-disable-next-line no-control-regex -- the terminal's colour codes
  return s.replace(/\x1b\[[0-9;]*m/g, '');
}

function pad(s: string, w: number, right = false): string {
  const gap = ' '.repeat(Math.max(0, w - width(s)));
  return right ? gap + s : s + gap;
}

/** Word-wraps one cell to `w` characters: breaks at spaces, and inside a word only when the word alone is wider. */
export function wrapCell(text: string, w: number): string[] {
  if (width(text) <= w) return [text];
  // Colour is dropped from a cell that has to wrap: a code split over two lines would bleed.
  const words = stripColour(text).split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (let word of words) {
    while ([...word].length > w) {
      if (line) {
        lines.push(line);
        line = '';
      }
      // A long word (an action id) breaks after a hyphen where it can, else at the width.
      const chars = [...word];
      const hyphen = chars.slice(0, w).lastIndexOf('-');
      const cut = hyphen > 0 ? hyphen + 1 : w;
      lines.push(chars.slice(0, cut).join(''));
      word = chars.slice(cut).join('');
    }
    if (!word) continue;
    if (!line) line = word;
    else if ([...line].length + 1 + [...word].length <= w) line += ' ' + word;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

function longestWord(s: string): number {
  return Math.max(
    0,
    ...stripColour(s)
      .split(/\s+/)
      .map((x) => [...x].length),
  );
}

export interface TextTableOptions {
  /** Columns aligned right (by index). */
  right?: number[];
  /**
   * Columns whose long text wraps so the table fits `maxWidth`, the one that matters most
   * (the title) first: it is given two characters of the room for every one the others get.
   */
  wrap?: number[];
  /** The terminal's width; without it (piped output) nothing wraps. */
  maxWidth?: number;
  /** For a wrapping column (by index): the width it keeps while the others give way (an id's usual length). */
  keep?: Record<number, number>;
}

/** Two spaces between columns. */
const GAP = 2;
/** The most the first wrapping column (the title) keeps, and the others, before every wrapping column must give way. */
const KEEP_FIRST = 20;
const KEEP_OTHER = 12;
/** When room is short the title gives way down to this, the other wrapping columns down to their longest word up to the second. */
const LEAST_FIRST = 16;
const LEAST_OTHER = 10;

/**
 * The width of each column. Each is as wide as its widest cell; when the table is wider
 * than `maxWidth`, first the other columns narrow to their longest word (a two-word
 * heading goes onto two lines), then the wrapping columns share the room that is left:
 * each keeps up to a comfortable width (the first more), and what remains goes two
 * characters to the first for each one to every other, until each is whole. When even
 * that does not fit, the others give way to their longest word and the title to a
 * narrower width; undefined when the table cannot fit at all (then rows are shown as blocks).
 */
export function columnWidths(
  headers: string[],
  rows: string[][],
  options: TextTableOptions = {},
): number[] | undefined {
  const natural = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const max = options.maxWidth;
  const order = options.wrap ?? [];
  const widths = [...natural];
  const total = () => widths.reduce((a, b) => a + b, 0) + GAP * (widths.length - 1);
  if (max === undefined || order.length === 0 || total() <= max) return widths;
  const words = (i: number) => Math.max(longestWord(headers[i] ?? ''), ...rows.map((r) => longestWord(r[i] ?? '')));
  for (let i = 0; i < widths.length && total() > max; i++) {
    if (order.includes(i)) continue;
    widths[i] = Math.max(words(i), widths[i]! - (total() - max));
  }
  const fixed = widths.reduce((a, w, i) => (order.includes(i) ? a : a + w), 0);
  let room = max - fixed - GAP * (widths.length - 1);
  order.forEach((i, k) => {
    const keep = options.keep?.[i] ?? (k === 0 ? KEEP_FIRST : Math.min(words(i), KEEP_OTHER));
    widths[i] = Math.min(natural[i]!, Math.max(longestWord(headers[i] ?? ''), keep));
    room -= widths[i];
  });
  if (room < 0) {
    order.forEach((i, k) => {
      if (k === 0) return;
      const least = Math.min(widths[i]!, Math.max(longestWord(headers[i] ?? ''), Math.min(words(i), LEAST_OTHER)));
      const give = Math.min(-room, widths[i]! - least);
      widths[i]! -= give;
      room += give;
    });
    const first = order[0]!;
    const give = Math.min(-room, widths[first]! - Math.min(widths[first]!, LEAST_FIRST));
    widths[first]! -= give;
    room += give;
    return room < 0 ? undefined : widths;
  }
  const weights = order.map((_, k) => (k === 0 ? 2 : 1));
  for (let given = true; room > 0 && given;) {
    given = false;
    for (const [k, i] of order.entries()) {
      for (let n = 0; n < weights[k]! && room > 0 && widths[i]! < natural[i]!; n++) {
        widths[i]!++;
        room--;
        given = true;
      }
    }
  }
  return widths;
}

/** The lines of a table with these column widths: a header row, a rule, then each row (wrapped cells on more lines). */
function tableLines(headers: string[], rows: string[][], widths: number[], options: TextTableOptions): string[] {
  const right = new Set(options.right ?? []);
  const render = (cells: string[]): string[] => {
    const wrapped = cells.map((c, i) => wrapCell(c, widths[i] ?? 0));
    const height = Math.max(1, ...wrapped.map((w) => w.length));
    const out: string[] = [];
    for (let k = 0; k < height; k++) {
      out.push(
        wrapped
          .map((lines, i) => {
            const v = lines[k] ?? '';
            return i === cells.length - 1 && !right.has(i) ? v : pad(v, widths[i] ?? 0, right.has(i));
          })
          .join(' '.repeat(GAP))
          .trimEnd(),
      );
    }
    return out;
  };
  return [...render(headers), widths.map((w) => '-'.repeat(w)).join(' '.repeat(GAP)), ...rows.flatMap(render)];
}

/**
 * The rows as blocks, for a terminal too narrow for the table: the first column's value on
 * a line of its own, the title (the first wrapping column) under it, then "Heading: value"
 * for each other cell that has one, all wrapped at words to `maxWidth`.
 */
function blockLines(headers: string[], rows: string[][], options: TextTableOptions): string[] {
  const max = options.maxWidth ?? Infinity;
  const title = options.wrap?.[0];
  const fit = (text: string, lead: string) => wrapCell(text, Math.max(1, max - lead.length)).map((l) => lead + l);
  const wrapping = new Set(options.wrap ?? []);
  const shown = (r: string[], i: number) => i !== 0 && i !== title && stripColour(r[i] ?? '') !== '';
  return rows.flatMap((r, n) => {
    const short = r
      .map((cell, i) => (shown(r, i) && !wrapping.has(i) ? `${headers[i]}: ${cell}` : ''))
      .filter(Boolean)
      .join('  ');
    return [
      ...(n > 0 ? [''] : []),
      ...fit(r[0] ?? '', ''),
      ...(title !== undefined && title !== 0 ? fit(r[title] ?? '', '  ') : []),
      ...r.flatMap((cell, i) => (shown(r, i) && wrapping.has(i) ? fit(`${headers[i]}: ${cell}`, '  ') : [])),
      ...(short ? (width(short) + 2 <= max ? ['  ' + short] : fit(short, '  ')) : []),
    ];
  });
}

/** A table of aligned columns separated by two spaces, with a header row and a rule under it (blocks on a terminal too narrow for it). */
export function textTable(headers: string[], rows: string[][], options: TextTableOptions = {}): string {
  const widths = columnWidths(headers, rows, options);
  return (widths ? tableLines(headers, rows, widths, options) : blockLines(headers, rows, options)).join('\n') + '\n';
}

/** Several tables with the same columns, each under its heading, sharing one set of column widths. */
export function textTables(
  headers: string[],
  sections: readonly { heading: string; rows: string[][] }[],
  options: TextTableOptions = {},
): string[] {
  const widths = columnWidths(
    headers,
    sections.flatMap((s) => s.rows),
    options,
  );
  return sections.map(
    (s) =>
      `${s.heading}\n${(widths ? tableLines(headers, s.rows, widths, options) : blockLines(headers, s.rows, options)).join('\n')}\n`,
  );
}

/** CSV per RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break. */
export function csv(headers: string[], rows: (string | number | undefined | null)[][]): string {
  const field = (v: string | number | undefined | null) => {
    const s = v === undefined || v === null ? '' : String(v);
    return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [headers, ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

/** A GitHub-flavoured markdown table; pipes and line breaks in cells are escaped. */
export function mdTable(headers: string[], rows: string[][]): string {
  const cell = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
  return (
    [
      `| ${headers.map(cell).join(' | ')} |`,
      `| ${headers.map(() => '---').join(' | ')} |`,
      ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
    ].join('\n') + '\n'
  );
}
