/**
 * The independent check of the finished site (src/render/site/leak-check.ts), given the
 * pages as built and then text planted in them: exempt text and roster contact details in
 * a page are found and the page named, however they are marked up; words the record's
 * approved public minutes say are public, wherever they appear; the roster's contact details
 * are found wherever they are, as looking for each in turn would find them; the public
 * record is read as parsed, once for the check and for its schema.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRecord } from '../src/load/load.js';
import { buildSite } from '../src/render/site/build.js';
import {
  findLeaks,
  leakChecker,
  readableText,
  handedOver,
  packedTexts,
  packWithheld,
  secretsFrom,
  secretsFromPacked,
  secretsOf,
  withheldSource,
  type Secrets,
} from '../src/render/site/leak-check.js';
import { checkFile } from '../src/render/site/site-sink.js';
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

/** The roster's contact details looked for one by one in a text, as the check is defined to find them. */
function contactsOneByOne(secrets: Secrets, text: string): string[] {
  const found: string[] = [];
  const lower = text.toLowerCase();
  if (lower.includes('@')) for (const e of secrets.emails) if (lower.includes(e.value)) found.push(e.what);
  for (const m of lower.matchAll(/[+(]?\d[\d \t\u00a0().-]{4,}\d/g)) {
    let digits = m[0].replace(/\D/g, '');
    if (digits.startsWith('44') && m[0].trim().startsWith('+')) digits = `0${digits.slice(2)}`;
    for (const p of secrets.phones) if (digits.includes(p.digits)) found.push(p.what);
  }
  return [...new Set(found)];
}

describe('the search for the roster contact details', () => {
  const secrets: Secrets = {
    runs: new Map(),
    emails: [
      { value: 'a.b@example.gov.uk', what: 'e1' },
      { value: 'b@example.gov.uk', what: 'e2' },
      { value: 'x@y.uk', what: 'e3' },
      { value: 'c.d@police.uk', what: 'e4' },
      { value: 'no-at-sign', what: 'e5' },
    ],
    phones: [
      { digits: '02079460312', what: 'p1' },
      { digits: '07700900123', what: 'p2' },
      { digits: '946031', what: 'p3' },
      { digits: '123456789', what: 'p4' },
    ],
    paths: [],
  };
  const PIECES = [
    'a.b@example.gov.uk',
    'b@example.gov.uk',
    'xa.b@example.gov.ukx',
    'x@y.uk',
    'X@Y.UK',
    'c.d@police.uk',
    'c.d@police',
    '@',
    '@@',
    'no-at-sign',
    '020 7946 0312',
    '+44 20 7946 0312',
    '(020) 7946-0312',
    '07700 900123',
    '0123456789',
    '2026-04-16',
    '946031',
    '12',
    'minute 271',
  ];
  const GAPS = [' ', ', ', '\n', '', '; ', '.', ' — '];

  it('finds each e-mail address and phone number wherever it is, as looking for each in turn would', () => {
    let seen = 0;
    for (let seed = 1; seed <= 400; seed++) {
      let s = seed;
      const r = () => {
        s = (Math.imul(s, 1103515245) + 12345) >>> 0;
        return s / 4294967296;
      };
      let text = '';
      const n = Math.floor(r() * 12);
      for (let i = 0; i < n; i++)
        text += PIECES[Math.floor(r() * PIECES.length)]! + GAPS[Math.floor(r() * GAPS.length)]!;
      const want = contactsOneByOne(secrets, text);
      seen += want.length;
      const check = leakChecker(secrets);
      check.file('a.txt', text);
      const got = check.leaks().map((l) => l.what);
      expect(got, JSON.stringify(text)).toEqual(want);
    }
    // The texts held many of them.
    expect(seen).toBeGreaterThan(400);
  });
});

describe('the public record as the check reads it', () => {
  it('is parsed once for the check and for its schema: a broken one is named, a withheld detail in it found', () => {
    const rec = load(copyBundled());
    const built = buildSite(rec, OPTIONS);
    const json = built.files.get('record.json') ?? '';
    const secrets = secretsOf(rec);
    const clean = leakChecker(secrets);
    expect(checkFile(clean, 'record.json', json)).toEqual([]);
    expect(checkFile(clean, 'index.html', built.files.get('index.html')!)).toBeUndefined();
    expect(clean.leaks()).toEqual([]);
    // Not what the schema allows: said so; not JSON at all: said so too.
    const data = JSON.parse(json) as { people: Record<string, unknown>[] };
    data.people[0]!.phone = '020 7946 0312';
    expect(checkFile(leakChecker(secrets), 'record.json', JSON.stringify(data))?.length).toBeGreaterThan(0);
    expect(checkFile(leakChecker(secrets), 'record.json', '{"meetings": [')).toEqual(['it is not JSON']);
    // A roster e-mail in one of its strings is found, escaped as JSON writes it or not.
    const planted = leakChecker(secrets);
    delete data.people[0]!.phone;
    data.people[0]!.name = 'priya.raman\u0040example.gov.uk';
    checkFile(planted, 'record.json', JSON.stringify(data).replace('priya.raman@', 'priya.raman\\u0040'));
    expect(planted.leaks()).toEqual([
      { file: 'record.json', what: 'the e-mail address of priya-raman in members.yaml' },
    ]);
  });
  it('works out the same secrets from the texts of the record sent to a worker thread (packed, and handed over) as from the record itself', () => {
    const dir = copyBundled();
    // Loaded as export loads it, the files' bytes kept: their texts go as those bytes, not decoded here.
    const rec = loadRecord(path.join(dir, 'records'), 'records', {
      env: { CSP_NO_CACHE: '1' },
      minutesBodies: true,
      texts: true,
    });
    const secrets = secretsOf(rec);
    expect(secretsOf(load(dir))).toEqual(secrets);
    expect(secrets.runs.size).toBeGreaterThan(50);
    expect(secrets.paths.length + secrets.emails.length + secrets.phones.length).toBeGreaterThan(5);
    const source = withheldSource(rec);
    expect(source.texts.filter((t) => typeof t !== 'string').length).toBeGreaterThan(10);
    const packed = packWithheld(source);
    // Sent as the check's worker thread is sent them: the buffers handed over, not copied.
    const sent = structuredClone(packed, { transfer: handedOver(packed) });
    expect(packed.chars.byteLength + packed.bytes.byteLength).toBe(0);
    // The texts travel only in the buffer; item bodies as their ranges of the minutes' text, not a second time.
    expect('texts' in sent.source).toBe(false);
    expect(sent.source.meetings.flatMap((m) => m.items ?? []).some((i) => i.body !== undefined)).toBe(false);
    expect(secretsFromPacked(sent)).toEqual(secrets);
    // This thread keeps its own texts (for a worker that does not start), and reads the same from them.
    expect(secretsFrom(source)).toEqual(secrets);
  });
  it("reads each packed text back exactly, whatever it holds (letters beyond Latin-1, emoji, a lone surrogate, nothing; a file's text from its bytes)", () => {
    const strings = ['Ordinary meeting', 'Café — “quoted”', '🛡️ safety 𝔘', 'half \ud800 pair', '', 'last'];
    // Files' texts go as their bytes (a byte-order mark is not part of the text), read from a code unit on.
    const files = [
      { text: 'Front\nCafé — “body” 𝔘', bom: true, from: 6 },
      { text: '\ufeff begins with one', bom: true, from: 0 },
      { text: 'plain', bom: false, from: 0 },
      { text: '', bom: false, from: 0 },
    ];
    const texts = [
      ...strings,
      ...files.map((f) => ({ bytes: Buffer.from(`${f.bom ? '\ufeff' : ''}${f.text}`), from: f.from })),
      '\ufeffa string keeps its mark',
    ];
    const expected = [...strings, ...files.map((f) => f.text.slice(f.from)), '\ufeffa string keeps its mark'];
    const source = { meetings: [], actions: [], people: [], texts };
    const packed = packWithheld(source);
    const sent = structuredClone(packed, { transfer: handedOver(packed) });
    const read = packedTexts(sent);
    expected.forEach((t, i) => {
      expect(read(i)).toBe(t);
      expect(read(i, 2)).toBe(t.slice(2));
      expect(read(i, 1, 3)).toBe(t.slice(1, 3));
    });
  });

  it('reads a JSON file as a program takes it in: every key and string, in order, and nothing else', () => {
    const json =
      '{"__proto__": {"x": "hidden words"}, "b": [1, "one", {"c": "two"}, [["three"]]], "10": "ten", "2": "second", "n": null, "t": true}';
    // Integer-like keys come first (ascending), as a program walking the parsed object meets them.
    expect(readableText('record.json', json)).toEqual([
      ['2', 'second', '10', 'ten', '__proto__', 'x', 'hidden words', 'b', 'one', 'c', 'two', 'three', 'n', 't'].join(
        '\n',
      ),
    ]);
    // Text that is not JSON is read as it is.
    expect(readableText('record.json', '{"a": ')).toEqual(['{"a": ']);
  });
});
