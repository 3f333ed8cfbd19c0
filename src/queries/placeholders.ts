/**
 * The placeholders `csp minutes new` writes for the clerk to replace: the proposed present
 * list (every member with a seat who sent no apologies, under a note to prune it) and the
 * decision "That the report be noted." under each substantive item. Left as written, the
 * minutes would say that everyone came and nothing was discussed.
 */
import type { Loaded, MinuteItem, MinutesDoc } from '../model/types.js';
import type { Position } from '../core/position.js';
import { hasPresentNote, PRESENT_NOTE } from '../load/analyse.js';
import { isDraftedText, PLACEHOLDER_DECISION } from '../parse/body.js';

export { PRESENT_NOTE };

export { PLACEHOLDER_DECISION };

/** Where the drafted present list still carries its note, if it does. */
export function proposedPresent(minutes: Loaded<MinutesDoc>): Position | undefined {
  // Known from the reading when there is one; otherwise from the text.
  const noted = minutes.presentNote ?? hasPresentNote(minutes.file.text.slice(0, minutes.bodyStart));
  return noted ? minutes.pos(['present'], true) : undefined;
}

/** Whether an item's text is only what the draft wrote: the placeholder decision (after the deferral sentence). */
export function isPlaceholderItem(item: Pick<MinuteItem, 'body' | 'drafted'>): boolean {
  // Known from the reading when there is one (the text is then not read again); otherwise from the text.
  return item.drafted ?? isDraftedText(item.body);
}
