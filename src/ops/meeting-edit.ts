/**
 * Changes to one meeting's meeting.md the clerk used to make by hand: a substantive item
 * (with its papers copied into the meeting's papers/), an apology received, and the
 * meeting held or cancelled. Each keeps every other byte of meeting.md and writes
 * through the one write path, all its files or none.
 */
import path from 'node:path';
import { ProblemError, UsageError } from '../core/errors.js';
import { nearest } from '../core/nearest.js';
import { shown } from '../core/paths.js';
import { yamlScalar } from '../core/yaml-text.js';
import { loadForMeetings, meetingDoc } from '../load/checked.js';
import type { LoadedRecord } from '../load/load.js';
import type { AgendaItem, Apology, Loaded, MeetingDoc, MeetingEntry, MeetingStatus } from '../model/types.js';
import { yamlParser } from '../parse/lazy.js';
import { requireMeeting } from '../queries/meetings.js';
import { looksLikeId, membersOn, personOption, resolvePerson } from '../queries/people.js';
import { readBytes } from '../workspace/files.js';
import {
  appendMapping,
  applyEdits,
  insertTopLevel,
  isFlowMapping,
  replaceValue,
  rewriteFrontMatter,
  type Edit,
} from './edit.js';
import { underLock, writePlanned, type OpContext, type Planned } from './seam.js';

/** Where new top-level keys of meeting.md go: after the last of these the file has. */
const HEAD_KEYS = ['published', 'status', 'theme', 'kind', 'online_url', 'venue', 'end', 'start', 'date'];

/** What a change to meeting.md did: the files as shown. */
export interface MeetingChange {
  meeting: string;
  /** meeting.md, as shown. */
  file: string;
  created: string[];
  changed: string[];
}

/** The meeting `id` with a readable meeting.md, read under the lock. */
function meetingFor(
  op: OpContext,
  id: string,
  roster: boolean,
): { rec: LoadedRecord; entry: MeetingEntry; loaded: Loaded<MeetingDoc> } {
  const rec = loadForMeetings(op.root, op.display, { roster, env: op.env, trace: op.note });
  const entry = requireMeeting(rec, id);
  meetingDoc(rec, entry); // exit 2 when meeting.md is missing or cannot be read
  return { rec, entry, loaded: entry.meeting! };
}

/** The new text of meeting.md: the edits, or (for a front matter written as one flow mapping) the whole of it rewritten. */
function editedText(loaded: Loaded<MeetingDoc>, edits: Edit[], expected: MeetingDoc): string {
  const l = loaded as Loaded<unknown>;
  if (isFlowMapping(l))
    return applyEdits(loaded.file.text, [rewriteFrontMatter(l, yamlParser().blockYaml(expected))]) ?? '';
  return applyEdits(loaded.file.text, edits) ?? '';
}

/** Refuses a change to the agenda of a meeting that is over or called off. */
function agendaOpen(entry: MeetingEntry, doc: MeetingDoc, what: string): void {
  if (doc.status === 'cancelled')
    throw new UsageError(
      `The meeting ${entry.id} is cancelled, so ${what} cannot be added to it. Add it to the next meeting instead (csp meetings --upcoming lists them).`,
    );
  if (entry.minutes || doc.status === 'held')
    throw new UsageError(
      `The meeting ${entry.id} has been held${entry.minutes ? ' and has minutes' : ''}, so ${what} cannot be added to its agenda. Add it to the next meeting instead, or record it in the minutes.`,
    );
}

/** A substantive item as the clerk gave it (already checked for form): papers are files to copy. */
export interface NewItem {
  title: string;
  presenter?: string | undefined;
  purpose?: AgendaItem['purpose'] | undefined;
  priority?: string | undefined;
  exempt?: number | undefined;
  /** The papers' files: absolute paths, and as the clerk typed them. */
  papers: { abs: string; typed: string }[];
}

/** What adding an item did. */
export interface AddItemResult extends MeetingChange {
  item: AgendaItem;
  /** The item's number among the substantive items (1 for the first). */
  position: number;
  /** Papers already in papers/ with the same content, listed without copying. */
  reused: string[];
  /** The day the agenda went out, when it already had: the item is then a late one. */
  published?: string | undefined;
}

/** A paper's name in papers/: the file's own name, refused when it could not be a record file. */
function paperName(src: { abs: string; typed: string }): string {
  const name = path.basename(src.abs);
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (name.startsWith('.') || /[\u0000-\u001f\u007f\\]/.test(name) || name.trim() !== name || name === '')
    throw new UsageError(
      `--paper "${src.typed}": a paper's file name must not start with a dot, have spaces at its ends, or hold control characters or backslashes. Rename the file (e.g. probation-update.pdf) and run the command again.`,
    );
  return name;
}

