/** Who is who: members on a date, and names or ids as the clerk writes them. */
import { UsageError } from '../core/errors.js';
import { nearest } from '../core/nearest.js';
import { SLUG } from '../core/ids.js';
import type { Member, Person, RecordIndex } from '../model/types.js';

/** Members whose seat covers `date` (joined <= date < left). */
export function membersOn(index: Pick<RecordIndex, 'members'>, date: string): Member[] {
  return index.members.filter((m) => m.joined <= date && (m.left === undefined || date < m.left));
}

export type Resolved = { person: Person } | { ambiguous: Person[] } | { unknown: true };

/** Looks a person up by id, or by their exact roster name (case-insensitive). */
export function resolvePerson(index: Pick<RecordIndex, 'people'>, ref: string): Resolved {
  const byId = index.people.get(ref) ?? index.people.get(ref.toLowerCase());
  if (byId) return { person: byId };
  const wanted = ref.trim().toLowerCase();
  const matches = [...index.people.values()].filter((p) => p.name.trim().toLowerCase() === wanted);
  if (matches.length === 1) return { person: matches[0]! };
  if (matches.length > 1) return { ambiguous: matches };
  return { unknown: true };
}

/** A person's name, or the text itself when it names no one on the roster. */
export function displayName(index: Pick<RecordIndex, 'people'>, ref: string): string {
  const r = resolvePerson(index, ref);
  return 'person' in r ? r.person.name : ref;
}

/** Looks like an id (lower-case, hyphens) rather than free text such as "Kate Watson (Public Health)". */
export function looksLikeId(s: string): boolean {
  return SLUG.test(s);
}

/** Who an owner id is, for display; undefined when the id is not on the roster. */
export type OwnerLookup = (id: string) => { name: string; organisation?: string } | undefined;

/** Looks owners up on the loaded roster. */
export function ownerLookup(rec: Pick<RecordIndex, 'people'>): OwnerLookup {
  return (id) => {
    const p = rec.people.get(id);
    if (!p) return undefined;
    return p.organisation ? { name: p.name, organisation: p.organisation } : { name: p.name };
  };
}

/** Resolves a person the user typed (id or roster name) to an id; exit 2 when unknown or ambiguous. */
export function personOption(rec: Pick<RecordIndex, 'people'>, value: string, option: string): string {
  const r = resolvePerson(rec, value);
  if ('person' in r) return r.person.id;
  if ('ambiguous' in r) {
    throw new UsageError(
      `${option} "${value}" matches ${r.ambiguous.length} people (${r.ambiguous.map((p) => p.id).join(', ')}). Give the person's id instead.`,
    );
  }
  const guess =
    nearest(value, [...rec.people.keys()]) ??
    nearest(
      value,
      [...rec.people.values()].map((p) => p.name),
    );
  throw new UsageError(
    `${option} "${value}": no one on the roster (members.yaml) has that id or name.${guess ? ` Did you mean "${guess}"?` : ''}`,
  );
}
