/**
 * Fault tests for every command that writes: a full disk (a real tmpfs when the test can
 * mount one, and always a disk that runs out at every byte count, injected at the write
 * seam), a kill at every step of the write path and at random moments of a real run,
 * read-only files and folders, two and four writers at once, and locks left by dead
 * processes or that cannot be removed. After each, the record is byte-identical to
 * before, or complete; never half-written, and never an internal error.
 */
import { describe, it, expect } from 'vitest';
import { hostname } from 'node:os';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { nodeFileOps, type FileOps } from '../src/workspace/durable.js';
import { actionsRecord } from './actions-fixture.js';
import { BIN, cli, cspAsync, noStackTrace, read, snapshot, tempDir, testSystem } from './helpers.js';

const AS_OF = ['--as-of', '2026-05-01'];

/** A record with something for every write command to do. */
function faultRecord(): string {
  return actionsRecord({
    'meetings/2026-07-16/meeting.md': '---\ndate: 2026-07-16\nstatus: scheduled\n---\n',
  });
}

/** Each write command, run from the folder holding records/. */
const COMMANDS: { name: string; args: string[]; asOf?: string[] }[] = [
  { name: 'actions sync', args: ['actions', 'sync'] },
  // Approved on the day of the meeting that confirms them (approving before it is refused).
  {
    name: 'minutes approve',
    args: ['minutes', 'approve', '2026-04-16', '--at', '2026-07-16'],
    asOf: ['--as-of', '2026-07-16'],
  },
  { name: 'action update', args: ['action', 'update', 'later', '--status', 'done', '--note', 'Booked the venue'] },
  { name: 'agenda --publish', args: ['agenda', '2026-07-16', '--publish'] },
  { name: 'new-meeting', args: ['new-meeting', '--date', '2026-10-15'] },
  { name: 'minutes new', args: ['minutes', 'new', '2026-07-16'] },
  { name: 'init', args: ['init', 'fresh'] },
];

/** The record's files (records/ and fresh/), without csp's lock. */
const state = (dir: string) =>
  Object.fromEntries(Object.entries(snapshot(dir)).filter(([k]) => !k.endsWith('.csp-lock')));

/** What each command leaves on a disk that does not fail it. */
const complete = new Map<string, { code: number; files: Record<string, string> }>();
for (const c of COMMANDS) {
  const dir = faultRecord();
  const r = await cli(dir, [...c.args, ...(c.asOf ?? AS_OF)]);
  complete.set(c.name, { code: r.code, files: state(dir) });
}

