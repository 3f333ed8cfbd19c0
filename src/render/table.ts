/** Plain tables for the terminal and e-mail, CSV (RFC 4180) and markdown tables. */
import { clip } from '../core/text.js';

/** Display width of a string, ignoring ANSI colour codes. */
export function width(s: string): number {
  // eslint-disable-next-line no-control-regex
  return [...s.replace(/\x1b\[[0-9;]*m/g, '')].length;
}

function pad(s: string, w: number, right = false): string {
  const gap = ' '.repeat(Math.max(0, w - width(s)));
  return right ? gap + s : s + gap;
}

export interface TextTableOptions {
  /** Columns aligned right (by index). */
  right?: number[];
  /** Clip this column (by index) so the table fits `maxWidth`. */
  shrink?: number;
  maxWidth?: number;
}

/** A table of aligned columns separated by two spaces, with a header row and a rule under it. */
export function textTable(headers: string[], rows: string[][], options: TextTableOptions = {}): string {
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  if (options.maxWidth !== undefined && options.shrink !== undefined) {
    const total = widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
    const over = total - options.maxWidth;
    if (over > 0) widths[options.shrink] = Math.max(8, (widths[options.shrink] ?? 0) - over);
  }
  const right = new Set(options.right ?? []);
  const line = (cells: string[]) =>
    cells
      .map((c, i) => {
        const w = widths[i] ?? 0;
        const v = i === options.shrink && width(c) > w ? clip(c, w) : c;
        return i === cells.length - 1 && !right.has(i) ? v : pad(v, w, right.has(i));
      })
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
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
