/**
 * A warm export of a record and options unchanged, to a site folder exactly as the last
 * export left it, writes nothing and says the site is up to date; any doubt (a record file
 * changed, added or removed, racily clean, a site file edited, missing or added, other
 * options, another build, a damaged or missing manifest, the cache turned off) is a full
 * export, whose site is the same, byte for byte, as a cold one.
 */
import { readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { knownStamps, listForManifest, manifestFile } from '../src/workspace/site-manifest.js';
import { cli, copyBundled, csp, digestTree, tempDir } from './helpers.js';
import { overwriteKeepingStat, wholeSecondMount } from './support/coarse-fs.js';

const AS_OF = ['--as-of', '2026-11-22'];
const UP_TO_DATE =
  /^The website of Example Borough Community Safety Partnership in site\/ is up to date: nothing in the record has changed since it was written, so nothing was written \(16 pages, \d+ files \(\d+ papers\), \d+ KB\)\.\nOpen site\/index\.html in a browser/;
const WROTE = /^Wrote the website of Example Borough Community Safety Partnership to site\/: 16 pages/;

/** Every file's inode and modification time under `dir` (changed by any write). */
function stamps(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const abs = path.join(d, e.name);
      if (e.isDirectory()) walk(abs);
      else {
        const st = statSync(abs);
        out[path.relative(dir, abs)] = `${st.ino}:${st.mtimeMs}:${st.ctimeMs}`;
      }
    }
  };
  walk(dir);
  return out;
}

/** A bundled record exported once, with its own cache folder; and the site a cold export without any cache makes of it. */
async function exportedOnce() {
  const dir = copyBundled();
  const env = { CSP_CACHE_DIR: tempDir('csp-cache-') };
  const first = await cli(dir, ['export', ...AS_OF], { env });
  expect(first.code).toBe(0);
  expect(first.stdout).toMatch(WROTE);
  const site = path.join(dir, 'site');
  const again = (extra: string[] = [], e: Record<string, string> = env) =>
    cli(dir, ['export', ...AS_OF, ...extra], { env: e });
  return { dir, env, site, again, cold: digestTree(site) };
}

describe('an export with nothing to do', () => {
  it('writes nothing and says the site is up to date (exit 0)', async () => {
    const { site, again, cold } = await exportedOnce();
    const before = stamps(site);
    for (let i = 0; i < 2; i++) {
      const r = await again();
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(UP_TO_DATE);
    }
    expect(stamps(site)).toEqual(before);
    expect(digestTree(site)).toEqual(cold);
  });

  it('a cold export, a warm full export and one with no workers give the same bytes', async () => {
    const { dir, site, again, cold } = await exportedOnce();
    // A full export from the render cache (the site changed under it, so it is not up to date).
    unlinkSync(path.join(site, 'index.html'));
    const warm = await again();
    expect(warm.stdout).toMatch(WROTE);
    expect(digestTree(site)).toEqual(cold);
    const noCache = csp(dir, ['export', '--out', 'site-plain', ...AS_OF], { CSP_NO_CACHE: '1', CSP_WORKERS: '0' });
    expect(noCache.code).toBe(0);
    expect(digestTree(path.join(dir, 'site-plain'))).toEqual(cold);
  });
});

