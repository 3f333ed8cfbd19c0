/** The command line's conventions, through the CLI in-process and as the built binary. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, csp, minimalRecord, writeFiles } from './helpers.js';

/** Runs the same arguments in-process and through the built binary; both must agree. */
async function both(cwd: string, args: string[], env: Record<string, string> = {}) {
  const a = await cli(cwd, args, { env });
  const b = csp(cwd, args, env);
  expect({ code: a.code, stdout: a.stdout }).toEqual({ code: b.code, stdout: b.stdout });
  return b;
}

const BAD_ACTION = '---\ntitle: Do it\nowner: nobody\nstatus: open\n---\n';

describe('the record is found from where the clerk stands', () => {
  it('inside the record folder itself, whatever it is called, and in a folder within it', async () => {
    const dir = minimalRecord({ 'actions/x.md': BAD_ACTION });
    const renamed = path.join(dir, 'board-record');
    await import('node:fs').then((fs) => fs.renameSync(path.join(dir, 'records'), renamed));
    writeFiles(renamed, { 'meetings/.keep': '' });
    const r = await both(renamed, ['validate']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^actions\/x\.md:3:8 {2}error/m);
    const deeper = await both(path.join(renamed, 'meetings'), ['validate']);
    expect(deeper.stdout).toMatch(/^\.\.\/actions\/x\.md:3:8 {2}error/m);
  });
  it('from a folder holding records/ (a repository root)', async () => {
    const dir = minimalRecord({ 'actions/x.md': BAD_ACTION });
    const r = await both(dir, ['validate']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^records\/actions\/x\.md:3:8 {2}error/m);
  });
  it('not from a folder whose partnership.md belongs to something else', async () => {
    const dir = writeFiles(minimalRecord({ 'actions/x.md': BAD_ACTION }), {
      'elsewhere/partnership.md': '# A partnership agreement\n',
    });
    const r = await both(path.join(dir, 'elsewhere'), ['validate']);
    // The nearest record above (dir/records) is found instead.
    expect(r.stdout).toMatch(/^\.\.\/records\/actions\/x\.md:3:8 {2}error/m);
  });
});
