/** Unit tests for the pieces behind new-meeting, agenda and minutes: carried items, markdown escaping, sizes. */
import { describe, it, expect } from 'vitest';
import { carriedItems } from '../src/queries/carried-items.js';
import { sameTitle } from '../src/core/text.js';
import { formatSize, exemptText } from '../src/render/agenda.js';
import { mdInline, mapStrings } from '../src/render/record-templates.js';
import type { AgendaItem, Deferral, MeetingEntry, MinuteItem, RecordIndex } from '../src/model/types.js';

/** A meeting entry with just what carriedItems reads. */
function entry(
  id: string,
  opts: {
    items?: AgendaItem[];
    status?: 'scheduled' | 'held' | 'cancelled';
    minutes?: string[];
    deferred?: Deferral[];
  } = {},
): MeetingEntry {
  const e = {
    id,
    date: id.slice(0, 10),
    dir: `/r/meetings/${id}`,
    papers: new Map(),
    meeting: { data: { date: id.slice(0, 10), status: opts.status ?? 'held', items: opts.items ?? [] } },
  } as unknown as MeetingEntry;
  if (opts.minutes) {
    (e as { minutes?: unknown }).minutes = { data: { status: 'draft', deferred: opts.deferred } };
    e.items = opts.minutes.map((title, i) => ({ number: i + 1, title }) as MinuteItem);
  }
  return e;
}

function rec(...meetings: MeetingEntry[]): Pick<RecordIndex, 'meetings' | 'meetingsById'> {
  const sorted = [...meetings].sort((a, b) => (a.id < b.id ? -1 : 1));
  return { meetings: sorted, meetingsById: new Map(sorted.map((m) => [m.id, m])) };
}

describe('carriedItems', () => {
  it('brings back an item deferred to "next" with its presenter and purpose, but not its papers', () => {
    const r = rec(
      entry('2026-06-04', {
        items: [{ title: 'Knife crime', presenter: 'pc-police', purpose: 'noting', papers: ['papers/a.pdf'] }],
        minutes: ['Knife crime'],
        deferred: [{ title: 'Knife crime', minute: 1, to: 'next' }],
      }),
    );
    expect(carriedItems(r, '2026-09-10', '2026-09-10')).toEqual([
      {
        item: { title: 'Knife crime', presenter: 'pc-police', purpose: 'noting', deferred_from: '2026-06-04' },
        from: '2026-06-04',
        minute: 1,
        why: 'deferred',
      },
    ]);
  });

  it('treats a deferral without "to" as the next meeting', () => {
    const r = rec(entry('2026-06-04', { minutes: ['A'], deferred: [{ title: 'B' }] }));
    expect(carriedItems(r, '2026-09-10', '2026-09-10').map((c) => [c.item.title, c.why])).toEqual([['B', 'deferred']]);
  });

  it('does not bring a "next" item to a meeting after the next one', () => {
    const r = rec(
      entry('2026-06-04', { minutes: ['A'], deferred: [{ title: 'B', to: 'next' }] }),
      entry('2026-09-10', { status: 'scheduled' }),
    );
    expect(carriedItems(r, '2026-12-03', '2026-12-03')).toEqual([]);
  });

  it('skips cancelled meetings when deciding which is next', () => {
    const r = rec(
      entry('2026-06-04', { minutes: ['A'], deferred: [{ title: 'B', to: 'next' }] }),
      entry('2026-09-10', { status: 'cancelled' }),
    );
    expect(carriedItems(r, '2026-12-03', '2026-12-03').map((c) => [c.item.title, c.from, c.why])).toEqual([
      ['B', '2026-06-04', 'deferred'],
    ]);
  });

  it('matches a deferral to a date when the new meeting is the only one that day', () => {
    const r = rec(entry('2026-06-04', { minutes: ['A'], deferred: [{ title: 'B', to: '2026-12-03' }] }));
    expect(carriedItems(r, '2026-12-03-budget', '2026-12-03').map((c) => c.item.title)).toEqual(['B']);
    const both = rec(
      entry('2026-06-04', { minutes: ['A'], deferred: [{ title: 'B', to: '2026-12-03' }] }),
      entry('2026-12-03', { status: 'scheduled' }),
    );
    expect(carriedItems(both, '2026-12-03-budget', '2026-12-03')).toEqual([]);
  });

  it('carries agenda items of the previous meeting that got no minute heading and were not deferred elsewhere', () => {
    const r = rec(
      entry('2026-06-04', {
        items: [{ title: 'Minuted' }, { title: 'Forgotten', purpose: 'decision' }, { title: 'Deferred to March' }],
        minutes: ['minuted'],
        deferred: [{ title: 'Deferred to March', to: '2027-03-04' }],
      }),
    );
    expect(carriedItems(r, '2026-09-10', '2026-09-10')).toEqual([
      {
        item: { title: 'Forgotten', purpose: 'decision', deferred_from: '2026-06-04' },
        from: '2026-06-04',
        why: 'left-over',
      },
    ]);
  });

  it('carries nothing left over from a previous meeting that has no minutes yet', () => {
    const r = rec(entry('2026-06-04', { items: [{ title: 'A' }] }));
    expect(carriedItems(r, '2026-09-10', '2026-09-10')).toEqual([]);
  });

  it('carries an item once, even when deferred and left over, or already carried elsewhere', () => {
    const r = rec(
      entry('2026-06-04', { items: [{ title: 'A' }], minutes: ['Other'], deferred: [{ title: 'A', to: 'next' }] }),
    );
    expect(carriedItems(r, '2026-09-10', '2026-09-10').map((c) => c.why)).toEqual(['deferred']);
    const elsewhere = rec(
      entry('2026-06-04', { minutes: ['Other'], deferred: [{ title: 'A', to: '2026-12-03' }] }),
      entry('2026-09-10-extra', { status: 'scheduled', items: [{ title: 'A', deferred_from: '2026-06-04' }] }),
    );
    expect(carriedItems(elsewhere, '2026-12-03', '2026-12-03')).toEqual([]);
  });

  it('compares titles by their words', () => {
    expect(sameTitle('Prevent – annual update', 'prevent - Annual Update')).toBe(true);
    expect(sameTitle('Prevent update', 'Prevent updates')).toBe(false);
  });
});