/** Adds a substantive item to the agenda of `id`, copying its papers into the meeting's papers/. */
export function addItem(op: OpContext, id: string, item: NewItem): Promise<AddItemResult> {
  return underLock(op, () => {
    const { rec, entry, loaded } = meetingFor(op, id, item.presenter !== undefined);
    const doc = loaded.data;
    agendaOpen(entry, doc, 'an item');

    let presenter = item.presenter;
    if (presenter !== undefined) {
      const who = resolvePerson(rec, presenter);
      if ('person' in who) presenter = who.person.id;
      else if (looksLikeId(presenter)) presenter = personOption(rec, presenter, '--presenter');
      else if ('ambiguous' in who) presenter = personOption(rec, presenter, '--presenter');
    }
    if (item.priority !== undefined) {
      const ids = rec.settings.priorities.map((p) => p.id);
      if (!ids.includes(item.priority)) {
        const guess = nearest(item.priority, ids);
        throw new UsageError(
          ids.length === 0
            ? `--priority "${item.priority}": partnership.md lists no priorities. Add them under priorities:, or leave --priority out.`
            : `--priority "${item.priority}" is not one of the partnership's priorities (${ids.join(', ')}).${guess ? ` Did you mean "${guess}"?` : ''}`,
        );
      }
    }

    const planned: Planned[] = [];
    const papers: string[] = [];
    const reused: string[] = [];
    const created: string[] = [];
    for (const src of item.papers) {
      const name = paperName(src);
      const rel = `papers/${name}`;
      if (papers.includes(rel))
        throw new UsageError(`Two papers are called ${name}. Rename one, then run the command again.`);
      papers.push(rel);
      let bytes: Buffer;
      try {
        bytes = readBytes(src.abs);
      } catch {
        throw new UsageError(`--paper "${src.typed}" cannot be read (it is not a file, or not there). Check the path.`);
      }
      const target = path.join(entry.dir, 'papers', name);
      const showAs = shown(rec.display, `meetings/${id}/${rel}`);
      if (entry.papers.has(rel)) {
        let same: boolean;
        try {
          same = readBytes(target).equals(bytes);
        } catch {
          same = false;
        }
        if (!same)
          throw new ProblemError(
            `${showAs} already exists with other content; nothing was changed. Rename your file (or remove the old paper if it is out of date), then run the command again.`,
          );
        reused.push(showAs);
        continue;
      }
      planned.push({ kind: 'create', abs: target, shown: showAs, text: '', bytes, check: 'none' });
      created.push(showAs);
    }

    const newItem: AgendaItem = { title: item.title };
    if (presenter !== undefined) newItem.presenter = presenter;
    if (item.priority !== undefined) newItem.priority = item.priority;
    if (item.purpose !== undefined) newItem.purpose = item.purpose;
    if (papers.length > 0) newItem.papers = papers;
    if (item.exempt !== undefined) newItem.exempt = { paragraph: item.exempt };
    const expected: MeetingDoc = { ...doc, items: [...(doc.items ?? []), newItem] };
    const edit = appendMapping(
      loaded,
      'items',
      [
        ['title', newItem.title],
        ['presenter', newItem.presenter],
        ['priority', newItem.priority],
        ['purpose', newItem.purpose],
        ['papers', newItem.papers],
        ['exempt', newItem.exempt],
      ],
      ['apologies', ...HEAD_KEYS],
    );
    const text = editedText(loaded, [edit], expected);
    planned.unshift({ kind: 'edit', file: loaded.file, text, expected });
    const written = writePlanned(op, planned);
    if (written.existed.length > 0)
      throw new ProblemError(
        `${written.existed.join(', ')} appeared while csp was working and was left as it is; the item was not added. Run the command again.`,
      );
    return {
      meeting: id,
      file: loaded.file.display,
      created,
      changed: [loaded.file.display],
      item: newItem,
      position: expected.items!.length,
      reused,
      published: doc.published,
    };
  });
}

/** What recording an apology did. */
export interface AddApologyResult extends MeetingChange {
  apology: Apology;
  /** The substitute is not one of the member's deputies in members.yaml. */
  notDeputy: boolean;
}

