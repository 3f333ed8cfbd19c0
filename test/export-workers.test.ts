/**
 * A cold export renders the published minutes that are not plain text ahead in worker threads (the built binary):
 * the site is the same, byte for byte, with workers and without, on the bundled record
 * (links to papers, meetings and actions, action markers with owners) and on a generated
 * one; a warm export takes every fragment from the render cache and renders nothing ahead.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { copyBundled, csp, ROOT, tempDir, digestTree, pasteIntoApprovedMinutes } from './helpers.js';

/** The render-ahead line of a run (CSP_DEBUG): fragments rendered in workers, of how many, by how many workers. */
function ahead(stderr: string): [number, number, number] | undefined {
  const m = /render ahead: (\d+) of (\d+) fragments, (\d+) workers/.exec(stderr);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

async function generated(meetings: number): Promise<string> {
  const { generate } = (await import(pathToFileURL(path.join(ROOT, 'bench', 'generate.js')).href)) as {
    generate: (dir: string, meetings: number, papers: number) => void;
  };
  const dir = tempDir();
  generate(path.join(dir, 'records'), meetings, 1);
  return dir;
}

/**
 * Gives every minute of the record at `dir` a line with emphasis, so none of them is plain
 * text (plain text is written on the main thread, and only the rest is rendered ahead).
 */
function notPlain(dir: string): string {
  const meetings = path.join(dir, 'records', 'meetings');
  for (const id of readdirSync(meetings)) {
    const file = path.join(meetings, id, 'minutes.md');
    if (!existsSync(file)) continue;
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^(## .+)$/gm, '$1\n\nThe item *in brief*.'));
  }
  return dir;
}

/** From export's debugging line: how many files the worker thread checked and wrote, and how many this thread did. */
function sharedOut(stderr: string): [number, number] {
  const m = /export: (\d+) files checked and written in a worker thread, (\d+) here/.exec(stderr);
  if (!m) throw new Error(`no line on the sharing of the checks in:\n${stderr}`);
  return [Number(m[1]), Number(m[2])];
}

describe('rendering ahead in worker threads', () => {
  it.each([
    ['the bundled record', () => Promise.resolve(copyBundled()), ['--as-of', '2026-11-22']],
    ['a generated record', () => generated(30), ['--as-of', '2026-11-22']],
  ])('gives the same site, byte for byte, with workers and without: %s', async (_title, make, asOf) => {
    const dir = notPlain(await make());
    const without = csp(dir, ['export', '--out', 'site-0', ...asOf], {
      CSP_NO_CACHE: '1',
      CSP_WORKERS: '0',
      CSP_DEBUG: '1',
    });
    expect(without.code).toBe(0);
    expect(ahead(without.stderr)).toBeUndefined();
    const withWorkers = csp(dir, ['export', '--out', 'site-2', ...asOf], {
      CSP_NO_CACHE: '1',
      CSP_WORKERS: '2',
      CSP_DEBUG: '1',
    });
    expect(withWorkers.code).toBe(0);
    // The workers rendered every published minute with text (none left to this thread).
    const [rendered, of, workers] = ahead(withWorkers.stderr)!;
    expect(workers).toBe(2);
    expect(of).toBeGreaterThan(20);
    expect(rendered).toBe(of);
    const a = digestTree(path.join(dir, 'site-0'));
    expect(Object.keys(a).length).toBeGreaterThan(20);
    expect(digestTree(path.join(dir, 'site-2'))).toEqual(a);
  });

  it('a warm export takes the minutes from the render cache and renders nothing ahead', () => {
    const dir = copyBundled();
    const env = { CSP_CACHE_DIR: tempDir('csp-cache-'), CSP_WORKERS: '2', CSP_DEBUG: '1' };
    const cold = csp(dir, ['export', '--out', 'site-a', '--as-of', '2026-11-22'], env);
    expect(cold.code).toBe(0);
    expect(ahead(cold.stderr)?.[0]).toBeGreaterThan(0);
    const warm = csp(dir, ['export', '--out', 'site-b', '--as-of', '2026-11-22'], env);
    expect(warm.code).toBe(0);
    expect(ahead(warm.stderr)).toBeUndefined();
    expect(digestTree(path.join(dir, 'site-b'))).toEqual(digestTree(path.join(dir, 'site-a')));
  });

  it('a worker thread checks and writes the files (this thread the batches it is behind with): the same site as this thread alone, and a leak either finds writes nothing', () => {
    const dir = copyBundled();
    const asOf = ['--as-of', '2026-11-22'];
    const here = csp(dir, ['export', '--out', 'site-here', ...asOf], {
      CSP_NO_CACHE: '1',
      CSP_WORKERS: '0',
      CSP_DEBUG: '1',
    });
    expect(here.code).toBe(0);
    expect(here.stderr).not.toMatch(/in a worker thread/);
    const there = csp(dir, ['export', '--out', 'site-there', ...asOf], {
      CSP_NO_CACHE: '1',
      CSP_WORKERS: '1',
      CSP_DEBUG: '1',
    });
    expect(there.code).toBe(0);
    const [worker, hereToo] = sharedOut(there.stderr);
    // The worker has the pages and the public record (the first file); between them, every file but the mark.
    expect(worker).toBeGreaterThan(30);
    const files = worker + hereToo;
    const written = Number(/, (\d+) files \(/.exec(there.stdout)?.[1]);
    expect(files).toBe(written - 1);
    expect(there.stdout.replaceAll('site-there', 'site-here')).toBe(here.stdout);
    const site = digestTree(path.join(dir, 'site-here'));
    expect(digestTree(path.join(dir, 'site-there'))).toEqual(site);
    // A worker that is behind leaves batches to this thread: here with none waiting, so all of them.
    const shared = csp(dir, ['export', '--out', 'site-shared', ...asOf], {
      CSP_NO_CACHE: '1',
      CSP_WORKERS: '1',
      CSP_CHECK_AHEAD: '0',
      CSP_DEBUG: '1',
    });
    expect(shared.code).toBe(0);
    const [inWorker, inThisThread] = sharedOut(shared.stderr);
    expect(inWorker).toBe(0);
    expect(inThisThread).toBe(files);
    expect(shared.stdout.replaceAll('site-shared', 'site-here')).toBe(here.stdout);
    expect(digestTree(path.join(dir, 'site-shared'))).toEqual(site);
    // A roster e-mail pasted into approved minutes: found by the worker, nothing written, the site left as it was.
    pasteIntoApprovedMinutes(dir, 'Contact priya.raman@example.gov.uk.');
    const leak = csp(dir, ['export', '--out', 'site-there', ...asOf], { CSP_NO_CACHE: '1', CSP_WORKERS: '1' });
    expect(leak.code).toBe(1);
    expect(leak.stderr).toContain(
      'site-there/meetings/2026-07-16.html: would publish the e-mail address of priya-raman in members.yaml\n',
    );
    expect(digestTree(path.join(dir, 'site-there'))).toEqual(site);
    const leakHere = csp(dir, ['export', '--out', 'site-shared', ...asOf], {
      CSP_NO_CACHE: '1',
      CSP_WORKERS: '1',
      CSP_CHECK_AHEAD: '0',
    });
    expect(leakHere.code).toBe(1);
    expect(leakHere.stderr).toContain(
      'site-shared/meetings/2026-07-16.html: would publish the e-mail address of priya-raman in members.yaml\n',
    );
    expect(digestTree(path.join(dir, 'site-shared'))).toEqual(site);
    expect(readdirSync(dir).sort()).toEqual(['records', 'site-here', 'site-shared', 'site-there']);
  });
  it('the worker thread works out what is withheld for both threads: exempt text planted in a meeting is found whichever checks the page, and nothing is written', () => {
    const dir = copyBundled();
    const meeting = path.join(dir, 'records/meetings/2026-07-16/meeting.md');
    // A sentence of the exempt minute 270 of 2026-04-16, in agenda notes (public, but not minutes).
    const withheld =
      'Members asked about the mobilisation period and the penalties available if the new contractor missed its milestones.';
    writeFileSync(meeting, `${readFileSync(meeting, 'utf8').trimEnd()}\n\nFor the record: ${withheld}\n`);
    for (const ahead of ['8', '0']) {
      const r = csp(dir, ['export', '--out', `site-${ahead}`, '--as-of', '2026-11-22'], {
        CSP_NO_CACHE: '1',
        CSP_WORKERS: '1',
        CSP_CHECK_AHEAD: ahead,
        CSP_DEBUG: '1',
      });
      expect(r.code, r.stderr).toBe(1);
      // With CSP_CHECK_AHEAD=0 this thread checked every page, with the secrets the worker sent back.
      expect(sharedOut(r.stderr)[ahead === '0' ? 0 : 1]).toBe(0);
      expect(r.stderr).toContain(
        `site-${ahead}/meetings/2026-07-16.html: would publish the text of exempt minute 270 of 2026-04-16\n`,
      );
    }
    expect(readdirSync(dir)).toEqual(['records']);
  });
  it('a site written by the worker thread and this one is up to date on the next export: the manifest holds the stat of every file as written, as listing the site gives it', () => {
    const dir = copyBundled();
    const env = { CSP_CACHE_DIR: tempDir('csp-cache-'), CSP_WORKERS: '1', CSP_DEBUG: '1' };
    const cold = csp(dir, ['export', '--out', 'site', '--as-of', '2026-11-22'], env);
    expect(cold.code).toBe(0);
    expect(sharedOut(cold.stderr)[0]).toBeGreaterThan(30);
    // Past the two seconds in which a file's stat alone is not trusted.
    const until = Date.now() + 2500;
    while (Date.now() < until) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    const warm = csp(dir, ['export', '--out', 'site', '--as-of', '2026-11-22'], env);
    expect(warm.code).toBe(0);
    expect(warm.stdout).toContain('is up to date');
    expect(warm.stderr).not.toContain('a full export');
  });
});
