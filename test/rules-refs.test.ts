/**
 * The rules about who and what the record refers to: unknown-ref, membership,
 * substitute. Positions are counted by hand from the inline files.
 */
import { describe, it, expect } from 'vitest';
import { findings, goodMinutes, meetingMd } from './rules-support.js';
import { mdFile } from './quorum-fixtures.js';

const M = 'meetings/2026-01-15';
const MINUTES = 'records/meetings/2026-01-15/minutes.md';
const MEETING = 'records/meetings/2026-01-15/meeting.md';
const clean = { [`${M}/meeting.md`]: meetingMd('2026-01-15'), [`${M}/minutes.md`]: goodMinutes() };
const minutesWith = (front: string[], body = ['## 1. Community safety plan', '', 'RESOLVED that the plan be noted.']) =>
  mdFile(['status: draft', ...front], body);

describe('rule unknown-ref', () => {
  it('passes references to people, priorities, meetings, minutes and papers that exist', async () => {
    const meeting = [
      '---',
      'date: 2026-04-16',
      'items:',
      '  - { title: Plan, lead: cllr-chair, presenter: dr-health, priority: prevention, papers: [papers/plan.pdf], deferred_from: 2026-01-15 }',
      '---',
      'See [the plan](papers/plan.pdf).',
      '',
    ].join('\n');
    const minutes = minutesWith([
      'chair: cllr-chair',
      'present: [cllr-chair, pc-police, dr-health]',
      'declarations:',
      '  - { member: pc-police, minute: 1, nature: personal }',
    ]);
    expect(
      await findings({
        ...clean,
        [`${M}/minutes.md`]: minutes,
        'meetings/2026-04-16/meeting.md': meeting,
        'meetings/2026-04-16/papers/plan.pdf': '%PDF-1.4\n',
      }),
    ).toEqual([]);
  });

  it('reports an unknown chair at the value, with the nearest id', async () => {
    const minutes = minutesWith(['chair: cllr-chiar', 'present: [cllr-chair, pc-police, dr-health]']);
    expect(await findings({ ...clean, [`${M}/minutes.md`]: minutes })).toEqual([
      {
        file: MINUTES,
        line: 3,
        column: 8,
        severity: 'error',
        rule: 'unknown-ref',
        message: 'No chair with the id "cllr-chiar" is on the roster (members.yaml). Did you mean "cllr-chair"?',
      },
    ]);
  });

  it('reports an unknown priority, a missing paper and an unknown minute', async () => {
    // "  - { title: Plan, priority: " is 29 characters: the priority starts at column 30;
    // "papers: [" ends at column 51.
    const meeting = [
      '---',
      'date: 2026-01-15',
      'items:',
      '  - { title: Plan, priority: prevnetion, papers: [papers/plan.pdf] }',
      '---',
      '',
    ].join('\n');
    const minutes = minutesWith([
      'chair: cllr-chair',
      'present: [cllr-chair, pc-police, dr-health]',
      'declarations:',
      '  - { member: pc-police, minute: 9 }',
    ]);
    expect(await findings({ [`${M}/meeting.md`]: meeting, [`${M}/minutes.md`]: minutes })).toEqual([
      {
        file: MEETING,
        line: 4,
        column: 30,
        severity: 'error',
        rule: 'unknown-ref',
        message: 'There is no priority "prevnetion" in partnership.md. Did you mean "prevention"?',
      },
      {
        file: MEETING,
        line: 4,
        column: 51,
        severity: 'error',
        rule: 'unknown-ref',
        message:
          'The paper "papers/plan.pdf" is not in meetings/2026-01-15/. Add the file to the papers/ folder, or correct the name.',
      },
      {
        file: MINUTES,
        line: 6,
        column: 34,
        severity: 'error',
        rule: 'unknown-ref',
        message: 'There is no minute 9 in the minutes of 2026-01-15. Check the number against the item headings.',
      },
    ]);
  });

  it('reports an action owner in a marker who is on the roster by neither id nor name, at the marker', async () => {
    const minutes = minutesWith(
      ['chair: cllr-chair', 'present: [cllr-chair, pc-police, dr-health]'],
      ['## 1. Venue', '', 'Book a venue. [action: Pat Nobody; due 2026-02-01]'],
    );
    expect(
      (await findings({ ...clean, [`${M}/minutes.md`]: minutes })).filter((d) => d.rule === 'unknown-ref'),
    ).toEqual([
      {
        file: MINUTES,
        line: 8,
        column: 15,
        severity: 'error',
        rule: 'unknown-ref',
        message:
          'The action owner "Pat Nobody" is not on the roster, by id or by name. Add them to members.yaml (under others: if they have no seat), or correct the id.',
      },
    ]);
    // By exact roster name, case-insensitive, the owner is known.
    const byName = minutesWith(
      ['chair: cllr-chair', 'present: [cllr-chair, pc-police, dr-health]'],
      ['## 1. Venue', '', 'Book a venue. [action: committee clerk; due 2026-02-01]'],
    );
    expect((await findings({ ...clean, [`${M}/minutes.md`]: byName })).filter((d) => d.rule === 'unknown-ref')).toEqual(
      [],
    );
  });

  it('reports a link to a file that is not in the record, at the link', async () => {
    const meeting = ['---', 'date: 2026-01-15', '---', 'Papers: [the plan](papers/plan.pdf)', ''].join('\n');
    expect(await findings({ [`${M}/meeting.md`]: meeting })).toEqual([
      {
        file: MEETING,
        line: 4,
        column: 9,
        severity: 'error',
        rule: 'unknown-ref',
        message:
          'This link points to "meetings/2026-01-15/papers/plan.pdf", which is not in the record. Add the file or correct the link.',
      },
    ]);
  });
});

