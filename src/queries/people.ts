/** Who is who: members on a date, and names or ids as the clerk writes them. */
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
  return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(s);
}
