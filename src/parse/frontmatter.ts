/**
 * Splits a markdown file into its front matter and body, keeping offsets so every
 * finding can point at a line in the original file. Front matter is YAML and nothing
 * else: a `---js` (or any other language) fence is refused, never evaluated.
 */
import { lineAt } from '../core/position.js';

export interface FrontMatterSplit {
  /** The YAML text between the fences ('' when there is none). */
  yaml: string;
  /** Offset of the YAML text in the file's text. */
  yamlStart: number;
  /** 1-based line of the YAML's first line. */
  yamlLine: number;
  /** Offset of the body in the file's text, and its 1-based line. */
  bodyStart: number;
  bodyLine: number;
  /** Why the front matter could not be taken, with the 1-based line and column. */
  problem?: { message: string; line: number; column: number };
  /** False when the file does not open with a `---` fence at all. */
  present: boolean;
}

const FENCE = /^---([^\r\n]*)(\r?\n|$)/;

/** Splits `text` (already without a byte-order mark) at its `---` fences. */
export function splitFrontMatter(text: string): FrontMatterSplit {
  const open = FENCE.exec(text);
  if (!open) {
    return { yaml: '', yamlStart: 0, yamlLine: 1, bodyStart: 0, bodyLine: 1, present: false };
  }
  const tag = (open[1] ?? '').trim();
  const yamlStart = open[0].length;
  // Find the closing fence: a line that is exactly --- or ... (trailing spaces allowed).
  const close = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/gm;
  close.lastIndex = yamlStart;
  let m: RegExpExecArray | null;
  let end = -1;
  let after = -1;
  while ((m = close.exec(text)) !== null) {
    if (m.index >= yamlStart) {
      end = m.index;
      after = m.index + m[0].length;
      break;
    }
  }
  if (tag !== '' && tag.toLowerCase() !== 'yaml') {
    const bodyStart = after < 0 ? text.length : after;
    return {
      yaml: '',
      yamlStart,
      yamlLine: 2,
      bodyStart,
      bodyLine: lineAt(text, bodyStart),
      present: true,
      problem: {
        message: `Front matter must be YAML, but this file's opening fence says "---${tag}". Change the first line to "---"; csp never runs code from a record.`,
        line: 1,
        column: 4,
      },
    };
  }
  if (end < 0) {
    return {
      yaml: '',
      yamlStart,
      yamlLine: 2,
      bodyStart: text.length,
      bodyLine: lineAt(text, text.length),
      present: true,
      problem: {
        message:
          'The front matter opened with "---" on line 1 is never closed. Add a line with "---" after the last field.',
        line: 1,
        column: 1,
      },
    };
  }
  return {
    yaml: text.slice(yamlStart, end),
    yamlStart,
    yamlLine: 2,
    bodyStart: after,
    bodyLine: lineAt(text, after),
    present: true,
  };
}
