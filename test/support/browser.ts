/**
 * Real headless Chromium for the page tests: Debian's chromium driven by playwright-core.
 * Missing Chromium is installed when running as root (apt-get), else the tests fail
 * saying what to install; they are never skipped.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Launch flags that keep Chromium quiet on a closed network. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The Chromium binary, installing Debian's package when it is missing and we are root. */
export function chromiumPath(): string {
  const found = () => CANDIDATES.find((p) => existsSync(p));
  let bin = found();
  if (!bin && process.getuid?.() === 0) {
    spawnSync('apt-get', ['update'], { stdio: 'ignore' });
    spawnSync('apt-get', ['install', '-y', 'chromium'], {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    bin = found();
  }
  if (!bin)
    throw new Error(
      'The browser tests need Chromium at /usr/bin/chromium: install it with "apt-get update && apt-get install -y chromium" (Debian), then run the tests again.',
    );
  return bin;
}

/** A headless Chromium; playwright gives each launch a fresh temporary profile (its own --user-data-dir). */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS });
}

/** axe-core's source, to run inside a page. */
export function axeSource(): string {
  const require = createRequire(import.meta.url);
  return readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
}

/** What a page did while it was open: dialogs that fired and requests outside `allowedPrefix`. */
export interface PageWatch {
  dialogs: string[];
  outside: string[];
  consoleErrors: string[];
}

/** Opens a page that records dialogs and any request that does not start with `allowedPrefix`. */
export async function watchedPage(
  context: BrowserContext,
  allowedPrefix: string,
): Promise<{ page: Page; watch: PageWatch }> {
  const page = await context.newPage();
  const watch: PageWatch = { dialogs: [], outside: [], consoleErrors: [] };
  page.on('dialog', (d) => {
    watch.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss().catch(() => undefined);
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(allowedPrefix)) watch.outside.push(r.url());
  });
  page.on('console', (m) => {
    if (m.type() === 'error') watch.consoleErrors.push(m.text());
  });
  return { page, watch };
}

/**
 * Runs `fn` on every item, a few pages open at once (Chromium renders one while the test
 * waits on another), and fails with the first failure once all have finished.
 */
export async function atOnce<T>(items: readonly T[], fn: (item: T) => Promise<void>, width = 3): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  const results = await Promise.allSettled(Array.from({ length: Math.min(width, items.length) }, lane));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}
