/**
 * Roster changes (csp member join, csp member leave): a new seat appended to `members`
 * in members.yaml in the style of the entries there, or `left` added to a member's
 * entry; every other byte of the file (comments, blank lines, CRLF, BOM) kept.
 */
import { UsageError } from '../core/errors.js';
import { nearest } from '../core/nearest.js';
import { didYouMean, personGuesses } from '../queries/people.js';
import { lineEndOf, offsetOfLine } from '../core/position.js';
import { loadRecord } from '../load/load.js';
import type { LoadedRecord } from '../load/load.js';
import type { Loaded, Role } from '../model/types.js';
import { appendMapping, applyEdits, flowValue, type Edit, type YamlValue } from './edit.js';
import { underLock, writePlanned, type OpContext } from './seam.js';

/** A new seat, as the clerk gave it (form already checked). */
export interface JoinOptions {
  id: string;
  name: string;
  organisation: string;
  sector: string;
  role: Role;
  voting?: boolean | undefined;
  joined: string;
  deputies: string[];
  email?: string | undefined;
  phone?: string | undefined;
}

/** What a roster change did. */
export interface RosterResult {
  id: string;
  file: string;
  created: string[];
  changed: string[];
  member: Record<string, unknown>;
}

/** The roster, which must be readable to be changed. */
function roster(op: OpContext): { rec: LoadedRecord; file: Loaded<unknown> } {
  const rec = loadRecord(op.root, op.display, { meetings: false, env: op.env, trace: op.note });
  if (!rec.membersFile || !rec.rosterComplete) {
    const d = rec.diagnostics.find((x) => x.severity === 'error' && x.file.endsWith('members.yaml'));
    throw new UsageError(
      `members.yaml cannot be read${d ? ` (${d.file}:${d.line}:${d.column}: ${d.message})` : ''}, so it cannot be changed safely. Correct it first; csp validate lists every problem.`,
    );
  }
  return { rec, file: rec.membersFile };
}

/** Adds a member (a seat on the board) from `joined`. */
export function joinMember(op: OpContext, m: JoinOptions): Promise<RosterResult> {
  return underLock(op, () => {
    const { rec, file } = roster(op);
    const known = rec.people.get(m.id);
    if (known)
      throw new UsageError(
        known.kind === 'member'
          ? `${m.id} is already a member (${known.name}, joined ${known.joined}${known.left ? `, left ${known.left}` : ''}); nothing was changed. A member who returns: remove their left: line in members.yaml.`
          : `${m.id} is on the roster under others (${known.name}). To give them a seat, move their entry from others to members in members.yaml, or choose another id.`,
      );
    const sectors = rec.settings.sectors;
    if (!sectors.includes(m.sector)) {
      const guess = nearest(m.sector, sectors);
      throw new UsageError(
        `--sector "${m.sector}" is not one of the partnership's sectors (${sectors.join(', ')}).${guess ? ` Did you mean "${guess}"?` : ''}`,
      );
    }
    const deputies = m.deputies.map((d) => {
      const r = rec.people.get(d);
      if (!r) {
        const guess = didYouMean(personGuesses(rec.people.values(), d));
        throw new UsageError(
          `--deputy "${d}": no one on the roster has that id.${guess || ' Add the deputy under others in members.yaml first.'}`,
        );
      }
      return r.id;
    });
    const entries: [string, YamlValue | undefined][] = [
      ['id', m.id],
      ['name', m.name],
      ['organisation', m.organisation],
      ['sector', m.sector],
      ['role', m.role],
      ['voting', m.voting],
      ['joined', m.joined],
      ['deputies', deputies.length > 0 ? deputies : undefined],
      ['email', m.email],
      ['phone', m.phone],
    ];
    const member = Object.fromEntries(entries.filter((e) => e[1] !== undefined)) as Record<string, unknown>;
    const data = structuredClone(file.data) as Record<string, unknown>;
    data.members = [...(Array.isArray(data.members) ? (data.members as unknown[]) : []), member];
    const edit = appendMapping(file, 'members', entries, [], 'block');
    const text = applyEdits(file.file.text, [spaced(file, 'members', edit)]) ?? '';
    writePlanned(op, [{ kind: 'edit', file: file.file, text, expected: data, wholeYaml: true }]);
    return { id: m.id, file: file.file.display, created: [], changed: [file.file.display], member };
  });
}

