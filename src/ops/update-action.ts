/**
 * Changing one action (csp action update): its status or due date, and a line in its
 * `updates` log, keeping every other byte of the file as the clerk wrote it.
 */
import { nearest } from '../core/nearest.js';
import { UsageError } from '../core/errors.js';
import { loadRecord } from '../load/load.js';
import type { ActionDoc, ActionStatus, ActionUpdate, Loaded } from '../model/types.js';
import { yamlParser } from '../parse/lazy.js';
import { isActive } from '../queries/actions.js';
import { personOption } from '../queries/people.js';
import {
  appendMapping,
  applyEdits,
  insertTopLevel,
  isFlowMapping,
  removeTopLevel,
  replaceValue,
  rewriteFrontMatter,
  YamlText,
  type Edit,
  type YamlValue,
} from './edit.js';
import { underLock, writePlanned, type OpContext } from './seam.js';

/** What the user asked to change. */
export interface ActionChange {
  /** A new wording of the action's title. */
  title?: string;
  status?: ActionStatus;
  due?: string;
  note?: string;
  by?: string;
  /** A review in later minutes: logged with its meeting, minute and the status reported. */
  review?: { meeting: string; minute: number; status: ActionStatus };
}

/** The sentences that describe a change, e.g. "Status changed from open to done." */
export function describeChange(
  before: Pick<ActionDoc, 'status' | 'due'> & Partial<Pick<ActionDoc, 'title'>>,
  change: ActionChange,
): string[] {
  const out: string[] = [];
  if (change.title !== undefined && before.title !== undefined && change.title !== before.title)
    out.push(`Reworded (was: ${before.title}).`);
  if (change.status !== undefined && change.status !== before.status)
    out.push(`Status changed from ${before.status} to ${change.status}.`);
  if (change.due !== undefined && change.due !== before.due) {
    out.push(
      before.due === undefined
        ? `Due date set to ${change.due}.`
        : `Due date changed from ${before.due} to ${change.due}.`,
    );
  }
  return out;
}

/**
 * The note logged: the clerk's note exactly as written; without one, the sentences that
 * say what changed ("Status changed from open to done.").
 */
export function composeNote(note: string | undefined, changes: string[]): string {
  return note !== undefined && note.trim() !== '' ? note : changes.join(' ');
}

/**
 * How the existing entries of the log quote each field (`"` or `'`), so that a new entry
 * reads like them: a field the last entries quote is quoted the same way.
 */
function quoting(loaded: Loaded<ActionDoc>): Map<string, '"' | "'"> {
  const quotes = new Map<string, '"' | "'">();
  const text = loaded.file.text;
  (loaded.data.updates ?? []).forEach((u, i) => {
    for (const key of Object.keys(u)) {
      const r = loaded.range(['updates', i, key]);
      const first = r ? text[r[0]] : undefined;
      if (first === '"' || first === "'") quotes.set(key, first);
      else quotes.delete(key);
    }
  });
  return quotes;
}

/** A string value in the quotes the log uses for its field, when it quotes it. */
function quoted(value: string | number | undefined, quote: '"' | "'" | undefined): YamlValue | undefined {
  if (value === undefined || typeof value === 'number' || quote === undefined) return value;
  return new YamlText(quote === '"' ? JSON.stringify(value) : `'${value.replace(/'/g, "''")}'`);
}

/**
 * The edits that apply a change to a loaded action file on `today`, and the data the
 * file must hold afterwards (to check the edit before it is written).
 */
