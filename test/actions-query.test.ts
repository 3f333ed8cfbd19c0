import { describe, it, expect } from 'vitest';
import { actionIdFor } from '../src/core/ids.js';
import {
  actionsJson,
  actionTitle,
  daysOverdue,
  filterActions,
  groupByOwner,
  markerWithId,
  nextActionNumber,
  sortByDue,
  sortByOverdue,
  type ActionRow,
} from '../src/queries/actions.js';
import { composeNote, describeChange } from '../src/ops/update-action.js';
import { actionFileText } from '../src/render/actions.js';

describe('daysOverdue', () => {
  const open = (due: string) => ({ status: 'open' as const, due });
  it.each([
    ['2026-01-31', '2026-02-01', 1],
    ['2026-01-31', '2026-03-01', 29],
    ['2026-03-31', '2026-04-30', 30],
    ['2025-12-31', '2026-01-01', 1],
    ['2025-12-25', '2026-01-05', 11],
    ['2025-12-31', '2026-03-01', 60],
    ['2024-02-28', '2024-03-01', 2],
    ['2024-02-29', '2024-03-01', 1],
    ['2023-02-28', '2023-03-01', 1],
    ['2100-02-28', '2100-03-01', 1],
    ['2024-01-31', '2024-03-01', 30],
    ['2024-02-29', '2025-02-28', 365],
    ['2024-02-29', '2025-03-01', 366],
  ])('due %s, today %s: %i days overdue', (due, today, days) => {
    expect(daysOverdue(open(due), today)).toBe(days);
    expect(daysOverdue({ status: 'in-progress', due }, today)).toBe(days);
  });
  it('is not overdue on the due day, before it, without a due date, or when done or dropped', () => {
    expect(daysOverdue(open('2024-02-29'), '2024-02-29')).toBe(undefined);
    expect(daysOverdue(open('2024-03-01'), '2024-02-29')).toBe(undefined);
    expect(daysOverdue({ status: 'open' }, '2030-01-01')).toBe(undefined);
    expect(daysOverdue({ status: 'done', due: '2020-01-01' }, '2030-01-01')).toBe(undefined);
    expect(daysOverdue({ status: 'dropped', due: '2020-01-01' }, '2030-01-01')).toBe(undefined);
  });
});

const row = (id: string, over: Partial<ActionRow> = {}): ActionRow => ({
  id,
  title: `Title ${id}`,
  owners: ['a'],
  status: 'open',
  file: `records/actions/${id}.md`,
  ...over,
});

describe('filter, sort and group', () => {
  const rows = [
    row('x', { due: '2026-03-01', owners: ['b'], daysOverdue: 5, priority: 'p' }),
    row('y', { owners: ['a'] }),
    row('z', { due: '2026-01-01', owners: ['a', 'b'], daysOverdue: 64, raised: { meeting: '2026-01-15', minute: 2 } }),
    row('w', { due: '2026-03-01', owners: ['c'], status: 'done' }),
    row('v', { due: '2026-12-01', owners: ['c'] }),
  ];
  it('sorts soonest due first, no due date last, ties by id', () => {
    expect(sortByDue(rows).map((r) => r.id)).toEqual(['z', 'w', 'x', 'v', 'y']);
  });
  it('sorts most overdue first', () => {
    expect(sortByOverdue(rows).map((r) => r.id)).toEqual(['z', 'x', 'w', 'v', 'y']);
  });
  it('filters by every given filter', () => {
    expect(filterActions(rows, { overdue: true }).map((r) => r.id)).toEqual(['x', 'z']);
    expect(filterActions(rows, { owner: 'b' }).map((r) => r.id)).toEqual(['x', 'z']);
    expect(filterActions(rows, { owner: 'a', overdue: true }).map((r) => r.id)).toEqual(['z']);
    expect(filterActions(rows, { status: 'done' }).map((r) => r.id)).toEqual(['w']);
    expect(filterActions(rows, { priority: 'p' }).map((r) => r.id)).toEqual(['x']);
    expect(filterActions(rows, { meeting: '2026-01-15' }).map((r) => r.id)).toEqual(['z']);
    expect(filterActions(rows, {}).length).toBe(5);
  });
  it('groups by owner, an action with two owners under each, worst group first', () => {
    const overdue = sortByOverdue(filterActions(rows, { overdue: true }));
    const groups = groupByOwner(overdue);
    expect(groups.map((g) => [g.owner, g.rows.map((r) => r.id)])).toEqual([
      ['a', ['z']],
      ['b', ['z', 'x']],
    ]);
    expect(groupByOwner(overdue, (id) => id, 'b').map((g) => g.owner)).toEqual(['b']);
  });
  it('breaks ties between groups by name', () => {
    const g = groupByOwner(
      [row('1', { owners: ['zed'], daysOverdue: 3 }), row('2', { owners: ['amy'], daysOverdue: 3 })],
      (id) => ({ zed: 'Anna', amy: 'Zoe' })[id] ?? id,
    );
    expect(g.map((x) => x.owner)).toEqual(['zed', 'amy']);
  });
  it('gives the documented JSON shape, keys in order, days_overdue and raised only when present, due null when none', () => {
    const json = actionsJson(sortByDue(rows).filter((r) => r.id === 'z' || r.id === 'y'));
    expect(json).toEqual([
      {
        id: 'z',
        title: 'Title z',
        owner: ['a', 'b'],
        due: '2026-01-01',
        status: 'open',
        days_overdue: 64,
        raised: { meeting: '2026-01-15', minute: 2 },
        file: 'records/actions/z.md',
      },
      { id: 'y', title: 'Title y', owner: ['a'], due: null, status: 'open', file: 'records/actions/y.md' },
    ]);
    expect(Object.keys(json[0]!)).toEqual(['id', 'title', 'owner', 'due', 'status', 'days_overdue', 'raised', 'file']);
    expect(Object.keys(json[1]!)).toEqual(['id', 'title', 'owner', 'due', 'status', 'file']);
  });
});