/** The new entry with the blank line before it that the entries already there have between them. */
function spaced(file: Loaded<unknown>, key: string, edit: Edit): Edit {
  const list = (file.data as Record<string, unknown>)[key];
  if (!Array.isArray(list) || list.length < 2) return edit;
  const text = file.file.text;
  const a = file.range([key, 0]);
  if (!a) return edit;
  const from = lineEndOf(text, a[1] - 1);
  const to = offsetOfLine(text, file.pos([key, 1]).line);
  const between = text.slice(from, Math.max(from, to));
  return /(^|\n)[ \t]*\r?\n/.test(between) ? { ...edit, text: file.file.eol + edit.text } : edit;
}

/** Records that the member `id` left the board on `date` (their seat ends that day). */
export function leaveMember(op: OpContext, ref: string, date: string): Promise<RosterResult> {
  return underLock(op, () => {
    const { rec, file } = roster(op);
    const index = rec.members.findIndex((m) => m.id === ref);
    if (index < 0) {
      const other = rec.people.get(ref);
      const guess = didYouMean(personGuesses(rec.members, ref));
      throw new UsageError(
        other
          ? `${ref} (${other.name}) has no seat: they are under others in members.yaml, so there is nothing to leave.`
          : `There is no member "${ref}" in members.yaml.${guess}`,
      );
    }
    const m = rec.members[index]!;
    if (m.left !== undefined)
      throw new UsageError(`${m.name} (${m.id}) already left on ${m.left}; nothing was changed.`);
    if (date <= m.joined)
      throw new UsageError(
        `--date ${date} is not after ${m.name} joined (${m.joined}). A seat ends on a day after it began.`,
      );
    const raw = (file.data as { members: Record<string, unknown>[] }).members;
    const rawIndex = raw.findIndex((x) => x.id === m.id);
    const data = structuredClone(file.data) as { members: Record<string, unknown>[] };
    data.members[rawIndex]!.left = date;
    const edit = addToMapping(file, ['members', rawIndex], 'left', date, 'joined');
    const text = applyEdits(file.file.text, [edit]) ?? '';
    writePlanned(op, [{ kind: 'edit', file: file.file, text, expected: data, wholeYaml: true }]);
    return {
      id: m.id,
      file: file.file.display,
      created: [],
      changed: [file.file.display],
      member: data.members[rawIndex]!,
    };
  });
}

/** Adds `key: value` to the mapping at `at`: after `afterKey`'s line in a block mapping, before the `}` of a flow one. */
export function addToMapping(
  file: Loaded<unknown>,
  at: (string | number)[],
  key: string,
  value: YamlValue,
  afterKey: string,
): Edit {
  const text = file.file.text;
  const r = file.range(at);
  if (!r) throw new Error(`no mapping at ${at.join('.')}`);
  const src = text.slice(r[0], r[1]);
  if (src.startsWith('{')) {
    // After the last value, before any space and the closing brace.
    let pos = r[0] + src.lastIndexOf('}');
    while (pos > r[0] && /[ \t]/.test(text[pos - 1]!)) pos--;
    return { start: pos, end: pos, text: `, ${key}: ${flowValue(value)}` };
  }
  const keyColumn = file.pos([...at, afterKey], true);
  const lineStart = offsetOfLine(text, keyColumn.line);
  const indent = ' '.repeat(keyColumn.column - 1);
  const vr = file.range([...at, afterKey]);
  const end = lineEndOf(text, (vr ? vr[1] : lineStart) - 1);
  return { start: end, end, text: `${indent}${key}: ${flowValue(value)}${file.file.eol}` };
}
