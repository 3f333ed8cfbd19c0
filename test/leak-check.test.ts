/**
 * The independent check of the finished site (src/render/site/leak-check.ts), given the
 * pages as built and then text planted in them: exempt text and roster contact details in
 * a page are found and the page named, however they are marked up; words the record's
 * approved public minutes say are public, wherever they appear.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRecord } from '../src/load/load.js';
import { buildSite } from '../src/render/site/build.js';
import { findLeaks } from '../src/render/site/leak-check.js';
import { copyBundled } from './helpers.js';

const OPTIONS = { asOf: '2026-11-22', includeDrafts: false };
const load = (dir: string) =>
  loadRecord(path.join(dir, 'records'), 'records', { env: { CSP_NO_CACHE: '1' }, minutesBodies: true });

/** A sentence of the exempt minute 270 of 2026-04-16, said in no public text of the bundled record. */
const WITHHELD =
  'Members asked about the mobilisation period and the penalties available if the new contractor missed its milestones.';
/** Another sentence of that minute. */
const SHARED = 'Four bids had been evaluated on quality and price, and the report set out the scores.';

describe('the check of the finished site', () => {
  it('finds nothing in the site as built, and finds exempt text and contact details planted in a page, naming it', () => {
    const rec = load(copyBundled());
    const built = buildSite(rec, OPTIONS);
    expect(findLeaks(rec, built.files)).toEqual([]);
    const page = 'meetings/2026-07-16.html';
    const planted = new Map(built.files);
    planted.set(
      page,
      built.files
        .get(page)!
        .replace(
          '</main>',
          `<p>${WITHHELD.replace('penalties', '<em>pen&#97;lties</em>')}</p><p>priya.raman@example.gov.uk</p></main>`,
        ),
    );
    expect(planted.get(page)).not.toBe(built.files.get(page));
    const leaks = findLeaks(rec, planted);
    expect(leaks).toHaveLength(2);
    expect(leaks).toEqual(
      expect.arrayContaining([
        { file: page, what: 'the text of exempt minute 270 of 2026-04-16' },
        { file: page, what: 'the e-mail address of priya-raman in members.yaml' },
      ]),
    );
  });

  it('takes a sentence of an exempt minute said in approved public minutes as public, and the rest as withheld', () => {
    const dir = copyBundled();
    const planted = (rec: ReturnType<typeof load>) => {
      const built = buildSite(rec, OPTIONS);
      const files = new Map(built.files);
      files.set(
        'index.html',
        built.files.get('index.html')!.replace('</main>', `<p>${SHARED}</p><p>Thank you.</p></main>`),
      );
      return files;
    };
    // Before any public minutes say it, the sentence is exempt text.
    const before = load(dir);
    expect(findLeaks(before, planted(before)).map((l) => l.file)).toEqual(['index.html']);
    const minutes = path.join(dir, 'records/meetings/2026-07-16/minutes.md');
    writeFileSync(
      minutes,
      readFileSync(minutes, 'utf8').replace('## 274. Apologies\n', `## 274. Apologies\n\nAs reported: ${SHARED}\n`),
    );
    const after = load(dir);
    expect(findLeaks(after, planted(after))).toEqual([]);
    // The minute's other words are still withheld.
    const files = planted(after);
    files.set(
      'decisions.html',
      files.get('decisions.html')!.replace('</main>', `<p>${WITHHELD}</p><p>Thank you.</p></main>`),
    );
    expect(findLeaks(after, files)).toEqual([
      { file: 'decisions.html', what: 'the text of exempt minute 270 of 2026-04-16' },
    ]);
  });
});
