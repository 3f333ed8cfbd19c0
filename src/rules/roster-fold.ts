/**
 * When members.yaml does not load, every person named anywhere in the record looks
 * unknown: hundreds of findings that all have one cause. The roster's own problem is
 * shown first and the findings it causes are folded into one line beneath it.
 */
import type { Diagnostic } from '../core/diagnostic.js';
import { shown } from '../core/paths.js';
import type { LoadedRecord } from '../load/load.js';

/** An unknown-ref finding about a person (not a meeting, paper or priority): the rule marks them so. */
const aboutPerson = (d: Diagnostic): boolean => d.rule === 'unknown-ref' && d.about === 'person';

/** The findings as shown: without the marks the rules leave for folding. */
export function withoutMarks(list: Diagnostic[]): Diagnostic[] {
  return list.map(({ about: _about, ...d }) => d);
}

/** The findings with the roster's problem first and the unknown people it causes as one finding; unchanged when the roster loaded. */
export function foldRosterFindings(
  rec: Pick<LoadedRecord, 'rosterComplete' | 'display'>,
  sorted: Diagnostic[],
): Diagnostic[] {
  if (rec.rosterComplete) return sorted;
  const file = shown(rec.display, 'members.yaml');
  const roster: Diagnostic[] = [];
  const rest: Diagnostic[] = [];
  const people: Diagnostic[] = [];
  let syntax = false;
  for (const d of sorted) {
    if (d.file === file) {
      // After the first YAML error the parser's further errors are mostly its consequences.
      if (d.rule === 'yaml-syntax') {
        if (syntax) continue;
        syntax = true;
      }
      roster.push(d);
    } else if (aboutPerson(d)) people.push(d);
    else rest.push(d);
  }
  if (people.length === 0) return [...roster, ...rest];
  const first = roster.find((d) => d.severity === 'error') ?? { line: 1, column: 1 };
  const files = new Set(people.map((d) => d.file)).size;
  const folded: Diagnostic = {
    file,
    line: first.line,
    column: first.column,
    severity: 'error',
    rule: 'unknown-ref',
    message: `members.yaml ${roster.length > 0 ? 'did not load' : 'is missing'}, so ${people.length} mention${people.length === 1 ? '' : 's'} of people in ${files} file${files === 1 ? '' : 's'} cannot be checked and ${people.length === 1 ? 'is' : 'are'} not listed one by one. Correct members.yaml first, then run csp validate again.`,
  };
  return [...roster, folded, ...rest];
}
