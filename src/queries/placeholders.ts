/**
 * The placeholders `csp minutes new` writes for the clerk to replace: the proposed present
 * list (every member with a seat who sent no apologies, under a note to prune it) and the
 * decision "That the report be noted." under each substantive item. Left as written, the
 * minutes would say that everyone came and nothing was discussed.
 */
import type { Loaded, MinuteItem, MinutesDoc } from '../model/types.js';
import type { Position } from '../core/position.js';

/** The note on the drafted `present:` line; it stays until the clerk has pruned the list. */
export const PRESENT_NOTE = 'every member with a seat that day who sent no apologies: prune to those present';

/** The decision drafted under each substantive item, as the draft writes it. */
export const PLACEHOLDER_DECISION = 'RESOLVED\n\n- That the report be noted.';

/** The sentence the draft puts before the decision of an item carried forward. */
const DEFERRED_LINE = /^The item had been deferred from the meeting on [^\n]*\.\n\n/;

/** Where the drafted present list still carries its note, if it does. */
export function proposedPresent(minutes: Loaded<MinutesDoc>): Position | undefined {
  const text = minutes.file.text.slice(0, minutes.bodyStart);
  const line = /^present:[^\n]*#\s*([^\n]*)$/m.exec(text.replace(/\r\n/g, '\n'));
  if (!line || !line[1]!.trim().startsWith(PRESENT_NOTE)) return undefined;
  return minutes.pos(['present'], true);
}

/** Whether an item's text is only what the draft wrote: the placeholder decision (after the deferral sentence). */
export function isPlaceholderItem(item: Pick<MinuteItem, 'body'>): boolean {
  const body = item.body.replace(/\r\n/g, '\n').trim().replace(DEFERRED_LINE, '');
  return body === PLACEHOLDER_DECISION;
}
