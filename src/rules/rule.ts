/** The shape of a validation rule, and the context every rule receives. */
import type { LoadedRecord } from '../load/load.js';
import type { Diagnostic, RuleId, Severity } from '../core/diagnostic.js';
import type { Loaded } from '../model/types.js';
import type { Position } from '../core/position.js';

export interface RuleContext {
  rec: LoadedRecord;
  /** "Today" for the run (--as-of). */
  today: string;
  /** Files changed against --base, when given (for approved-changed). */
  base?: string;
}

/** Where a finding points: a loaded file and a path into its YAML, or an explicit place. */
export type Where =
  | { loaded: Loaded<unknown>; path: readonly (string | number)[]; key?: boolean }
  | { file: string; line: number; column: number };

export interface Rule {
  id: RuleId;
  /** As documented: the severity, or "error / warning" where it depends. */
  severity: Severity | 'error / warning';
  /** When the rule fires, in the clerk's words (the README's rules reference). */
  summary: string;
  /** Cross-file checks; rules found while reading files have none. */
  check?(ctx: RuleContext, report: Reporter): void;
}

export type Reporter = (where: Where, message: string, severity?: Severity) => void;

/** Builds a reporter that stamps the rule id and its default severity. */
export function reporterFor(rule: Rule, out: Diagnostic[]): Reporter {
  return (where, message, severity) => {
    let p: Position & { file: string };
    if ('loaded' in where) {
      const at = where.loaded.pos(where.path, where.key ?? false);
      p = { file: where.loaded.file.display, ...at };
    } else p = where;
    out.push({
      file: p.file,
      line: p.line,
      column: p.column,
      severity: severity ?? (rule.severity === 'warning' ? 'warning' : 'error'),
      rule: rule.id,
      message,
    });
  };
}
