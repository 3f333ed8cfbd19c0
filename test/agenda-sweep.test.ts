/**
 * csp agenda's sweep: GNU find takes the stat of every file the agenda's summary hangs on, in a
 * process of its own started before csp loads, and when it prints exactly what a sweep printed
 * that was checked against the summary's own stats (every one settled), the summary's facts are
 * the answer without a stat taken in csp. Every edit still shows on the next run, a sweep taken
 * within the racy window is never kept, a damaged or foreign sweep is not trusted, and a
 * machine without GNU find is left alone after one try.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { agendaOnly, commandOf } from '../src/cli/early.js';
import { agendaFacts, type AgendaFacts } from '../src/load/agenda-facts.js';
import {
  NO_SWEEP_FILE,
  SWEEP_FILE,
  SWEEP_LIST,
  sweepAgrees,
  sweepArgs,
  type Sweep,
  type SweepEntry,
} from '../src/load/agenda-sweep.js';
import { RACY_MS } from '../src/workspace/trust.js';
import { BIN, cli, copyBundled, csp, cspAsync, ROOT, tempDir, type CliResult } from './helpers.js';
import { editWithinOneSecond, settle, wholeSecondMount } from './support/coarse-fs.js';

const AGENDA = ['agenda', '2026-12-10', '--as-of', '2026-11-22'];

/** The record's folder in a cache folder (the only one there). */
const recordCache = (cache: string) => path.join(cache, readdirSync(cache)[0]!);

/** A sweep of the list kept in `cache`, as bin/csp.cjs starts it (the same find, the same arguments). */
function sweepOf(root: string, cache: string): Sweep {
  const out = path.join(tempDir('csp-sweep-'), 'out');
  const startedAt = Date.now();
  spawnSync('find', sweepArgs(path.join(recordCache(cache), SWEEP_LIST), out), { cwd: root });
  return { bytes: readFileSync(out), startedAt };
}

/** The agenda's facts with the summary in `cache` (and a sweep, if given), and the debug line that says how they were found. */
function facts(root: string, cache: string, sweep?: Sweep | 'failed'): { facts: AgendaFacts; how: string } {
  const lines: string[] = [];
  const f = agendaFacts(root, 'records', { CSP_CACHE_DIR: cache, CSP_DEBUG: '1' }, (l) => void lines.push(l), sweep);
  if (f === undefined) throw new Error('the agenda facts were left to the full load');
  return { facts: f, how: lines.find((l) => l.startsWith('agenda facts:')) ?? '' };
}

/** What the agenda shows of the facts, from a fresh summary (every file read): what each run must give. */
const shown = (f: AgendaFacts) => ({
  actions: f.actions.map((a) => [a.id, a.action.data]),
  meetings: f.meetings.map((m) => [m.id, m.meeting?.data ?? null, m.minutes?.data ?? null]),
});
const fresh = (root: string) => shown(facts(root, tempDir('csp-cache-')).facts);

const BY_SWEEP = 'by the sweep';

describe('the command line, read before csp loads', () => {
  it('finds the command and --records wherever they are typed', () => {
    expect(commandOf(['agenda', '2026-12-10', '--records', 'r'])).toEqual({
      command: 'agenda',
      records: 'r',
      help: false,
    });
    expect(commandOf(['--records', 'agenda', 'agenda', 'x'])).toEqual({
      command: 'agenda',
      records: 'agenda',
      help: false,
    });
    expect(commandOf(['--records=a b', '--as-of', 'quorum', 'agenda'])).toEqual({
      command: 'agenda',
      records: 'a b',
      help: false,
    });
    expect(commandOf(['quorum', 'agenda']).command).toBe('quorum');
    expect(commandOf(['agenda', '--help']).help).toBe(true);
    expect(commandOf(['--', 'agenda']).command).toBeUndefined();
  });

  it("runs from the agenda's own file only an agenda that writes nothing", () => {
    expect(agendaOnly(['agenda', '2026-12-10', '--format', 'html', '--records', 'r'])).toBe(true);
    expect(agendaOnly(['agenda', '2026-12-10', '--publish'])).toBe(false);
    expect(agendaOnly(['agenda', '2026-12-10', '--out', 'a.md'])).toBe(false);
    expect(agendaOnly(['agenda', '2026-12-10', '--out=a.md', '--force'])).toBe(false);
    expect(agendaOnly(['agenda', '--help'])).toBe(false);
    expect(agendaOnly(['quorum', '2026-12-10'])).toBe(false);
  });
});