/** Records an apology from `member` (id or roster name) for the meeting `id`, with their substitute. */
export function addApology(op: OpContext, id: string, member: string, substitute?: string): Promise<AddApologyResult> {
  return underLock(op, () => {
    const { rec, entry, loaded } = meetingFor(op, id, true);
    const doc = loaded.data;
    if (doc.status === 'cancelled')
      throw new UsageError(`The meeting ${id} is cancelled: there is nothing to send apologies for.`);
    if (entry.minutes)
      throw new UsageError(
        `The meeting ${id} has minutes: record the apology under apologies in ${shown(rec.display, `meetings/${id}/minutes.md`)} instead.`,
      );
    const who = personOption(rec, member, '--member');
    const seat = membersOn(rec, entry.date).find((m) => m.id === who);
    if (!seat)
      throw new UsageError(
        `--member "${member}": ${rec.people.get(who)?.name ?? who} has no seat on the board on ${entry.date}, so sends no apologies. Name a member (members: in members.yaml); a deputy attends as --substitute.`,
      );
    if ((doc.apologies ?? []).some((a) => a.member === who))
      throw new UsageError(
        `${seat.name}'s apologies for ${id} are already recorded in ${loaded.file.display}; nothing was changed. To change the substitute, edit that line.`,
      );
    const apology: Apology = { member: who };
    if (substitute !== undefined) {
      const sub = personOption(rec, substitute, '--substitute');
      if (sub === who)
        throw new UsageError('--substitute names the member who sent apologies. Name who attends instead.');
      apology.substitute = sub;
    }
    const expected: MeetingDoc = { ...doc, apologies: [...(doc.apologies ?? []), apology] };
    const edit = appendMapping(
      loaded,
      'apologies',
      [
        ['member', apology.member],
        ['substitute', apology.substitute],
      ],
      HEAD_KEYS,
      'flow',
    );
    writePlanned(op, [{ kind: 'edit', file: loaded.file, text: editedText(loaded, [edit], expected), expected }]);
    return {
      meeting: id,
      file: loaded.file.display,
      created: [],
      changed: [loaded.file.display],
      apology,
      notDeputy: apology.substitute !== undefined && !seat.deputies.includes(apology.substitute),
    };
  });
}

/** What marking a meeting held or cancelled did. */
export interface StatusResult extends MeetingChange {
  before: MeetingStatus;
  status: MeetingStatus;
  reason?: string | undefined;
}

/** Marks the meeting `id` held or cancelled, with the clerk's reason (stored as `reason`). */
export function setMeetingStatus(
  op: OpContext,
  id: string,
  status: 'held' | 'cancelled',
  reason?: string,
): Promise<StatusResult> {
  return underLock(op, () => {
    const { entry, loaded } = meetingFor(op, id, false);
    const doc = loaded.data;
    const before: MeetingStatus = doc.status ?? 'scheduled';
    if (before === status) throw new UsageError(`The meeting ${id} is already ${status}; nothing was changed.`);
    if (status === 'held' && entry.date > op.today)
      throw new UsageError(
        `The meeting ${id} is on ${entry.date}, after today (${op.today}): it cannot have been held yet. If it was, run the command with --as-of ${entry.date} or later.`,
      );
    if (status === 'cancelled' && (entry.minutes || before === 'held'))
      throw new UsageError(
        `The meeting ${id} ${entry.minutes ? 'has minutes' : 'is recorded as held'}, so it cannot be cancelled. If it did not take place, ${entry.minutes ? 'remove its minutes.md first' : 'say so with csp meeting cancel after correcting its status by hand'}.`,
      );
    const l = loaded as Loaded<unknown>;
    const expected: MeetingDoc = { ...doc, status };
    const edits: Edit[] = [];
    if (doc.status !== undefined) edits.push(replaceValue(l, ['status'], status));
    else edits.push(insertTopLevel(l, 'status', status, HEAD_KEYS.slice(2)));
    const old = doc.reason;
    if (reason !== undefined) {
      expected.reason = reason;
      if (old !== undefined) edits.push(replaceValue(l, ['reason'], reason));
      else
        edits.push(
          insertTopLevel(l, 'reason', yamlScalar(reason), doc.status !== undefined ? ['status'] : HEAD_KEYS.slice(2)),
        );
    }
    writePlanned(op, [{ kind: 'edit', file: loaded.file, text: editedText(loaded, edits, expected), expected }]);
    return {
      meeting: id,
      file: loaded.file.display,
      created: [],
      changed: [loaded.file.display],
      before,
      status,
      reason,
    };
  });
}