describe('any doubt is a full export', () => {
  it.each([
    [
      'a site file edited (same size)',
      (site: string) => {
        const f = path.join(site, 'decisions.html');
        writeFileSync(f, readFileSync(f, 'utf8').replace('Decisions', 'Decisionz'));
      },
    ],
    ['a site file missing', (site: string) => unlinkSync(path.join(site, 'feed.xml'))],
    ['a file added to the site', (site: string) => writeFileSync(path.join(site, 'extra.html'), 'not csp’s')],
    [
      'an empty file added among the meeting pages',
      (site: string) => writeFileSync(path.join(site, 'meetings', 'x.html'), ''),
    ],
    [
      'a paper in the site replaced',
      (site: string) => {
        const papers = path.join(site, 'meetings', '2026-04-16');
        const name = readdirSync(papers, { recursive: true })
          .map(String)
          .find((n) => n.endsWith('.pdf'))!;
        writeFileSync(path.join(papers, name), 'replaced');
      },
    ],
  ])('%s: the site is written again as it was', async (_what, change) => {
    const { site, again, cold } = await exportedOnce();
    change(site);
    const r = await again();
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(WROTE);
    expect(digestTree(site)).toEqual(cold);
  });

  it.each([
    [
      'a record file changed',
      (records: string) => {
        const f = path.join(records, 'partnership.md');
        writeFileSync(
          f,
          readFileSync(f, 'utf8').replace(
            '\nname: Example Borough Community Safety Partnership\n',
            '\nname: Example Borough CSP (renamed)\n',
          ),
        );
      },
      (site: string) => expect(readFileSync(path.join(site, 'index.html'), 'utf8')).toContain('(renamed)'),
    ],
    [
      'a paper added to the record',
      (records: string) =>
        writeFileSync(path.join(records, 'meetings', '2026-04-16', 'papers', 'new.pdf'), '%PDF-1.4\n'),
      undefined,
    ],
    [
      'a record file removed',
      (records: string) => {
        const actions = path.join(records, 'actions');
        unlinkSync(path.join(actions, readdirSync(actions).sort()[0]!));
      },
      undefined,
    ],
    [
      'a record file renamed',
      (records: string) => {
        const actions = path.join(records, 'actions');
        const name = readdirSync(actions).sort()[0];
        renameSync(path.join(actions, name!), path.join(actions, `zz-${name}`));
      },
      undefined,
    ],
  ])('%s', async (_what, change, after) => {
    const { dir, site, again } = await exportedOnce();
    change(path.join(dir, 'records'));
    const r = await again();
    expect(r.stdout).toMatch(/^Wrote the website of /);
    after?.(site);
    // And the new site, unchanged since, is up to date.
    const next = await again();
    expect(next.stdout).toMatch(/ is up to date: /);
  });

  it('other options: --as-of, --include-drafts, --base-url', async () => {
    const { again } = await exportedOnce();
    expect((await again(['--as-of', '2026-11-23'])).stdout).toMatch(/^Wrote the website of /);
    expect((await again(['--as-of', '2026-11-23'])).stdout).toMatch(/ is up to date: /);
    expect((await again(['--include-drafts'])).stdout).toMatch(/^Wrote the website of /);
    expect((await again(['--base-url', 'https://example.gov.uk/csp/'])).stdout).toMatch(/^Wrote the website of /);
    expect((await again()).stdout).toMatch(WROTE);
  });

  it('the same options give the same manifest whichever way they are written (the as-of date of the clock)', async () => {
    const { dir, env } = await exportedOnce();
    // No --as-of: "today" is another date than 2026-11-22, so the site is made again.
    const r = await cli(dir, ['export'], { env });
    expect(r.stdout).toMatch(/^Wrote the website of /);
  });

  it('a damaged, foreign or missing manifest; the cache turned off', async () => {
    const { dir, env, site, again, cold } = await exportedOnce();
    const file = manifestFile(site, path.join(dir, 'records'), env)!;
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.slice(0, good.length / 2));
    expect((await again()).stdout).toMatch(WROTE);
    const m = JSON.parse(readFileSync(file, 'utf8')) as { key: string };
    writeFileSync(file, JSON.stringify({ ...m, key: `${m.key}-another-build` }));
    expect((await again()).stdout).toMatch(WROTE);
    writeFileSync(file, JSON.stringify({ ...m, site: 'not rows' }));
    expect((await again()).stdout).toMatch(WROTE);
    rmSync(file);
    expect((await again()).stdout).toMatch(WROTE);
    expect((await again()).stdout).toMatch(UP_TO_DATE);
    expect((await again([], { ...env, CSP_NO_CACHE: '1' })).stdout).toMatch(WROTE);
    expect(digestTree(site)).toEqual(cold);
  });

  it('racily clean files are compared by digest: the same bytes are up to date, other bytes are not', async () => {
    const { dir, env, site, again, cold } = await exportedOnce();
    const records = path.join(dir, 'records');
    const file = manifestFile(site, records, env)!;
    type Row = [string, unknown, string | null];
    type Manifest = { recordCheckedAt: number; siteCheckedAt: number; record: Row[]; site: Row[] };
    const read = () => JSON.parse(readFileSync(file, 'utf8')) as Manifest;
    const sha1 = (abs: string) => createHash('sha1').update(readFileSync(abs)).digest('hex');
    const m = read();
    // Checked long before every file last changed: every file is racily clean, so it is read and compared.
    const record = m.record.map(([rel, s]): Row => [rel, s, rel.endsWith('/') ? null : sha1(path.join(records, rel))]);
    writeFileSync(file, JSON.stringify({ ...m, recordCheckedAt: 0, siteCheckedAt: 0, record }));
    expect((await again()).stdout).toMatch(UP_TO_DATE);
    // Having read them, the manifest holds the new time of the check.
    expect(read().siteCheckedAt).toBeGreaterThan(0);
    // A record file racily clean without a digest, or with another digest: it may have changed.
    const without = record.map(([rel, s, d]): Row => [rel, s, rel === 'partnership.md' ? null : d]);
    writeFileSync(file, JSON.stringify({ ...m, recordCheckedAt: 0, record: without }));
    expect((await again()).stdout).toMatch(WROTE);
    const m2 = read();
    const other = m2.record.map(([rel, s, d]): Row => [rel, s, rel.startsWith('actions/') ? '0'.repeat(40) : d]);
    writeFileSync(file, JSON.stringify({ ...m2, recordCheckedAt: 0, record: other }));
    expect((await again()).stdout).toMatch(WROTE);
    // A site file racily clean whose digest differs.
    const m3 = read();
    const site3 = m3.site.map(([rel, s, d]): Row => [rel, s, rel === 'index.html' ? '0'.repeat(40) : d]);
    writeFileSync(file, JSON.stringify({ ...m3, siteCheckedAt: 0, site: site3 }));
    expect((await again()).stdout).toMatch(WROTE);
    expect((await again()).stdout).toMatch(UP_TO_DATE);
    expect(digestTree(site)).toEqual(cold);
  });
});

