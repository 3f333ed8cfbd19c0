/** unknown-ref: a person, meeting, priority, minute, paper or linked file the record does not have. */
import path from 'node:path';
import type { Rule, RuleContext, Reporter } from './rule.js';
import { exists } from '../workspace/files.js';
import type { Apology, Group, Loaded, MeetingEntry, Person } from '../model/types.js';
import { apologiesOf, approvedAtMeeting, chairsOf } from '../queries/minutes-facts.js';
import { didYouMean, looksLikeId, personGuesses, resolveOwner } from '../queries/people.js';
import { nearest } from '../core/nearest.js';
import { sameName } from '../core/names.js';
import { forEachLocalLink } from './walk.js';

const MEETING = '---\ndate: 2026-01-15\n---\n';

function suggest(ctx: RuleContext, ref: string): string {
  const guess = didYouMean(personGuesses(ctx.rec.people.values(), ref));
  return guess || ' Add them to members.yaml (under others: if they have no seat), or correct the id.';
}

/** Reports an id that is not on the roster. */
function person(
  ctx: RuleContext,
  report: Reporter,
  loaded: Loaded<unknown>,
  p: (string | number)[],
  id: string | undefined,
  what = 'person',
): Person | undefined {
  if (id === undefined) return undefined;
  const found = ctx.rec.people.get(id);
  if (!found)
    report(
      { loaded, path: p, about: 'person' },
      `No ${what} with the id "${id}" is on the roster (members.yaml).${suggest(ctx, id)}`,
    );
  return found;
}

function minuteNumbers(entry: MeetingEntry | undefined): Set<number> | undefined {
  return entry?.items ? new Set(entry.items.map((i) => i.number)) : undefined;
}

