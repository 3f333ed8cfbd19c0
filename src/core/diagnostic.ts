/**
 * Findings about the record: the Diagnostic every layer produces, the rule ids (a
 * typo in one fails the build), and the order findings are shown in.
 */

export type Severity = 'error' | 'warning';

/**
 * Every rule id csp reports, in the order the README documents them. Each has its own
 * file in src/rules/ (a test checks the two agree).
 */
export const RULE_IDS = [
  'yaml-syntax',
  'schema',
  'layout',
  'date',
  'heading',
  'action-marker',
  'unknown-ref',
  'membership',
  'substitute',
  'minute-number',
  'outcome',
  'action-sync',
  'notice',
  'frequency',
  'meeting-day',
  'quorum',
  'approval',
  'future-minutes',
  'chair',
  'placeholder',
  'action-state',
  'approved-changed',
] as const;

/** The id of a validation rule. */
export type RuleId = (typeof RULE_IDS)[number];

/** One finding about the record. `file` is the path as shown to the user. */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  rule: RuleId;
  message: string;
  /**
   * What an unknown-ref finding names, when it is a person (so the findings a missing
   * roster causes can be folded into one); the rules set it and it is removed before
   * findings are shown.
   */
  about?: 'person';
}

/** Sorted by file, line, column, rule; duplicates removed. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const out = list.filter((d) => {
    const k = `${d.file}\0${d.line}\0${d.column}\0${d.rule}\0${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return out.sort((a, b) =>
    a.file !== b.file
      ? a.file < b.file
        ? -1
        : 1
      : a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  );
}
