/** Action markers are read only in a paragraph's text, and what sync copies into an action file is valid there. */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseBody } from '../src/parse/body.js';
import { relinkForAction } from '../src/queries/actions.js';
import { cli, minimalRecord, noStackTrace } from './helpers.js';

/** The actions and problems of one item's body. */
function read(text: string) {
  const r = parseBody(`## 1. Item\n\n${text}\n`, 0, 1, true);
  return {
    actions: (r.items[0]?.actions ?? []).map((a) => ({ owners: a.owners, due: a.due, text: a.text })),
    problems: r.problems.map((p) => `${p.line}:${p.column} ${p.rule}: ${p.message}`),
  };
}

describe('markers only in text', () => {
  it('reads a marker in a paragraph', () => {
    expect(read('Do it. [action: clerk; due 2027-01-31]')).toEqual({
      actions: [{ owners: ['clerk'], due: '2027-01-31', text: 'Do it.' }],
      problems: [],
    });
  });

  it('passes over a marker in `code`, a fenced block, after a backslash, or in a link', () => {
    for (const text of [
      'Write `[action: clerk]` to mark one.',
      '```\n[action: clerk]\n```',
      'Escaped \\[action: clerk] here.',
      'See [the [action: clerk] note](notes.md).',
      '    [action: clerk] in indented code',
    ])
      expect(read(text)).toEqual({ actions: [], problems: [] });
  });

  it('refuses a marker in a table cell, at the marker (it made the whole table the title)', () => {
    expect(read('| What | Who |\n| --- | --- |\n| Do it [action: clerk] | Clerk |')).toEqual({
      actions: [],
      problems: [
        '5:9 action-marker: This action marker is in a table, where csp cannot tell which text is the action. Put the action in its own paragraph or list item below the table.',
      ],
    });
  });
});

describe('markers that miss the grammar are an action-marker finding with the corrected form', () => {
  const cases: [string, string][] = [
    [
      '[Action: tomasz-wilk by 2027-03-31]',
      '3:1 action-marker: "[Action" is not read as an action marker: markers are written in lower case. Write it as [action: tomasz-wilk; due 2027-03-31].',
    ],
    [
      'Do it. [action: clerk, due 2027-01-31]',
      '3:8 action-marker: The action marker has "due 2027-01-31" where an owner goes: the due date follows the owners after a semicolon. Write it as [action: clerk; due 2027-01-31].',
    ],
    [
      'Do it. [action: clerk by 2027-01-31]',
      '3:8 action-marker: The action marker has "clerk by 2027-01-31" where an owner goes: the due date follows the owners after a semicolon. Write it as [action: clerk; due 2027-01-31].',
    ],
    [
      'Do it. [action: clerk;\ndue 2027-01-31]',
      '3:8 action-marker: This action marker is not closed on its line (a marker may not run over two lines). Write it on one line as [action: clerk; due 2027-01-31].',
    ],
    [
      'Action: the clerk to circulate the report by 2027-01-31',
      '3:1 action-marker: A line starting "Action:" is not read as an action: csp reads only markers. End the action\'s sentence with a marker naming who will do it, such as [action: OWNER; due 2027-01-31].',
    ],
  ];
  for (const [text, problem] of cases)
    it(JSON.stringify(text), () => {
      expect(read(text)).toEqual({ actions: [], problems: [problem] });
    });

  it('"Action: none", "Actions:" in code and a report on an earlier action are not findings', () => {
    expect(read('Action: none.\n\n`Action: x`')).toEqual({ actions: [], problems: [] });
    expect(read('ACTION: Clerk to circulate the review (COMPLETED) [review 2015-06-17-160-1: done]').problems).toEqual(
      [],
    );
    expect(read('Action: the police to report back (ongoing)').problems).toEqual([]);
  });
});

describe('links copied into an action file', () => {
  it('lead from actions/ to where they led from the meeting folder', () => {
    expect(
      relinkForAction(
        'See [report](papers/x.pdf), ![chart](<papers/a b.png>), [item](#item-3), [earlier](../2025-10-09/minutes.md), [web](https://example.org/x) and [root](/x).',
        '2026-04-16',
      ),
    ).toBe(
      'See [report](../meetings/2026-04-16/papers/x.pdf), ![chart](<../meetings/2026-04-16/papers/a b.png>), [item](../meetings/2026-04-16/minutes.md#item-3), [earlier](../meetings/2025-10-09/minutes.md), [web](https://example.org/x) and [root](/x).',
    );
  });

  it('csp actions sync writes them so, with the link text in the title; the record stays valid', async () => {
    const dir = minimalRecord({
      'meetings/2026-04-16/meeting.md': '---\ndate: 2026-04-16\nstatus: held\n---\n',
      'meetings/2026-04-16/minutes.md':
        '---\nstatus: draft\nchair: cllr-chair\npresent: [cllr-chair, pc-police, dr-health]\n---\n## 1. Knife crime\n\nThe police would present the [mapping report](papers/map.pdf) to partners. [action: pc-police; due 2026-06-30]\n\nUse `[action: clerk]` in minutes. Escaped \\[action: clerk].\n',
    });
    mkdirSync(path.join(dir, 'records/meetings/2026-04-16/papers'));
    writeFileSync(path.join(dir, 'records/meetings/2026-04-16/papers/map.pdf'), '%PDF-1.4\n');
    const r = await cli(dir, ['actions', 'sync', '--as-of', '2026-04-20']);
    expect(noStackTrace(r)).toBe(true);
    expect(r.code).toBe(0);
    expect(readdirSync(path.join(dir, 'records/actions'))).toEqual(['2026-04-16-1-1.md']);
    const action = readFileSync(path.join(dir, 'records/actions/2026-04-16-1-1.md'), 'utf8');
    expect(action).toContain('title: The police would present the mapping report to partners');
    expect(action).toContain('[mapping report](../meetings/2026-04-16/papers/map.pdf)');
    const v = await cli(dir, ['validate', '--format', 'json', '--as-of', '2026-04-20']);
    expect(JSON.parse(v.stdout).diagnostics).toEqual([]);
  });

  it('csp actions sync says which markers it cannot read instead of passing over them (exit 1)', async () => {
    const dir = minimalRecord({
      'meetings/2026-04-16/meeting.md': '---\ndate: 2026-04-16\nstatus: held\n---\n',
      'meetings/2026-04-16/minutes.md':
        '---\nstatus: draft\nchair: cllr-chair\npresent: [cllr-chair, pc-police, dr-health]\n---\n## 1. Knife crime\n\nThe police would map it. [action: pc-police;\ndue 2026-06-30]\n',
    });
    const r = await cli(dir, ['actions', 'sync', '--as-of', '2026-04-20']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'csp: records/meetings/2026-04-16/minutes.md:8:26: not synced: This action marker is not closed on its line (a marker may not run over two lines). Write it on one line as [action: pc-police; due 2026-06-30].',
    );
  });
});
