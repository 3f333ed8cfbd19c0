/**
 * csp action update ID: changes one action's status or due date and logs the
 * follow-up in `updates`, keeping every other byte of the file as the clerk wrote it.
 */
import { readRecord } from './read.js';
import { isDeepStrictEqual } from 'node:util';
import type { Ctx } from './context.js';
import { userDate } from './context.js';
import { ProblemError, UsageError } from '../core/errors.js';
import { PERSON_ID } from '../core/ids.js';
import type { ActionDoc, ActionStatus, ActionUpdate, Loaded } from '../model/types.js';
import { splitFrontMatter } from '../parse/frontmatter.js';
import { parseYaml } from '../parse/yaml.js';
import { isActive } from '../queries/actions.js';
import { nearest } from '../core/nearest.js';
import { appendToList, applyEdits, insertTopLevel, removeTopLevel, replaceValue, type Edit } from '../ops/edit.js';
import { flowMap } from '../core/yaml-text.js';
import { replaceFile, withRecordLock } from '../workspace/write.js';
import { personOption } from './actions.js';

/** What the user asked to change. */
export interface ActionChange {
  status?: ActionStatus;
  due?: string;
  note?: string;
  by?: string;
}

/** The sentences that describe a change, e.g. "Status changed from open to done." */
export function describeChange(before: Pick<ActionDoc, 'status' | 'due'>, change: ActionChange): string[] {
  const out: string[] = [];
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

/** The note logged: the user's note, followed by what changed. */
export function composeNote(note: string | undefined, changes: string[]): string {
  const own = (note ?? '').replace(/\s+/g, ' ').trim();
  if (own === '') return changes.join(' ');
  if (changes.length === 0) return own;
  return `${/[.!?]$/.test(own) ? own : `${own}.`} ${changes.join(' ')}`;
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
  if (note !== '') entry.note = note;
  inserts.push(
    appendToList(
      l,
      'updates',
      flowMap([
        ['date', entry.date],
        ['by', entry.by],
        ['note', entry.note],
      ]),
    ),
  );
  after.updates = [...(data.updates ?? []), entry];

  // Insertions at one spot go in the order made (completed, due, then the log entry).
  const merged = new Map<number, Edit>();
  for (const e of inserts) {
    const at = merged.get(e.start);
    if (at && at.end === at.start && e.end === e.start) at.text += e.text;
    else merged.set(e.start, { ...e });
  }
  return { edits: [...edits, ...merged.values()], after, entry };
}

/** Front matter of `text` as data, or undefined when it does not read back. */
function readBack(text: string): unknown {
  const split = splitFrontMatter(text);
  if (!split.present || split.problem) return undefined;
  const parsed = parseYaml(split.yaml, split.yamlLine);
  return parsed.ok ? parsed.data : undefined;
}

/** csp action update ID [--status S] [--due D] [--note TEXT] [--by P] */
export async function run(ctx: Ctx, opts: Record<string, unknown>, args: string[]): Promise<number> {
  const id = args[0] ?? '';
  if (!PERSON_ID.test(id)) {
    throw new UsageError(
      `"${id}" is not an action id. Action ids are lower-case letters, digits and hyphens, like 2015-10-08-171-1 (see "csp actions").`,
    );
  }
  const change: ActionChange = {};
  if (typeof opts.status === 'string') change.status = opts.status as ActionStatus;
  if (typeof opts.due === 'string') change.due = userDate(opts.due, '--due');
  if (typeof opts.note === 'string') {
    if (opts.note.trim() === '')
      throw new UsageError(
        '--note is empty. Write what happened, e.g. --note "First meeting held with the SAB chair."',
      );
    change.note = opts.note;
  }
  if (change.status === undefined && change.due === undefined && change.note === undefined) {
    throw new UsageError('Nothing to change. Give --status, --due or --note (and --by for who reported it).');
  }
  const found = ctx.record();

  return withRecordLock(found.root, ctx.io.system, () => {
    const rec = readRecord(ctx, { meetings: false });
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
    if (typeof opts.by === 'string') change.by = personOption(rec, opts.by, '--by');
    const loaded = entry.action;
    const data = loaded.data;
    const statusChanges = change.status !== undefined && change.status !== data.status;
    const dueChanges = change.due !== undefined && change.due !== data.due;
    if (!statusChanges && !dueChanges && change.note === undefined) {
      const now = [
        change.status !== undefined ? `already ${data.status}` : '',
        change.due !== undefined ? `already due on ${data.due}` : '',
      ]
        .filter(Boolean)
        .join(' and ');
      throw new UsageError(
        `The action ${id} is ${now}; nothing was changed. Add --note to log a follow-up without a change.`,
      );
    }
    const { edits, after, entry: logged } = updateEdits(loaded, change, ctx.today);
    const next = applyEdits(loaded.file.text, edits);
    if (!isDeepStrictEqual(readBack(next), after)) {
      throw new ProblemError(
        `csp could not change ${loaded.file.display} without disturbing the rest of it, so nothing was written. Make the change by hand.`,
      );
    }
    replaceFile(loaded.file, next);

    const what: string[] = [];
    if (after.status !== data.status) what.push(`status ${data.status} → ${after.status}`);
    if (after.completed !== data.completed)
      what.push(after.completed === undefined ? 'completed removed' : `completed ${after.completed}`);
    if (after.due !== data.due) what.push(`due ${data.due ?? 'none'} → ${after.due}`);
    ctx.out(`Updated ${loaded.file.display}${what.length ? `: ${what.join('; ')}` : ''}.\n`);
    ctx.out(`Logged ${logged.date}${logged.by ? ` by ${logged.by}` : ''}: ${logged.note ?? ''}\n`);
    return 0;
  });
}
