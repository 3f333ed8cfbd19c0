/**
 * The templates behind agendas, new meetings and draft minutes: handlebars files in the
 * package's templates/ folder, each replaceable by a file of the same name in the
 * record's own templates/ folder. Imported only by the commands that render them.
 */
import Runtime from 'handlebars/runtime';
import { UsageError } from '../core/errors.js';
import { compiledTemplate, templateSource } from '../workspace/assets.js';

/** Every template csp renders; only these names are ever looked up. */
export type TemplateName = 'agenda.md.hbs' | 'agenda.html.hbs' | 'meeting.md.hbs' | 'minutes.md.hbs';

/** A loaded template: where it came from and the compiled function. */
export interface RecordTemplate {
  /** The file it was read from, as shown to the user. */
  shown: string;
  render(view: unknown): string;
}

/**
 * Loads a template: the record's `templates/<name>` when it exists, else the built-in one.
 * `html` templates escape every `{{value}}` (handlebars' HTML escaping); the others are
 * plain text, and the view they get holds values already made safe for their format.
 */
export async function loadTemplate(root: string, display: string, name: TemplateName): Promise<RecordTemplate> {
  const { shown, own: useOwn, source } = templateSource(root, display, name);
  const html = name.endsWith('.html.hbs');
  let compiled: ReturnType<typeof Runtime.template>;
  // A built-in template the build compiled with these same options needs no compiling now,
  // only handlebars' runtime; the compiler is loaded for a template of the record's own.
  const spec = useOwn ? undefined : compiledTemplate(name, source);
  if (spec !== undefined) compiled = Runtime.create().template(spec as Parameters<typeof Runtime.template>[0]);
  else {
    const hb = (await import('handlebars')).default.create();
    try {
      // compile() is lazy: parse now so a broken template is reported before anything is read or written
      // (and compile that parse: the text is parsed once).
      compiled = hb.compile(hb.parseWithoutProcessing(source), { noEscape: !html });
    } catch (e) {
      throw new UsageError(
        `The template ${shown} is not valid handlebars: ${firstLine((e as Error).message)}. Correct it${useOwn ? ', or remove it to use the built-in one' : ''}.`,
      );
    }
  }
  return {
    shown,
    render(view) {
      try {
        return compiled(view);
      } catch (e) {
        throw new UsageError(`The template ${shown} could not be rendered: ${firstLine((e as Error).message)}.`);
      }
    },
  };
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.trim();
}

/**
 * Text from the record made safe inside a markdown line: characters that markdown
 * would read as emphasis, links, code, HTML, tables or entities are backslash-escaped,
 * and line breaks become spaces.
 */
export function mdInline(s: string): string {
  // Most texts hold nothing to escape: no line break, no markdown character, no leading marker.
  if (!/[\\`*_[\]<>|#&~\r\n]/.test(s) && !/^\s*([-+=]|\d)/.test(s)) return s;
  return s
    .replace(/\s*\r?\n\s*/g, ' ')
    .replace(/[\\`*_[\]<>|#&~]/g, (c) => `\\${c}`)
    .replace(/^([-+=]|\d+[.)])(\s|$)/, (_m, a: string, b: string) => `${a.replace(/([-+=.)])$/, '\\$1')}${b}`);
}

/** Applies `fn` to every string in a plain view object (arrays and objects walked, other values kept). */
export function mapStrings<T>(value: T, fn: (s: string) => string, keep: ReadonlySet<string> = new Set()): T {
  if (typeof value === 'string') return fn(value) as T;
  if (Array.isArray(value)) return (value as unknown[]).map((v) => mapStrings(v, fn, keep)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    const from = value as Record<string, unknown>;
    for (const k of Object.keys(from)) out[k] = keep.has(k) ? from[k] : mapStrings(from[k], fn, keep);
    return out as T;
  }
  return value;
}