describe("a sweep is kept only when it says exactly what the summary's stats say", () => {
  const old = Date.now() - 10 * RACY_MS;
  const line = (y: string, size: number, ms: number, ino: number, p: string) => {
    const sec = Math.floor(ms / 1000);
    const ns = String(Math.round((ms - sec * 1000) * 1e6)).padStart(9, '0');
    return `${y} ${size} ${sec}.${ns}0 ${sec}.${ns}0 ${ino} ${p}\0`;
  };
  const at = Math.floor(old / 1000) * 1000 + 250.5;
  const entries: SweepEntry[] = [
    { rel: 'meetings', kind: 'd', stamp: [4096, at, at, 7] },
    { rel: 'actions', kind: null, stamp: undefined },
    { rel: 'meetings/2026-12-10/meeting.md', kind: 'f', stamp: [120, at, at, 9] },
    { rel: 'meetings/2026-12-10/minutes.md', kind: null, stamp: undefined },
    { rel: 'actions/a b.md', kind: 'f', stamp: [33, at, at, 11] },
  ];
  const good =
    line('d', 4096, at, 7, 'meetings') +
    line('f', 120, at, 9, 'meetings/2026-12-10/meeting.md') +
    line('f', 33, at, 11, 'actions/a b.md');
  const sweep = (text: string, startedAt = Date.now()): Sweep => ({ bytes: Buffer.from(text), startedAt });

  it('agrees with the same stamps, kinds and paths (a path with a space in it)', () => {
    expect(sweepAgrees(sweep(good), entries, Date.now())).toBe(true);
  });
  const wrong: [string, string][] = [
    ['another size', good.replace('f 33 ', 'f 34 ')],
    ['another inode', good.replace(' 11 actions', ' 12 actions')],
    ['another kind', good.replace('f 120', 'l 120')],
    ['a file where there was none', good + line('f', 1, at, 13, 'meetings/2026-12-10/minutes.md')],
    ['a file missing', good.replace(line('f', 33, at, 11, 'actions/a b.md'), '')],
    ['cut short', good.slice(0, -5)],
    ['nothing at all', ''],
    ['times not to the nanosecond', good.replace(/(\d+)\.(\d{9})0/g, '$1')],
  ];
  for (const [what, text] of wrong)
    it(`not with ${what}`, () => expect(sweepAgrees(sweep(text), entries, Date.now())).toBe(false));

  it('not when a file changed within the racy window before the stats or the sweep', () => {
    const recent = Date.now() - RACY_MS / 2;
    const racy = entries.map((e) => (e.rel === 'actions/a b.md' ? { ...e, stamp: [33, recent, recent, 11] } : e));
    const text = good.replace(line('f', 33, at, 11, 'actions/a b.md'), line('f', 33, recent, 11, 'actions/a b.md'));
    expect(sweepAgrees(sweep(text), racy, Date.now())).toBe(false);
    // Settled by the summary's time, but the sweep started earlier: the earlier time decides.
    expect(sweepAgrees(sweep(good, at + RACY_MS / 2), entries, Date.now())).toBe(false);
  });
});

