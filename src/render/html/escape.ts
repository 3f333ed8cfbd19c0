/**
 * HTML built by csp: every value interpolated into `html\`…\`` is escaped unless it is
 * already SafeHtml, which only this module (for csp's own markup) and the sanitising
 * markdown pipeline (src/render/html/markdown.ts) create.
 */

/** Markup that is safe to place in a page as it is. */
export class SafeHtml {
  /** Use html`…` or the sanitiser; never wrap text from the record in this. */
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const ESCAPABLE = /[&<>"']/;

/** Escapes text for an HTML text node or a quoted attribute value (most text has nothing to escape, and is given back as it is). */
export function escapeHtml(text: string): string {
  return ESCAPABLE.test(text) ? text.replace(/[&<>"']/g, (c) => ESCAPES[c]!) : text;
}

type Value = SafeHtml | string | number | boolean | null | undefined | readonly Value[];

function part(v: Value): string {
  if (v === null || v === undefined || v === false || v === true) return '';
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return (v as readonly Value[]).map(part).join('');
  return escapeHtml(String(v));
}

/** A template of csp's own markup: strings and numbers are escaped, SafeHtml is kept, arrays are joined, null/undefined/booleans vanish. */
export function html(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += part(values[i]) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** Joins pieces of markup. */
export function join(parts: readonly (SafeHtml | string)[], sep = ''): SafeHtml {
  return new SafeHtml(parts.map((p) => (p instanceof SafeHtml ? p.value : escapeHtml(p))).join(sep));
}