export function updateEdits(
  loaded: Loaded<ActionDoc>,
  change: ActionChange,
  today: string,
): { edits: Edit[]; after: ActionDoc; entry: ActionUpdate } {
  const data = loaded.data;
  const l = loaded as Loaded<unknown>;
  const after: ActionDoc = structuredClone(data);
  const edits: Edit[] = [];
  const inserts: Edit[] = [];

  if (change.title !== undefined && change.title !== data.title) {
    edits.push(replaceValue(l, ['title'], change.title));
    after.title = change.title;
  }
  if (change.status !== undefined && change.status !== data.status) {
    edits.push(replaceValue(l, ['status'], change.status));
    after.status = change.status;
    if (!isActive(change.status)) {
      after.completed = today;
      if (data.completed !== undefined) edits.push(replaceValue(l, ['completed'], today));
      else {
        const afterPriority =
          data.priority !== undefined && loaded.pos(['priority'], true).line > loaded.pos(['status'], true).line;
        inserts.push(insertTopLevel(l, 'completed', today, afterPriority ? ['priority'] : ['status']));
      }
    }
  }
  if (isActive(after.status) && data.completed !== undefined) {
    // Reopened (or an open action wrongly carrying `completed`): it is not completed.
    edits.push(removeTopLevel(l, 'completed'));
    delete after.completed;
  }
  if (change.due !== undefined && change.due !== data.due) {
    if (data.due !== undefined) edits.push(replaceValue(l, ['due'], change.due));
    else inserts.push(insertTopLevel(l, 'due', change.due, ['raised', 'owner', 'title']));
    after.due = change.due;
  }

  const note = composeNote(change.note, describeChange(data, change));
  const entry: ActionUpdate = { date: today };
  if (change.by !== undefined) entry.by = change.by;
  if (change.review) {
    entry.meeting = change.review.meeting;
    entry.minute = change.review.minute;
    entry.status = change.review.status;
  }
  // What changed is recorded in fields of its own; the note stays the clerk's words.
  if (after.status !== data.status) {
    entry.status = after.status;
    entry.from = data.status;
  }
  if (after.due !== data.due && after.due !== undefined) entry.due = after.due;
  if (after.title !== data.title) entry.old_title = data.title;
  if (note !== '') entry.note = note;
  const quotes = quoting(loaded);
  const fields: [string, string | number | undefined][] = [
    ['date', entry.date],
    ['by', entry.by],
    ['meeting', entry.meeting],
    ['minute', entry.minute],
    ['status', entry.status],
    ['from', entry.from],
    ['due', entry.due],
    ['old_title', entry.old_title],
    ['note', entry.note],
  ];
  inserts.push(
    appendMapping(
      l,
      'updates',
      fields.map(([k, v]) => [k, quoted(v, quotes.get(k))] as const),
      [],
      'flow',
    ),
  );
  after.updates = [...(data.updates ?? []), entry];

  // Insertions at one spot come out in the order made (completed, due, then the log entry).
  return { edits: [...edits, ...inserts], after, entry };
}

/** What `updateAction` did. */
export interface UpdateResult {
  /** The action file, as shown. */
  file: string;
  before: ActionDoc;
  after: ActionDoc;
  logged: ActionUpdate;
}

/**
 * Applies `change` to the action `id` (with `by` the person the clerk named, id or
 * name), under the record lock. Exit 2 for an unknown action or person, or a change the
 * action already has.
 */
export async function updateAction(
  op: OpContext,
  id: string,
  change: ActionChange,
  by?: string,
): Promise<UpdateResult> {
  return underLock(op, () => {
    const rec = loadRecord(op.root, op.display, { meetings: false, env: op.env, trace: op.note });
    const entry = rec.actionsById.get(id);
    if (!entry) {
      if (rec.unreadActions.has(id)) {
        const why = rec.diagnostics
          .filter((d) => d.file.endsWith(`actions/${id}.md`))
          .map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`);
        throw new UsageError(
          `The action ${id} could not be read, so it was not changed.${why.length ? `\n${why.join('\n')}` : ''}\nCorrect the file (csp validate shows what is wrong), then run the command again.`,
        );
      }
      const guess = nearest(id, [...rec.unreadActions]);
      throw new UsageError(
        `There is no action "${id}" (no file actions/${id}.md).${guess ? ` Did you mean "${guess}"?` : ' "csp actions" lists them.'}`,
      );
    }
    const wanted: ActionChange = { ...change };
    if (by !== undefined) wanted.by = personOption(rec, by, '--by');
    const loaded = entry.action;
    const data = loaded.data;
    const statusChanges = wanted.status !== undefined && wanted.status !== data.status;
    const dueChanges = wanted.due !== undefined && wanted.due !== data.due;
    const titleChanges = wanted.title !== undefined && wanted.title !== data.title;
    if (!statusChanges && !dueChanges && !titleChanges && wanted.note === undefined) {
      const now = [
        wanted.title !== undefined ? 'already worded so' : '',
        wanted.status !== undefined ? `already ${data.status}` : '',
        wanted.due !== undefined ? `already due on ${data.due ?? ''}` : '',
      ]
        .filter(Boolean)
        .join(' and ');
      throw new UsageError(
        `The action ${id} is ${now}; nothing was changed. Add --note to log a follow-up without a change.`,
      );
    }
    const { edits, after, entry: logged } = updateEdits(loaded, wanted, op.today);
    const flow = isFlowMapping(loaded);
    const text = flow
      ? applyEdits(loaded.file.text, [rewriteFrontMatter(loaded, yamlParser().blockYaml(after))])
      : applyEdits(loaded.file.text, edits);
    const refusal = `csp could not change ${loaded.file.display} without disturbing the rest of it, so nothing was written. Make the change by hand.`;
    writePlanned(op, [{ kind: 'edit', file: loaded.file, text: text ?? '', expected: after, refusal }]);
    return { file: loaded.file.display, before: data, after, logged };
  });
}
