/**
 * Syncing actions (csp actions sync): every action marker in draft minutes that lacks an
 * id gets one (`<meeting>-<minute>-<n>`), written into the marker, and an action file.
 */
import path from 'node:path';
import { isRealDate } from '../core/dates.js';
import { ProblemError } from '../core/errors.js';
import { actionIdFor } from '../core/ids.js';
import { shown } from '../core/paths.js';
import { requireActionsListed } from '../load/checked.js';
import { bodyOptionsFor, loadRecord, type LoadedRecord } from '../load/load.js';
import type { ActionMarker, MinuteItem } from '../model/types.js';
import { actionTitle, linkTextOnly, markerWithId, nextActionNumber, relinkForAction } from '../queries/actions.js';
import { didYouMean, personGuesses, resolveOwner } from '../queries/people.js';
import { updateEdits } from './update-action.js';
import { actionFileText } from '../render/actions.js';
import { exists } from '../workspace/files.js';
import { applyEdits, isFlowMapping, rewriteFrontMatter, type Edit } from './edit.js';
import { yamlParser } from '../parse/lazy.js';
import { underLock, verify, writePlanned, type OpContext, type Planned } from './seam.js';

/** What a sync did. Display paths throughout. */
export interface SyncResult {
  created: { id: string; owners: string[]; title: string; file: string }[];
  /** Minutes files whose markers were given ids. */
  minutesUpdated: string[];
  /** Markers left alone, with why (their minutes are otherwise synced). */
  refused: { file: string; line: number; column: number; message: string }[];
  /** Approved minutes holding markers without an action file: never edited. */
  approvedSkipped: { meeting: string; file: string; markers: number }[];
  /** Minutes files that could not be read (front matter broken), so were not synced. */
  unreadMinutes: string[];
  /** Reviews of earlier actions recorded on the action ([review ID: STATUS] markers). */
  reviewed: { id: string; meeting: string; minute: number; status: string; file: string }[];
}

interface Plan {
  marker: ActionMarker;
  item: MinuteItem;
  id: string;
  owners: string[];
  /** The marker has no id yet (else only its file is missing). */
  writeId: boolean;
}

/**
 * Gives every action marker in draft minutes that lacks one an id
 * (`<meeting>-<minute>-<n>`), writes the id into the marker and creates the action
 * file; a marker whose id has no file gets its file. Markers whose owners do not
 * resolve (or that carry a malformed due date) are refused and reported. Approved
 * minutes are never touched. Holds the record lock and re-reads the record inside it,
 * so two syncs at once never create two files for one marker.
 */
export function syncActions(op: OpContext, only?: readonly string[]): Promise<SyncResult> {
  return underLock(op, () => syncHoldingLock(op, only));
}

