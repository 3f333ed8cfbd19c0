/**
 * Appends people to `others` in members.yaml, keeping every other byte of the file:
 * comments, order, quoting, line ends and a byte-order mark. The new entries are spliced
 * in after the last entry of `others` (or a new `others:` is added at the end), then the
 * result is parsed again to check it says what was meant.
 */
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { RosterPerson } from './people.js';
import { yamlScalar as scalar } from '../core/yaml-text.js';

/** The new text of members.yaml, or a message when it cannot be done safely. */
export function appendOthers(
  original: string,
  people: readonly RosterPerson[],
): { ok: true; text: string; data: unknown } | { ok: false; message: string } {
  if (!people.length)
    return {
      ok: true,
      text: original,
      data: parseDocument(original.replace(/^\uFEFF/, ''), { version: '1.2', schema: 'core' }).toJS(),
    };
  const bom = original.startsWith('\uFEFF') ? '\uFEFF' : '';
  const text = bom ? original.slice(1) : original;
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const doc = parseDocument(text, { version: '1.2', schema: 'core' });
  if (doc.errors.length || !isMap(doc.contents))
    return {
      ok: false,
      message: 'members.yaml does not parse as a roster, so no one was added; run csp validate and mend it first.',
    };
  const entry = (p: RosterPerson) =>
    `{ id: ${p.id}, name: ${scalar(p.name)}${p.organisation ? `, organisation: ${scalar(p.organisation)}` : ''} }`;
  const others: unknown = doc.contents.get('others', true);
  let out: string;
  if (others === undefined || (isScalar(others) && others.value === null)) {
    if (others !== undefined)
      return {
        ok: false,
        message:
          'members.yaml has an empty `others:`; write `others: []` or add one person by hand, then import again.',
      };
    const sep = text.length && !text.endsWith('\n') ? eol : '';
    out = `${text}${sep}others:${eol}${people.map((p) => `  - ${entry(p)}${eol}`).join('')}`;
  } else if (isSeq(others) && others.flow) {
    const end = others.range![1] - 1; // the closing bracket
    if (text[end] !== ']')
      return { ok: false, message: 'could not find the end of `others` in members.yaml, so no one was added.' };
    const inner = text.slice(others.range![0] + 1, end).trim();
    out = `${text.slice(0, end)}${inner ? ', ' : ''}${people.map(entry).join(', ')}${text.slice(end)}`;
  } else if (isSeq(others) && others.items.length) {
    const first = others.items[0] as { range?: [number, number, number] };
    const firstStart = first.range?.[0] ?? others.range![0];
    const lineStart = text.lastIndexOf('\n', firstStart - 1) + 1;
    const indent = /^[ ]*/.exec(text.slice(lineStart))![0];
    const last = others.items[others.items.length - 1] as { range?: [number, number, number] };
    const valueEnd = last.range?.[1] ?? others.range![1];
    const nl = text.indexOf('\n', valueEnd - 1);
    const at = nl < 0 ? text.length : nl + 1;
    const lead = nl < 0 ? eol : '';
    out = `${text.slice(0, at)}${lead}${people.map((p) => `${indent}- ${entry(p)}${eol}`).join('')}${text.slice(at)}`;
  } else return { ok: false, message: '`others` in members.yaml is not a list, so no one was added.' };

  // Read it back: every old person still there, the new ones added, nothing else changed.
  const check = parseDocument(out, { version: '1.2', schema: 'core' });
  if (check.errors.length)
    return { ok: false, message: 'adding people would have broken members.yaml, so no one was added.' };
  const before = doc.toJS() as Record<string, unknown>;
  const after = check.toJS() as Record<string, unknown>;
  const wanted = [
    ...(Array.isArray(before.others) ? (before.others as unknown[]) : []),
    ...people.map((p) =>
      p.organisation ? { id: p.id, name: p.name, organisation: p.organisation } : { id: p.id, name: p.name },
    ),
  ];
  if (JSON.stringify({ ...before, others: wanted }) !== JSON.stringify(after))
    return {
      ok: false,
      message: 'adding people would have changed more of members.yaml than `others`, so no one was added.',
    };
  return { ok: true, text: bom + out, data: after };
}