/** A disk that fails once `budget` bytes have been written: short writes, then no space. */
function diskWith(budget: number): FileOps {
  let left = budget;
  return {
    ...nodeFileOps,
    writeSync(fd, buffer, offset, length) {
      if (left <= 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      const n = nodeFileOps.writeSync(fd, buffer, offset, Math.min(length, left, 7)); // short writes, 7 bytes at most
      left -= n;
      return n;
    },
  };
}

class Killed extends Error {}

/** A process that dies at its `at`-th change to the disk: that change and every later one never happen. */
function dyingAt(at: number): { files: FileOps; killed: () => boolean } {
  let n = 0;
  let dead = false;
  const step = <T>(fn: () => T): T => {
    if (dead || ++n >= at) {
      dead = true;
      throw new Killed('killed');
    }
    return fn();
  };
  const files: FileOps = {
    openSync: (f, flags, mode) => step(() => nodeFileOps.openSync(f, flags, mode)),
    writeSync: (fd, b, o, l) => step(() => nodeFileOps.writeSync(fd, b, o, l)),
    fsyncSync: (fd) => step(() => nodeFileOps.fsyncSync(fd)),
    closeSync: (fd) => {
      nodeFileOps.closeSync(fd); // the kernel closes a dead process's files
      if (dead) throw new Killed('killed');
    },
    linkSync: (a, b) => step(() => nodeFileOps.linkSync(a, b)),
    renameSync: (a, b) => step(() => nodeFileOps.renameSync(a, b)),
    unlinkSync: (f) => step(() => nodeFileOps.unlinkSync(f)),
    mkdirSync: (d, o) => step(() => nodeFileOps.mkdirSync(d, o)),
  };
  return { files, killed: () => dead };
}

/** A pid no process has now. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '0']);
  return r.pid;
}

/** Every file is as it was before, or as the complete run left it; no half-written file. */
function expectBeforeOrComplete(
  now: Record<string, string>,
  before: Record<string, string>,
  done: Record<string, string>,
  between: Record<string, string> = {},
) {
  for (const [f, text] of Object.entries(now)) {
    if (path.basename(f).startsWith('.csp-')) continue; // csp's own temp files and journal: removed or finished next time
    expect([before[f], done[f], between[f]], f).toContain(text);
  }
  for (const f of Object.keys(before)) if (!(f in now)) expect(f in done, `${f} lost`).toBe(true);
}

describe('a full disk never costs a byte of the record', () => {
  for (const c of COMMANDS) {
    it(`${c.name}: a disk that runs out at any point leaves the record as it was, and the clerk is told`, async () => {
      const done = complete.get(c.name)!;
      let failures = 0;
      for (let budget = 0; budget < 6000; budget += budget < 200 ? 13 : 397) {
        const dir = faultRecord();
        const before = state(dir);
        const r = await cli(dir, [...c.args, ...(c.asOf ?? AS_OF)], { system: { files: diskWith(budget) } });
        expect(noStackTrace(r)).toBe(true);
        expect(r.stderr).not.toContain('did not expect');
        const now = state(dir);
        if (r.code === 2) {
          failures++;
          expect(r.stderr).toMatch(
            /The disk is full: .* and (nothing was changed|no file of the record was changed|the minutes are still a draft)/,
          );
          // init creates its files one by one (running it again finishes the record), so its earlier files may be there.
          if (c.name === 'init') expectBeforeOrComplete(now, before, done.files);
          // approve syncs first, which is complete in itself; the approval after it is all or nothing.
          else if (/already been synced/.test(r.stderr)) expect(now).toEqual(complete.get('actions sync')!.files);
          else expect(now).toEqual(before);
        } else {
          expect(r.code).toBe(done.code);
          expect(now).toEqual(done.files);
        }
      }
      expect(failures).toBeGreaterThan(0);
    });
  }

  it('on a real 512 KiB tmpfs, nearly full: every write command leaves the record byte-identical or complete', async () => {
    const mnt = tempDir('csp-tmpfs-');
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=512k', 'tmpfs', mnt]).status === 0;
    // Without the right to mount (not root), the injected full disk above is the test.
    if (!mounted) return;
    try {
      for (const c of COMMANDS) {
        const done = complete.get(c.name)!;
        for (const freePages of [0, 1, 2, 3, 5]) {
          rmSync(path.join(mnt, 'w'), { recursive: true, force: true });
          cpSync(faultRecord(), path.join(mnt, 'w'), { recursive: true });
          const before = state(path.join(mnt, 'w'));
          // Fill the disk a page at a time, then give back `freePages` pages.
          mkdirSync(path.join(mnt, 'fill'), { recursive: true });
          let pages = 0;
          try {
            for (;;) writeFileSync(path.join(mnt, 'fill', String(pages++)), Buffer.alloc(4096, 1));
          } catch {
            /* full */
          }
          for (let i = 0; i < freePages; i++) rmSync(path.join(mnt, 'fill', String(i)), { force: true });
          const r = await cli(path.join(mnt, 'w'), [...c.args, ...(c.asOf ?? AS_OF)]);
          rmSync(path.join(mnt, 'fill'), { recursive: true, force: true });
          expect(noStackTrace(r), `${c.name} ${freePages}`).toBe(true);
          const now = state(path.join(mnt, 'w'));
          if (r.code === 2 && /disk is full/.test(r.stderr)) {
            if (c.name === 'init') expectBeforeOrComplete(now, before, done.files);
            else if (/already been synced/.test(r.stderr)) expect(now).toEqual(complete.get('actions sync')!.files);
            else expect(now, `${c.name} with ${freePages} pages free`).toEqual(before);
          } else {
            expect(r.code, `${c.name} with ${freePages} pages free: ${r.stderr}`).toBe(done.code);
            expect(now).toEqual(done.files);
          }
        }
      }
    } finally {
      spawnSync('umount', [mnt]);
    }
  }, 120_000);
});

describe('a kill at any step leaves the record as it was or complete, and the next command finishes it', () => {
  for (const c of COMMANDS) {
    it(`${c.name}: killed at each change to the disk in turn`, async () => {
      const done = complete.get(c.name)!;
      const pid = deadPid();
      let total = Infinity;
      for (let at = 1; at <= total + 1; at++) {
        const dir = faultRecord();
        const before = state(dir);
        const dying = dyingAt(at);
        const r = await cli(dir, [...c.args, ...(c.asOf ?? AS_OF)], { system: { pid, files: dying.files } });
        if (!dying.killed()) {
          // It ran to the end before the kill: that is the complete run.
          total = at;
          expect(r.code).toBe(done.code);
          expect(state(dir)).toEqual(done.files);
          break;
        }
        const now = state(dir);
        // approve syncs first (a complete change in itself), then approves: either may be the state a kill leaves.
        const between = c.name === 'minutes approve' ? complete.get('actions sync')!.files : {};
        expectBeforeOrComplete(
          now,
          { ...between, ...before, ...Object.fromEntries(Object.entries(between).filter(([f]) => !(f in before))) },
          done.files,
          between,
        );
        const isDone = (files: Record<string, string>) =>
          JSON.stringify(Object.entries(files).filter(([f]) => !path.basename(f).startsWith('.csp-'))) ===
          JSON.stringify(Object.entries(done.files));
        if (isDone(now)) {
          // Killed after the change was made: the next write command (here any) takes over the dead lock and tidies up.
          const tidy =
            c.name === 'init'
              ? await cli(dir, [...c.args, ...(c.asOf ?? AS_OF)])
              : await cli(dir, ['action', 'update', 'no-due', '--note', 'tidy', ...AS_OF]);
          expect(tidy.code).toBe(c.name === 'init' ? 1 : 0);
        } else {
          // The next run (a new process) takes over the dead process's lock, finishes or undoes, and completes.
          const again = await cli(dir, [...c.args, ...(c.asOf ?? AS_OF)]);
          expect(noStackTrace(again)).toBe(true);
          expect(again.code).toBe(done.code);
          expect(state(dir)).toEqual(done.files);
        }
        const leftovers = Object.keys(state(dir)).filter((f) => path.basename(f).startsWith('.csp-'));
        expect(leftovers, `after a kill at step ${at}`).toEqual([]);
      }
      expect(total).toBeLessThan(Infinity);
    }, 120_000);
  }

  it('kill -9 at random moments of a real actions sync of 150 markers: each action file whole or absent, and a second sync completes it', async () => {
    const markers = Array.from(
      { length: 150 },
      (_, i) => `Item ${i} was agreed. [action: clerk; due 2026-06-30]\n`,
    ).join('\n');
    const minutes = `---\nstatus: draft\nchair: cllr-chair\npresent: [cllr-chair, pc-police, dr-health]\n---\n## 1. Many things\n\n${markers}`;
    const make = () => actionsRecord({ 'meetings/2026-04-16/minutes.md': minutes });
    const reference = make();
    expect((await cli(reference, ['actions', 'sync', ...AS_OF])).code).toBe(0);
    const done = state(reference);
    let seed = 12;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    let interrupted = 0;
    for (let run = 0; run < 5; run++) {
      const dir = make();
      const before = state(dir);
      const child = spawn(process.execPath, [BIN, 'actions', 'sync', ...AS_OF], {
        cwd: dir,
        env: { ...process.env, NO_COLOR: '1', CSP_RECORDS: '', CSP_NO_CACHE: '1' },
        stdio: 'ignore',
      });
      // Listen for the end first: a quick sync may finish before the kill, and a late listener would wait for ever.
      const life = { ended: false };
      const closed = new Promise((r) => child.on('close', () => r((life.ended = true))));
      // Kill once the sync has begun writing (its first new file or journal), a random moment later.
      const entries = () =>
        ['records', 'records/actions'].reduce((n, d) => n + readdirSync(path.join(dir, d)).length, 0);
      const start = entries();
      while (!life.ended && entries() === start) await sleep(2);
      await sleep(random() * 40);
      child.kill('SIGKILL');
      await closed;
      const now = state(dir);
      expectBeforeOrComplete(now, before, done);
      if (JSON.stringify(now) !== JSON.stringify(done)) interrupted++;
      const again = await cli(dir, ['actions', 'sync', ...AS_OF]);
      expect(again.code).toBe(0);
      expect(state(dir)).toEqual(done);
    }
    expect(interrupted, 'runs killed part-way through the sync').toBeGreaterThan(0);
  }, 120_000);
});

describe('read-only files and folders', () => {
  it('a read-only action file is never replaced: action update says so, exit 2', async () => {
    const dir = faultRecord();
    const file = path.join(dir, 'records/actions/later.md');
    chmodSync(file, 0o444);
    const before = read(dir, 'records/actions/later.md');
    const r = await cli(dir, ['action', 'update', 'later', '--note', 'Booked', ...AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('records/actions/later.md is read-only, and csp never replaces a read-only file');
    expect(read(dir, 'records/actions/later.md')).toBe(before);
  });

  it('read-only minutes: actions sync changes nothing at all (neither minutes nor action files)', async () => {
    const dir = faultRecord();
    chmodSync(path.join(dir, 'records/meetings/2026-04-16/minutes.md'), 0o444);
    const before = state(dir);
    const r = await cli(dir, ['actions', 'sync', ...AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/minutes\.md is read-only/);
    expect(state(dir)).toEqual(before);
  });

  it('a folder csp may not write to (permission denied) and a read-only disk: a clear message, the record unchanged', async () => {
    for (const code of ['EACCES', 'EROFS']) {
      const dir = faultRecord();
      const before = state(dir);
      const files: FileOps = {
        ...nodeFileOps,
        openSync: (f, flags, mode) => {
          if (f.includes(`${path.sep}actions${path.sep}`)) throw Object.assign(new Error(`${code}: refused`), { code });
          return nodeFileOps.openSync(f, flags, mode);
        },
      };
      const r = await cli(dir, ['actions', 'sync', ...AS_OF], { system: { files } });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        code === 'EACCES' ? /You may not write .*actions.*permission denied/ : /on a read-only disk/,
      );
      expect(state(dir)).toEqual(before); // the minutes were not changed before the action files failed
    }
  });

  it('a record on a read-only mount: every write command ends with a message, nothing changed', async () => {
    const dir = faultRecord();
    const records = path.join(dir, 'records');
    const bound = spawnSync('mount', ['--bind', records, records]).status === 0;
    if (!bound) return; // not root: the injected EROFS above is the test
    try {
      expect(spawnSync('mount', ['-o', 'remount,ro,bind', records]).status).toBe(0);
      const before = state(dir);
      for (const c of COMMANDS.filter((x) => x.name !== 'init')) {
        const r = await cli(dir, [...c.args, ...(c.asOf ?? AS_OF)]);
        expect(r.code, c.name).toBe(2);
        expect(r.stderr, c.name).toMatch(/read-only disk/);
        expect(noStackTrace(r)).toBe(true);
      }
      expect(state(dir)).toEqual(before);
    } finally {
      spawnSync('umount', [records]);
    }
  });
});

describe('several writers at once, and locks left behind', () => {
  for (const writers of [2, 4]) {
    it(`${writers} action updates at once all land, none lost`, async () => {
      const dir = faultRecord();
      const runs = await Promise.all(
        Array.from({ length: writers }, (_, i) =>
          cspAsync(dir, ['action', 'update', 'later', '--note', `Note ${i}`, ...AS_OF]),
        ),
      );
      expect(runs.map((r) => r.code)).toEqual(runs.map(() => 0));
      const text = read(dir, 'records/actions/later.md');
      for (let i = 0; i < writers; i++) expect(text).toContain(`Note ${i}`);
      expect(existsSync(path.join(dir, 'records/.csp-lock'))).toBe(false);
    }, 60_000);
  }

  it('four writers on the stale lock of a dead process: one takes it over at a time, every note kept, no 15 s wait', async () => {
    const dir = faultRecord();
    writeFileSync(
      path.join(dir, 'records/.csp-lock'),
      JSON.stringify({ pid: deadPid(), host: hostname(), started: '2026-01-01T00:00:00Z' }),
    );
    const t0 = Date.now();
    const runs = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        cspAsync(dir, ['action', 'update', 'later', '--note', `Stale ${i}`, ...AS_OF]),
      ),
    );
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    expect(Date.now() - t0).toBeLessThan(15_000);
    for (let i = 0; i < 4; i++) expect(read(dir, 'records/actions/later.md')).toContain(`Stale ${i}`);
    // The same in this process's own System, four at once.
    const pid = deadPid();
    const dir2 = faultRecord();
    writeFileSync(
      path.join(dir2, 'records/.csp-lock'),
      JSON.stringify({ pid, host: testSystem.hostname, started: '2026-01-01T00:00:00Z' }),
    );
    const t1 = Date.now();
    const inproc = await Promise.all(
      Array.from({ length: 4 }, (_, i) => cli(dir2, ['action', 'update', 'later', '--note', `Mine ${i}`, ...AS_OF])),
    );
    expect(inproc.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    expect(Date.now() - t1).toBeLessThan(10_000);
    const text = read(dir2, 'records/actions/later.md');
    for (let i = 0; i < 4; i++) expect(text).toContain(`Mine ${i}`);
  }, 60_000);

  it('an old-style lock (a bare pid) of a dead process is taken over too', async () => {
    const dir = faultRecord();
    writeFileSync(path.join(dir, 'records/.csp-lock'), `${deadPid()}\n`);
    const r = await cli(dir, ['action', 'update', 'later', '--note', 'Taken over', ...AS_OF]);
    expect(r.code).toBe(0);
    expect(existsSync(path.join(dir, 'records/.csp-lock'))).toBe(false);
  });

  it('a folder named .csp-lock ends the command at once with a message (no spin)', async () => {
    const dir = faultRecord();
    mkdirSync(path.join(dir, 'records/.csp-lock'));
    const t0 = Date.now();
    const r = await cli(dir, ['actions', 'sync', ...AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("records/.csp-lock is a folder, not csp's lock");
    expect(Date.now() - t0).toBeLessThan(5_000);
  });

  it("a dead process's lock that cannot be removed (another user's, in a shared folder) ends the command with a message", async () => {
    const dir = faultRecord();
    writeFileSync(
      path.join(dir, 'records/.csp-lock'),
      JSON.stringify({ pid: deadPid(), host: testSystem.hostname, started: 'x' }),
    );
    const files: FileOps = {
      ...nodeFileOps,
      unlinkSync: (f) => {
        if (f.endsWith('.csp-lock')) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
        nodeFileOps.unlinkSync(f);
      },
    };
    const t0 = Date.now();
    const r = await cli(dir, ['actions', 'sync', ...AS_OF], { system: { files } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'was left by a csp command that is no longer running, but csp cannot remove it (it belongs to someone else)',
    );
    expect(Date.now() - t0).toBeLessThan(15_000);
  });

  it('a full disk while taking the lock leaves no empty lock behind', async () => {
    const dir = faultRecord();
    const r = await cli(dir, ['action', 'update', 'later', '--note', 'x', ...AS_OF], {
      system: { files: diskWith(0) },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/The disk is full: the record lock/);
    expect(readdirSync(path.join(dir, 'records')).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});

describe('what csp writes stays within the record', () => {
  it('action update refuses to grow a file past 1 MiB', async () => {
    const dir = faultRecord();
    const file = 'records/actions/later.md';
    writeFileSync(path.join(dir, file), `${read(dir, file)}${'x'.repeat(1024 * 1024 - 400)}\n`);
    const before = read(dir, file);
    const r = await cli(dir, ['action', 'update', 'later', '--note', 'y'.repeat(500), ...AS_OF]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('past the 1 MiB limit');
    expect(read(dir, file)).toBe(before);
  });

  it("csp's temp files are not the clerk's misplaced files, and the next write command removes them", async () => {
    const dir = faultRecord();
    writeFileSync(path.join(dir, 'records/meetings/2026-04-16/.csp-tmp-minutes.md.0123456789ab'), 'half');
    const v = await cli(dir, ['validate', '--format', 'json', ...AS_OF]);
    expect(JSON.parse(v.stdout).diagnostics.filter((d: { rule: string }) => d.rule === 'layout')).toEqual([]);
    await cli(dir, ['action', 'update', 'later', '--note', 'x', ...AS_OF]);
    expect(existsSync(path.join(dir, 'records/meetings/2026-04-16/.csp-tmp-minutes.md.0123456789ab'))).toBe(false);
  });
});