describe('rule membership', () => {
  it('passes members present who held a seat that day', async () => {
    expect(await findings(clean)).toEqual([]);
  });

  it('reports someone without a seat recorded present as a member, at their id', async () => {
    // "present: [cllr-chair, pc-police, dr-health, " is 44 characters: clerk at column 45.
    const minutes = minutesWith(['chair: cllr-chair', 'present: [cllr-chair, pc-police, dr-health, clerk]']);
    expect(await findings({ ...clean, [`${M}/minutes.md`]: minutes })).toEqual([
      {
        file: MINUTES,
        line: 4,
        column: 45,
        severity: 'warning',
        rule: 'membership',
        message:
          'Recorded present as a member on 2026-01-15, but Committee Clerk has no seat on the board (they are listed under others). Move them to in_attendance, or record them as a substitute.',
      },
    ]);
  });

  it('reports a member who had left by the day of the meeting', async () => {
    const members = [
      'members:',
      '  - { id: cllr-chair, name: Cllr Ada Chair, organisation: Test Borough Council, sector: local-authority, role: chair, joined: 2020-01-01 }',
      '  - { id: pc-police, name: Supt Pat Police, organisation: Test Police, sector: police, role: member, joined: 2020-01-01 }',
      '  - { id: dr-health, name: Dr Hana Health, organisation: Test NHS, sector: health, role: member, joined: 2020-01-01 }',
      '  - { id: old-member, name: Ola Member, organisation: Test Fire, sector: fire, role: member, joined: 2020-01-01, left: 2025-12-31 }',
      '',
    ].join('\n');
    const minutes = minutesWith([
      'chair: cllr-chair',
      'present:',
      '  - cllr-chair',
      '  - pc-police',
      '  - dr-health',
      '  - old-member',
    ]);
    expect(await findings({ ...clean, 'members.yaml': members, [`${M}/minutes.md`]: minutes })).toEqual([
      {
        file: MINUTES,
        line: 8,
        column: 5,
        severity: 'warning',
        rule: 'membership',
        message:
          'Recorded present as a member on 2026-01-15, but Ola Member left on 2025-12-31. Move them to in_attendance, or record them as a substitute.',
      },
    ]);
  });
});

describe('rule substitute', () => {
  it("passes a substitute who is one of the member's deputies", async () => {
    const minutes = minutesWith([
      'chair: cllr-chair',
      'present: [cllr-chair, dr-health]',
      'apologies:',
      '  - { member: pc-police, substitute: dep-police }',
    ]);
    expect(await findings({ ...clean, [`${M}/minutes.md`]: minutes })).toEqual([]);
  });

  it("reports a substitute who is not one of the member's deputies, at the substitute", async () => {
    // "  - { member: pc-police, substitute: " is 37 characters: the substitute at column 38.
    const minutes = minutesWith([
      'chair: cllr-chair',
      'present: [cllr-chair, dr-health]',
      'apologies:',
      '  - { member: pc-police, substitute: dep-health }',
    ]);
    expect(await findings({ ...clean, [`${M}/minutes.md`]: minutes })).toEqual([
      {
        file: MINUTES,
        line: 6,
        column: 38,
        severity: 'warning',
        rule: 'substitute',
        message:
          "dep-health is not one of Supt Pat Police's deputies (dep-police). Add them to deputies in members.yaml if they may stand in.",
      },
    ]);
  });

  it('checks the apologies of a meeting.md too', async () => {
    const meeting = [
      '---',
      'date: 2026-12-10',
      'apologies:',
      '  - member: cllr-chair',
      '    substitute: clerk',
      '---',
      '',
    ].join('\n');
    expect(await findings({ 'meetings/2026-12-10/meeting.md': meeting })).toEqual([
      {
        file: 'records/meetings/2026-12-10/meeting.md',
        line: 5,
        column: 17,
        severity: 'warning',
        rule: 'substitute',
        message:
          "clerk is not one of Cllr Ada Chair's deputies (they have none). Add them to deputies in members.yaml if they may stand in.",
      },
    ]);
  });
});
