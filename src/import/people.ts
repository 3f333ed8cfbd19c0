/**
 * Finding the people the minutes name on the roster. A name matches when it is the same
 * as a roster name, or a person's id, once case, apostrophe style, repeated spaces and
 * honorifics are set aside ("Supt Amanda Dellar" is "Amanda Dellar"). Nothing is guessed:
 * a name that matches no one, or more than one person, is reported with the nearest names.
 */

import { aliasInUse, normaliseName, slugOf } from '../core/names.js';

export { normaliseName, slugOf };

/** One person on the roster, as the importer needs them. */
export interface RosterPerson {
  id: string;
  name: string;
  kind: 'member' | 'other';
  organisation?: string;
  joined?: string;
  left?: string;
  deputies?: string[];
  /** Other names or initials the minutes use for this person (with dates when known). */
  aliases?: { name: string; from?: string; to?: string }[];
}

/** A group on the roster that can own actions ("All CSP members", "Partners"). */
export interface RosterGroup {
  id: string;
  name: string;
  aliases?: { name: string; from?: string; to?: string }[];
}

/** The answer for one name. */
export type Resolution =
  { ok: true; id: string; person: RosterPerson } | { ok: false; name: string; nearest: string[]; ambiguous: boolean };

/** The initials of a name without honorifics ("Eubert Malcolm" → "em"). */
function initials(name: string): string {
  return normaliseName(name)
    .split(/[\s-]+/)
    .filter(Boolean)
    .map((w) => w[0])
    .join('');
}

/** Edit distance between two short strings (bounded work: names are short). */
export function distance(a: string, b: string): number {
  if (a === b) return 0;
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const keep = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = keep;
    }
  }
  return prev[b.length]!;
}

/** True when a person held the alias (or seat) on the day. */
function onDay(from: string | undefined, to: string | undefined, date: string | undefined): boolean {
  if (!date) return true;
  return (!from || from <= date) && (!to || date < to);
}

/** The roster, indexed for name look-ups. */
export class Roster {
  readonly people: RosterPerson[];
  private readonly byId = new Map<string, RosterPerson>();

  readonly groups: RosterGroup[];

  constructor(people: RosterPerson[], groups: RosterGroup[] = []) {
    this.people = people;
    this.groups = groups;
    for (const p of people) this.byId.set(p.id, p);
  }

  /** A copy with the same people and groups, for a reading whose additions must not stay. */
  copy(): Roster {
    return new Roster([...this.people], this.groups);
  }

  /**
   * An action owner: a person as `resolve` finds them, else a group by its id, name or an
   * alias in use on the day (a group owns an action as a person does).
   */
  resolveOwner(written: string, date?: string): Resolution {
    const r = this.resolve(written, date);
    if (r.ok || r.ambiguous) return r;
    const key = normaliseName(written);
    const group =
      this.groups.find((g) => g.id === written.trim() || normaliseName(g.name) === key) ??
      this.groups.find((g) => (g.aliases ?? []).some((a) => normaliseName(a.name) === key && aliasInUse(a, date)));
    if (!group || key === '') return r;
    return { ok: true, id: group.id, person: { id: group.id, name: group.name, kind: 'other' } };
  }

  /** The person with this id. */
  get(id: string): RosterPerson | undefined {
    return this.byId.get(id);
  }

  /** True when the person holds a seat on the board on the day. */
  seated(id: string, date: string | undefined): boolean {
    const p = this.byId.get(id);
    return !!p && p.kind === 'member' && onDay(p.joined, p.left, date);
  }

  /** Adds a person (for --add-people), so later names in the same document find them. */
  add(p: RosterPerson): void {
    this.people.push(p);
    this.byId.set(p.id, p);
  }

  /** An id not yet used, made from a name. */
  freeId(name: string): string {
    const base = slugOf(name) || 'person';
    let id = base;
    for (let n = 2; this.byId.has(id); n++) id = `${base}-${n}`;
    return id;
  }

  /** Finds the one person a name means on the day, or says why not with the nearest names. */
  resolve(written: string, date?: string): Resolution {
    const name = written.trim();
    const direct = this.byId.get(name);
    if (direct) return { ok: true, id: direct.id, person: direct };
    const key = normaliseName(name);
    if (!key) return { ok: false, name, nearest: [], ambiguous: false };
    let found = this.people.filter((p) => normaliseName(p.name) === key || p.id === slugOf(name));
    if (!found.length)
      found = this.people.filter((p) =>
        (p.aliases ?? []).some((a) => normaliseName(a.name) === key && aliasInUse(a, date)),
      );
    if (found.length > 1) {
      const seated = found.filter((p) => this.seated(p.id, date));
      if (seated.length === 1) found = seated;
    }
    if (found.length === 1) return { ok: true, id: found[0]!.id, person: found[0]! };
    if (found.length > 1) return { ok: false, name, nearest: found.map(label), ambiguous: true };
    return { ok: false, name, nearest: this.nearest(key), ambiguous: false };
  }

  /** Up to three roster names close to a normalised name: by spelling, by initials, by surname. */
  private nearest(key: string): string[] {
    const scored: { p: RosterPerson; score: number; why?: string }[] = [];
    const compact = key.replace(/[\s'-]/g, '');
    for (const p of this.people) {
      const n = normaliseName(p.name);
      const d = distance(key, n);
      if (d <= Math.max(2, Math.floor(n.length * 0.3))) scored.push({ p, score: d });
      else if (compact.length >= 2 && compact.length <= 4 && /^[a-z]+$/.test(compact) && initials(p.name) === compact)
        scored.push({ p, score: 3, why: `initials ${compact.toUpperCase()}` });
      else if (key.split(' ').length > 1 && n.split(' ').pop() === key.split(' ').pop()) scored.push({ p, score: 5 });
      else if (p.id.includes(key) && key.length > 3) scored.push({ p, score: 6 });
    }
    scored.sort((a, b) => a.score - b.score || a.p.name.localeCompare(b.p.name));
    return scored.slice(0, 3).map((s) => (s.why ? `${label(s.p)}, ${s.why}` : label(s.p)));
  }
}

/** "Name (id)", as the report shows a roster person. */
export function label(p: RosterPerson): string {
  return `${p.name} (${p.id})`;
}
