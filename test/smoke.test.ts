import { describe, it, expect } from 'vitest';
import { csp, minimalRecord, noStackTrace } from './helpers.js';

describe('csp (built CLI)', () => {
  it('validates a minimal record with no findings', () => {
    const dir = minimalRecord();
    const r = csp(dir, ['validate', '--format', 'json']);
    expect(JSON.parse(r.stdout)).toEqual({ ok: true, errors: 0, warnings: 0, diagnostics: [] });
    expect(r.code).toBe(0);
  });
  it('exits 2 with a clear message when there is no record', () => {
    const dir = minimalRecord();
    const r = csp(dir + '/records/..', ['validate', '--records', 'nowhere']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('csp init');
    expect(noStackTrace(r)).toBe(true);
  });
  it('refuses an impossible --as-of as a usage error', () => {
    const dir = minimalRecord();
    const r = csp(dir, ['validate', '--as-of', '2023-02-30']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--as-of "2023-02-30" is not a date/);
  });
});
