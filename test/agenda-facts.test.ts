/**
 * csp agenda reads its meeting and, of the rest of the record, only what an agenda shows
 * (the open actions, the other meetings' status and start, what minutes deferred), from a
 * summary kept beside the record index and trusted file by file only while each file's
 * stat is unchanged. Every edit that changes the agenda shows on the next run, and the
 * agenda is the same, byte for byte, as the one made from the whole record (the index
 * turned off), in-process and from the built binary.
 */
import { beforeAll, describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { cli, copyBundled, csp, cspAsync, tempDir, type CliResult } from './helpers.js';
import { agendaFacts } from '../src/load/agenda-facts.js';
import { editWithinOneSecond, settle, wholeSecondMount } from './support/coarse-fs.js';

const AS_OF = ['--as-of', '2026-11-22'];
const AGENDA = ['agenda', '2026-12-10', ...AS_OF];

/** How many files the summary answered for without reading them, and of how many (CSP_DEBUG). */
function trusted(stderr: string): [number, number] {
  const m = /agenda facts: (\d+) of (\d+) files trusted unread/.exec(stderr);
  if (!m) throw new Error(`no agenda facts line in:\n${stderr}`);
  return [Number(m[1]), Number(m[2])];
}

/** The agenda made from the whole record (in-process, no index, no summary): what every warm run must print. */
const whole = (dir: string, args = AGENDA) => cli(dir, args, { env: { CSP_NO_CACHE: '1' } });

const same = (r: CliResult, expected: CliResult) => {
  expect(r.stdout).toBe(expected.stdout);
  expect(r.stderr).toBe(expected.stderr);
  expect(r.code).toBe(expected.code);
};

/**
 * A run in this process with the summary kept in the environment's cache folder: the same
 * summary code as the built binary's (whose own summary the first test checks, spawned),
 * without a process start for every run.
 */
const run = (dir: string, args: string[], env: Record<string, string>) => cli(dir, args, { env });

/** The summary file of the only record in a cache folder. */
const summaryIn = (cache: string) => path.join(cache, readdirSync(cache)[0]!, 'agenda');

/** The ways an edit is made in the tests below: each on a copy of its own. */
const EDITS = ['reopened', 'replaced', 'inPlace', 'recreated', 'added', 'deferral'] as const;

/**
 * Every copy of the bundled record these tests start from, made together and settled with
 * one wait of the racy window (not one wait a test), so that each first run keeps a summary
 * whose every fact the next run may trust on its stat.
 */
const start = {
  first: copyBundled(),
  damaged: copyBundled(),
  together: copyBundled(),
  edits: Object.fromEntries(EDITS.map((e) => [e, copyBundled()])) as Record<(typeof EDITS)[number], string>,
};
beforeAll(settle);

describe('csp agenda from the summary', () => {
  it('cold, warm and with the index off give the same agenda, byte for byte, and a warm run reads no other file', async () => {
    const dir = start.first;
    const cache = tempDir('csp-cache-');
    for (const args of [AGENDA, [...AGENDA, '--format', 'html'], ['agenda', '2026-07-16', '--as-of', '2026-06-22']]) {
      const expected = await whole(dir, args);
      expect(expected.code).toBe(0);
      same(csp(dir, args, { CSP_CACHE_DIR: cache }), expected);
      same(csp(dir, args, { CSP_CACHE_DIR: cache }), expected);
      // In-process, the code is the sources' (not the bundle's): its own summary, trusted on its second run.
      const sources = tempDir('csp-cache-');
      same(await cli(dir, args, { env: { CSP_CACHE_DIR: sources } }), expected);
      same(await cli(dir, args, { env: { CSP_CACHE_DIR: sources } }), expected);
    }
    const warm = csp(dir, AGENDA, { CSP_CACHE_DIR: cache, CSP_DEBUG: '1' });
    const [unread, all] = trusted(warm.stderr);
    // Every action, meeting.md and minutes.md of the bundled record, none of them read.
    expect(all).toBe(35 + 9 + 8);
    expect(unread).toBe(all);
    // Only this meeting, partnership.md and members.yaml go through the index.
    expect(/index: \d+ of (\d+) files trusted unread/.exec(warm.stderr)?.[1]).toBe('3');
    expect(readFileSync(summaryIn(cache)).subarray(0, 8).toString('latin1')).toBe('CSPAGEND');
  });

  describe('an edit shows on the next run, however it was made', () => {
    /** A test's copy: the record, its cache, two of its action files, and the check after an edit. */
    const copy = (edit: (typeof EDITS)[number]) => {
      const dir = start.edits[edit];
      const env = { CSP_CACHE_DIR: path.join(path.dirname(dir), `${path.basename(dir)}-cache`) };
      const actions = path.join(dir, 'records/actions');
      /** After an edit: the warm agenda is the whole record's, and says what it should. */
      const check = async (says: string[], saysNot: string[] = []) => {
        const expected = await whole(dir);
        const r = await run(dir, AGENDA, env);
        same(r, expected);
        for (const s of says) expect(r.stdout + r.stderr).toContain(s);
        for (const s of saysNot) expect(r.stdout + r.stderr).not.toContain(s);
      };
      return {
        dir,
        env,
        actions,
        done: path.join(actions, '2025-01-16-207-1.md'),
        open: path.join(actions, '2026-01-15-255-1.md'),
        check,
      };
    };
    beforeAll(async () => {
      for (const edit of EDITS) {
        const { dir, env } = copy(edit);
        same(await run(dir, AGENDA, env), await whole(dir));
        // In this process too the next run answers from the summary, every file trusted unread.
        const [unread, all] = trusted((await run(dir, AGENDA, { ...env, CSP_DEBUG: '1' })).stderr);
        expect([unread, all]).toEqual([35 + 9 + 8, 35 + 9 + 8]);
      }
    });

    it('an action reopened within the same second as the last run', async () => {
      const { dir, env, done, check } = copy('reopened');
      await run(dir, AGENDA, env);
      writeFileSync(done, readFileSync(done, 'utf8').replace('status: done', 'status: open'));
      await check(["Circulate the VAWG strategy consultation draft to partners' staff networks"]);
      writeFileSync(done, readFileSync(done, 'utf8').replace('status: open', 'status: done'));
      await check([], ["Circulate the VAWG strategy consultation draft to partners' staff networks"]);
    });

    it('an action replaced by another of the same size and mtime (a new inode)', async () => {
      const { open, check } = copy('replaced');
      const before = statSync(open);
      const tmp = `${open}.new`;
      writeFileSync(tmp, readFileSync(open, 'utf8').replace('joint commissioning', 'joint COMMISSIONING'));
      execFileSync('touch', ['-r', open, tmp]);
      renameSync(tmp, open);
      const after = statSync(open);
      expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs]);
      expect(after.ino).not.toBe(before.ino);
      await check(['joint COMMISSIONING group']);
    });

    it('an action edited in place with its old size and mtime put back (same inode)', async () => {
      const { dir, open, check } = copy('inPlace');
      const ref = path.join(dir, 'times');
      writeFileSync(ref, '');
      execFileSync('touch', ['-r', open, ref]);
      const before = statSync(open);
      const text = readFileSync(open, 'utf8').replace('joint commissioning', 'JOINT commissioning');
      const fd = openSync(open, 'r+');
      writeSync(fd, text, 0, 'utf8');
      closeSync(fd);
      execFileSync('touch', ['-r', ref, open]);
      const after = statSync(open);
      expect([after.size, after.mtimeMs, after.ino]).toEqual([before.size, before.mtimeMs, before.ino]);
      await check(['JOINT commissioning group']);
    });

    it('an action deleted, then re-created with its old size and mtime', async () => {
      const { dir, env, open, check } = copy('recreated');
      const text = readFileSync(open, 'utf8');
      const ref = path.join(dir, 'times');
      execFileSync('touch', ['-r', open, ref]);
      rmSync(open);
      await check([], ['2026-01-15-255-1']);
      settle();
      await run(dir, AGENDA, env);
      writeFileSync(open, text.replace('joint commissioning', 'JOINT commissioning'));
      execFileSync('touch', ['-r', ref, open]);
      await check(['2026-01-15-255-1: Establish a JOINT commissioning group']);
    });

    it('a new action file, and one that no longer reads', async () => {
      const { actions, check } = copy('added');
      writeFileSync(
        path.join(actions, 'book-the-venue.md'),
        '---\ntitle: Book the venue for 2027\nowner: clerk\ndue: 2026-12-01\nstatus: open\n---\n',
      );
      await check(['book-the-venue: Book the venue for 2027']);
      writeFileSync(path.join(actions, 'book-the-venue.md'), '---\ntitle: [Book the venue for 2027\n---\n');
      await check([], ['Book the venue for 2027']);
    });

    it("a deferral added to earlier minutes, and a future meeting's status and start", async () => {
      const { dir, env, check } = copy('deferral');
      await run(dir, ['agenda', '2026-07-16', '--as-of', '2026-06-22'], env);
      await run(dir, AGENDA, env);
      const minutes = path.join(dir, 'records/meetings/2026-10-08/minutes.md');
      writeFileSync(
        minutes,
        readFileSync(minutes, 'utf8').replace(
          /^chair:/m,
          'deferred:\n  - { title: Town centre CCTV review, minute: 290, to: 2026-12-10 }\nchair:',
        ),
      );
      await check(['deferred "Town centre CCTV review" to this meeting']);
      // Another meeting's agenda: the dates of future meetings follow their meeting.md.
      const later = path.join(dir, 'records/meetings/2026-12-10/meeting.md');
      const args = ['agenda', '2026-07-16', '--as-of', '2026-06-22'];
      writeFileSync(later, readFileSync(later, 'utf8').replace('start: "14:00"', 'start: "10:30"'));
      let r = await run(dir, args, env);
      same(r, await whole(dir, args));
      expect(r.stdout).toContain('Thursday 10 December 2026 at 10:30');
      writeFileSync(later, readFileSync(later, 'utf8').replace('status: scheduled', 'status: cancelled'));
      r = await run(dir, args, env);
      same(r, await whole(dir, args));
      expect(r.stdout).not.toContain('10 December 2026');
      // A meeting folder removed, and one added.
      rmSync(path.join(dir, 'records/meetings/2026-12-10'), { recursive: true });
      r = await run(dir, args, env);
      same(r, await whole(dir, args));
      mkdirSync(path.join(dir, 'records/meetings/2026-11-26'));
      writeFileSync(
        path.join(dir, 'records/meetings/2026-11-26/meeting.md'),
        '---\ndate: 2026-11-26\nstart: "09:15"\nstatus: scheduled\n---\n',
      );
      r = await run(dir, args, env);
      same(r, await whole(dir, args));
      expect(r.stdout).toContain('Thursday 26 November 2026 at 09:15');
    });
  });

  describe('a damaged summary is ignored (and replaced)', () => {
    const dir = start.damaged;
    const fresh = async (cache: string): Promise<string> => {
      await run(dir, AGENDA, { CSP_CACHE_DIR: cache });
      return summaryIn(cache);
    };
    const flip = (file: string, at: number) => {
      const bytes = readFileSync(file);
      bytes[at]! ^= 0x5a;
      writeFileSync(file, bytes);
    };
    const damages: [string, (cache: string) => Promise<void>][] = [
      ['garbage', async (c) => writeFileSync(await fresh(c), '{ not a summary')],
      ['a flipped byte in its stamps', async (c) => flip(await fresh(c), 40)],
      [
        'a flipped byte in its facts',
        async (c) => {
          const f = await fresh(c);
          flip(f, statSync(f).size - 200);
        },
      ],
      ['a truncated summary', async (c) => truncateSync(await fresh(c), 100)],
      ['an empty file', async (c) => writeFileSync(await fresh(c), '')],
    ];
    for (const [what, damage] of damages) {
      it(what, async () => {
        const cache = tempDir('csp-cache-');
        await damage(cache);
        const expected = await whole(dir);
        same(await run(dir, AGENDA, { CSP_CACHE_DIR: cache }), expected);
        same(await run(dir, AGENDA, { CSP_CACHE_DIR: cache }), expected);
        expect(readFileSync(summaryIn(cache)).subarray(0, 8).toString('latin1')).toBe('CSPAGEND');
      });
    }
  });

  it('a link among the actions or meetings is left to the full reading of the record', async () => {
    const dir = copyBundled();
    const cache = tempDir('csp-cache-');
    const actions = path.join(dir, 'records/actions');
    symlinkSync('2026-01-15-255-1.md', path.join(actions, 'linked.md'));
    const expected = await whole(dir);
    expect(expected.stdout).toContain('linked: Establish a joint commissioning group');
    same(await run(dir, AGENDA, { CSP_CACHE_DIR: cache }), expected);
    const r = await run(dir, AGENDA, { CSP_CACHE_DIR: cache, CSP_DEBUG: '1' });
    same({ ...r, stderr: r.stderr.replace(/^(index|read|load):.*\n/gm, '') }, expected);
    expect(r.stderr).not.toContain('agenda facts:');
  });

  it('two runs at once give the right agenda and leave a summary a third run trusts', async () => {
    const dir = start.together;
    const cache = tempDir('csp-cache-');
    const expected = await whole(dir);
    const runs = await Promise.all([
      cspAsync(dir, AGENDA, { CSP_CACHE_DIR: cache }),
      cspAsync(dir, AGENDA, { CSP_CACHE_DIR: cache }),
      cspAsync(dir, AGENDA, { CSP_CACHE_DIR: cache }),
    ]);
    for (const r of runs) same(r, expected);
    const third = csp(dir, AGENDA, { CSP_CACHE_DIR: cache, CSP_DEBUG: '1' });
    const [unread, all] = trusted(third.stderr);
    expect(unread).toBe(all);
    expect(readdirSync(path.dirname(summaryIn(cache))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});

describe('on a file system that keeps whole seconds', () => {
  const { record } = wholeSecondMount();

  it('an action edited within the same second, same size and inode, is still read again', () => {
    const { root, env, file } = record();
    const text = (status: string) => `---\ntitle: Book the venue\nowner: clerk\nstatus: ${status}\n---\n`;
    // "open" → "done": the same length, so size and inode stay, and (in this second) the times.
    const proved = editWithinOneSecond(
      file,
      text('open'),
      text('done'),
      () => expect(agendaFacts(root, 'records', env)?.actions.map((a) => a.id)).toEqual(['book-venue']),
      () => expect(agendaFacts(root, 'records', env)?.actions).toEqual([]),
    );
    expect(proved).toBe(true);
  });
});
