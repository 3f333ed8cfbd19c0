/**
 * The site's one stylesheet: system fonts, GOV.UK-like patterns (skip link, yellow focus,
 * summary lists, captioned tables), reflow to 320 CSS px, and a print sheet for A4
 * (no navigation, link targets shown, headings kept with what follows).
 */
export const STYLESHEET = `/* csp export: the partnership's public record. */
*, *::before, *::after { box-sizing: border-box; }
html { font-size: 100%; -webkit-text-size-adjust: 100%; }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; font-size: 1.1875rem; line-height: 1.5; color: #0b0c0c; background: #fff; overflow-wrap: anywhere; }
.skip-link { position: absolute; left: -9999px; top: 0; padding: 0.5rem 1rem; background: #fd0; color: #0b0c0c; z-index: 10; }
.skip-link:focus { left: 0; }
header.site { background: #0b0c0c; color: #fff; padding: 0.75rem 1rem; }
header.site .name { display: block; font-weight: 700; font-size: 1.25rem; color: #fff; text-decoration: none; }
header.site nav ul { list-style: none; margin: 0.5rem 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; }
header.site nav a { color: #fff; }
header.site nav a[aria-current="page"] { font-weight: 700; }
main { display: block; max-width: 48rem; margin: 0 auto; padding: 1rem; }
footer.site { max-width: 48rem; margin: 2rem auto 0; padding: 1rem; border-top: 1px solid #b1b4b6; font-size: 1rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.5rem; line-height: 1.25; margin: 2rem 0 0.75rem; }
h3 { font-size: 1.25rem; margin: 1.5rem 0 0.5rem; }
h4, h5, h6 { font-size: 1.1875rem; margin: 1.25rem 0 0.5rem; }
p, ul, ol, dl, table, pre, blockquote { margin: 0 0 1rem; }
a { color: #1d4f91; text-decoration: underline; text-underline-offset: 0.1em; }
a:visited { color: #4c2c92; }
a:hover { color: #0b0c0c; }
a:focus, a:focus-visible { outline: 3px solid transparent; color: #0b0c0c; background: #fd0; box-shadow: 0 -2px #fd0, 0 4px #0b0c0c; text-decoration: none; }
header.site a:focus, header.site a:focus-visible { color: #0b0c0c; }
pre, code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.95em; }
pre { white-space: pre-wrap; }
blockquote { border-left: 5px solid #b1b4b6; padding-left: 1rem; margin-left: 0; }
.lede { font-size: 1.3rem; }
.banner { border: 5px solid #0b0c0c; padding: 0.75rem 1rem; margin: 1rem 0; font-weight: 700; }
.banner.draft { border-color: #a0000f; color: #a0000f; }
.tag { display: inline-block; padding: 0 0.4rem; border: 2px solid currentColor; font-size: 0.9em; font-weight: 700; }
.tag.draft { color: #a0000f; }
dl.summary { display: grid; grid-template-columns: minmax(6rem, max-content) 1fr; gap: 0.25rem 1rem; border-top: 1px solid #b1b4b6; padding-top: 0.5rem; }
dl.summary dt { font-weight: 700; }
dl.summary dd { margin: 0; }
ol.agenda { list-style: none; padding: 0; }
ol.agenda > li { margin-bottom: 1rem; break-inside: avoid; }
ol.agenda h3 { margin-bottom: 0.25rem; }
.exempt { border-left: 5px solid #a0000f; padding-left: 0.75rem; }
.decision { border-left: 5px solid #1d4f91; padding-left: 0.75rem; margin-bottom: 1rem; }
.decision p:first-child { font-weight: 700; }
.action { font-weight: 700; }
.overdue { color: #a0000f; font-weight: 700; }
section.minute { border-top: 1px solid #b1b4b6; }
section.minute > h3 { margin-top: 1rem; }
.digest { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.95rem; word-break: break-all; }
.table-wrap { max-width: 100%; overflow-x: auto; margin-bottom: 1rem; }
table { border-collapse: collapse; width: 100%; font-size: 1rem; }
caption { text-align: left; font-weight: 700; font-size: 1.1875rem; padding: 0.25rem 0 0.5rem; }
th, td { border-bottom: 1px solid #b1b4b6; padding: 0.4rem 0.5rem 0.4rem 0; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; }
figure.chart { margin: 0 0 1.5rem; }
figure.chart svg { max-width: 100%; height: auto; }
figure.chart figcaption { font-weight: 700; margin-bottom: 0.5rem; }
.visually-hidden { position: absolute !important; width: 1px !important; height: 1px !important; margin: 0 !important; padding: 0 !important; overflow: hidden !important; clip: rect(0 0 0 0) !important; clip-path: inset(50%) !important; border: 0 !important; white-space: nowrap !important; }
ul.meetings { padding-left: 1.25rem; }
@media (max-width: 40rem) {
  body { font-size: 1rem; }
  h1 { font-size: 1.6rem; }
  dl.summary { grid-template-columns: 1fr; }
  dl.summary dd { margin-bottom: 0.5rem; }
}
@page { size: A4; margin: 18mm 16mm; }
@media print {
  body { font-size: 11pt; color: #000; }
  .skip-link, header.site nav, footer.site nav, .no-print { display: none !important; }
  header.site { background: none; color: #000; padding: 0; }
  header.site .name { color: #000; }
  main, footer.site { max-width: none; padding: 0; }
  a, a:visited { color: #000; }
  a[href^="http"]::after, a[href^="mailto:"]::after, a.paper::after { content: " (" attr(href) ")"; font-size: 0.9em; word-break: break-all; }
  h1, h2, h3, h4, h5, h6 { break-after: avoid; page-break-after: avoid; break-inside: avoid; }
  ol.agenda > li, .decision, tr, figure.chart { break-inside: avoid; page-break-inside: avoid; }
  .banner.draft { border-color: #000; color: #000; }
  .table-wrap { overflow: visible; }
}
`;
