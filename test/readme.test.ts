import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { rulesReference } from '../src/rules/reference.js';
import { RULES } from '../src/rules/index.js';
import { ROOT } from './helpers.js';
import { RULE_IDS } from '../src/core/diagnostic.js';

describe('README', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  it('carries the rules reference generated from the rule definitions (npm run docs)', () => {
    const section = /<!-- rules:start -->\n([\s\S]*?)<!-- rules:end -->/.exec(readme)?.[1];
    expect(section).toBe(rulesReference());
  });
  it('documents every rule id', () => {
    const ids = RULES.map((r) => r.id);
    for (const id of [
      'yaml-syntax',
      'schema',
      'layout',
      'date',
      'unknown-ref',
      'membership',
      'substitute',
      'minute-number',
      'heading',
      'action-sync',
      'outcome',
      'notice',
      'frequency',
      'quorum',
      'action-state',
      'approved-changed',
    ]) {
      expect(ids).toContain(id);
    }
  });
  it('has one rule for every rule id a finding may carry (the RuleId type), in the documented order', () => {
    expect(RULES.map((r) => r.id)).toEqual([...RULE_IDS]);
  });
  it('shows the two-command quick start', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
  });
});
