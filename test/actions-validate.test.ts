import { describe, it, expect } from 'vitest';
import { cli } from './helpers.js';
import { actionsRecord } from './actions-fixture.js';

const MEMBERS = [
  'members:',
  '  - { id: cllr-chair, name: Cllr Ada Chair, organisation: Test Borough Council, sector: local-authority, role: chair, joined: 2020-01-01 }',
  '  - { id: pc-police, name: Supt Pat Police, organisation: Test Police, sector: police, role: member, joined: 2020-01-01 }',
  '  - { id: dr-health, name: Dr Hana Health, organisation: Test NHS, sector: health, role: member, joined: 2020-01-01 }',
  'others:',
  '  - { id: sam-smith-police, name: Sam Smith, organisation: Test Police }',
  '  - { id: sam-smith-nhs, name: Sam Smith, organisation: Test NHS }',
  '  - { id: clerk, name: Committee Clerk, organisation: Test Borough Council }',
  '  - { id: dep-police, name: Insp Dee Deputy, organisation: Test Police }',
  '',
].join('\n');

const MINUTES = [
  '---',
  'status: draft',
  '---',
  '## 4. Knife crime',
  '',
  'The police would map schools. [action: Supt Pat Polise; due 2026-06-30]',
  '',
  '- Sam to report. [action: clerk, Sam Smith]',
  '',
  'Health to brief. [action: DR HANA HEALTH, pc-police]',
  '',
].join('\n');

describe('action owners in minutes (csp validate)', () => {
  it('reports an unknown owner name and an ambiguous one as unknown-ref at the marker; a name in any case resolves', async () => {
    const dir = actionsRecord({ 'members.yaml': MEMBERS, 'meetings/2026-04-16/minutes.md': MINUTES });
    const r = await cli(dir, ['validate', '--format', 'json', '--as-of', '2026-04-20']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as {
      ok: boolean;
      diagnostics: { file: string; line: number; column: number; severity: string; rule: string; message: string }[];
    };
    expect(out.ok).toBe(false);
    expect(out.diagnostics.filter((d) => d.rule === 'unknown-ref')).toEqual([
      {
        file: 'records/meetings/2026-04-16/minutes.md',
        line: 6,
        column: 31,
        severity: 'error',
        rule: 'unknown-ref',
        message:
          'The action owner "Supt Pat Polise" is not on the roster, by id or by name. Did you mean "Supt Pat Police"?',
      },
      {
        file: 'records/meetings/2026-04-16/minutes.md',
        line: 8,
        column: 18,
        severity: 'error',
        rule: 'unknown-ref',
        message:
          'The action owner "Sam Smith" matches 2 people (sam-smith-police, sam-smith-nhs). Write the person\'s id instead.',
      },
    ]);
  });

  it('finds nothing to report once the owners are corrected and the actions synced', async () => {
    const fixed = MINUTES.replace('Supt Pat Polise', 'Supt Pat Police').replace('Sam Smith]', 'sam-smith-nhs]');
    const dir = actionsRecord({
      'members.yaml': MEMBERS,
      'meetings/2026-04-16/minutes.md': fixed,
      // The approved minutes' unsynced marker is another matter (action-sync); give them none.
      'meetings/2026-01-15/minutes.md':
        '---\nstatus: approved\napproved: { meeting: 2026-04-16 }\n---\n## 1. Filming at meetings\n\nNoted.\n\n## 2. Youth violence\n\nThe Chair would write. [action 2026-01-15-2-1: cllr-chair; due 2026-02-27]\n',
    });
    expect((await cli(dir, ['actions', 'sync'])).code).toBe(0);
    const r = await cli(dir, ['validate', '--format', 'json', '--as-of', '2026-04-20']);
    const out = JSON.parse(r.stdout) as { diagnostics: { rule: string; file: string }[] };
    expect(out.diagnostics.filter((d) => d.rule === 'unknown-ref' || d.rule === 'action-sync')).toEqual([]);
    expect(r.code).toBe(0);
  });
});
