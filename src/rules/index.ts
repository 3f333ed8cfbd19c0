/** Every validation rule, one file each, in the order the README documents them; and the runner. */
import { sortDiagnostics, type Diagnostic } from '../core/diagnostic.js';
import { reporterFor, type Rule, type RuleContext } from './rule.js';
import { rule as yamlSyntax } from './yaml-syntax.js';
import { rule as schema } from './schema.js';
import { rule as layout } from './layout.js';
import { rule as date } from './date.js';
import { rule as heading } from './heading.js';
import { rule as actionMarker } from './action-marker.js';
import { rule as unknownRef } from './unknown-ref.js';
import { rule as membership } from './membership.js';
import { rule as substitute } from './substitute.js';
import { rule as minuteNumber } from './minute-number.js';
import { rule as outcome } from './outcome.js';
import { rule as actionSync } from './action-sync.js';
import { rule as notice } from './notice.js';
import { rule as frequency } from './frequency.js';
import { rule as meetingDay } from './meeting-day.js';
import { rule as quorum } from './quorum.js';
import { rule as approval } from './approval.js';
import { rule as futureMinutes } from './future-minutes.js';
import { rule as chair } from './chair.js';
import { rule as placeholder } from './placeholder.js';
import { rule as actionState } from './action-state.js';
import { rule as approvedChanged } from './approved-changed.js';
import { foldRosterFindings, withoutMarks } from './roster-fold.js';

/**
 * All rules, for the runner and the generated rules reference. The first six are found
 * while each file is read (layout also checks body links once all are read); the rest
 * are cross-file checks.
 */
export const RULES: readonly Rule[] = [
  yamlSyntax,
  schema,
  layout,
  date,
  heading,
  actionMarker,
  unknownRef,
  membership,
  substitute,
  minuteNumber,
  outcome,
  actionSync,
  notice,
  frequency,
  meetingDay,
  quorum,
  approval,
  futureMinutes,
  chair,
  placeholder,
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
  return withoutMarks(foldRosterFindings(ctx.rec, sortDiagnostics(out)));
}