export const rule: Rule = {
  id: 'unknown-ref',
  severity: 'error',
  summary:
    'A person, meeting, priority, minute or paper that does not exist (including an action owner name that matches no one, or two people).',
  check(ctx, report) {
    const { rec } = ctx;
    const priorities = new Set(rec.settings.priorities.map((p) => p.id));
    const priority = (loaded: Loaded<unknown>, p: (string | number)[], id: string | undefined) => {
      if (id !== undefined && !priorities.has(id)) {
        const guess = nearest(id, [...priorities]);
        report(
          { loaded, path: p },
          `There is no priority "${id}" in partnership.md.${guess ? ` Did you mean "${guess}"?` : ` The priorities are: ${[...priorities].join(', ') || 'none yet'}.`}`,
        );
      }
    };
    const meeting = (
      loaded: Loaded<unknown>,
      p: (string | number)[],
      id: string | undefined,
    ): MeetingEntry | undefined => {
      if (id === undefined) return undefined;
      const m = rec.meetingsById.get(id);
      if (!m)
        report(
          { loaded, path: p },
          `There is no meeting "${id}" in the record (no folder meetings/${id}/). Check the date.`,
        );
      return m;
    };

    if (rec.partnership) {
      rec.settings.priorities.forEach((pr, i) =>
        person(ctx, report, rec.partnership as Loaded<unknown>, ['priorities', i, 'lead'], pr.lead),
      );
    }
    if (rec.membersFile) {
      const mf = rec.membersFile;
      const sectors = new Set(rec.settings.sectors);
      rec.members.forEach((m, i) => {
        if (!sectors.has(m.sector)) {
          const guess = nearest(m.sector, [...sectors]);
          report(
            { loaded: mf, path: ['members', i, 'sector'] },
            `"${m.sector}" is not one of the partnership's sectors.${guess ? ` Did you mean "${guess}"?` : ` Use one of: ${[...sectors].join(', ')}, or add it to sectors in partnership.md.`}`,
          );
        }
        m.deputies.forEach((d, j) => person(ctx, report, mf, ['members', i, 'deputies', j], d, 'deputy'));
      });
      const organisations = new Set([...rec.people.values()].map((p) => p.organisation));
      ((mf.data as { groups?: Group[] }).groups ?? []).forEach((g, i) => {
        (g.people ?? []).forEach((id, j) => person(ctx, report, mf, ['groups', i, 'people', j], id));
        if (g.organisation !== undefined && !organisations.has(g.organisation)) {
          const guess = nearest(
            g.organisation,
            [...organisations].filter((o): o is string => o !== undefined),
          );
          report(
            { loaded: mf, path: ['groups', i, 'organisation'] },
            `No one on the roster is from "${g.organisation}", so the group ${g.id} has no one in it.${guess ? ` Did you mean "${guess}"?` : ' Write the organisation as members.yaml does.'}`,
          );
        }
      });
    }

    const apologies = (loaded: Loaded<unknown>, list: Apology[] | undefined) => {
      (list ?? []).forEach((a, i) => {
        person(ctx, report, loaded, ['apologies', i, 'member'], a.member, 'member');
        person(ctx, report, loaded, ['apologies', i, 'substitute'], a.substitute, 'substitute');
      });
    };

    for (const entry of rec.meetings) {
      const mt = entry.meeting;
      if (mt) {
        const l = mt as Loaded<unknown>;
        apologies(l, mt.data.apologies);
        (mt.data.items ?? []).forEach((item, i) => {
          person(ctx, report, l, ['items', i, 'lead'], item.lead, 'lead');
          if (item.presenter && looksLikeId(item.presenter))
            person(ctx, report, l, ['items', i, 'presenter'], item.presenter, 'presenter');
          priority(l, ['items', i, 'priority'], item.priority);
          if (item.deferred_from !== undefined) meeting(l, ['items', i, 'deferred_from'], item.deferred_from);
          (item.papers ?? []).forEach((paper, j) => {
            const norm = path.posix.normalize(paper).replace(/^\.\//, '');
            if (!entry.papers.has(norm)) {
              const guess = nearest(norm, [...entry.papers.keys()]);
              report(
                { loaded: l, path: ['items', i, 'papers', j] },
                `The paper "${paper}" is not in meetings/${entry.id}/.${guess ? ` Did you mean "${guess}"?` : ' Add the file to the papers/ folder, or correct the name.'}`,
              );
            }
          });
        });
      }
      const mn = entry.minutes;
      if (!mn) continue;
      const l = mn as Loaded<unknown>;
      const numbers = minuteNumbers(entry);
      const minute = (p: (string | number)[], n: number | undefined, of = entry) => {
        const set = of === entry ? numbers : minuteNumbers(of);
        if (n !== undefined && set && !set.has(n))
          report(
            { loaded: l, path: p },
            `There is no minute ${n} in the minutes of ${of.id}. Check the number against the item headings.`,
          );
      };
      const d = mn.data;
      const chairs = chairsOf(d);
      chairs.forEach((c, i) => person(ctx, report, l, Array.isArray(d.chair) ? ['chair', i] : ['chair'], c, 'chair'));
      (d.present ?? []).forEach((id, i) => person(ctx, report, l, ['present', i], id));
      apologies(l, apologiesOf(d));
      (d.in_attendance ?? []).forEach((who, i) => {
        if (looksLikeId(who)) person(ctx, report, l, ['in_attendance', i], who);
      });
      (d.declarations ?? []).forEach((dec, i) => {
        person(ctx, report, l, ['declarations', i, 'member'], dec.member, 'member');
        minute(['declarations', i, 'minute'], dec.minute);
      });
      (d.deferred ?? []).forEach((def, i) => {
        minute(['deferred', i, 'minute'], def.minute);
      });
      (d.exempt ?? []).forEach((ex, i) => {
        minute(['exempt', i, 'minute'], ex.minute);
      });
      const approvedAt = approvedAtMeeting(d);
      if (approvedAt !== undefined) {
        const at = meeting(l, ['approved', 'meeting'], approvedAt);
        if (at && at.id <= entry.id) {
          report(
            { loaded: l, path: ['approved', 'meeting'] },
            `Minutes are approved at a later meeting, but ${at.id} is not after ${entry.id}. Name the meeting that confirmed them.`,
          );
        }
      }
      (d.corrections ?? []).forEach((c, i) => {
        const at = meeting(l, ['corrections', i, 'meeting'], c.meeting);
        if (at) {
          const set = minuteNumbers(at);
          if (set && !set.has(c.minute))
            report(
              { loaded: l, path: ['corrections', i, 'minute'] },
              `The minutes of ${at.id} have no minute ${c.minute} agreeing this correction. Check the number.`,
            );
          else if (at.items === undefined && at.minutes === undefined)
            report(
              { loaded: l, path: ['corrections', i, 'meeting'] },
              `The meeting ${at.id} has no minutes yet, so it cannot have agreed this correction.`,
            );
        }
      });
      for (const item of entry.items ?? []) {
        for (const review of item.reviews ?? []) {
          // An actions/ folder that cannot be opened is reported once (layout); its files are unknown, not missing.
          if (
            !rec.actionsById.has(review.action) &&
            !rec.unreadActions.has(review.action) &&
            !rec.unlisted.has('actions')
          ) {
            const guess = nearest(review.action, [...rec.actionsById.keys()]);
            report(
              { file: mn.file.display, line: review.line, column: review.column },
              `The review names the action ${review.action}, but there is no actions/${review.action}.md.${guess ? ` Did you mean "${guess}"?` : ' Check the action id.'}`,
            );
          }
        }
        for (const marker of item.actions) {
          for (const owner of marker.owners) {
            // Names and initials are read as they stood on the day of the meeting.
            const r = resolveOwner(rec, owner, entry.date);
            const where = { file: mn.file.display, line: marker.line, column: marker.column };
            if ('ambiguous' in r)
              report(
                where,
                `The action owner "${owner}" matches ${r.ambiguous.length} people (${r.ambiguous.map((p) => p.id).join(', ')}). Write the person's id instead.${r.ambiguous.some((p) => !sameName(owner, p.name)) ? ` Their aliases overlap on ${entry.date}: give them dates (from, to) in members.yaml.` : ''}`,
              );
            else if ('unknown' in r)
              report(
                { ...where, about: 'person' },
                `The action owner "${owner}" is not on the roster, by id or by name.${suggest(ctx, owner)}`,
              );
          }
        }
      }
    }

    for (const { action } of rec.actions) {
      const l = action as Loaded<unknown>;
      const a = action.data;
      const owners = Array.isArray(a.owner) ? a.owner : [a.owner];
      owners.forEach((o, i) => {
        if (!rec.groups.has(o)) person(ctx, report, l, Array.isArray(a.owner) ? ['owner', i] : ['owner'], o, 'owner');
      });
      priority(l, ['priority'], a.priority);
      (a.updates ?? []).forEach((u, i) => person(ctx, report, l, ['updates', i, 'by'], u.by));
      if (a.raised) {
        const m = meeting(l, ['raised', 'meeting'], a.raised.meeting);
        const set = minuteNumbers(m);
        if (m && set && !set.has(a.raised.minute))
          report(
            { loaded: l, path: ['raised', 'minute'] },
            `The minutes of ${m.id} have no minute ${a.raised.minute}. Check the number.`,
          );
      }
    }

    // Links in bodies to a file that does not exist (links out of the record are layout findings).
    forEachLocalLink(ctx, (where, _url, abs) => {
      if (!abs) return;
      const rel = path.relative(rec.root, abs).split(path.sep).join('/');
      if (!(ctx.exists ?? exists)(abs))
        report(where, `This link points to "${rel}", which is not in the record. Add the file or correct the link.`);
    });
  },
  examples: {
    notOk: [
      {
        title: 'an unknown chair, at the value, with the nearest id',
        files: {
          'meetings/2026-01-15/meeting.md': MEETING,
          'meetings/2026-01-15/minutes.md': `---
status: draft
chair: cllr-chiar
present: [cllr-chair, pc-police, dr-health]
---
## 1. Community safety plan

RESOLVED that the plan be noted.
`,
        },
        findings: [
          {
            file: 'records/meetings/2026-01-15/minutes.md',
            line: 3,
            column: 8,
            severity: 'error',
            message: 'No chair with the id "cllr-chiar" is on the roster (members.yaml). Did you mean "cllr-chair"?',
          },
        ],
      },
      {
        title: 'an unknown priority, a missing paper and an unknown minute',
        files: {
          'meetings/2026-01-15/meeting.md': `---
date: 2026-01-15
items:
  - { title: Plan, priority: prevnetion, papers: [papers/plan.pdf] }
---
`,
          'meetings/2026-01-15/minutes.md': `---
status: draft
chair: cllr-chair
present: [cllr-chair, pc-police, dr-health]
declarations:
  - { member: pc-police, minute: 9, nature: personal }
---
## 1. Community safety plan

RESOLVED that the plan be noted.
`,
        },
        findings: [
          {
            file: 'records/meetings/2026-01-15/meeting.md',
            line: 4,
            column: 30,
            severity: 'error',
            message: 'There is no priority "prevnetion" in partnership.md. Did you mean "prevention"?',
          },
          {
            file: 'records/meetings/2026-01-15/meeting.md',
            line: 4,
            column: 51,
            severity: 'error',
            message:
              'The paper "papers/plan.pdf" is not in meetings/2026-01-15/. Add the file to the papers/ folder, or correct the name.',
          },
          {
            file: 'records/meetings/2026-01-15/minutes.md',
            line: 6,
            column: 34,
            severity: 'error',
            message: 'There is no minute 9 in the minutes of 2026-01-15. Check the number against the item headings.',
          },
        ],
      },
      {
        title: 'an action owner in a marker who is on the roster by neither id nor name, at the marker',
        files: {
          'meetings/2026-01-15/meeting.md': MEETING,
          'meetings/2026-01-15/minutes.md': `---
status: draft
chair: cllr-chair
present: [cllr-chair, pc-police, dr-health]
---
## 1. Venue

Book a venue. [action: Pat Nobody; due 2026-02-01]
`,
        },
        findings: [
          {
            file: 'records/meetings/2026-01-15/minutes.md',
            line: 8,
            column: 15,
            severity: 'error',
            message:
              'The action owner "Pat Nobody" is not on the roster, by id or by name. Add them to members.yaml (under others: if they have no seat), or correct the id.',
          },
        ],
      },
      {
        title: 'a link to a file that is not in the record, at the link',
        files: { 'meetings/2026-01-15/meeting.md': `${MEETING}Papers: [the plan](papers/plan.pdf)\n` },
        findings: [
          {
            file: 'records/meetings/2026-01-15/meeting.md',
            line: 4,
            column: 9,
            severity: 'error',
            message:
              'This link points to "meetings/2026-01-15/papers/plan.pdf", which is not in the record. Add the file or correct the link.',
          },
        ],
      },
    ],
    ok: [
      {
        title: 'people, priorities, meetings, minutes and papers that exist',
        files: {
          'meetings/2026-01-15/meeting.md': MEETING,
          'meetings/2026-01-15/minutes.md': `---
status: draft
chair: cllr-chair
present: [cllr-chair, pc-police, dr-health]
declarations:
  - { member: pc-police, minute: 1, nature: personal }
---
## 1. Community safety plan

RESOLVED that the plan be noted.
`,
          'meetings/2026-04-16/meeting.md': `---
date: 2026-04-16
items:
  - { title: Plan, lead: cllr-chair, presenter: dr-health, priority: prevention, papers: [papers/plan.pdf], deferred_from: 2026-01-15 }
---
See [the plan](papers/plan.pdf).
`,
          'meetings/2026-04-16/papers/plan.pdf': '%PDF-1.4\n',
        },
      },
    ],
  },
};
