/** Every validation rule, in the order the README documents them, and the runner. */
import { sortDiagnostics, type Diagnostic } from '../core/diagnostic.js';
import { reporterFor, type Rule, type RuleContext } from './rule.js';
import { unknownRef, membership, substitute, linksOutOfRecord } from './references.js';
import { minuteNumber, outcome, actionSync, quorumRule } from './minutes.js';
import { notice, frequency, actionState } from './meetings.js';
import { approvedChanged } from './approved-changed.js';

/** Rules applied while each file is read (layout also checks body links once all are read). */
const readingRules: Rule[] = [
  {
    id: 'yaml-syntax',
    severity: 'error',
    summary:
      'Front matter that does not parse as YAML, uses too many aliases or is nested too deep, is missing, or is fenced as another language (`---js`); it is never run.',
  },
  {
    id: 'schema',
    severity: 'error',
    summary:
      'Front matter that breaks its JSON Schema in schemas/: an unknown field (with the nearest known one), a missing or mistyped value; or two people with one id.',
  },
  {
    id: 'layout',
    severity: 'error',
    summary:
      'A file where none belongs, a meeting folder without meeting.md, a bad folder or file id, a markdown or YAML file over 1 MiB, a file that is binary or not UTF-8, a link leading out of the record, or markdown nested far beyond any minutes (brackets 32 deep, 500 links in a paragraph, lists indented 64 columns).',
    check: linksOutOfRecord,
  },
  {
    id: 'date',
    severity: 'error',
    summary: "A date that is not a real day (2023-02-30), or a meeting's date unlike its folder's.",
  },
  { id: 'heading', severity: 'error', summary: 'An item heading in minutes not of the form `## N. Title`.' },
  {
    id: 'action-marker',
    severity: 'error',
    summary:
      'An `[action …]` marker that does not follow the grammar `[action: OWNER[, OWNER]; due YYYY-MM-DD]`, or that stands before the first item.',
  },
];

/** All rules, for the runner and the generated rules reference. */
export const RULES: Rule[] = [
  ...readingRules,
  unknownRef,
  membership,
  substitute,
  minuteNumber,
  outcome,
  actionSync,
  notice,
  frequency,
  quorumRule,
  actionState,
  approvedChanged,
];

/** Runs every cross-file rule; findings from reading are already on the record. */
export function runRules(ctx: RuleContext): Diagnostic[] {
  const out: Diagnostic[] = [...ctx.rec.diagnostics];
  for (const rule of RULES) {
    if (!rule.check) continue;
    rule.check(ctx, reporterFor(rule, out));
  }
  return sortDiagnostics(out);
}
