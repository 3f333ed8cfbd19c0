/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The exported site in a real headless Chromium: every page of the bundled record passes
 * axe-core's WCAG 2.0/2.1/2.2 A and AA checks and the reader's checks (language, unique
 * title, landmarks, skip link, heading order, captioned tables, visible focus, reflow at
 * 320 px, print sheet, links that resolve inside the site); and with the XSS corpus
 * planted everywhere, no page opens a dialog, runs anything or asks for anything off the
 * site, even with the Content-Security-Policy switched off.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { copyBundled, cli } from './helpers.js';
import { atOnce, axeSource, launchChromium, watchedPage } from './support/browser.js';
import { hostileRecord } from './support/hostile-site.js';
import { serveFolders, type StaticServer } from './support/static-server.js';
import { XSS_PAYLOADS } from './support/xss-corpus.js';

const AS_OF = ['--as-of', '2026-11-22'];

/** Every HTML page of an exported site, as paths inside it. */
function pagesOf(site: string): string[] {
  const top = readdirSync(site).filter((f) => f.endsWith('.html'));
  const meetings = readdirSync(path.join(site, 'meetings'))
    .filter((f) => f.endsWith('.html'))
    .map((f) => `meetings/${f}`);
  return [...top, ...meetings].sort();
}

let browser: Browser;
let server: StaticServer;
let bundledSite: string;
let hostileSite: string;
const dirs: string[] = [];

