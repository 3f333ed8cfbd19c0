import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cli, minimalRecord, noStackTrace, snapshot } from './helpers.js';
import { nodeFileOps, type FileOps } from '../src/workspace/durable.js';

const crlf = (s: string) => s.split('\n').join('\r\n');
const withBom = (s: string) => Buffer.from('\uFEFF' + crlf(s), 'utf8');

const MOVED = [
  '---',
  'date: 2026-12-10   # the December meeting',
  'start: "14:00"',
  'status: published',
  'published: 2026-11-30',
  'items:',
  '  - title: Left over',
  '    deferred_from: 2026-09-10',
  '---',
  'See [last time](../2026-09-10/minutes.md) and [the paper](papers/plan.pdf).',
  '',
].join('\n');
const LATER = [
  '---',
  'date: 2027-03-11',
  'items:',
  '  - title: Carried',
  '    deferred_from: 2026-12-10 # from December',
  '---',
  'Notes: [December](../2026-12-10/meeting.md).',
  '',
].join('\n');
const DRAFT = [
  '---',
  'status: draft',
  'chair: cllr-chair',
  'present: [cllr-chair]',
  'deferred:',
  '  - { title: Budget, minute: 2, to: 2026-12-10 }',
  '---',
  '## 1. Minutes',
  '',
  'To come back in [December](../2026-12-10/meeting.md).',
  '',
  '## 2. Budget',
  '',
  'Deferred.',
  '',
].join('\n');
const APPROVED = [
  '---',
  'status: approved',
  'approved: { meeting: 2026-09-10 }',
  'chair: cllr-chair',
  'present: [cllr-chair]',
  'deferred:',
  '  - { title: Estates, minute: 1, to: 2026-12-10 }',
  '---',
  '## 1. Estates',
  '',
  'Deferred.',
  '',
].join('\n');
const ACTION = [
  '---',
  'title: Bring the plan',
  'owner: cllr-chair',
  'status: open',
  '---',
  'For [the December meeting](../meetings/2026-12-10/meeting.md) (see meetings/2026-12-10/papers/plan.pdf).',
  '',
].join('\n');

function record() {
  return minimalRecord({
    'partnership.md':
      '---\nname: Test Borough Community Safety Partnership\nshort_name: Test CSP\n---\nWe meet quarterly; see [December](meetings/2026-12-10/meeting.md).\n',
    'meetings/2026-06-11/meeting.md': '---\ndate: 2026-06-11\nstatus: held\n---\n',
    'meetings/2026-06-11/minutes.md': APPROVED,
    'meetings/2026-09-10/meeting.md': '---\ndate: 2026-09-10\nstatus: held\n---\n',
    'meetings/2026-09-10/minutes.md': withBom(DRAFT),
    'meetings/2026-12-10/meeting.md': withBom(MOVED),
    'meetings/2026-12-10/papers/plan.pdf': Buffer.from([1, 2, 3, 0, 255]),
    'meetings/2027-03-11/meeting.md': LATER,
    'actions/bring-plan.md': ACTION,
  });
}

/** The record's files without csp's own lock and cache. */
function files(dir: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(snapshot(path.join(dir, 'records'))).filter(([f]) => !f.startsWith('.csp-lock')),
  );
}

const AS_OF = ['--as-of', '2026-12-01'];

