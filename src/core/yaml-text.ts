/** YAML written by csp: scalars that read back as the same string, flow maps, one-line comments. */
import { DATE } from './ids.js';

const PLAIN_SAFE = /^[A-Za-z0-9][A-Za-z0-9 ._/@()-]*$/;
const LOOKS_TYPED = /^(true|false|yes|no|on|off|null|~|[-+]?[0-9][0-9_.:eE+-]*|\.inf|\.nan)$/i;

/** A YAML scalar for a value: plain when that reads back as the same string, else double-quoted. */
export function yamlScalar(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  if (DATE.test(value)) return value; // dates stay plain strings under YAML 1.2 core
  if (
    PLAIN_SAFE.test(value) &&
    !LOOKS_TYPED.test(value) &&
    !/\s$/.test(value) &&
    !value.includes(': ') &&
    !value.includes(' #')
  )
    return value;
  return JSON.stringify(value);
}

/** A flow mapping `{ a: 1, b: two }` from ordered entries (undefined values left out). */
export function flowMap(entries: readonly (readonly [string, string | number | boolean | undefined])[]): string {
  const kept = entries.filter((e): e is readonly [string, string | number | boolean] => e[1] !== undefined);
  return `{ ${kept.map(([k, v]) => `${k}: ${yamlScalar(v)}`).join(', ')} }`;
}

/** A YAML comment's text: one line, no control characters. */
export function yamlComment(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}
