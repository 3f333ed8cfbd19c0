/**
 * A question about one meeting reads that meeting: csp quorum and csp minutes render read
 * partnership.md, members.yaml and the meeting's own files, and nothing else of the record
 * (csp in this process, with the record index's count of the files a run wanted; the index is
 * the built binary's own code, which test/index.test.ts runs spawned).
 */
import { describe, it, expect } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli, copyBundled, tempDir } from './helpers.js';

const AS_OF = ['--as-of', '2026-11-22'];

/** The files a run wanted read, as the index reports them (CSP_DEBUG). */
function wanted(stderr: string): number {
  const m = /index: \d+ of (\d+) files trusted unread/.exec(stderr);
  if (!m) throw new Error(`no index line in:\n${stderr}`);
  return Number(m[1]);
}

describe('a question about one meeting', () => {
  it.each([
    ['minutes render', ['minutes', 'render', '2026-07-16']],
    ['minutes render as HTML', ['minutes', 'render', '2026-07-16', '--format', 'html']],
    ['quorum', ['quorum', '2026-07-16']],
  ])('%s reads partnership.md, the roster and that meeting only', async (_title, args) => {
    const dir = copyBundled();
    const env = { CSP_CACHE_DIR: tempDir('csp-cache-'), CSP_DEBUG: '1' };
    const before = await cli(dir, [...args, ...AS_OF], { env });
    expect(before.code).toBe(0);
    // partnership.md, members.yaml, and the meeting's meeting.md and minutes.md.
    expect(wanted(before.stderr)).toBe(4);
    // Other meetings' minutes and the actions are not read: breaking them changes nothing.
    writeFileSync(path.join(dir, 'records/meetings/2026-04-16/minutes.md'), '---\nstatus: [unclosed\n---\n');
    writeFileSync(path.join(dir, 'records/actions/broken.md'), '---\n: : :\n');
    const after = await cli(dir, [...args, ...AS_OF], { env });
    expect(after.code).toBe(0);
    expect(after.stdout).toBe(before.stdout);
    expect(wanted(after.stderr)).toBe(4);
  });
});