beforeAll(async () => {
  const bundled = copyBundled();
  const hostile = hostileRecord();
  dirs.push(bundled, hostile);
  const a = await cli(bundled, ['export', ...AS_OF]);
  expect(a.stderr).toBe('');
  expect(a.code).toBe(0);
  const b = await cli(hostile, ['export', '--include-drafts', ...AS_OF]);
  expect(b.stderr).toBe('');
  expect(b.code).toBe(0);
  bundledSite = path.join(bundled, 'site');
  hostileSite = path.join(hostile, 'site');
  server = await serveFolders({ bundled: bundledSite, hostile: hostileSite });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  // beforeAll may have failed before these were set.
  await (browser as Browser | undefined)?.close();
  await (server as StaticServer | undefined)?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('the bundled record as a reader sees it', () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
  });
  afterAll(async () => {
    await (context as BrowserContext | undefined)?.close();
  });

  it('every page: 0 axe violations (WCAG 2.0/2.1/2.2 A and AA), lang, unique title, landmarks, skip link, headings in order, captioned tables, links inside the site', async () => {
    const pages = pagesOf(bundledSite);
    expect(pages).toEqual(
      expect.arrayContaining([
        'index.html',
        'decisions.html',
        'actions.html',
        'attendance.html',
        'declarations.html',
        'terms-of-reference.html',
        'checking-minutes.html',
        'meetings/2026-10-08.html',
        'meetings/2026-12-10.html',
      ]),
    );
    const axe = axeSource();
    const titles = new Map<string, string>();
    const report: Record<string, string[]> = {};
    await atOnce(pages, async (p) => {
      const base = `${server.base}bundled/`;
      const { page, watch } = await watchedPage(context, base);
      await page.goto(base + p);
      await page.evaluate(axe);
      const violations = await page.evaluate(async () => {
        const w = window as unknown as {
          axe: { run(ctx: unknown, o: unknown): Promise<{ violations: { id: string; nodes: { html: string }[] }[] }> };
        };
        const r = await w.axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] },
        });
        return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html.slice(0, 80)).join(' / ')}`);
      });
      report[p] = violations;
      const facts = await page.evaluate(() => {
        const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1]));
        const skips = headings.filter((h, i) => i > 0 && h > headings[i - 1]! + 1).length;
        const first = document.querySelector('a');
        const tables = [...document.querySelectorAll('table')];
        return {
          lang: document.documentElement.lang,
          title: document.title,
          main: document.querySelectorAll('main').length,
          banner: document.querySelectorAll('header').length,
          nav: document.querySelectorAll('nav').length,
          h1: document.querySelectorAll('h1').length,
          firstHeading: headings[0],
          skips,
          skipLink: first ? { href: first.getAttribute('href'), text: first.textContent } : null,
          mainId: document.querySelector('main')?.id,
          tablesWithoutCaption: tables.filter((t) => !t.querySelector('caption')).length,
          tablesWithoutHeaders: tables.filter((t) => !t.querySelector('th')).length,
          links: [...document.querySelectorAll('a[href]')].map((a) => (a as HTMLAnchorElement).href),
          scripts: [...document.querySelectorAll('script')].filter((s) => s.type !== 'application/ld+json').length,
        };
      });
      expect(watch.outside, p).toEqual([]);
      expect(facts.lang, p).toBe('en-GB');
      expect(facts.main, p).toBe(1);
      expect(facts.banner, p).toBeGreaterThanOrEqual(1);
      expect(facts.nav, p).toBeGreaterThanOrEqual(1);
      expect(facts.h1, p).toBe(1);
      expect(facts.firstHeading, p).toBe(1);
      expect(facts.skips, p).toBe(0);
      expect(facts.skipLink, p).toEqual({ href: '#main', text: 'Skip to main content' });
      expect(facts.mainId, p).toBe('main');
      expect(facts.tablesWithoutCaption, p).toBe(0);
      expect(facts.tablesWithoutHeaders, p).toBe(0);
      expect(facts.scripts, p).toBe(0);
      expect(titles.has(facts.title), `${p} has the same title as ${titles.get(facts.title)}`).toBe(false);
      titles.set(facts.title, p);
      // Every link leads to http(s), mailto, or a file of this site that exists.
      for (const link of facts.links) {
        if (/^(https?:\/\/(?!127\.0\.0\.1)|mailto:)/.test(link)) continue;
        expect(link.startsWith(base), `${p} links outside the site: ${link}`).toBe(true);
        const rel = decodeURIComponent(new URL(link).pathname.slice(new URL(base).pathname.length));
        expect(existsSync(path.join(bundledSite, rel)), `${p} links to ${rel}, which is not in the site`).toBe(true);
      }
      await page.close();
    });
    expect(report).toEqual(Object.fromEntries(pages.map((p) => [p, []])));
  }, 120_000);

  it('reflows at 320 CSS px without horizontal scrolling; focus is visible; the chart has a text alternative', async () => {
    const narrow = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const wide: string[] = [];
    await atOnce(pagesOf(bundledSite), async (p) => {
      const page = await narrow.newPage();
      await page.goto(`${server.base}bundled/${p}`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 320) wide.push(`${p}: ${width}px`);
      await page.close();
    });
    expect(wide).toEqual([]);
    await narrow.close();

    const page = await context.newPage();
    await page.goto(`${server.base}bundled/actions.html`);
    const before = await page.evaluate(() => getComputedStyle(document.querySelector('nav a')!).backgroundColor);
    await page.keyboard.press('Tab'); // the skip link
    await page.keyboard.press('Tab'); // the partnership's name
    await page.keyboard.press('Tab'); // the first navigation link
    const focused = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement;
      const s = getComputedStyle(a);
      return { text: a.textContent, background: s.backgroundColor, shadow: s.boxShadow };
    });
    expect(focused.text).toBe('Meetings');
    expect(focused.background).not.toBe(before);
    expect(focused.background).toBe('rgb(255, 221, 0)');
    const chart = await page.evaluate(() =>
      [...document.querySelectorAll('svg')].map((svg) => {
        const ids: string[] = (svg.getAttribute('aria-labelledby') ?? '').split(/\s+/);
        return {
          role: svg.getAttribute('role'),
          label: ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' | '),
        };
      }),
    );
    expect(chart.length).toBe(2);
    for (const c of chart) {
      expect(c.role).toBe('img');
      expect(c.label).toMatch(/Actions by (status|owner organisation) \| .+: \d+/);
    }
    await page.close();
  });

  it('prints on A4 without navigation, with link targets shown and headings kept with what follows', async () => {
    const page = await context.newPage();
    await page.goto(`${server.base}bundled/meetings/2026-07-16.html`);
    await page.emulateMedia({ media: 'print' });
    const print = await page.evaluate(() => {
      const paper = document.querySelector('a.paper');
      return {
        nav: getComputedStyle(document.querySelector('header nav')!).display,
        skip: getComputedStyle(document.querySelector('.skip-link')!).display,
        after: paper ? getComputedStyle(paper, '::after').content : null,
        heading: getComputedStyle(document.querySelector('section.minute h3')!).breakAfter,
      };
    });
    expect(print.nav).toBe('none');
    expect(print.skip).toBe('none');
    expect(print.after).toMatch(/papers\//);
    expect(print.heading).toBe('avoid');
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.close();
  });

  it('works from file:// as well: the stylesheet loads and links are relative', async () => {
    const { page, watch } = await watchedPage(context, pathToFileURL(bundledSite).href);
    await page.goto(pathToFileURL(path.join(bundledSite, 'meetings', '2026-04-16.html')).href);
    const styled = await page.evaluate(() => getComputedStyle(document.querySelector('header.site')!).backgroundColor);
    expect(styled).toBe('rgb(11, 12, 12)');
    expect(watch.outside).toEqual([]);
    await page.close();
  });
});

describe('the XSS corpus planted in the record', () => {
  it(`has ${XSS_PAYLOADS.length} payloads (at least 30)`, () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(30);
  });

  it('reaches no page live: no dialog, no request off the site, no script, handler or dangerous URL in any page (CSP off, so the markup itself is tested)', async () => {
    const base = `${server.base}hostile/`;
    const context = await browser.newContext({ bypassCSP: true, javaScriptEnabled: true });
    const problems: string[] = [];
    let shownAsText = 0;
    await atOnce(pagesOf(hostileSite), async (p) => {
      const { page, watch } = await watchedPage(context, base);
      await page.goto(base + p);
      // Give anything delayed (a refresh, a toggle, autofocus) its chance.
      await page.waitForTimeout(150);
      const dom = await page.evaluate(() => {
        const bad: string[] = [];
        for (const el of document.querySelectorAll('*')) {
          const tag = el.tagName.toLowerCase();
          if (
            [
              'iframe',
              'object',
              'embed',
              'form',
              'input',
              'base',
              'meta',
              'link',
              'style',
              'img',
              'video',
              'audio',
              'source',
              'math',
              'details',
            ].includes(tag)
          ) {
            const allowed =
              (tag === 'meta' && el.closest('head')) ||
              (tag === 'link' &&
                el.getAttribute('rel') === 'stylesheet' &&
                el.getAttribute('href')?.endsWith('style.css'));
            if (!allowed) bad.push(`<${tag}>`);
          }
          if (tag === 'script' && el.getAttribute('type') !== 'application/ld+json') bad.push('<script>');
          if (tag === 'svg' && !el.closest('figure.chart')) bad.push('<svg> outside the chart');
          for (const attr of el.attributes) {
            if (/^on/i.test(attr.name)) bad.push(`${tag}[${attr.name}]`);
            if (attr.name === 'style') bad.push(`${tag}[style]`);
            if (
              /^(href|src|action|data|formaction|xlink:href)$/i.test(attr.name) &&
              /^\s*(javascript|data|vbscript):/i.test(attr.value)
            )
              bad.push(`${tag}[${attr.name}=${attr.value}]`);
          }
        }
        return { bad, text: document.body.innerText };
      });
      if (dom.text.includes("alert('s1')")) shownAsText++;
      for (const b of dom.bad) problems.push(`${p}: ${b}`);
      for (const d of watch.dialogs) problems.push(`${p}: dialog ${d}`);
      for (const u of watch.outside) problems.push(`${p}: request to ${u}`);
      // Click every link the record put in a page body: none may run script.
      const links = await page.$$('main a[href]');
      for (const a of links) {
        const href = (await a.getAttribute('href')) ?? '';
        expect(href, `${p}: ${href}`).toMatch(/^(https?:\/\/|mailto:|#|[^:]*$)/);
      }
      await page.close();
    });
    expect(problems).toEqual([]);
    // The payloads are kept as the clerk's text, visibly, not silently dropped.
    expect(shownAsText).toBeGreaterThanOrEqual(3);
    await context.close();
  }, 120_000);
});
