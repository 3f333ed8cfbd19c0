import { describe, it, expect } from 'vitest';
import { main } from '../src/cli/main.js';
import { BUNDLED, testSystem } from './helpers.js';

async function run(argv: string[], tty: { isTTY: boolean; columns?: number }) {
  let out = '';
  const code = await main({
    argv: [...argv, '--records', BUNDLED, '--as-of', '2026-11-22'],
    cwd: process.cwd(),
    env: { CSP_NO_CACHE: '1', CSP_CACHE_DIR: '/nonexistent' },
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: () => true },
    system: testSystem,
    ...tty,
  });
  // eslint-disable-next-line no-control-regex -- removing the terminal's colour codes
  const plain = out.replace(/\x1b\[[0-9;]*m/g, '');
  return { code, plain, width: Math.max(...plain.split('\n').map((l) => [...l].length)) };
}

describe('tables fit the terminal', () => {
  it('on an 80-column terminal the overdue report wraps action titles to fit', async () => {
    const r = await run(['actions', '--overdue'], { isTTY: true, columns: 80 });
    expect(r.code).toBe(0);
    expect(r.width).toBeLessThanOrEqual(80);
    expect(r.plain).toMatch(/Broker a data sharing +2025-12-31/);
    expect(r.plain).not.toContain('…');
  });
  it('piped (to an e-mail or a file) the titles are whole', async () => {
    const r = await run(['actions', '--overdue'], { isTTY: false });
    expect(r.plain).toContain(
      'Broker a data sharing agreement for monthly anonymised emergency department assault (ISTV) data',
    );
  });
});