describe('mdInline', () => {
  it('escapes what markdown would read as markup', () => {
    expect(mdInline('a *b* _c_ `d` [e](f) <g> | h & i # j ~k~ \\')).toBe(
      'a \\*b\\* \\_c\\_ \\`d\\` \\[e\\](f) \\<g\\> \\| h \\& i \\# j \\~k\\~ \\\\',
    );
  });
  it('keeps ordinary text, and turns line breaks into spaces', () => {
    expect(mdInline('Community Safety Strategy 2027–2030 – draft (v2).')).toBe(
      'Community Safety Strategy 2027–2030 – draft (v2).',
    );
    expect(mdInline('two\r\n  lines')).toBe('two lines');
  });
  it('stops text at the start of a line becoming a list item', () => {
    expect(mdInline('- not a list')).toBe('\\- not a list');
    expect(mdInline('2. not a list')).toBe('2\\. not a list');
  });
});

describe('mapStrings', () => {
  it('maps every string but the kept keys', () => {
    expect(
      mapStrings({ a: 'x', b: ['y', { c: 'z', keep: 'k' }], n: 3 }, (s) => s.toUpperCase(), new Set(['keep'])),
    ).toEqual({ a: 'X', b: ['Y', { c: 'Z', keep: 'k' }], n: 3 });
  });
});

describe('formatSize and exemptText', () => {
  it('writes sizes as people read them', () => {
    expect([1, 812, 1024, 24 * 1024, 1536 * 1024].map(formatSize)).toEqual([
      '1 byte',
      '812 bytes',
      '1 KB',
      '24 KB',
      '1.5 MB',
    ]);
  });
  it('names the paragraph of Schedule 12A', () => {
    expect(exemptText(3)).toBe('Exempt — not for publication (Local Government Act 1972, Schedule 12A, paragraph 3)');
  });
});
