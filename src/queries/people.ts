/** Who is who: members on a date, and names or ids as the clerk writes them. */
import { UsageError } from '../core/errors.js';
import { nearest } from '../core/nearest.js';
import { SLUG } from '../core/ids.js';
import { aliasInUse, aliasOf, normaliseName } from '../core/names.js';
import type { Alias, Group, Member, Person, RecordIndex } from '../model/types.js';

/** Members whose seat covers `date` (joined <= date < left). */
export function membersOn(index: Pick<RecordIndex, 'members'>, date: string): Member[] {
  return index.members.filter((m) => m.joined <= date && (m.left === undefined || date < m.left));
}

export type Resolved = { person: Person } | { ambiguous: Person[] } | { unknown: true };

/** Whether a person (or group) is known by `key` (a normalised name) on `date`: by name, or an alias in use that day. */
function knownAs(
  p: { name: string; aliases?: (string | Alias)[] },
  key: string,
  date: string | undefined,
  byAlias: boolean,
): boolean {
  if (!byAlias) return normaliseName(p.name) === key;
  return (p.aliases ?? []).some((a) => {
    const alias = aliasOf(a);
    return normaliseName(alias.name) === key && aliasInUse(alias, date);
  });
}

/**
 * Looks a person up by id, or by name as the minutes write it: the roster name or an alias
 * in use on `date` (any day when no date is given), ignoring case, apostrophe style, spacing
 * and honorifics ("Cllr. Alan Butcher" is "Alan Butcher"). A name is tried before aliases;
 * two people it fits on the day make it ambiguous.
 */
export function resolvePerson(index: Pick<RecordIndex, 'people'>, ref: string, date?: string): Resolved {
  const byId = index.people.get(ref) ?? index.people.get(ref.toLowerCase());
  if (byId) return { person: byId };
  const wanted = normaliseName(ref);
  if (wanted === '') return { unknown: true };
  const people = [...index.people.values()];
  for (const byAlias of [false, true]) {
    const matches = people.filter((p) => knownAs(p, wanted, date, byAlias));
    if (matches.length === 1) return { person: matches[0]! };
    if (matches.length > 1) return { ambiguous: matches };
  }
  return { unknown: true };
}

export type ResolvedOwner = Resolved | { group: Group };

/** An action owner: a person, or a group by its id, name or alias. */
export function resolveOwner(index: Pick<RecordIndex, 'people' | 'groups'>, ref: string, date?: string): ResolvedOwner {
  const group = index.groups.get(ref);
  if (group) return { group };
  const person = resolvePerson(index, ref, date);
  if (!('unknown' in person)) return person;
  const wanted = normaliseName(ref);
  if (wanted === '') return person;
  for (const byAlias of [false, true]) {
    const matches = [...index.groups.values()].filter((g) => knownAs(g, wanted, date, byAlias));
    if (matches.length === 1) return { group: matches[0]! };
  }
  return person;
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

/** Looks owners (people and groups) up on the loaded roster. */
export function ownerLookup(rec: Pick<RecordIndex, 'people'> & Partial<Pick<RecordIndex, 'groups'>>): OwnerLookup {
  return (id) => {
    const p = rec.people.get(id);
    const g = rec.groups?.get(id);
    if (!p && g)
      return g.organisation !== undefined ? { name: g.name, organisation: g.organisation } : { name: g.name };
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