/** The sync itself; the caller holds the record lock. */
export function syncHoldingLock(op: OpContext, only?: readonly string[]): SyncResult {
  const { root, display } = op;
  const rec = loadRecord(root, display, { minutesBodies: true, env: op.env, trace: op.note });
  requireActionsListed(rec, 'csp cannot tell which actions already have files');
  const planned: Planned[] = [];
  const creating: {
    id: string;
    owners: string[];
    title: string;
    file: string;
    where: { file: string; line: number; column: number };
  }[] = [];
  const result: SyncResult = {
    created: [],
    minutesUpdated: [],
    refused: [],
    approvedSkipped: [],
    unreadMinutes: [],
    reviewed: [],
  };

  // Every id in use: action files (readable or not) and markers anywhere in the record.
  const used = new Set<string>(rec.unreadActions);
  for (const e of rec.meetings)
    for (const item of e.items ?? []) for (const m of item.actions) if (m.id !== undefined) used.add(m.id);
  const badMarkers = new Map<string, string>();
  for (const d of rec.diagnostics) {
    if (d.rule === 'action-marker' || d.rule === 'date') badMarkers.set(`${d.file}:${d.line}:${d.column}`, d.message);
  }

  for (const entry of rec.meetings) {
    if (only && !only.includes(entry.id)) continue;
    const mn = entry.minutes;
    if (!mn || !entry.items) {
      if (exists(path.join(entry.dir, 'minutes.md')))
        result.unreadMinutes.push(shown(display, `meetings/${entry.id}/minutes.md`));
      continue;
    }
    const pending = entry.items.flatMap((item) =>
      item.actions
        .filter((m) => m.id === undefined || !rec.unreadActions.has(m.id))
        .map((marker) => ({ item, marker })),
    );
    if (mn.data.status !== 'approved') {
      // What looks like a marker but is not one ("[Action: …]", a marker over two lines)
      // is said, not passed over: validate reports it too.
      const at = new Set(pending.map(({ marker }) => `${marker.line}:${marker.column}`));
      for (const d of rec.diagnostics)
        if (d.file === mn.file.display && d.rule === 'action-marker' && !at.has(`${d.line}:${d.column}`))
          result.refused.push({ file: d.file, line: d.line, column: d.column, message: d.message });
    }
    if (pending.length === 0) continue;
    if (mn.data.status === 'approved') {
      result.approvedSkipped.push({ meeting: entry.id, file: mn.file.display, markers: pending.length });
      continue;
    }

    const plans: Plan[] = [];
    for (const { item, marker } of pending) {
      const where = { file: mn.file.display, line: marker.line, column: marker.column };
      const refuse = (message: string) => result.refused.push({ ...where, message });
      const problem = badMarkers.get(`${where.file}:${where.line}:${where.column}`);
      if (problem !== undefined) {
        refuse(problem);
        continue;
      }
      if (marker.due !== undefined && !isRealDate(marker.due)) {
        refuse(`The due date ${marker.due} is not a real day. Correct it (YYYY-MM-DD).`);
        continue;
      }
      const owners: string[] = [];
      const wrong: string[] = [];
      for (const o of marker.owners) {
        // Names and initials as they stood on the day of the meeting; a group owns an action as a person does.
        const r = resolveOwner(rec, o, entry.date);
        if ('group' in r) {
          if (!owners.includes(r.group.id)) owners.push(r.group.id);
        } else if ('person' in r) {
          if (!owners.includes(r.person.id)) owners.push(r.person.id);
        } else if ('ambiguous' in r)
          wrong.push(
            `"${o}" matches ${r.ambiguous.length} people (${r.ambiguous.map((p) => p.id).join(', ')}); write the person's id`,
          );
        else {
          const guess = didYouMean(personGuesses(rec.people.values(), o)).replace(' Did', 'did');
          wrong.push(`"${o}" is not on the roster${guess ? ` (${guess})` : ''}`);
        }
      }
      if (wrong.length > 0) {
        refuse(
          `The action owner ${wrong.join('; ')}. Correct the marker (or add the person to members.yaml), then run "csp actions sync" again.`,
        );
        continue;
      }
      let id = marker.id;
      if (id === undefined) {
        let n = nextActionNumber(entry.id, item.number, used);
        while (exists(path.join(root, 'actions', `${actionIdFor(entry.id, item.number, n)}.md`))) n++;
        id = actionIdFor(entry.id, item.number, n);
        used.add(id);
      }
      plans.push({ marker, item, id, owners, writeId: marker.id === undefined });
    }
    if (plans.length === 0) continue;

    const edits: Edit[] = [];
    for (const p of plans.filter((x) => x.writeId)) {
      const text = markerWithId(mn.file.text.slice(p.marker.start, p.marker.end), p.id);
      if (text === undefined)
        throw new ProblemError(
          `csp could not find the action marker at ${mn.file.display}:${p.marker.line}:${p.marker.column}; nothing was written. Run "csp validate".`,
        );
      edits.push({ start: p.marker.start, end: p.marker.end, text });
    }
    const mine: Planned[] = [];
    if (edits.length > 0) {
      // What is written must read back as the same front matter and the same markers, now each with its id.
      const before = entry.items.flatMap((i) => i.actions);
      mine.push({
        kind: 'edit',
        file: mn.file,
        text: applyEdits(mn.file.text, edits) ?? '',
        expected: mn.data,
        markerIds: before.map((m) => plans.find((p) => p.marker === m)?.id ?? m.id),
        // Read as the record reads these minutes: under a minute label the headings carry it.
        bodyOptions: bodyOptionsFor(rec.settings, entry.date),
        refusal:
          'csp could not write the action ids into these minutes safely; nothing in them was changed. Check the markers with "csp validate".',
      });
    }
    const files: typeof creating = [];
    for (const p of plans) {
      const title = actionTitle(linkTextOnly(p.marker.text)) || `Action from minute ${p.item.number} (${p.item.title})`;
      const text = actionFileText(
        {
          title,
          owners: p.owners,
          raised: { meeting: entry.id, minute: p.item.number },
          ...(p.marker.due !== undefined ? { due: p.marker.due } : {}),
          // The action file sits in actions/: links from the minutes are made to lead from there.
          body: relinkForAction(p.marker.text, entry.id),
        },
        mn.file.eol,
      );
      const file = shown(display, `actions/${p.id}.md`);
      mine.push({
        kind: 'create',
        abs: path.join(root, 'actions', `${p.id}.md`),
        shown: file,
        text,
        check: { kind: 'action', frontMatter: true },
      });
      files.push({
        id: p.id,
        owners: p.owners,
        title,
        file,
        where: { file: mn.file.display, line: p.marker.line, column: p.marker.column },
      });
    }
    try {
      for (const m of mine) verify(m);
    } catch (e) {
      if (!(e instanceof ProblemError)) throw e;
      result.refused.push({ file: mn.file.display, line: mn.bodyLine, column: 1, message: e.message });
      continue;
    }
    planned.push(...mine);
    creating.push(...files);
    if (edits.length > 0) result.minutesUpdated.push(mn.file.display);
  }

  planned.push(...reviewsToSync(rec, only, result));

  // The minutes and the new action files are written together: all of them, or none.
  const written = writePlanned(op, planned);
  for (const c of creating) {
    if (written.existed.includes(c.file)) {
      result.refused.push({
        ...c.where,
        message: `${c.file} appeared while csp was working, so it was left as it is. Check that it is this marker's action.`,
      });
    } else result.created.push({ id: c.id, owners: c.owners, title: c.title, file: c.file });
  }
  return result;
}