describe('csp meeting move', () => {
  it('renames the folder and changes every reference, byte for byte, in every kind of file', async () => {
    const dir = record();
    const before = files(dir);
    const r = await cli(dir, ['meeting', 'move', '2026-12-10', '--to', '2026-12-17', ...AS_OF]);
    expect(r.stderr).toBe(
      'csp: warning: the agenda went out on 2026-11-30 for 2026-12-10: circulate it again for the new day (the notice deadline for 2026-12-17 is Wednesday 9 December 2026).\n',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'Moved records/meetings/2026-12-10 to records/meetings/2026-12-17',
        'Changed records/partnership.md',
        'Changed records/meetings/2026-09-10/minutes.md',
        'Changed records/meetings/2026-12-17/meeting.md',
        'Changed records/meetings/2027-03-11/meeting.md',
        'Changed records/actions/bring-plan.md',
        'Not changed (approved minutes are a legal record): records/meetings/2026-06-11/minutes.md',
        '',
      ].join('\n'),
    );
    const after = files(dir);
    const expected = { ...before };
    const swap = (s: string) => s.replaceAll('2026-12-10', '2026-12-17');
    delete expected['meetings/2026-12-10/meeting.md'];
    delete expected['meetings/2026-12-10/papers/plan.pdf'];
    expected['meetings/2026-12-17/meeting.md'] = withBom(
      MOVED.replace('date: 2026-12-10   #', 'date: 2026-12-17   #'),
    ).toString('latin1');
    expected['meetings/2026-12-17/papers/plan.pdf'] = before['meetings/2026-12-10/papers/plan.pdf']!;
    expected['meetings/2027-03-11/meeting.md'] = swap(LATER);
    expected['meetings/2026-09-10/minutes.md'] = withBom(swap(DRAFT)).toString('latin1');
    expected['actions/bring-plan.md'] = swap(ACTION);
    expected['partnership.md'] = swap(before['partnership.md']!);
    expect(after).toEqual(expected);
    expect(existsSync(path.join(dir, 'records/meetings/2026-12-10'))).toBe(false);
    const v = await cli(dir, ['validate', '--format', 'json', ...AS_OF]);
    const found = (JSON.parse(v.stdout) as { diagnostics: { rule: string; message: string }[] }).diagnostics;
    expect(found.filter((d) => d.rule === 'unknown-ref' || d.rule === 'date' || d.rule === 'layout')).toEqual([]);
  });

  it('says in JSON exactly what it moved and changed; keeps the slug of a second meeting on a day', async () => {
    const dir = minimalRecord({
      'meetings/2026-12-10-budget/meeting.md': '---\ndate: 2026-12-10\n---\n',
    });
    const r = await cli(dir, [
      'meeting',
      'move',
      '2026-12-10-budget',
      '--to',
      '2026-12-17',
      '--format',
      'json',
      ...AS_OF,
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      meeting: '2026-12-10-budget',
      to: '2026-12-17-budget',
      moved: { from: 'records/meetings/2026-12-10-budget', to: 'records/meetings/2026-12-17-budget' },
      created: [],
      changed: ['records/meetings/2026-12-17-budget/meeting.md'],
      kept: [],
      deadline: '2026-12-09',
    });
    expect(readFileSync(path.join(dir, 'records/meetings/2026-12-17-budget/meeting.md'), 'utf8')).toBe(
      '---\ndate: 2026-12-17\n---\n',
    );
  });

  it('refuses bad moves with the right exit code and changes nothing', async () => {
    const dir = record();
    const before = files(dir);
    const cases: [string[], number, string][] = [
      [['2026-12-10', '--to', '2026-02-30'], 2, '--to "2026-02-30" is not a date'],
      [['2026-12-10', '--to', '../x'], 2, 'is not a date'],
      [['2026-12-10', '--to', '2026-11-20'], 2, 'before today (2026-12-01)'],
      [['2026-12-10', '--to', '2026-12-10'], 2, 'already on that day'],
      [['2026-12-10', '--to', '2027-03-11'], 1, 'There is already a meeting 2027-03-11'],
      [['2026-09-10', '--to', '2026-12-24'], 2, 'keeps its day'],
      [['2026-12-11', '--to', '2026-12-24'], 2, 'There is no meeting 2026-12-11'],
    ];
    for (const [args, code, message] of cases) {
      const r = await cli(dir, ['meeting', 'move', ...args, ...AS_OF]);
      expect([args.join(' '), r.code]).toEqual([args.join(' '), code]);
      expect(r.stderr).toContain(message);
      expect(noStackTrace(r)).toBe(true);
    }
    expect(files(dir)).toEqual(before);
  });

  it('a failure at any step of the move leaves the record as it was', async () => {
    const dir0 = record();
    const done = await cli(dir0, ['meeting', 'move', '2026-12-10', '--to', '2026-12-17', ...AS_OF]);
    expect(done.code).toBe(0);
    let failedSome = 0;
    for (let at = 1; ; at++) {
      const dir = record();
      const before = files(dir);
      let n = 0;
      const state = { failed: false };
      const failing = <T>(fn: () => T): T => {
        if (!state.failed && ++n === at) {
          state.failed = true;
          throw Object.assign(new Error('i/o error'), { code: 'EIO' });
        }
        return fn();
      };
      const ops: FileOps = {
        ...nodeFileOps,
        openSync: (f, fl, m) => failing(() => nodeFileOps.openSync(f, fl, m)),
        writeSync: (fd, b, o, l) => failing(() => nodeFileOps.writeSync(fd, b, o, l)),
        linkSync: (a, b) => failing(() => nodeFileOps.linkSync(a, b)),
        renameSync: (a, b) => failing(() => nodeFileOps.renameSync(a, b)),
        unlinkSync: (f) => failing(() => nodeFileOps.unlinkSync(f)),
      };
      const r = await cli(dir, ['meeting', 'move', '2026-12-10', '--to', '2026-12-17', ...AS_OF], {
        system: { files: ops },
      });
      if (!state.failed) break;
      expect(noStackTrace(r)).toBe(true);
      const now = files(dir);
      const visible = Object.fromEntries(Object.entries(now).filter(([f]) => !path.basename(f).startsWith('.csp-')));
      if (r.code === 0) {
        // The failure came after the move was complete (tidying up): the move stands.
        expect(Object.keys(visible).some((f) => f.startsWith('meetings/2026-12-17/'))).toBe(true);
      } else {
        failedSome++;
        expect(visible, `after a failure at step ${at}: ${r.stderr}`).toEqual(before);
      }
    }
    expect(failedSome).toBeGreaterThan(5);
  }, 120_000);

  it('a kill at any step is undone by the next command that writes: the record is as it was', async () => {
    let journalled = 0;
    for (let at = 1; ; at++) {
      const dir = record();
      const before = files(dir);
      let n = 0;
      const life = { dead: false };
      const step = <T>(fn: () => T): T => {
        if (life.dead || ++n >= at) {
          life.dead = true;
          throw new Error('killed');
        }
        return fn();
      };
      const ops: FileOps = {
        openSync: (f, fl, m) => step(() => nodeFileOps.openSync(f, fl, m)),
        writeSync: (fd, b, o, l) => step(() => nodeFileOps.writeSync(fd, b, o, l)),
        fsyncSync: (fd) => step(() => nodeFileOps.fsyncSync(fd)),
        closeSync: (fd) => nodeFileOps.closeSync(fd),
        linkSync: (a, b) => step(() => nodeFileOps.linkSync(a, b)),
        renameSync: (a, b) => step(() => nodeFileOps.renameSync(a, b)),
        unlinkSync: (f) => step(() => nodeFileOps.unlinkSync(f)),
        mkdirSync: (d, o) => step(() => nodeFileOps.mkdirSync(d, o)),
      };
      // A pid no process has: the next command takes the dead command's lock over.
      const r = await cli(dir, ['meeting', 'move', '2026-12-10', '--to', '2026-12-17', ...AS_OF], {
        system: { files: ops, pid: 2 ** 22 + 12345 },
      });
      if (!life.dead) {
        expect(r.code).toBe(0);
        break;
      }
      if (existsSync(path.join(dir, 'records/.csp-journal'))) journalled++;
      const next = await cli(dir, ['meeting', 'held', '2026-09-10', '--reason', 'x', ...AS_OF]);
      expect(next.code, next.stderr).toBe(2); // already held: it writes nothing, but tidies up first
      const now = files(dir);
      const visible = Object.fromEntries(Object.entries(now).filter(([f]) => !path.basename(f).startsWith('.csp-')));
      const moved = Object.keys(visible).some((f) => f.startsWith('meetings/2026-12-17/'));
      if (!moved) expect(visible, `after a kill at step ${at}`).toEqual(before);
      expect(
        Object.keys(now).filter((f) => path.basename(f).startsWith('.csp-')),
        `leftovers after a kill at step ${at}`,
      ).toEqual([]);
    }
    // Kills fell while the move was under way (the journal written), and were undone.
    expect(journalled).toBeGreaterThan(5);
  }, 180_000);
});
