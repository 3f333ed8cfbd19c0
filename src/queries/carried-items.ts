/**
 * The items a new meeting inherits: those deferred to it in earlier minutes, and those
 * left over from the meeting before it (on its agenda, but never minuted).
 */
import { sameTitle } from '../core/text.js';
import type { AgendaItem, Deferral, MeetingEntry, RecordIndex } from '../model/types.js';

/** One item carried into a new meeting, and why. */
export interface CarriedItem {
  item: AgendaItem;
  /** The meeting it comes from (its `deferred_from`). */
  from: string;
  /** The minute that deferred it, when there was one. */
  minute?: number;
  why: 'deferred' | 'left-over' | 'cancelled';
}

/** The agenda item of `from` with this title, without its papers (they stay in the old meeting's folder). */
function fromAgenda(from: MeetingEntry, title: string): AgendaItem {
  const found = (from.meeting?.data.items ?? []).find((i) => sameTitle(i.title, title));
  const item: AgendaItem = { title };
  if (found) {
    for (const k of ['presenter', 'lead', 'priority', 'purpose', 'exempt'] as const) {
      if (found[k] !== undefined) (item as unknown as Record<string, unknown>)[k] = found[k];
    }
  }
  return item;
}

/** What deciding where deferred items go reads of a meeting (a loaded meeting, or the agenda's facts of one). */
export interface DeferringMeeting {
  id: string;
  meeting?:
    | {
        data: {
          status?: string | undefined;
          items?: readonly Pick<AgendaItem, 'title' | 'deferred_from'>[] | undefined;
        };
      }
    | undefined;
  minutes?: { data: { deferred?: readonly Deferral[] | undefined } } | undefined;
}

/** An item deferred to a meeting by the minutes of an earlier one. */
export interface DeferredItem {
  title: string;
  /** The meeting whose minutes deferred it. */
  from: string;
  minute?: number;
}

const isCancelled = (m: DeferringMeeting) => m.meeting?.data.status === 'cancelled';

/** Whether the meeting `from` already handed the item `title` to a later meeting than `id`'s (on its agenda with deferred_from). */
function carriedElsewhere(meetings: readonly DeferringMeeting[], id: string, from: string, title: string): boolean {
  return meetings.some(
    (m) =>
      m.id > from &&
      m.id !== id &&
      (m.meeting?.data.items ?? []).some((i) => i.deferred_from === from && sameTitle(i.title, title)),
  );
}

/**
 * The items deferred to a meeting `id` on `date` by earlier minutes, in order: by id, by
 * date, or to "next" when it is the first meeting after the deferring one (cancelled
 * meetings aside). An item already carried into another meeting is left out.
 */
export function deferredTo(
  rec: { meetings: readonly DeferringMeeting[]; meetingsById: ReadonlyMap<string, unknown> },
  id: string,
  date: string,
): DeferredItem[] {
  const out: DeferredItem[] = [];
  // Is this meeting the first (not cancelled) after `from`?
  const isNextAfter = (from: string) => !rec.meetings.some((m) => m.id > from && m.id < id && !isCancelled(m));
  for (const src of rec.meetings) {
    if (src.id >= id) continue;
    for (const d of src.minutes?.data.deferred ?? []) {
      const to = d.to ?? 'next';
      const mine = to === id || (to === date && !rec.meetingsById.has(date)) || (to === 'next' && isNextAfter(src.id));
      if (!mine) continue;
      if (out.some((c) => sameTitle(c.title, d.title)) || carriedElsewhere(rec.meetings, id, src.id, d.title)) continue;
      out.push({ title: d.title, from: src.id, ...(d.minute !== undefined ? { minute: d.minute } : {}) });
    }
  }
  return out;
}

/**
 * The items a meeting `id` on `date` inherits, in order: items deferred to it (see
 * deferredTo), then items of the meeting just before it that got no minute heading
 * and were not deferred elsewhere, then every item of cancelled meetings in between.
 * An item already carried into another meeting is not carried twice.
 */
export function carriedItems(
  rec: Pick<RecordIndex, 'meetings' | 'meetingsById'>,
  id: string,
  date: string,
): CarriedItem[] {
  const before = rec.meetings.filter((m) => m.id < id);
  const alreadyCarried = (from: string, title: string) =>
    out.some((c) => sameTitle(c.item.title, title)) || carriedElsewhere(rec.meetings, id, from, title);

  const byId = new Map(before.map((m) => [m.id, m]));
  const out: CarriedItem[] = deferredTo(rec, id, date).map((d) => ({
    item: { ...fromAgenda(byId.get(d.from)!, d.title), deferred_from: d.from },
    from: d.from,
    ...(d.minute !== undefined ? { minute: d.minute } : {}),
    why: 'deferred',
  }));

  // Back from this meeting: cancelled meetings hand over all their items; the first
  // meeting that was not cancelled hands over what its minutes never took.
  for (let i = before.length - 1; i >= 0; i--) {
    const prev = before[i]!;
    const items = prev.meeting?.data.items ?? [];
    if (isCancelled(prev)) {
      for (const item of items) {
        if (alreadyCarried(prev.id, item.title)) continue;
        out.push({
          item: { ...fromAgenda(prev, item.title), deferred_from: prev.id },
          from: prev.id,
          why: 'cancelled',
        });
      }
      continue;
    }
    if (prev.minutes && prev.items) {
      const deferred = prev.minutes.data.deferred ?? [];
      for (const item of items) {
        if (prev.items.some((m) => sameTitle(m.title, item.title))) continue;
        if (deferred.some((d) => sameTitle(d.title, item.title))) continue;
        if (alreadyCarried(prev.id, item.title)) continue;
        out.push({
          item: { ...fromAgenda(prev, item.title), deferred_from: prev.id },
          from: prev.id,
          why: 'left-over',
        });
      }
    }
    break;
  }
  return out;
}
