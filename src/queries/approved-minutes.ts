/**
 * Approved minutes against an earlier revision of themselves: the one permitted change
 * is an added `corrections` entry. Shared by `validate --base` (approved-changed) and
 * `csp changes`, so the two never disagree about what counts as a change.
 */
import { lineAt } from '../core/position.js';
import { splitFrontMatter } from '../parse/frontmatter.js';
import { yamlParser } from '../parse/lazy.js';

interface Cut {
  /** The text with the top-level `corrections` entry cut out. */
  rest: string;
  corrections: unknown[];
  status?: unknown;
  /** The line of the `corrections` key, else of the front matter's first line (0 without front matter). */
  keyLine: number;
}

/** The text with the top-level `corrections` entry cut out, and the corrections themselves. */
function withoutCorrections(text: string): Cut {
  const split = splitFrontMatter(text);
  if (!split.present || split.problem) return { rest: text, corrections: [], keyLine: 0 };
  const parsed = yamlParser().parseYaml(split.yaml, split.yamlLine);
  const data = (parsed.ok ? parsed.data : undefined) as Record<string, unknown> | undefined;
  if (!data || typeof data !== 'object' || !Object.hasOwn(data, 'corrections'))
    return { rest: text, corrections: [], status: data?.status, keyLine: split.yamlLine };
  const keyLine = parsed.pos(['corrections'], true).line;
  const r = parsed.range(['corrections']);
  // The pair runs from the key's line to the line holding the value's last character.
  const lastLine = r && r[1] > r[0] ? lineAt(text, split.yamlStart + r[1] - 1) : keyLine;
  const lines = text.split('\n');
  const corrections = Array.isArray(data.corrections) ? (data.corrections as unknown[]) : [];
  const rest = [...lines.slice(0, keyLine - 1), ...lines.slice(Math.max(keyLine, lastLine))].join('\n');
  return { rest, corrections, status: data.status, keyLine };
}

/** Whether minutes with this text are approved (`status: approved`). */
export function isApprovedText(text: string): boolean {
  return withoutCorrections(text).status === 'approved';
}

/** How approved minutes differ from their earlier text. */
export type ApprovedEdit =
  /** Unchanged, or changed only by adding corrections (listed, in order). */
  | { changed: false; added: unknown[] }
  /** Changed: at `line` of the new text; `correctionsAltered` when an earlier correction was changed or removed. */
  | { changed: true; line: number; correctionsAltered: boolean };

/** Compares approved minutes' earlier text with their text now. */
export function approvedEdit(oldText: string, newText: string): ApprovedEdit {
  if (newText === oldText) return { changed: false, added: [] };
  const old = withoutCorrections(oldText);
  const now = withoutCorrections(newText);
  const kept = old.corrections.every((c, i) => JSON.stringify(c) === JSON.stringify(now.corrections[i]));
  if (now.rest === old.rest && kept) return { changed: false, added: now.corrections.slice(old.corrections.length) };
  if (!kept) return { changed: true, line: now.keyLine || 1, correctionsAltered: true };
  const a = old.rest.split('\n');
  const b = now.rest.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  // Map the differing line back to the new text (the corrections lines were cut out before it).
  const cut = newText.split('\n').length - b.length;
  const line = cut > 0 && now.keyLine > 0 && now.keyLine <= i + 1 ? i + 1 + cut : i + 1;
  return { changed: true, line, correctionsAltered: false };
}
