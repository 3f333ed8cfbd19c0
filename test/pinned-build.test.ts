import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bankHolidays, type HolidayRegion } from '../src/core/working-days.js';
import { ROOT } from './helpers.js';

// The build pins bank holidays and compiles the schemas; both must match their sources.
describe('build outputs', () => {
  it('pins the same bank holidays the library gives, for every region', () => {
    const pinned = JSON.parse(readFileSync(path.join(ROOT, 'dist', 'bank-holidays.json'), 'utf8')) as {
      regions: Record<string, Record<string, string[]>>;
    };
    for (const region of ['GB-ENG', 'GB-WLS', 'GB-SCT', 'GB-NIR'] as HolidayRegion[]) {
      for (const year of [1995, 2015, 2026, 2027, 2060]) {
        expect(pinned.regions[region]![String(year)]).toEqual([...bankHolidays(region, year)].sort());
      }
    }
    expect(pinned.regions['GB-ENG']!['2026']).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-08-31',
      '2026-12-25',
      '2026-12-26',
      '2026-12-28',
    ]);
  });

  it('compiles the schemas to standalone validators that agree with the schema files', async () => {
    const { createRequire } = await import('node:module');
    const validators = createRequire(import.meta.url)(path.join(ROOT, 'dist', 'validators.cjs')) as Record<
      string,
      (d: unknown) => boolean
    >;
    expect(validators.action!({ title: 'Do it', owner: 'a', status: 'open' })).toBe(true);
    expect(validators.action!({ title: 'Do it', owner: 'a', status: 'finished' })).toBe(false);
    expect(validators.members!({ members: [] })).toBe(true);
  });
});
