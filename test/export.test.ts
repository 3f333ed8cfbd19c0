/**
 * csp export through the CLI, in this process, on temp copies of the bundled record and on records
 * built for the test: what each page and file holds, read as a reader would (visible
 * text); what is never published; determinism; the record left alone; the --out folder
 * rules; the calendar, feed and JSON read back with real parsers.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import {
  copyBundled,
  cli,
  minimalRecord,
  noStackTrace,
  ROOT,
  tempDir,
  digestTree,
  pasteIntoApprovedMinutes,
} from './helpers.js';

const AS_OF = ['--as-of', '2026-11-22'];

/** A page's visible text, roughly as a reader sees it: no tags, entities decoded, spaces collapsed. */
function visible(htmlText: string): string {
  return htmlText
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<head>[\s\S]*?<\/head>/, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

async function exported(extra: string[] = [], dir = copyBundled()) {
  const r = await cli(dir, ['export', ...AS_OF, ...extra]);
  return { dir, r, site: path.join(dir, 'site'), page: (p: string) => readFileSync(path.join(dir, 'site', p), 'utf8') };
}

describe('csp export of the bundled record', async () => {
  const { dir, r, site, page } = await exported();

  it('writes every page and file, and says so', () => {
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^Wrote the website of Example Borough Community Safety Partnership to site\/: 16 pages, \d+ files \(\d+ papers\), \d+ KB\.\nOpen site\/index\.html in a browser/,
    );
    for (const f of [
      'index.html',
      'decisions.html',
      'actions.html',
      'attendance.html',
      'declarations.html',
      'terms-of-reference.html',
      'checking-minutes.html',
      'meetings.ics',
      'feed.xml',
      'record.json',
      'style.css',
      '.csp-export',
    ]) {
      expect(existsSync(path.join(site, f)), f).toBe(true);
    }
    for (const m of readdirSync(path.join(dir, 'records', 'meetings')))
      expect(existsSync(path.join(site, 'meetings', `${m}.html`)), m).toBe(true);
  });

  it('the index names the partnership, the next meeting and every meeting by year, newest first', () => {
    const text = visible(page('index.html'));
    expect(text).toContain('Example Borough Community Safety Partnership');
    expect(text).toMatch(
      /Next meetings Thursday 10 December 2026 , 14:00 to 16:00, Civic Centre, Committee Room 1\. Agenda not yet published/,
    );
    expect(text.indexOf('2026 Thursday 10 December 2026')).toBeGreaterThan(-1);
    expect(text.indexOf('Thursday 10 December 2026: Scheduled')).toBeLessThan(text.indexOf('Thursday 16 January 2025'));
  });

  it('a meeting page: notice, agenda with papers copied, attendance with substitutes, declarations, minutes with anchors, approval and digest', () => {
    const html = page('meetings/2026-04-16.html');
    const text = visible(html);
    expect(text).toContain('Ordinary meeting, Thursday 16 April 2026');
    expect(text).toContain('Time 14:00 to 16:00 Venue Civic Centre, Committee Room 1');
    expect(html).toContain(
      '<a class="paper" href="2026-04-16/papers/vawg-year-one-progress.pdf">vawg-year-one-progress.pdf</a>',
    );
    expect(readFileSync(path.join(site, 'meetings/2026-04-16/papers/vawg-year-one-progress.pdf'))).toEqual(
      readFileSync(path.join(dir, 'records/meetings/2026-04-16/papers/vawg-year-one-progress.pdf')),
    );
    expect(text).toMatch(/Supt Joanna Price \([^)]+\), present as substitute for Ch Supt Marcus Adeyemi/);
    expect(text).toContain("Chief Executive of Example Women's Aid");
    expect(html).toContain('<section class="minute" id="minute-267"><h3><a href="#minute-267">267.</a>');
    expect(html).toMatch(/<div class="decision"><p>RESOLVED<\/p>/);
    const digest = createHash('sha256')
      .update(readFileSync(path.join(dir, 'records/meetings/2026-04-16/minutes.md')))
      .digest('hex');
    expect(text).toContain(`SHA-256 of the minutes file ( meetings/2026-04-16/minutes.md in the record): ${digest}`);
    expect(text).toMatch(/Approved as an accurate record at the meeting of Thursday 16 July 2026 ?\./);
    expect(html).toMatch(
      /<span class="action"><a href="\.\.\/actions\.html#action-2026-04-16-267-1">Action: [^<]+; due /,
    );
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(html)![1]!) as Record<
      string,
      unknown
    >;
    expect(ld['@type']).toBe('Event');
    expect(ld.startDate).toBe('2026-04-16T14:00:00+01:00');
    expect(ld.endDate).toBe('2026-04-16T16:00:00+01:00');
  });

  it('exempt items show their title and paragraph only, on every page and in every file', () => {
    const text = visible(page('meetings/2026-04-16.html'));
    expect(text).toContain(
      '270. CCTV maintenance contract – award Exempt — not for publication (Local Government Act 1972, Schedule 12A, paragraph 3). The minutes of this item are not published.',
    );
    const all = Object.keys(digestTree(site))
      .map((f) => readFileSync(path.join(site, f), 'utf8'))
      .join('\n');
    for (const secret of [
      'Four bids had been evaluated',
      'financial standing of the',
      'mobilisation of the new contract',
      'Report on the mobilisation of the new CCTV maintenance contract',
    ])
      expect(all).not.toContain(secret);
    expect(visible(page('actions.html'))).toContain(
      'Exempt — not for publication (Local Government Act 1972, Schedule 12A, paragraph 3). The action is not published.',
    );
    const json = JSON.parse(page('record.json')) as {
      decisions: { minute: number; text: string | null; exempt?: number }[];
      actions: { id: string; exempt?: number; title?: string }[];
    };
    expect(json.decisions.filter((d) => d.minute === 270)).toEqual([
      {
        meeting: '2026-04-16',
        minute: 270,
        title: 'CCTV maintenance contract – award',
        text: null,
        exempt: 3,
        draft: false,
      },
    ]);
    expect(json.actions.find((a) => a.id === '2026-04-16-270-1')).toEqual({
      id: '2026-04-16-270-1',
      exempt: 3,
      raised: { meeting: '2026-04-16', minute: 270 },
    });
  });

  it('no e-mail address or phone number from members.yaml is in any file', () => {
    const roster = readFileSync(path.join(dir, 'records/members.yaml'), 'utf8');
    const emails = [...roster.matchAll(/email: (\S+)/g)].map((m) => m[1]);
    const phones = [...roster.matchAll(/phone: "([^"]+)"/g)].map((m) => m[1]);
    expect(emails.length).toBeGreaterThan(3);
    expect(phones.length).toBeGreaterThan(0);
    for (const f of Object.keys(digestTree(site))) {
      const t = readFileSync(path.join(site, f), 'latin1');
      for (const e of emails) expect(t, f).not.toContain(e);
      for (const p of phones) expect(t.replace(/\s/g, ''), f).not.toContain(p!.replace(/\s/g, ''));
    }
  });

  it('draft minutes are not published: the meeting page says so and the feed, decisions and JSON leave them out', () => {
    const text = visible(page('meetings/2026-10-08.html'));
    expect(text).toContain('The minutes have been drafted and will be published once the partnership approves them.');
    expect(text).not.toContain('Community Safety Strategy 2027–2030 be approved for public consultation');
    expect(page('feed.xml')).not.toContain('2026-10-08.html');
    expect(visible(page('decisions.html'))).not.toContain('Thursday 8 October 2026');
    expect(page('actions.html')).not.toContain('action-2026-10-08-291-1');
  });

  it('decisions newest first, linked to their minute; actions with owner organisation, due, status and days overdue; the terms of reference', () => {
    const decisions = page('decisions.html');
    const first = decisions.indexOf('2026-07-16.html#minute-');
    expect(first).toBeGreaterThan(-1);
    expect(first).toBeLessThan(decisions.indexOf('2025-01-16.html#minute-'));
    const actions = visible(page('actions.html'));
    expect(actions).toMatch(/Open \d+ In progress \d+ Done \d+ Dropped \d+/);
    expect(actions).toMatch(
      /Example Borough Council\)[^|]*? \w+day \d+ \w+ 20\d\d (Open|In progress) \d+ days? Minute \d+/,
    );
    const tor = visible(page('terms-of-reference.html'));
    expect(tor).toContain('5.7 Meetings and quorum');
    expect(tor).toContain(
      'a Chair: At least 1 voting member with the role Chair present (a substitute does not count for a role).',
    );
    expect(tor).toMatch(/Example Borough Council Cllr Rosalind Okafor Chair/);
    expect(visible(page('attendance.html'))).toMatch(/Present as substitute .*Supt Joanna Price/);
  });

  it('meetings.ics parses with a real iCalendar parser: the future meetings, stable UIDs, local time', () => {
    const cal = new ICAL.Component(ICAL.parse(page('meetings.ics')) as unknown[]);
    const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.uid)).toEqual(['2026-12-10@example-csp.csp']);
    const e = events[0];
    expect(e!.startDate.toJSDate().toISOString()).toBe('2026-12-10T14:00:00.000Z');
    expect(e!.endDate.toJSDate().toISOString()).toBe('2026-12-10T16:00:00.000Z');
    expect(e!.location).toBe('Civic Centre, Committee Room 1');
    expect(e!.description).toContain('meetings/2026-12-10.html');
  });

  it('feed.xml is well-formed Atom: approved minutes only, newest first, stable ids', () => {
    const xml = page('feed.xml');
    // The validator still ships in fast-xml-parser; its successor package is not on the registry this project uses.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    expect(XMLValidator.validate(xml)).toBe(true);
    const feed = (
      new XMLParser({ ignoreAttributes: false }).parse(xml) as {
        feed: { entry: { id: string; link: { '@_href': string }; updated: string }[] };
      }
    ).feed;
    const links = feed.entry.map((x) => x.link['@_href']);
    expect(links[0]).toBe('meetings/2026-07-16.html');
    expect(links).not.toContain('meetings/2026-10-08.html');
    expect(links.length).toBe(7);
    const updated = feed.entry.map((x) => x.updated);
    expect([...updated].sort().reverse()).toEqual(updated);
    expect(new Set(feed.entry.map((x) => x.id)).size).toBe(7);
    for (const x of feed.entry)
      expect(x.id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('record.json validates against schemas/public-record.schema.json', () => {
    const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas/public-record.schema.json'), 'utf8')) as object;
    const AjvClass = ((Ajv as unknown as { default?: unknown }).default ?? Ajv) as new (o: object) => {
      compile(s: object): import('ajv').ValidateFunction;
    };
    const validate = new AjvClass({ allErrors: true, strict: true }).compile(schema);
    const data = JSON.parse(page('record.json')) as { meetings: unknown[]; people: { id: string }[] };
    expect(validate.errors ?? []).toEqual([]);
    expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
    expect(data.meetings.length).toBe(9);
    expect(JSON.stringify(data)).not.toMatch(/"(email|phone)"/);
    // The schema can fail: a phone number is no part of a person.
    const bad = structuredClone(data);
    (bad.people[0] as Record<string, unknown>).phone = '020 7946 0312';
    expect(validate(bad)).toBe(false);
  });

  it('two exports are byte-identical, and the record is unchanged', async () => {
    const before = digestTree(path.join(dir, 'records'));
    const first = digestTree(site);
    const again = await cli(dir, ['export', ...AS_OF]);
    expect(again.code).toBe(0);
    expect(digestTree(site)).toEqual(first);
    expect(digestTree(path.join(dir, 'records'))).toEqual(before);
    expect(digestTree(path.join(dir, 'records'))).toEqual(digestTree(path.join(ROOT, 'records')));
  });
});

describe('csp export --include-drafts and --base-url', async () => {
  const { r, page } = await exported(['--include-drafts', '--base-url', 'https://example.gov.uk/csp']);

  it('draft pages say DRAFT on screen and in print, and drafts never reach the feed', () => {
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Draft minutes are included, each marked DRAFT.');
    const html = page('meetings/2026-10-08.html');
    expect(html).toContain('<title>DRAFT: ');
    expect(visible(html)).toContain('DRAFT: these minutes have not yet been approved as an accurate record.');
    expect(visible(html)).toContain(
      'That the draft Community Safety Strategy 2027–2030 be approved for public consultation.',
    );
    // The banner has no print rule hiding it.
    expect(page('style.css')).not.toMatch(/\.banner[^{]*\{[^}]*display:\s*none/);
    expect(page('feed.xml')).not.toContain('meetings/2026-10-08.html');
    expect(visible(page('decisions.html'))).toMatch(/Thursday 8 October 2026 DRAFT/);
  });

  it('absolute links in the calendar, the feed and the JSON-LD', () => {
    const cal = new ICAL.Component(ICAL.parse(page('meetings.ics')) as unknown[]);
    const ev = cal.getAllSubcomponents('vevent')[0];
    expect(ev!.getFirstPropertyValue('url')).toBe('https://example.gov.uk/csp/meetings/2026-12-10.html');
    expect(page('feed.xml')).toContain('href="https://example.gov.uk/csp/meetings/2026-07-16.html"');
    expect(page('meetings/2026-12-10.html')).toContain('"url":"https://example.gov.uk/csp/meetings/2026-12-10.html"');
  });

  it('refuses a --base-url that is not a web address', async () => {
    const bad = await cli(copyBundled(), ['export', '--base-url', 'javascript:alert(1)']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--base-url "javascript:alert(1)" is not a web address.');
  });
});

/** A record with two meetings either side of the spring clock change, one in the autumn, and one cancelled. */
function clockRecord(): string {
  const meeting = (date: string, start: string, extra = '') =>
    `---\ndate: ${date}\nstart: "${start}"\nend: "16:00"\nvenue: Town Hall\nstatus: scheduled\n${extra}---\n`;
  return minimalRecord({
    'meetings/2027-03-25/meeting.md': meeting('2027-03-25', '14:00'),
    'meetings/2027-04-01/meeting.md': meeting('2027-04-01', '14:00'),
    'meetings/2027-10-28/meeting.md': meeting('2027-10-28', '14:00'),
    'meetings/2027-11-04/meeting.md': meeting('2027-11-04', '14:00'),
    'meetings/2027-06-10/meeting.md': meeting('2027-06-10', '14:00', 'status: cancelled\n').replace(
      'status: scheduled\n',
      '',
    ),
  });
}

describe('the calendar across a clock change', () => {
  it('has the right local times on either side of the change to and from British Summer Time; cancelled meetings are left out', async () => {
    const dir = clockRecord();
    const r = await cli(dir, ['export', '--as-of', '2027-01-05']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const cal = new ICAL.Component(
      ICAL.parse(readFileSync(path.join(dir, 'site', 'meetings.ics'), 'utf8')) as unknown[],
    );
    const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const london = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    expect(
      events.map((e) => [
        e.uid,
        e.startDate.toJSDate().toISOString(),
        london.format(e.startDate.toJSDate()),
        london.format(e.endDate.toJSDate()),
      ]),
    ).toEqual([
      ['2027-03-25@test-csp.csp', '2027-03-25T14:00:00.000Z', '14:00', '16:00'],
      ['2027-04-01@test-csp.csp', '2027-04-01T13:00:00.000Z', '14:00', '16:00'],
      ['2027-10-28@test-csp.csp', '2027-10-28T13:00:00.000Z', '14:00', '16:00'],
      ['2027-11-04@test-csp.csp', '2027-11-04T14:00:00.000Z', '14:00', '16:00'],
    ]);
  });
});

describe('the --out folder', () => {
  it('refuses a folder that is not empty and was not written by csp export, touching nothing', async () => {
    const dir = copyBundled();
    mkdirSync(path.join(dir, 'mine'));
    writeFileSync(path.join(dir, 'mine', 'notes.txt'), 'my notes\n');
    const r = await cli(dir, ['export', '--out', 'mine', ...AS_OF]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'csp: mine is not empty and was not written by csp export (it has no .csp-export file), so it was left alone and nothing was written. Choose an empty or new folder for the website.\n',
    );
    expect(readdirSync(path.join(dir, 'mine'))).toEqual(['notes.txt']);
    expect(readdirSync(dir).sort()).toEqual(['mine', 'records']);
  });

  it('refuses --out . where the record lives, and --out inside the record (exit 2)', async () => {
    const dir = copyBundled();
    const here = await cli(dir, ['export', '--out', '.', ...AS_OF]);
    expect(here.code).toBe(2);
    expect(here.stderr).toContain('--out . holds the record itself');
    const inside = await cli(dir, ['export', '--out', 'records/site', ...AS_OF]);
    expect(inside.code).toBe(2);
    expect(inside.stderr).toContain('--out records/site is inside the record');
    expect(readdirSync(dir)).toEqual(['records']);
    expect(digestTree(path.join(dir, 'records'))).toEqual(digestTree(path.join(ROOT, 'records')));
  });

  it('removes a replaced site that an earlier export left behind', async () => {
    const dir = copyBundled();
    mkdirSync(path.join(dir, '.site.csp-old-AbC123', 'meetings'), { recursive: true });
    writeFileSync(path.join(dir, '.site.csp-old-AbC123', 'meetings', 'x.html'), 'old');
    expect((await cli(dir, ['export', ...AS_OF])).code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['records', 'site']);
  });

  it('leaves alone the folder another export still running is writing, and removes those of exports that ended', async () => {
    const dir = copyBundled();
    const running = spawn('sleep', ['60'], { stdio: 'ignore' }); // stands for another csp export at work
    try {
      const leftover = (name: string) => {
        mkdirSync(path.join(dir, name, 'meetings'), { recursive: true });
        writeFileSync(path.join(dir, name, 'meetings', 'x.html'), 'partly written');
      };
      leftover(`.site.csp-new-${running.pid}-Xy12Ab`);
      leftover(`.site.csp-old-${running.pid}-Xy12Ab`);
      leftover('.site.csp-new-2147483646-Zz99Qq'); // an export long gone
      leftover('.site.csp-new-Old123'); // named as before exports gave their process id
      expect((await cli(dir, ['export', ...AS_OF])).code).toBe(0);
      expect(readdirSync(dir).sort()).toEqual([
        `.site.csp-new-${running.pid}-Xy12Ab`,
        `.site.csp-old-${running.pid}-Xy12Ab`,
        'records',
        'site',
      ]);
      expect(readFileSync(path.join(dir, `.site.csp-new-${running.pid}-Xy12Ab`, 'meetings', 'x.html'), 'utf8')).toBe(
        'partly written',
      );
    } finally {
      running.kill();
    }
  });

  it('replaces a site it wrote before; a failed export leaves that site as it was', async () => {
    const dir = copyBundled();
    expect((await cli(dir, ['export', ...AS_OF])).code).toBe(0);
    const before = digestTree(path.join(dir, 'site'));
    // A roster e-mail pasted into approved minutes: the check stops the export before anything is written.
    pasteIntoApprovedMinutes(dir, 'Contact priya.raman@example.gov.uk or 020 7946 0312.');
    const r = await cli(dir, ['export', ...AS_OF]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'site/meetings/2026-07-16.html: would publish the e-mail address of priya-raman in members.yaml\n',
    );
    expect(r.stderr).toContain(
      'site/meetings/2026-07-16.html: would publish the phone number of priya-raman in members.yaml\n',
    );
    expect(r.stderr).toContain(
      'csp: the website was not written, because it would have published information that is withheld',
    );
    expect(digestTree(path.join(dir, 'site'))).toEqual(before);
    expect(readdirSync(dir).sort()).toEqual(['records', 'site']);
  });
});

describe('the render cache', () => {
  it('a second export renders from the cache to the same bytes; a renamed member is renamed in every fragment', async () => {
    const dir = copyBundled();
    const cache = tempDir('csp-render-cache-');
    const env = { CSP_CACHE_DIR: cache };
    expect((await cli(dir, ['export', ...AS_OF], { env })).code).toBe(0);
    expect(readdirSync(cache).length).toBeGreaterThanOrEqual(2);
    const first = digestTree(path.join(dir, 'site'));
    expect((await cli(dir, ['export', ...AS_OF], { env })).code).toBe(0);
    expect(digestTree(path.join(dir, 'site'))).toEqual(first);
    const roster = path.join(dir, 'records/members.yaml');
    writeFileSync(roster, readFileSync(roster, 'utf8').replace('name: Farah Siddiqui', 'name: Farah Siddiqui-Khan'));
    expect((await cli(dir, ['export', ...AS_OF], { env })).code).toBe(0);
    const page = readFileSync(path.join(dir, 'site/meetings/2026-04-16.html'), 'utf8');
    expect(page).toContain(">Action: Farah Siddiqui-Khan (Example Women's Aid); due Wednesday 30 September 2026</a>");
  });
});

describe('the independent check of the output', () => {
  // The exempt minute 270 of 2026-04-16 (the CCTV contract) and sentences from it.
  const SHARED =
    'Four bids had been *evaluated on quality and price*, and the report set out the scores, the prices tendered and the financial standing of the preferred bidder.';
  const WITHHELD =
    'Members asked about the mobilisation period and the penalties available if the new contractor missed its milestones.';
  const words = (t: string) =>
    visible(t.replace(/\*/g, ''))
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();

  it('publishes a sentence of an exempt minute that other approved minutes say in public, and still withholds it from its own meeting', async () => {
    const dir = copyBundled();
    const minutes = path.join(dir, 'records/meetings/2026-07-16/minutes.md');
    writeFileSync(
      minutes,
      readFileSync(minutes, 'utf8').replace(
        '## 274. Apologies\n',
        `## 274. Apologies\n\nAs reported in April: ${SHARED}\n`,
      ),
    );
    const r = await cli(dir, ['export', ...AS_OF]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const site = path.join(dir, 'site');
    const read = (p: string) => words(readFileSync(path.join(site, p), 'utf8'));
    expect(read('meetings/2026-07-16.html')).toContain(words(SHARED));
    // Its own meeting's page shows the exempt item's title and paragraph, and none of its text.
    const own = [
      'meetings/2026-04-16.html',
      ...(existsSync(path.join(site, 'meetings/2026-04-16'))
        ? readdirSync(path.join(site, 'meetings/2026-04-16'), { recursive: true, encoding: 'utf8' })
            .filter((f) => f.endsWith('.html'))
            .map((f) => `meetings/2026-04-16/${f}`)
        : []),
    ];
    for (const p of own) {
      expect(read(p), p).not.toContain(words(SHARED));
      expect(read(p), p).not.toContain('evaluated on quality and price');
    }
    expect(read('meetings/2026-04-16.html')).toContain('cctv maintenance contract');
    expect(read('meetings/2026-04-16.html')).toContain('paragraph 3');
    // The rest of the exempt minute is on no page and in no file.
    for (const f of readdirSync(site, { recursive: true, encoding: 'utf8' }))
      if (/\.(html|xml|ics|json)$/.test(f)) expect(read(f), f).not.toContain(words(WITHHELD));
  });

  it("reads csp's line for an action apart from the minutes' words beside it", async () => {
    const dir = copyBundled();
    const THANKS = 'The Board thanked the officers for their careful work on the tender process.';
    // Public: a sentence after an action due 30 September 2026 (shown as "due Wednesday 30 September 2026").
    const open = path.join(dir, 'records/meetings/2026-07-16/minutes.md');
    const before = readFileSync(open, 'utf8');
    expect(before).toContain('  [action 2026-07-16-282-1: ade-bankole; due 2026-09-30]\n');
    writeFileSync(
      open,
      before.replace(
        '  [action 2026-07-16-282-1: ade-bankole; due 2026-09-30]\n',
        `  [action 2026-07-16-282-1: ade-bankole; due 2026-09-30]\n\n${THANKS}\n`,
      ),
    );
    // Exempt: the same sentence after the same date, in words.
    const exempt = path.join(dir, 'records/meetings/2026-04-16/minutes.md');
    writeFileSync(
      exempt,
      readFileSync(exempt, 'utf8').replace(
        'Members asked about the mobilisation period',
        `The contract would start on 30 September 2026. ${THANKS}\n\nMembers asked about the mobilisation period`,
      ),
    );
    const r = await cli(dir, ['export', ...AS_OF]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const page = words(readFileSync(path.join(dir, 'site/meetings/2026-07-16.html'), 'utf8'));
    expect(page).toContain(`due wednesday 30 september 2026 ${words(THANKS)}`);
    expect(words(readFileSync(path.join(dir, 'site/meetings/2026-04-16.html'), 'utf8'))).not.toContain(
      'the contract would start on 30 september 2026',
    );
  });

  it('finds exempt text that no public minutes say, planted in a page, names the page, and writes nothing', async () => {
    const dir = copyBundled();
    // The agenda notes of a meeting are public, but not minutes: a sentence of exempt minute 270 there is a leak.
    const meeting = path.join(dir, 'records/meetings/2026-07-16/meeting.md');
    writeFileSync(meeting, `${readFileSync(meeting, 'utf8').trimEnd()}\n\nFor the record: ${WITHHELD}\n`);
    const r = await cli(dir, ['export', ...AS_OF]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'site/meetings/2026-07-16.html: would publish the text of exempt minute 270 of 2026-04-16\n',
    );
    expect(r.stderr).toContain(
      'csp: the website was not written, because it would have published information that is withheld',
    );
    expect(existsSync(path.join(dir, 'site'))).toBe(false);
    expect(readdirSync(dir)).toEqual(['records']);
  });

  it('draft minutes are not yet public: exempt text repeated in them is found when drafts are exported', async () => {
    const dir = copyBundled();
    const minutes = path.join(dir, 'records/meetings/2026-10-08/minutes.md');
    const text = readFileSync(minutes, 'utf8');
    expect(text).toMatch(/^status: draft/m);
    writeFileSync(minutes, text.replace(/(\n## \d+\. [^\n]+\n)/, `$1\n${WITHHELD}\n`));
    const r = await cli(dir, ['export', '--include-drafts', ...AS_OF]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'site/meetings/2026-10-08.html: would publish the text of exempt minute 270 of 2026-04-16\n',
    );
    expect(existsSync(path.join(dir, 'site'))).toBe(false);
  });

  it('withholds the papers of an exempt item, whatever links to them', async () => {
    const dir = minimalRecord({
      'meetings/2026-05-14/meeting.md':
        '---\ndate: 2026-05-14\nstatus: published\npublished: 2026-05-01\nitems:\n  - title: Contract award\n    exempt: { paragraph: 3 }\n    papers: [papers/tender-scores.pdf]\n  - title: Open report\n    papers: [papers/open.pdf]\n---\nSee [the scores](papers/tender-scores.pdf) and [the open report](papers/open.pdf).\n',
      'meetings/2026-05-14/papers/tender-scores.pdf': '%PDF-1.4 scores',
      'meetings/2026-05-14/papers/open.pdf': '%PDF-1.4 open',
    });
    const r = await cli(dir, ['export', '--as-of', '2026-05-05']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const html = readFileSync(path.join(dir, 'site/meetings/2026-05-14.html'), 'utf8');
    expect(existsSync(path.join(dir, 'site/meetings/2026-05-14/papers/open.pdf'))).toBe(true);
    expect(existsSync(path.join(dir, 'site/meetings/2026-05-14/papers/tender-scores.pdf'))).toBe(false);
    expect(html).not.toContain('tender-scores');
    expect(visible(html)).toMatch(/See the scores and the open report ?\./);
    expect(html).toContain('<a href="2026-05-14/papers/open.pdf">the open report</a>');
  });
});

describe('records export cannot use', () => {
  it('a roster that does not load: exit 2, nothing written', async () => {
    const dir = copyBundled();
    writeFileSync(path.join(dir, 'records/members.yaml'), 'members:\n\t- id: x\n');
    const r = await cli(dir, ['export', ...AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^csp: members\.yaml cannot be read \(records\/members\.yaml:2:1: .*\), and the website names members: /,
    );
    expect(existsSync(path.join(dir, 'site'))).toBe(false);
  });

  it('approved minutes that do not read: exit 1 with the finding, nothing written', async () => {
    const dir = copyBundled();
    const minutes = path.join(dir, 'records/meetings/2026-07-16/minutes.md');
    writeFileSync(
      minutes,
      readFileSync(minutes, 'utf8').replace('status: approved', 'status: approved\nstatus: draft'),
    );
    const r = await cli(dir, ['export', ...AS_OF]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^records\/meetings\/2026-07-16\/minutes\.md:3:1: .+ yaml-syntax\n/);
    expect(r.stderr).toContain('csp: the website was not written: a file it is made from has a problem.');
    expect(existsSync(path.join(dir, 'site'))).toBe(false);
  });

  it('a 900 KiB draft exports whole; thousands of nested list levels end in a clear finding, never a crash', async () => {
    const para =
      'The Board received a long report on progress against the delivery plan, with performance against every target agreed for the year. ';
    const big = `---\nstatus: draft\nchair: cllr-chair\npresent: [cllr-chair, pc-police, dr-health]\n---\n## 1. A very long item\n\n${Array.from({ length: 900 * 8 }, () => para).join('\n\n')}\n`;
    expect(Buffer.byteLength(big)).toBeGreaterThan(900 * 1024);
    expect(Buffer.byteLength(big)).toBeLessThan(1024 * 1024);
    const dir = minimalRecord({
      'meetings/2026-05-14/meeting.md': '---\ndate: 2026-05-14\nstatus: held\n---\n',
      'meetings/2026-05-14/minutes.md': big,
    });
    const r = await cli(dir, ['export', '--include-drafts', '--as-of', '2026-06-01']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(statSync(path.join(dir, 'site/meetings/2026-05-14.html')).size).toBeGreaterThan(900 * 1024);

    const nested = Array.from({ length: 600 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n');
    const deep = minimalRecord({
      'meetings/2026-05-14/meeting.md': '---\ndate: 2026-05-14\nstatus: held\n---\n',
      'meetings/2026-05-14/minutes.md': `---\nstatus: draft\n---\n## 1. Nested\n\n${nested}\n`,
    });
    const d = await cli(deep, ['export', '--include-drafts', '--as-of', '2026-06-01']);
    expect(d.code).toBe(1);
    expect(noStackTrace(d)).toBe(true);
    expect(d.stderr).toMatch(
      /^records\/meetings\/2026-05-14\/minutes\.md:\d+:\d+: This text is indented more than 64 columns .* layout\n/,
    );
    expect(existsSync(path.join(deep, 'site'))).toBe(false);
    // Without --include-drafts the draft is not published, so it does not stop the rest.
    const rest = await cli(deep, ['export', '--as-of', '2026-06-01']);
    expect(rest.code).toBe(0);
  }, 60_000);

  it('deeply nested quotes in a meeting note are a clear problem, not a crash', async () => {
    const dir = minimalRecord({
      'meetings/2026-05-14/meeting.md': `---\ndate: 2026-05-14\nstatus: published\npublished: 2026-05-01\n---\n${'>'.repeat(20000)} deep\n`,
    });
    const r = await cli(dir, ['export', '--as-of', '2026-05-05']);
    expect(noStackTrace(r)).toBe(true);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /records\/meetings\/2026-05-14\/meeting\.md: .*more than 32 quotations or lists inside each other on one line/,
    );
  });
});

describe('start-up', () => {
  it('the export command is listed in help', async () => {
    const r = await cli(tempDir(), ['--help']);
    expect(r.stdout).toMatch(/export \[options\]\s+write the public website/);
  });
});