/**
 * Each [review ID: STATUS] in draft minutes not yet in its action's updates becomes an
 * update dated the meeting, with the minute and the status, and sets the action's status
 * (and `completed` for done and dropped). One review per action per sync: an action
 * reviewed in two sets of draft minutes at once takes the earlier now, the later next time.
 */
function reviewsToSync(rec: LoadedRecord, only: readonly string[] | undefined, result: SyncResult): Planned[] {
  const planned: Planned[] = [];
  const touched = new Set<string>();
  for (const entry of rec.meetings) {
    if (only && !only.includes(entry.id)) continue;
    const mn = entry.minutes;
    if (!mn || !entry.items || mn.data.status === 'approved') continue;
    for (const item of entry.items) {
      for (const review of item.reviews ?? []) {
        const where = { file: mn.file.display, line: review.line, column: review.column };
        const action = rec.actionsById.get(review.action)?.action;
        if (!action) {
          result.refused.push({
            ...where,
            message: `The review names the action ${review.action}, which has no readable file actions/${review.action}.md. Correct the id.`,
          });
          continue;
        }
        const done = (action.data.updates ?? []).some((u) => u.meeting === entry.id && u.minute === item.number);
        if (done) continue;
        if (touched.has(review.action)) {
          result.refused.push({
            ...where,
            message: `The action ${review.action} is reviewed in more than one set of draft minutes; this review is recorded at the next "csp actions sync".`,
          });
          continue;
        }
        touched.add(review.action);
        const change = {
          status: review.status,
          review: { meeting: entry.id, minute: item.number, status: review.status },
          ...(review.text !== '' ? { note: review.text } : {}),
        };
        const { edits, after } = updateEdits(action, change, entry.date);
        const text = isFlowMapping(action)
          ? applyEdits(action.file.text, [rewriteFrontMatter(action, yamlParser().blockYaml(after))])
          : applyEdits(action.file.text, edits);
        const p: Planned = {
          kind: 'edit',
          file: action.file,
          text: text ?? '',
          expected: after,
          refusal: `csp could not record the review of ${review.action} in ${action.file.display} without disturbing the rest of it, so nothing was written. Add the update by hand.`,
        };
        try {
          verify(p);
        } catch (e) {
          if (!(e instanceof ProblemError)) throw e;
          result.refused.push({ ...where, message: e.message });
          continue;
        }
        planned.push(p);
        result.reviewed.push({
          id: review.action,
          meeting: entry.id,
          minute: item.number,
          status: review.status,
          file: action.file.display,
        });
      }
    }
  }
  return planned;
}
