/**
 * Cross-site scripting payloads for the export tests: script tags, event handlers,
 * javascript:/data:/vbscript: URLs with entity and case tricks, SVG and MathML,
 * iframes and objects, mutation-XSS shapes, markup that breaks out of attributes,
 * titles and JSON-LD, and things that would load from elsewhere. Each one, if it
 * ever ran, would open a dialog or make a request off the site.
 */
export const XSS_PAYLOADS: string[] = [
  `<script>alert('s1')</script>`,
  `<img src=x onerror=alert('s2')>`,
  `<svg onload=alert('s3')>`,
  `<iframe src="javascript:alert('s4')"></iframe>`,
  `[click me](javascript:alert('s5'))`,
  `[click me](JaVaScRiPt:alert('s6'))`,
  `[click me](java&#x09;script:alert('s7'))`,
  `[click me](&#106;avascript:alert('s8'))`,
  `[click me](data:text/html;base64,PHNjcmlwdD5hbGVydCgnczknKTwvc2NyaXB0Pg==)`,
  `<a href="javascript:alert('s10')">x</a>`,
  `![pic](javascript:alert('s11'))`,
  `![tracker](https://evil.example/track.png)`,
  `<math><mtext><table><mglyph><style><img src=x onerror=alert('s13')>`,
  `<noscript><p title="</noscript><img src=x onerror=alert('s14')>">`,
  `<svg><style><img src=x onerror=alert('s15')></style></svg>`,
  `"><script>alert('s16')</script>`,
  `'><img src=x onerror=alert('s17')>`,
  `<details open ontoggle=alert('s18')>`,
  `<body onload=alert('s19')>`,
  `<object data="javascript:alert('s20')"></object>`,
  `<embed src="javascript:alert('s21')">`,
  `<meta http-equiv="refresh" content="0;url=javascript:alert('s22')">`,
  `<link rel=stylesheet href="https://evil.example/s23.css">`,
  `[click me](vbscript:msgbox('s24'))`,
  `<a href="&#x6A;avascript:alert('s25')">x</a>`,
  `<form action="javascript:alert('s26')"><button>go</button></form>`,
  `<input autofocus onfocus=alert('s27')>`,
  `<video><source onerror=alert('s28')></video>`,
  `<style>@import 'https://evil.example/s29.css';</style>`,
  `<javascript:alert('s30')>`,
  `[off site](//evil.example/s31)`,
  `</title><script>alert('s32')</script>`,
  `</script><script>alert('s33')</script>`,
  `<base href="https://evil.example/">`,
  `[ref link][r34]\n\n[r34]: javascript:alert('s34')`,
  `<a href="data:text/html,<script>alert('s35')</script>">x</a>`,
  `<svg><a xlink:href="javascript:alert('s36')"><text x="20" y="20">x</text></a></svg>`,
  `<img src="https://evil.example/s37.png">`,
  `[x](\\\\evil.example\\s38)`,
  `<div style="background:url(https://evil.example/s39.png)">x</div>`,
];

/** The same payloads as one markdown passage (one paragraph each). */
export function payloadMarkdown(): string {
  return XSS_PAYLOADS.join('\n\n');
}

/** A payload fit for a one-line YAML value (a quoted scalar). */
export function yamlPayload(i: number): string {
  return JSON.stringify(XSS_PAYLOADS[i % XSS_PAYLOADS.length]!.replace(/\n/g, ' '));
}