/** The ways an edit is made after a sweep is kept: each on a copy of its own. */
const EDITS = {
  reopened: (root: string) => {
    const f = path.join(root, 'actions/2025-01-16-207-1.md');
    writeFileSync(f, readFileSync(f, 'utf8').replace('status: done', 'status: open'));
  },
  'replaced by another of the same size and mtime (a new inode)': (root: string) => {
    const f = path.join(root, 'actions/2026-01-15-255-1.md');
    const tmp = `${f}.new`;
    writeFileSync(tmp, readFileSync(f, 'utf8').replace('joint commissioning', 'joint COMMISSIONING'));
    execFileSync('touch', ['-r', f, tmp]);
    renameSync(tmp, f);
  },
  'edited in place with its old size and mtime put back': (root: string) => {
    const f = path.join(root, 'actions/2026-01-15-255-1.md');
    const ref = path.join(root, '..', 'times');
    writeFileSync(ref, '');
    execFileSync('touch', ['-r', f, ref]);
    const fd = openSync(f, 'r+');
    writeSync(fd, readFileSync(f, 'utf8').replace('joint commissioning', 'JOINT commissioning'), 0, 'utf8');
    closeSync(fd);
    execFileSync('touch', ['-r', ref, f]);
  },
  deleted: (root: string) => rmSync(path.join(root, 'actions/2026-01-15-255-1.md')),
  'a new action': (root: string) =>
    writeFileSync(
      path.join(root, 'actions/book-the-venue.md'),
      '---\ntitle: Book the venue for 2027\nowner: clerk\ndue: 2026-12-01\nstatus: open\n---\n',
    ),
  'a new meeting': (root: string) => {
    mkdirSync(path.join(root, 'meetings/2026-11-26'));
    writeFileSync(path.join(root, 'meetings/2026-11-26/meeting.md'), '---\ndate: 2026-11-26\nstatus: scheduled\n---\n');
  },
  'minutes with a deferral added': (root: string) => {
    const f = path.join(root, 'meetings/2026-10-08/minutes.md');
    writeFileSync(
      f,
      readFileSync(f, 'utf8').replace(
        /^chair:/m,
        'deferred:\n  - { title: Town centre CCTV review, minute: 290, to: 2026-12-10 }\nchair:',
      ),
    );
  },
} as const;

describe('in csp: kept, trusted, and never trusted after an edit', () => {
  const copies = {
    first: copyBundled(),
    damaged: copyBundled(),
    failed: copyBundled(),
    edits: Object.fromEntries(Object.keys(EDITS).map((e) => [e, copyBundled()])) as Record<keyof typeof EDITS, string>,
  };
  const caches = new Map<string, string>();
  const cacheOf = (dir: string) => caches.get(dir)!;
  beforeAll(() => {
    settle();
    for (const dir of [copies.first, copies.damaged, ...Object.values(copies.edits)]) {
      const root = path.join(dir, 'records');
      const cache = tempDir('csp-cache-');
      caches.set(dir, cache);
      // The first run keeps the list of paths; the second, whose files are all as before and settled, its sweep.
      expect(facts(root, cache).how).toContain('0 of 52 files trusted unread');
      expect(existsSync(path.join(recordCache(cache), SWEEP_LIST))).toBe(true);
      expect(facts(root, cache, sweepOf(root, cache)).how).toContain('52 of 52 files trusted unread, stats');
      expect(existsSync(path.join(recordCache(cache), SWEEP_FILE))).toBe(true);
    }
  });

  it('the next sweep stands for the stats, and the facts are the whole record’s', () => {
    const root = path.join(copies.first, 'records');
    const cache = cacheOf(copies.first);
    const r = facts(root, cache, sweepOf(root, cache));
    expect(r.how).toContain(`52 of 52 files trusted unread, ${BY_SWEEP}`);
    expect(shown(r.facts)).toEqual(fresh(root));
    // Without a sweep the stats are taken, as before.
    expect(facts(root, cache).how).toContain('52 of 52 files trusted unread, stats');
  });

  for (const [what, edit] of Object.entries(EDITS)) {
    it(`${what}: shows on the next run`, () => {
      const dir = copies.edits[what as keyof typeof EDITS];
      const root = path.join(dir, 'records');
      const cache = cacheOf(dir);
      const before = fresh(root);
      edit(root);
      const after = fresh(root);
      expect(after).not.toEqual(before);
      const r = facts(root, cache, sweepOf(root, cache));
      expect(r.how).not.toContain(BY_SWEEP);
      expect(shown(r.facts)).toEqual(after);
    });
  }

  it('a damaged kept sweep is not trusted, and is replaced', () => {
    const root = path.join(copies.damaged, 'records');
    const cache = cacheOf(copies.damaged);
    const kept = path.join(recordCache(cache), SWEEP_FILE);
    const bytes = readFileSync(kept);
    for (const damage of [
      (b: Buffer) => b.subarray(0, b.length - 7),
      (b: Buffer) => Buffer.concat([b.subarray(0, 8), Buffer.from([b[8]! ^ 1]), b.subarray(9)]),
      (b: Buffer) => Buffer.concat([b.subarray(0, 100), Buffer.from('0'), b.subarray(101)]),
      () => Buffer.from('not a sweep'),
    ]) {
      writeFileSync(kept, damage(bytes));
      const r = facts(root, cache, sweepOf(root, cache));
      expect(r.how).not.toContain(BY_SWEEP);
      expect(shown(r.facts)).toEqual(fresh(root));
      expect(facts(root, cache, sweepOf(root, cache)).how).toContain(BY_SWEEP);
    }
  });

  it('a sweep file left by a csp that was stopped (Ctrl-C) is removed when the index is next written, a live one is not', () => {
    const dir = copyBundled();
    const root = path.join(dir, 'records');
    const cache = tempDir('csp-cache-');
    facts(root, cache);
    const here = recordCache(cache);
    // Named as src/cli/early.ts names them.
    const left = path.join(here, `sweep-12345-a1b2c3d4.tmp`);
    const live = path.join(here, `sweep-12346-a1b2c3d5.tmp`);
    for (const f of [left, live]) writeFileSync(f, 'f 1 2 3 4 x\0');
    const old = (Date.now() - 3_600_000) / 1000;
    utimesSync(left, old, old);
    // An edit, so the next run reads a file and writes the index.
    const f = path.join(root, 'actions/2025-01-16-207-1.md');
    writeFileSync(f, readFileSync(f, 'utf8').replace('status: done', 'status: open'));
    facts(root, cache);
    expect([existsSync(left), existsSync(live)]).toEqual([false, true]);
  });

  it('a sweep that could not run, or that prints something else, is not tried again', () => {
    const root = path.join(copies.failed, 'records');
    const cache = tempDir('csp-cache-');
    facts(root, cache);
    facts(root, cache, 'failed');
    expect(existsSync(path.join(recordCache(cache), NO_SWEEP_FILE))).toBe(true);
    const other = tempDir('csp-cache-');
    facts(root, other);
    // Every file as before and settled, the same list, and still another output: this find is not GNU find's.
    facts(root, other, { bytes: Buffer.from('f 1 2 3 4 x\0'), startedAt: Date.now() });
    expect(existsSync(path.join(recordCache(other), NO_SWEEP_FILE))).toBe(true);
  });
});

