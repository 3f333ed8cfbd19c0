import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { createExclusive, replaceFile, withRecordLock } from '../src/workspace/write.js';
import { readText } from '../src/workspace/read.js';
import { ProblemError } from '../src/core/errors.js';
import { tempDir, testSystem } from './helpers.js';

describe('safe writes', () => {
  it('createExclusive never overwrites', () => {
    const dir = tempDir();
    const file = path.join(dir, 'a', 'b.md');
    expect(createExclusive(file, 'first')).toBe(true);
    expect(createExclusive(file, 'second')).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe('first');
  });

  it('createExclusive explains a file standing where a folder belongs (exit 2, nothing written)', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'meetings'), 'not a folder');
    expect(() => createExclusive(path.join(dir, 'meetings', '2026-12-10', 'meeting.md'), 'x')).toThrow(
      /a file stands where its folder/,
    );
    expect(readFileSync(path.join(dir, 'meetings'), 'utf8')).toBe('not a folder');
  });

  it('replaceFile keeps the byte-order mark and refuses when the file changed since it was read', () => {
    const dir = tempDir();
    const abs = path.join(dir, 'x.md');
    writeFileSync(abs, '\uFEFF---\r\nstatus: open\r\n---\r\n');
    const read = readText(dir, 'r', abs);
    if (!read.ok) throw new Error('unreadable');
    replaceFile(read.file, read.file.text.replace('open', 'done'));
    expect(readFileSync(abs, 'utf8')).toBe('\uFEFF---\r\nstatus: done\r\n---\r\n');

    const again = readText(dir, 'r', abs);
    if (!again.ok) throw new Error('unreadable');
    writeFileSync(abs, '\uFEFF---\r\nstatus: dropped\r\n---\r\n'); // someone else's edit
    expect(() => replaceFile(again.file, 'lost')).toThrow(ProblemError);
    expect(readFileSync(abs, 'utf8')).toBe('\uFEFF---\r\nstatus: dropped\r\n---\r\n');
  });

  it('withRecordLock runs writers one at a time and removes its lock', async () => {
    const dir = tempDir();
    const log: string[] = [];
    const writer = (name: string) =>
      withRecordLock(dir, testSystem, async () => {
        log.push(`${name} in`);
        await new Promise((r) => setTimeout(r, 50));
        log.push(`${name} out`);
      });
    await Promise.all([writer('a'), writer('b')]);
    expect([log.slice(0, 2), log.slice(2)].every(([i, o]) => i!.split(' ')[0] === o!.split(' ')[0])).toBe(true);
    expect(log).toHaveLength(4);
    expect(existsSync(path.join(dir, '.csp-lock'))).toBe(false);
  });

  it('a lock held by someone else makes a writer give up with a clear message', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, '.csp-lock'), '99999\n');
    await expect(withRecordLock(dir, testSystem, () => 1, 200)).rejects.toThrow(
      /Another csp command is writing to the record/,
    );
  });
});
