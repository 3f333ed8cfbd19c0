// npm run screenshot: exports the bundled record and photographs a meeting page in headless
// Chromium for the README (docs/meeting-page.png). Needs Debian's chromium (apt-get install chromium).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(path.join(tmpdir(), 'csp-shot-'));
cpSync(path.join(root, 'records'), path.join(work, 'records'), { recursive: true });
const r = spawnSync(process.execPath, [path.join(root, 'bin', 'csp.cjs'), 'export', '--as-of', '2026-11-22'], {
  cwd: work,
  encoding: 'utf8',
  env: { ...process.env, NO_COLOR: '1', CSP_NO_CACHE: '1' },
});
if (r.status !== 0) {
  console.error(r.stderr);
  process.exit(1);
}
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const page = await browser.newPage({ viewport: { width: 1000, height: 1500 } });
await page.goto(pathToFileURL(path.join(work, 'site', 'meetings', '2026-04-16.html')).href);
const out = path.join(root, 'docs', 'meeting-page.png');
await page.screenshot({ path: out, clip: { x: 0, y: 0, width: 1000, height: 1500 } });
await browser.close();
rmSync(work, { recursive: true, force: true });
console.log(`wrote ${path.relative(root, out)}`);
