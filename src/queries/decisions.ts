/** The decisions register: every RESOLVED in the minutes, with its meeting and minute. */
import { ACTION_MARKER } from '../parse/marker.js';
import { REVIEW_MARKER } from '../parse/marker.js';
import type { MeetingEntry, RecordIndex, Votes } from '../model/types.js';

export interface DecisionEntry {
  meeting: string;
  minute: number;
  title: string;
  /** The decision; null for an exempt item, whose text is never shown by csp. */
  text: string | null;
  /** The Schedule 12A paragraph of an exempt item, or the reason it is withheld (beyond the documented JSON fields). */
  exempt?: number | string;
  /** The minute as the minutes label it ("SSP 53/15"), under a minute label (beyond the documented JSON fields). */
  minute_label?: string;
  /** The votes the decision records, "(5 for, 1 against, 2 abstentions)" (beyond the documented JSON fields). */
  votes?: Votes;
}

// The register shows the decision, not its action markers.
const MARKER = new RegExp(`[ \\t]*(?:${ACTION_MARKER.source}|${REVIEW_MARKER.source})`, 'g');

/** A decision's text without its action markers. */
export function withoutMarkers(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(MARKER, '').trim())
    .join('\n');
}

export interface DecisionFilter {
  /** Case-insensitive text to find in the title or (for items that are not exempt) the decision. */
  search?: string;
  /** Only meetings on or after this date. */
  since?: string;
}

/** Every decision in minutes read with their bodies, oldest first, filtered. */
export function decisions(rec: Pick<RecordIndex, 'meetings'>, filter: DecisionFilter = {}): DecisionEntry[] {
  const needle = filter.search?.toLowerCase();
  const out: DecisionEntry[] = [];
  for (const entry of rec.meetings) {
    if (!entry.minutes || !entry.items) continue;
    if (filter.since !== undefined && entry.date < filter.since) continue;
    const exempt = exemptMinutes(entry);
    for (const item of entry.items) {
      const paragraph = exempt.get(item.number);
      // An exempt item is one entry however many decisions it took: their number is not for publication either.
      const list = paragraph === undefined ? item.decisions : item.decisions.slice(0, 1);
      for (const decision of list) {
        const d = { text: withoutMarkers(decision.text) };
        // An exempt decision is searched by its title only: a match on its text would give the text away.
        const haystack = paragraph === undefined ? `${item.title}\n${d.text}` : item.title;
        if (needle !== undefined && !haystack.toLowerCase().includes(needle)) continue;
        const row: DecisionEntry =
          paragraph === undefined
            ? { meeting: entry.id, minute: item.number, title: item.title, text: d.text }
            : { meeting: entry.id, minute: item.number, title: item.title, text: null, exempt: paragraph };
        if (item.label !== undefined) row.minute_label = item.label;
        if (paragraph === undefined && decision.votes) row.votes = decision.votes;
        out.push(row);
      }
    }
  }
  return out;
}

/** Minute number → Schedule 12A paragraph (or the reason in words it is withheld), for the minutes' exempt items. */
export function exemptMinutes(entry: MeetingEntry): Map<number, number | string> {
  return new Map((entry.minutes?.data.exempt ?? []).map((e) => [e.minute, e.paragraph ?? e.reason]));
}