describe('naming new actions', () => {
  it('takes the next number after every id used for that meeting and minute', () => {
    expect(nextActionNumber('2026-04-16', 4, [])).toBe(1);
    expect(
      nextActionNumber('2026-04-16', 4, [
        '2026-04-16-4-1',
        '2026-04-16-4-3',
        '2026-04-16-41-7',
        '2026-04-16-4-x',
        '2026-04-16-14-9',
      ]),
    ).toBe(4);
    expect(nextActionNumber('2026-04-16-extra', 4, ['2026-04-16-4-2', '2026-04-16-extra-4-1'])).toBe(2);
    expect(actionIdFor('2015-10-08', 171, 1)).toBe('2015-10-08-171-1');
  });
  it('titles an action with its first sentence', () => {
    expect(actionTitle('The police would map engagement with schools. It would report back.')).toBe(
      'The police would map engagement with schools',
    );
    expect(actionTitle('Ask e.g. the SAB chair to attend.')).toBe('Ask e.g. the SAB chair to attend');
    expect(actionTitle('  Book   the\nvenue  ')).toBe('Book the venue');
    expect(
      actionTitle(
        'Supt Police reported a rise in knife crime. It was agreed that the police would map engagement with schools.',
      ),
    ).toBe('It was agreed that the police would map engagement with schools');
    expect(actionTitle('')).toBe('');
    const long = 'word '.repeat(40).trim();
    const t = actionTitle(long);
    expect(t.endsWith('…')).toBe(true);
    expect([...t].length).toBeLessThanOrEqual(100);
    expect(t).toBe('word '.repeat(19).trim() + '…');
  });
  it('writes the id into a marker and keeps the rest', () => {
    expect(markerWithId('[action: x; due 2026-01-01]', '2026-01-15-2-1')).toBe(
      '[action 2026-01-15-2-1: x; due 2026-01-01]',
    );
    expect(markerWithId('[action : Dr A, b]', 'id-1')).toBe('[action id-1: Dr A, b]');
    expect(markerWithId('[nothing]', 'id-1')).toBe(undefined);
  });
  it('writes a new action file', () => {
    expect(
      actionFileText(
        {
          title: "Map partners' work: schools",
          owners: ['a', 'b'],
          raised: { meeting: '2026-04-16', minute: 4 },
          due: '2026-06-30',
          body: 'Line one.\nLine two.',
        },
        '\r\n',
      ),
    ).toBe(
      '---\r\ntitle: "Map partners\' work: schools"\r\nowner: [a, b]\r\nraised: { meeting: 2026-04-16, minute: 4 }\r\ndue: 2026-06-30\r\nstatus: open\r\n---\r\nLine one.\r\nLine two.\r\n',
    );
    expect(actionFileText({ title: 'Book the venue', owners: ['clerk'], body: '' })).toBe(
      '---\ntitle: Book the venue\nowner: clerk\nstatus: open\n---\n',
    );
  });
});

describe('the follow-up note', () => {
  it('says what changed', () => {
    expect(describeChange({ status: 'open', due: '2026-01-01' }, { status: 'done', due: '2026-02-01' })).toEqual([
      'Status changed from open to done.',
      'Due date changed from 2026-01-01 to 2026-02-01.',
    ]);
    expect(describeChange({ status: 'open' }, { due: '2026-02-01' })).toEqual(['Due date set to 2026-02-01.']);
    expect(describeChange({ status: 'open' }, { status: 'open' })).toEqual([]);
  });
  it("stores the clerk's note exactly as written, and composes one only when there is none", () => {
    expect(composeNote('Three centres opened', ['Status changed from open to done.'])).toBe('Three centres opened');
    expect(composeNote('Chased  by\ne-mail. ', [])).toBe('Chased  by\ne-mail. ');
    expect(composeNote('   ', ['Status changed from open to done.'])).toBe('Status changed from open to done.');
    expect(composeNote(undefined, ['A.', 'B.'])).toBe('A. B.');
  });
});
