/** An action not raised in minutes (csp action new): actions/<id>.md, its id made from its title. */
import path from 'node:path';
import { ProblemError, UsageError } from '../core/errors.js';
import { nearest } from '../core/nearest.js';
import { shown } from '../core/paths.js';
import { requireActionsListed } from '../load/checked.js';
import { loadRecord } from '../load/load.js';
import { personOption } from '../queries/people.js';
import { actionFileText } from '../render/actions.js';
import { underLock, writePlanned, type OpContext } from './seam.js';

/** The action as the clerk gave it (form already checked). */
export interface NewActionOptions {
  title: string;
  owners: string[];
  due?: string | undefined;
  priority?: string | undefined;
}

/** What creating the action did. */
export interface NewActionResult {
  id: string;
  file: string;
  created: string[];
  changed: string[];
  action: { title: string; owner: string[]; due: string | null; status: 'open'; priority: string | null };
}

/** An action id from a title: its first words, lower-case, joined by hyphens (at most 60 characters). */
export function idFromTitle(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
  let id = '';
  for (const w of words) {
    const next = id === '' ? w : `${id}-${w}`;
    if (next.length > 60) break;
    id = next;
  }
  return id === '' ? 'action' : id;
}

/** Creates the action file; exit 2 for an unknown owner or priority. */
export function newAction(op: OpContext, a: NewActionOptions): Promise<NewActionResult> {
  return underLock(op, () => {
    const rec = loadRecord(op.root, op.display, { meetings: false, env: op.env, trace: op.note });
    requireActionsListed(rec, 'csp cannot tell which action ids are taken');
    const owners = [...new Set(a.owners.map((o) => personOption(rec, o, '--owner')))];
    if (a.priority !== undefined) {
      const ids = (rec.partnership?.data.priorities ?? []).map((p) => p.id);
      if (!ids.includes(a.priority)) {
        const guess = nearest(a.priority, ids);
        throw new UsageError(
          ids.length === 0
            ? `--priority "${a.priority}": partnership.md lists no priorities. Add them under priorities:, or leave --priority out.`
            : `--priority "${a.priority}" is not one of the partnership's priorities (${ids.join(', ')}).${guess ? ` Did you mean "${guess}"?` : ''}`,
        );
      }
    }
    const base = idFromTitle(a.title);
    let id = base;
    for (let n = 2; rec.unreadActions.has(id); n++) id = `${base}-${n}`;
    const file = shown(rec.display, `actions/${id}.md`);
    const text = actionFileText({
      title: a.title,
      owners,
      ...(a.due !== undefined ? { due: a.due } : {}),
      ...(a.priority !== undefined ? { priority: a.priority } : {}),
      body: '',
    });
    const written = writePlanned(op, [
      {
        kind: 'create',
        abs: path.join(rec.root, 'actions', `${id}.md`),
        shown: file,
        text,
        check: { kind: 'action', frontMatter: true },
      },
    ]);
    if (written.existed.length > 0)
      throw new ProblemError(
        `${file} was created by someone else while csp was working; nothing was changed. Run the command again.`,
      );
    return {
      id,
      file,
      created: [file],
      changed: [],
      action: { title: a.title, owner: owners, due: a.due ?? null, status: 'open', priority: a.priority ?? null },
    };
  });
}
