// Build step: pins the UK bank holidays from the maintained date-holidays library
// (public holidays only) for 1990-2060 into dist/bank-holidays.json, so no
// command has to load the library (~800 KB of data for every country) at run time.
// Years outside the range still come from the library.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const Holidays = createRequire(import.meta.url)('date-holidays');
const out = { from: 1990, to: 2060, regions: {} };
for (const [region, state] of [
  ['GB-ENG', 'ENG'],
  ['GB-WLS', 'WLS'],
  ['GB-SCT', 'SCT'],
  ['GB-NIR', 'NIR'],
]) {
  const hd = new Holidays('GB', state);
  out.regions[region] = {};
  for (let y = out.from; y <= out.to; y++) {
    out.regions[region][y] = [
      ...new Set(
        hd
          .getHolidays(y)
          .filter((h) => h.type === 'public')
          .map((h) => h.date.slice(0, 10)),
      ),
    ].sort();
  }
}
mkdirSync(path.join(root, 'dist'), { recursive: true });
writeFileSync(path.join(root, 'dist', 'bank-holidays.json'), JSON.stringify(out));
console.log(`pinned bank holidays ${out.from}-${out.to}`);
