/** The frame of every page of the site: head, skip link, header and navigation, footer; and relative links between pages. */
import path from 'node:path';
import { html, SafeHtml } from '../html/escape.js';

/** The pages the navigation names, in order. */
export const NAV: { path: string; label: string }[] = [
  { path: 'index.html', label: 'Meetings' },
  { path: 'decisions.html', label: 'Decisions' },
  { path: 'actions.html', label: 'Actions' },
  { path: 'attendance.html', label: 'Attendance' },
  { path: 'declarations.html', label: 'Declarations of interest' },
  { path: 'terms-of-reference.html', label: 'Terms of reference' },
];

/** A link's path that needs no encoding: encodeURIComponent leaves these characters as they are, and "/" is between segments. */
const ENCODED_AS_IS = /^[\w\-.!~*'()/]*$/;
/** A segment "." or ".." anywhere in a path. */
const DOT_SEGMENT = /(?:^|\/)\.\.?(?:\/|$)/;

/** A link from one page of the site to another file of it, relative, so the site works from file:// and any sub-path. */
export function href(from: string, to: string): string {
  const [file, hash] = to.split('#', 2) as [string, string | undefined];
  const rel = plainPath(from) && plainPath(file) ? relativeTo(from, file) : relativeOf(from, file);
  // Each segment as a link writes it.
  const encoded = ENCODED_AS_IS.test(rel)
    ? rel
    : rel
        .split('/')
        .map((seg) => (seg === '..' ? seg : encodeURIComponent(seg)))
        .join('/');
  return hash === undefined ? encoded : `${encoded}#${hash}`;
}

/**
 * Whether a path of the site is plainly relative: segments between single slashes, none of
 * them "." or "..", nothing before the first or after the last (every path the site makes).
 */
function plainPath(p: string): boolean {
  return p !== '' && !p.startsWith('/') && !p.endsWith('/') && !p.includes('//') && !DOT_SEGMENT.test(p);
}

/** The path from the folder of `from` to `file`, both plain (plainPath): what relativeOf gives them, without resolving either. */
function relativeTo(from: string, file: string): string {
  const dir = from.lastIndexOf('/') < 0 ? [] : from.slice(0, from.lastIndexOf('/')).split('/');
  const target = file.split('/');
  let same = 0;
  while (same < dir.length && same < target.length && dir[same] === target[same]) same++;
  const parts: string[] = [];
  for (let i = same; i < dir.length; i++) parts.push('..');
  for (let i = same; i < target.length; i++) parts.push(target[i]!);
  return parts.length === 0 ? target[target.length - 1]! : parts.join('/');
}

/** The path from the folder of `from` to `file`, as the path module works it out (any paths). */
function relativeOf(from: string, file: string): string {
  const rel = path.posix.relative(path.posix.dirname(from), file);
  return rel === '' ? path.posix.basename(file) : rel;
}

/** What a page is made of. */
export interface PageParts {
  /** Its path in the site, e.g. "meetings/2026-10-08.html". */
  path: string;
  /** The title in the browser tab: unique across the site. */
  title: string;
  partnership: string;
  body: SafeHtml;
  /** A page with draft minutes on it: marked DRAFT on screen and in print. */
  draft?: boolean;
  /** schema.org JSON-LD for the head. */
  jsonLd?: unknown;
}

/** JSON for a <script type="application/ld+json"> block: nothing in it can close the element. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A whole page. */
export function page(p: PageParts): string {
  const nav = NAV.map(
    (n) =>
      html`<li>
        <a href="${href(p.path, n.path)}" ${n.path === p.path ? new SafeHtml(' aria-current="page"') : ''}
          >${n.label}</a
        >
      </li>`,
  );
  const ld =
    p.jsonLd === undefined
      ? ''
      : new SafeHtml(`<script type="application/ld+json">${jsonForScript(p.jsonLd)}</script>\n`);
  const draft = p.draft
    ? html`<p class="banner draft">DRAFT: these minutes have not yet been approved as an accurate record.</p> `
    : '';
  return html`<!DOCTYPE html>
    <html lang="en-GB">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta
          http-equiv="Content-Security-Policy"
          content="default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'"
        />
        <meta name="referrer" content="no-referrer" />
        <title>${p.draft ? 'DRAFT: ' : ''}${p.title}</title>
        <link rel="stylesheet" href="${href(p.path, 'style.css')}" />
        ${ld}
      </head>
      <body>
        <a class="skip-link" href="#main">Skip to main content</a>
        <header class="site">
          <a class="name" href="${href(p.path, 'index.html')}">${p.partnership}</a>
          <nav aria-label="Public record">
            <ul>
              ${nav}
            </ul>
          </nav>
        </header>
        <main id="main">${draft}${p.body}</main>
        <footer class="site">
          <p>
            The public record of ${p.partnership}. Exempt items (Local Government Act 1972, Schedule 12A) show only
            their title.
            <a href="${href(p.path, 'checking-minutes.html')}"
              >How to check that published minutes are the approved record</a
            >.
          </p>
        </footer>
      </body>
    </html> `.value;
}