describe('on a file system that keeps whole seconds', () => {
  const { record } = wholeSecondMount();

  it('a sweep taken within the same second as an edit (same size and inode) is never kept', () => {
    const { root, env, file } = record();
    const cache = env.CSP_CACHE_DIR!;
    const text = (status: string) => `---\ntitle: Book the venue\nowner: clerk\nstatus: ${status}\n---\n`;
    writeFileSync(file, text('open'));
    settle();
    facts(root, cache);
    expect(facts(root, cache, sweepOf(root, cache)).how).toContain('stats');
    expect(facts(root, cache, sweepOf(root, cache)).how).toContain(BY_SWEEP);
    // "open" → "done": the same length, so size and inode stay, and (in this second) the times.
    const ids = (f: AgendaFacts) => f.actions.map((a) => a.id);
    const proved = editWithinOneSecond(
      file,
      text('open'),
      text('done'),
      () => expect(ids(facts(root, cache, sweepOf(root, cache)).facts)).toEqual(['book-venue']),
      () => {
        const r = facts(root, cache, sweepOf(root, cache));
        expect(r.how).not.toContain(BY_SWEEP);
        expect(ids(r.facts)).toEqual([]);
      },
    );
    expect(proved).toBe(true);
  });
});

describe('through the built binary', () => {
  /** The agenda made from the whole record (in-process, no index, no summary): what every run must print. */
  const whole = (dir: string) => cli(dir, AGENDA, { env: { CSP_NO_CACHE: '1' } });
  const same = (r: CliResult, expected: CliResult) => {
    expect(r.stdout).toBe(expected.stdout);
    expect(r.code).toBe(expected.code);
  };
  const copies = { sweeps: copyBundled(), noFind: copyBundled(), otherFind: copyBundled() };
  beforeAll(settle);
  const leftovers = (cache: string) => readdirSync(recordCache(cache)).filter((n) => n.endsWith('.tmp'));

  it('the third run is answered by the sweep started before csp loaded, with the same agenda', async () => {
    const dir = copies.sweeps;
    const cache = tempDir('csp-cache-');
    const expected = await whole(dir);
    expect(expected.code).toBe(0);
    same(csp(dir, AGENDA, { CSP_CACHE_DIR: cache }), expected);
    same(csp(dir, AGENDA, { CSP_CACHE_DIR: cache }), expected);
    const third = csp(dir, AGENDA, { CSP_CACHE_DIR: cache, CSP_DEBUG: '1' });
    same(third, expected);
    expect(third.stderr).toContain(`52 of 52 files trusted unread, ${BY_SWEEP}`);
    // Runs at once: each its own sweep, the same agenda, nothing left behind.
    const runs = await Promise.all([1, 2, 3].map(() => cspAsync(dir, AGENDA, { CSP_CACHE_DIR: cache })));
    for (const r of runs) same(r, expected);
    expect(leftovers(cache)).toEqual([]);
    // An edit: the next run takes the stats and shows it.
    const f = path.join(dir, 'records/actions/2025-01-16-207-1.md');
    writeFileSync(f, readFileSync(f, 'utf8').replace('status: done', 'status: open'));
    const edited = csp(dir, AGENDA, { CSP_CACHE_DIR: cache, CSP_DEBUG: '1' });
    same(edited, await whole(dir));
    expect(edited.stderr).not.toContain(BY_SWEEP);
    expect(edited.stdout).toContain('Circulate the VAWG strategy consultation draft');
  });

  it("an agenda that writes nothing runs from the agenda's own file, with the same agenda and the same messages", async () => {
    const dir = copies.sweeps;
    /** The files of the bundle a run of the built binary loads, and what it printed. */
    const loads = (args: string[]) => {
      const log = path.join(tempDir('csp-loads-'), 'loads.txt');
      writeFileSync(log, '');
      const r = spawnSync(process.execPath, ['--import', path.join(ROOT, 'test/fixtures/load-log.mjs'), BIN, ...args], {
        cwd: dir,
        env: {
          ...process.env,
          NO_COLOR: '1',
          CSP_RECORDS: '',
          CSP_LOAD_LOG: log,
          CSP_CACHE_DIR: tempDir('csp-cache-'),
        },
        encoding: 'utf8',
      });
      const files = readFileSync(log, 'utf8')
        .split('\n')
        .flatMap((u) => /\/dist\/([^/]+\.c?js)$/.exec(u)?.[1] ?? []);
      return { files, code: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    for (const args of [AGENDA, [...AGENDA, '--format', 'html']]) {
      const r = loads(args);
      expect(r.files).toContain('agenda-cli.js');
      expect(r.files).not.toContain('main.js');
      same(
        { code: r.code ?? -1, stdout: r.stdout, stderr: r.stderr },
        await cli(dir, args, { env: { CSP_NO_CACHE: '1' } }),
      );
    }
    // A meeting that is not there: the same message and exit code as the whole command line gives.
    const missing = ['agenda', '2031-01-01', '--as-of', '2026-11-22'];
    const r = loads(missing);
    const expected = await cli(dir, missing, { env: { CSP_NO_CACHE: '1' } });
    expect(expected.code).toBe(2);
    expect(expected.stderr).toContain('2031-01-01');
    expect([r.code, r.stderr]).toEqual([expected.code, expected.stderr]);
    // What writes (--out, --publish) and the help are the whole command line's.
    for (const args of [
      [...AGENDA, '--out', path.join(tempDir(), 'a.md')],
      ['agenda', '--help'],
    ]) {
      const w = loads(args);
      expect(w.code).toBe(0);
      expect(w.files).toContain('main.js');
      expect(w.files).not.toContain('agenda-cli.js');
    }
  });

  it('without find, or with another find, the agenda is the same and no later run tries', async () => {
    const empty = tempDir('csp-path-');
    const other = tempDir('csp-path-');
    // A find that writes something else where GNU find would write its sweep.
    writeFileSync(path.join(other, 'find'), '#!/bin/sh\nprintf "f 1 2 3 4 x\\0" > "$6"\n');
    chmodSync(path.join(other, 'find'), 0o755);
    for (const [dir, bin] of [
      [copies.noFind, empty],
      [copies.otherFind, other],
    ] as const) {
      const cache = tempDir('csp-cache-');
      const expected = await whole(dir);
      for (let i = 0; i < 3; i++) same(csp(dir, AGENDA, { CSP_CACHE_DIR: cache, PATH: bin }), expected);
      expect(existsSync(path.join(recordCache(cache), NO_SWEEP_FILE))).toBe(true);
      expect(leftovers(cache)).toEqual([]);
      expect(statSync(path.join(recordCache(cache), 'agenda')).size).toBeGreaterThan(0);
    }
  });
});
