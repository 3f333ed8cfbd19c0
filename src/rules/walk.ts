/** Walks over the record that several rules share: meetings with numbered minutes, links in bodies. */
import path from 'node:path';
import type { RuleContext } from './rule.js';
import type { MeetingEntry } from '../model/types.js';
import { insideRecord } from '../core/paths.js';

/** The meetings whose minutes have been read into numbered items. */
export const withItems = (meetings: MeetingEntry[]): MeetingEntry[] => meetings.filter((m) => m.minutes && m.items);

/** Calls `fn` for each relative link in a body, with its target inside the record (undefined when it leads out). */
export function forEachLocalLink(
  ctx: RuleContext,
  fn: (where: { file: string; line: number; column: number }, url: string, abs: string | undefined) => void,
): void {
  const { rec } = ctx;
  for (const { file, links } of rec.links.values()) {
    for (const link of links) {
      const url = link.url.trim();
      if (url === '' || url.startsWith('#') || /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) continue;
      const target = decodeURIComponentSafe(url.split('#')[0]!.split('?')[0]!);
      if (target === '') continue;
      const where = { file: file.display, line: link.line, column: link.column };
      fn(where, url, target.startsWith('/') ? undefined : insideRecord(rec.root, path.dirname(file.abs), target));
    }
  }
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
