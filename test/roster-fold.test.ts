/**
 * A roster that does not load: the unknown people it causes are folded into one finding,
 * recognised by the rule and the mark unknown-ref puts on findings about a person, not by
 * their wording; the mark never reaches what validate shows.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/core/diagnostic.js';
import { foldRosterFindings, withoutMarks } from '../src/rules/roster-fold.js';
import { cli, minimalRecord } from './helpers.js';

const at = (file: string, line: number, rest: Partial<Diagnostic>): Diagnostic => ({
  file,
  line,
  column: 1,
  severity: 'error',
  rule: 'unknown-ref',
  message: 'Any wording at all.',
  ...rest,
});

const ROSTER = at('records/members.yaml', 3, { rule: 'yaml-syntax', message: 'YAML: Tabs are not allowed.' });
const PERSON_A = at('records/actions/a.md', 2, { about: 'person' });
const PERSON_B = at('records/meetings/2026-01-15/minutes.md', 4, { about: 'person', message: 'Worded otherwise.' });
const MEETING = at('records/actions/a.md', 5, {
  message: 'No person with the id "x" is on the roster (members.yaml).',
});

describe('folding the findings of a roster that did not load', () => {
  it('folds the findings marked as about a person, whatever their words, and keeps the rest', () => {
    const folded = foldRosterFindings({ rosterComplete: false, display: 'records' }, [
      PERSON_A,
      MEETING,
      ROSTER,
      PERSON_B,
    ]);
    expect(folded.map((d) => [d.file, d.line, d.rule])).toEqual([
      ['records/members.yaml', 3, 'yaml-syntax'],
      ['records/members.yaml', 3, 'unknown-ref'],
      ['records/actions/a.md', 5, 'unknown-ref'],
    ]);
    expect(folded[1]!.message).toBe(
      'members.yaml did not load, so 2 mentions of people in 2 files cannot be checked and are not listed one by one. Correct members.yaml first, then run csp validate again.',
    );
  });

  it('a person mark on another rule is not folded; a loaded roster folds nothing', () => {
    const other = at('records/actions/a.md', 7, { rule: 'schema', about: 'person' });
    expect(foldRosterFindings({ rosterComplete: false, display: 'records' }, [ROSTER, other])).toEqual([ROSTER, other]);
    const all = [PERSON_A, MEETING, PERSON_B];
    expect(foldRosterFindings({ rosterComplete: true, display: 'records' }, all)).toBe(all);
  });

  it('the marks are taken off before findings are shown', () => {
    expect(withoutMarks([PERSON_A, MEETING])).toEqual([{ ...PERSON_A, about: undefined }, MEETING]);
    expect(Object.keys(withoutMarks([PERSON_A])[0]!).sort()).toEqual(
      ['column', 'file', 'line', 'message', 'rule', 'severity'].sort(),
    );
  });

  it('validate shows an unknown person with only the fields of a finding', async () => {
    const dir = minimalRecord({ 'actions/book-venue.md': '---\ntitle: Book\nowner: nobody\nstatus: open\n---\n' });
    const r = await cli(dir, ['validate', '--format', 'json', '--as-of', '2026-11-22']);
    const found = (JSON.parse(r.stdout) as { diagnostics: Record<string, unknown>[] }).diagnostics;
    const person = found.filter((d) => d.rule === 'unknown-ref');
    expect(person.map((d) => d.message)).toEqual([expect.stringContaining('No owner with the id "nobody"')]);
    expect(Object.keys(person[0]!).sort()).toEqual(['column', 'file', 'line', 'message', 'rule', 'severity']);
  });
});