/**
 * As editWithinOneSecond, for runs in this process: writes `first`, awaits `run`, then
 * overwrites `file` in place with `second` (the same length) within the same second, so
 * its stat is unchanged, and awaits `runAgain`. False if it never fitted in one second.
 */
async function editWithinOneSecondHere(
  file: string,
  first: string,
  second: string,
  run: () => Promise<void>,
  runAgain: () => Promise<void>,
): Promise<boolean> {
  for (let attempt = 0; attempt < 20; attempt++) {
    while (Date.now() % 1000 > 50) await new Promise((r) => setTimeout(r, 5));
    writeFileSync(file, first);
    await run();
    if (!overwriteKeepingStat(file, second)) continue; // the second ran out: try again
    await runAgain();
    return true;
  }
  return false;
}

describe('on a file system that keeps whole seconds', () => {
  const { record } = wholeSecondMount();

  it('a record file edited within the second it was exported, same size and inode, is exported again', async () => {
    const { root, env, file } = record();
    const out = path.join(tempDir('csp-site-'), 'site');
    const run = () => cli(path.dirname(root), ['export', '--records', root, '--out', out, ...AS_OF], { env });
    const title = (t: string) => `---\ntitle: Book the venue ${t}\nowner: clerk\nstatus: open\n---\n`;
    // Once first, so the runs inside the second are quick.
    writeFileSync(file, title('AAAA'));
    expect((await run()).code).toBe(0);
    const proved = await editWithinOneSecondHere(
      file,
      title('AAAA'),
      title('BBBB'),
      async () => {
        expect((await run()).code).toBe(0);
      },
      async () => {
        const r = await run();
        expect(r.stdout).toMatch(/^Wrote the website of /);
        expect(readFileSync(path.join(out, 'actions.html'), 'utf8')).toContain('Book the venue BBBB');
      },
    );
    expect(proved).toBe(true);
  });
});

describe("the manifest's listing of the record", () => {
  it('keeps the stat of each file taken as it was read, and takes a fresh one of every other file', () => {
    const root = path.join(copyBundled(), 'records');
    const minutes = 'meetings/2026-07-16/minutes.md';
    const fresh = listForManifest(root)!;
    const row = (listing: typeof fresh, rel: string) => listing.find(([r]) => r === rel);
    const read = statSync(path.join(root, minutes));
    // As it was read: a stat older than the file's now (it changed after it was read).
    const asRead = { size: read.size - 1, mtimeMs: read.mtimeMs - 5000, ctimeMs: read.ctimeMs - 5000, ino: read.ino };
    const listed = listForManifest(root, knownStamps([{ rel: minutes, stamp: asRead }, { rel: 'partnership.md' }]))!;
    expect(row(listed, minutes)).toEqual([minutes, [asRead.size, asRead.mtimeMs, asRead.ctimeMs, asRead.ino]]);
    // Every other row is as a fresh listing gives it, in the same order.
    expect(listed.map(([r]) => r)).toEqual(fresh.map(([r]) => r));
    expect(listed.filter(([r]) => r !== minutes)).toEqual(fresh.filter(([r]) => r !== minutes));
    expect(row(listed, 'partnership.md')?.[1]).not.toBeNull();
    expect(fresh.some(([r]) => r.endsWith('/'))).toBe(true);
  });
});
