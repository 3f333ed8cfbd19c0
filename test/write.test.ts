import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { commit } from '../src/workspace/transaction.js';
import { withRecordLock } from '../src/workspace/lock.js';
import { nodeFileOps } from '../src/workspace/durable.js';
import { readText } from '../src/workspace/read.js';
import { ProblemError, WriteError } from '../src/core/errors.js';
import { tempDir, testSystem } from './helpers.js';

const create = (dir: string, abs: string, text: string) =>
  commit(nodeFileOps, dir, [{ kind: 'create', abs, shown: path.basename(abs), bytes: Buffer.from(text) }]);

describe('safe writes', () => {
  it('a new file never overwrites one that exists, and no temp file is left', () => {
    const dir = tempDir();
    const file = path.join(dir, 'a', 'b.md');
    expect(create(dir, file, 'first').created).toEqual(['b.md']);
    expect(create(dir, file, 'second').existed).toEqual(['b.md']);
    expect(readFileSync(file, 'utf8')).toBe('first');
    expect(readdirSync(path.join(dir, 'a'))).toEqual(['b.md']);
  });

  it('explains a file standing where a folder belongs (exit 2, nothing written)', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'meetings'), 'not a folder');
    expect(() => create(dir, path.join(dir, 'meetings', '2026-12-10', 'meeting.md'), 'x')).toThrow(
      /a file stands where one of its folders should be/,
    );
    expect(readFileSync(path.join(dir, 'meetings'), 'utf8')).toBe('not a folder');
  });

  it('a replacement keeps the byte-order mark and is refused when the file changed since it was read', () => {
    const dir = tempDir();
    const abs = path.join(dir, 'x.md');
    writeFileSync(abs, '\uFEFF---\r\nstatus: open\r\n---\r\n');
    const read = readText(dir, 'r', abs);
    if (!read.ok) throw new Error('unreadable');
    const original = Buffer.from(`\uFEFF${read.file.text}`);
    const next = Buffer.from(`\uFEFF${read.file.text.replace('open', 'done')}`);
    commit(nodeFileOps, dir, [{ kind: 'replace', abs, shown: 'x.md', bytes: next, original }]);
    expect(readFileSync(abs, 'utf8')).toBe('\uFEFF---\r\nstatus: done\r\n---\r\n');
    writeFileSync(abs, '\uFEFF---\r\nstatus: dropped\r\n---\r\n'); // someone else's edit
    expect(() =>
      commit(nodeFileOps, dir, [{ kind: 'replace', abs, shown: 'x.md', bytes: Buffer.from('lost'), original: next }]),
    ).toThrow(ProblemError);
    expect(readFileSync(abs, 'utf8')).toBe('\uFEFF---\r\nstatus: dropped\r\n---\r\n');
  });

  it('a read-only file (by its mode bits, which root ignores) is never replaced', () => {
    const dir = tempDir();
    const abs = path.join(dir, 'x.md');
    writeFileSync(abs, 'mine', { mode: 0o444 });
    expect(() =>
      commit(nodeFileOps, dir, [
        { kind: 'replace', abs, shown: 'x.md', bytes: Buffer.from('new'), original: Buffer.from('mine') },
      ]),
    ).toThrow(WriteError);
    expect(readFileSync(abs, 'utf8')).toBe('mine');
  });

  it('withRecordLock runs writers one at a time and removes its lock', async () => {
    const dir = tempDir();
    const log: string[] = [];
    const writer = (name: string) =>
      withRecordLock(dir, testSystem, nodeFileOps, async () => {
        log.push(`${name} in`);
        await new Promise((r) => setTimeout(r, 50));
        log.push(`${name} out`);
      });
    await Promise.all([writer('a'), writer('b')]);
    expect([log.slice(0, 2), log.slice(2)].every(([i, o]) => i!.split(' ')[0] === o!.split(' ')[0])).toBe(true);
    expect(log).toHaveLength(4);
    expect(existsSync(path.join(dir, '.csp-lock'))).toBe(false);
  });

  it('a lock held by a running csp command makes a writer give up, saying who holds it', async () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, '.csp-lock'),
      JSON.stringify({ pid: process.pid, host: testSystem.hostname, started: '2026-01-01T09:00:00Z' }),
    );
    await expect(withRecordLock(dir, testSystem, nodeFileOps, () => 1, { waitMs: 200 })).rejects.toThrow(
      /Another csp command is writing to the record \(process \d+, since 2026-01-01T09:00:00Z\)/,
    );
  });
});
