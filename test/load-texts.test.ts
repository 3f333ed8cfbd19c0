/**
 * A command that reads every text (export) asks the loader to keep each file's text as it
 * was read, so none is read from disk a second time; other commands read a text again
 * only when asked for it, and find a file changed since as a problem, never other text.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRecord } from '../src/load/load.js';
import { copyBundled } from './helpers.js';

const load = (dir: string, texts: boolean) =>
  loadRecord(path.join(dir, 'records'), 'records', {
    env: { CSP_NO_CACHE: '1' },
    minutesBodies: true,
    ...(texts ? { texts: true } : {}),
  });

describe('the texts of the record as read', () => {
  it('are kept when asked for: the files changed on disk afterwards do not change them', () => {
    const dir = copyBundled();
    const minutes = path.join(dir, 'records/meetings/2026-07-16/minutes.md');
    const action = (rec: ReturnType<typeof load>) => {
      const [first] = rec.actions;
      if (!first) throw new Error('the bundled record has no action');
      return first.action.file;
    };
    const before = readFileSync(minutes, 'utf8');
    const kept = load(dir, true);
    const keptAction = action(kept);
    const actionBefore = readFileSync(keptAction.abs, 'utf8');
    const lazy = load(dir, false);
    writeFileSync(minutes, `${before}\nAdded after it was read.\n`);
    writeFileSync(keptAction.abs, `${actionBefore}\nAdded after it was read.\n`);
    const m = kept.meetings.find((e) => e.id === '2026-07-16')!.minutes!.file;
    expect(m.text).toBe(before.replace(/^\uFEFF/, ''));
    expect(keptAction.text).toBe(actionBefore.replace(/^\uFEFF/, ''));
    // Read again when asked for, the changed file is a problem, not the new text.
    const lazyMinutes = lazy.meetings.find((e) => e.id === '2026-07-16')!.minutes!.file;
    expect(() => lazyMinutes.text).toThrow(/changed while csp was reading the record/);
  });
});
