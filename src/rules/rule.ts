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
  /**
   * Whether anything exists at a path: every question a rule asks of the disk beyond the
   * record's files goes through here, so a check's findings can be kept with the answers
   * they depended on (default: ask the disk).
   */
  exists?: (abs: string) => boolean;
}

/** Where a finding points: a loaded file and a path into its YAML, or an explicit place. */
export type Where = (
  | { loaded: Loaded<unknown>; path: readonly (string | number)[]; key?: boolean }
  | { file: string; line: number; column: number }
) & { about?: Diagnostic['about'] };

export interface Rule {
  id: RuleId;
  /** As documented: the severity, or "error / warning" where it depends. */
  severity: Severity | 'error / warning';
  /** When the rule fires, in the clerk's words (the README's rules reference). */
  summary: string;
  /** Cross-file checks; rules found while reading files have none. */
  check?(ctx: RuleContext, report: Reporter): void;
  /** Records that break the rule and records that keep it: the rule's documentation and its tests. */
  examples: { notOk: NotOkExample[]; ok: Example[] };
}

/**
 * A record that keeps the rule, and every other: files written over the example record
 * (`EXAMPLE_RECORD`), then `csp validate --as-of 2026-11-22` (with `--base` when
 * `committed` is given) finds nothing.
 */
export interface Example {
  /** What the example shows, in a few words. */
  title: string;
  /** Files added to or replacing the example record's, relative to the record folder. */
  files: Record<string, string>;
  /** For approved-changed: files committed to git (over the example record) before `files` are written; validate runs with --base at that commit. */
  committed?: Record<string, string>;
}

/** A record that breaks the rule: validate gives exactly these findings of it (other rules may find more). */
export interface NotOkExample extends Example {
  /** In the order validate reports them; each file as shown, from the record's parent folder. */
  findings: ExampleFinding[];
}

/** A finding an example documents; the rule is the example's own. */
export interface ExampleFinding {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  message: string;
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
      ...(where.about ? { about: where.about } : {}),
    });
  };
}
