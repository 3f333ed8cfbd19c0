/** A line of text the clerk types for a field: a title, a name, a reason. */
import { UsageError } from '../core/errors.js';

/** An option's value when it was given as text (commander gives strings, booleans or nothing). */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** One line of text the clerk typed for a field (a title, a name, a reason): not empty, no line breaks. */
export function lineOption(value: unknown, option: string, example: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  const s = value.replace(/\s+/g, ' ').trim();
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (s === '' || /[\u0000-\u001f\u007f]/.test(s))
    throw new UsageError(`${option} must be a line of text, not empty (for example ${option} "${example}").`);
  return s;
}
