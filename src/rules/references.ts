/** Rules about who and what the record refers to: unknown-ref, membership, substitute, and links. */
import path from 'node:path';
import type { Rule, RuleContext, Reporter } from './rule.js';
import { exists } from '../workspace/files.js';
import type { Apology, Loaded, MeetingEntry, Person } from '../model/types.js';
import { looksLikeId, membersOn, resolvePerson } from '../queries/people.js';
import { nearest } from '../core/nearest.js';
import { insideRecord } from '../core/paths.js';

function suggest(ctx: RuleContext, ref: string): string {
  const guess = nearest(ref, [...ctx.rec.people.keys()]);
  return guess
    ? ` Did you mean "${guess}"?`
    : ' Add them to members.yaml (under others: if they have no seat), or correct the id.';
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
    report({ loaded, path: p }, `No ${what} with the id "${id}" is on the roster (members.yaml).${suggest(ctx, id)}`);
  return found;
}

function minuteNumbers(entry: MeetingEntry | undefined): Set<number> | undefined {
  return entry?.items ? new Set(entry.items.map((i) => i.number)) : undefined;
}

export const unknownRef: Rule = {
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
      person(ctx, report, l, ['chair'], d.chair, 'chair');
      (d.present ?? []).forEach((id, i) => person(ctx, report, l, ['present', i], id));
      apologies(l, d.apologies);
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
      if (d.approved) {
        const at = meeting(l, ['approved', 'meeting'], d.approved.meeting);
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
        for (const marker of item.actions) {
          for (const owner of marker.owners) {
            const r = resolvePerson(rec, owner);
            const where = { file: mn.file.display, line: marker.line, column: marker.column };
            if ('ambiguous' in r)
              report(
                where,
                `The action owner "${owner}" matches ${r.ambiguous.length} people (${r.ambiguous.map((p) => p.id).join(', ')}). Write the person's id instead.`,
              );
            else if ('unknown' in r)
              report(
                where,
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
      owners.forEach((o, i) => person(ctx, report, l, Array.isArray(a.owner) ? ['owner', i] : ['owner'], o, 'owner'));
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
      if (!exists(abs))
        report(where, `This link points to "${rel}", which is not in the record. Add the file or correct the link.`);
    });
  },
};

/** Calls `fn` for each relative link in a body, with its target inside the record (undefined when it leads out). */
function forEachLocalLink(
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

/** The cross-file part of the layout rule: a link in a body that leads out of the record. */
export function linksOutOfRecord(ctx: RuleContext, report: Reporter): void {
  forEachLocalLink(ctx, (where, url, abs) => {
    if (!abs)
      report(
        where,
        `This link leads out of the record ("${url}"). Link only to files inside the record, such as the meeting's papers.`,
      );
  });
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export const membership: Rule = {
  id: 'membership',
  severity: 'warning',
  summary:
    'Someone recorded present (or chairing, or sending apologies) as a member who did not hold a seat on that day.',
  check(ctx, report) {
    if (!ctx.rec.rosterComplete) return;
    for (const entry of ctx.rec.meetings) {
      const seats = new Set(membersOn(ctx.rec, entry.date).map((m) => m.id));
      const check = (loaded: Loaded<unknown>, p: (string | number)[], id: string | undefined, as: string) => {
        if (id === undefined || seats.has(id) || !ctx.rec.people.has(id)) return;
        const who = ctx.rec.people.get(id)!;
        const why =
          who.kind === 'other'
            ? `${who.name} has no seat on the board (they are listed under others)`
            : who.joined > entry.date
              ? `${who.name} joined on ${who.joined}`
              : `${who.name} left on ${who.left}`;
        report(
          { loaded, path: p },
          `Recorded ${as} on ${entry.date}, but ${why}. Move them to in_attendance, or record them as a substitute.`,
        );
      };
      const mn = entry.minutes;
      if (mn) {
        const l = mn as Loaded<unknown>;
        (mn.data.present ?? []).forEach((id, i) => {
          check(l, ['present', i], id, 'present as a member');
        });
        check(l, ['chair'], mn.data.chair, 'as chair');
        (mn.data.apologies ?? []).forEach((a, i) => {
          check(l, ['apologies', i, 'member'], a.member, 'sending apologies as a member');
        });
      }
      const mt = entry.meeting;
      if (mt && !mn)
        (mt.data.apologies ?? []).forEach((a, i) => {
          check(mt, ['apologies', i, 'member'], a.member, 'sending apologies as a member');
        });
    }
  },
};

export const substitute: Rule = {
  id: 'substitute',
  severity: 'warning',
  summary: "A substitute who is not one of the member's deputies in members.yaml.",
  check(ctx, report) {
    const check = (loaded: Loaded<unknown>, list: Apology[] | undefined) => {
      (list ?? []).forEach((a, i) => {
        if (!a.substitute) return;
        const m = ctx.rec.people.get(a.member);
        if (!m || m.kind !== 'member' || !ctx.rec.people.has(a.substitute)) return;
        if (!m.deputies.includes(a.substitute)) {
          report(
            { loaded, path: ['apologies', i, 'substitute'] },
            `${a.substitute} is not one of ${m.name}'s deputies${m.deputies.length ? ` (${m.deputies.join(', ')})` : ' (they have none)'}. Add them to deputies in members.yaml if they may stand in.`,
          );
        }
      });
    };
    for (const entry of ctx.rec.meetings) {
      if (entry.meeting) check(entry.meeting, entry.meeting.data.apologies);
      if (entry.minutes) check(entry.minutes, entry.minutes.data.apologies);
    }
  },
};
