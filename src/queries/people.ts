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
  throw new UsageError(
    `${option} "${value}": no one on the roster (members.yaml) has that id or name.${didYouMean(personGuesses(rec.people.values(), value))}`,
  );
}

/** A first name as compared: the first word of the name without honorifics ("Supt Pat Police" is "pat"). */
function firstName(name: string): string {
  return normaliseName(name).split(' ')[0] ?? '';
}

/**
 * Who the clerk may have meant by a person the roster does not know: everyone whose
 * first name it is, or whose id starts with it ("yusuf" is yusuf-ahmed), else the
 * nearest id or name by spelling, else those of the nearest first name. Ids, except a
 * name given for a name ("Dr Hana Helth" is "Dr Hana Health"); at most three.
 */
export function personGuesses(people: Iterable<Pick<Person, 'id' | 'name'>>, typed: string): string[] {
  const all = [...people];
  const word = normaliseName(typed);
  const byFirst = (w: string) =>
    w === '' || w.includes(' ') ? [] : all.filter((p) => p.id.split('-')[0] === w || firstName(p.name) === w);
  const first = byFirst(word);
  if (first.length > 0) return first.slice(0, 3).map((p) => p.id);
  const id = nearest(
    typed,
    all.map((p) => p.id),
  );
  if (id !== undefined) return [id];
  const name = nearest(
    typed,
    all.map((p) => p.name),
  );
  if (name !== undefined) return [name];
  const close = word.includes(' ') ? undefined : nearest(word, [...new Set(all.map((p) => firstName(p.name)))]);
  return close === undefined
    ? []
    : byFirst(close)
        .slice(0, 3)
        .map((p) => p.id);
}

/** " Did you mean "a"?" (or "a" or "b"), or nothing when there is no guess. */
export function didYouMean(guesses: readonly string[]): string {
  if (guesses.length === 0) return '';
  const q = guesses.map((g) => `"${g}"`);
  return ` Did you mean ${q.length === 1 ? q[0] : `${q.slice(0, -1).join(', ')} or ${q[q.length - 1]}`}?`;
}
