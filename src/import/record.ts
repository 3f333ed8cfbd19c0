/**
 * What the importer needs to know of the record it imports into: the roster, the
 * partnership's numbering and standard items, the last minute number, the meetings, and
 * which documents were imported before (by their SHA-256). Read-only.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { Roster, type RosterPerson } from './people.js';

/** The facts of the record that shape an import. */
export interface RecordFacts {
  roster: Roster;
  numbering: 'continuous' | 'per-meeting';
  standardTitles: string[];
  decisionWords: string[];
  /** Meeting ids, sorted. */
  meetings: string[];
  /** The highest minute number in any minutes before the date (continuous numbering). */
  lastNumberBefore(date: string | undefined): number;
  /** Meeting id of the minutes that record an import of this SHA-256, if any. */
  importedAs(sha256: string): string | undefined;
  /** Notes a meeting imported in this run, so the next document continues after it. */
  recordImport(id: string, sha256: string, lastMinute: number | undefined): void;
}

const DEFAULT_STANDARD = [
  'Filming at meetings',
  'Apologies',
  'Urgent business',
  'Declarations of interest',
  'Minutes',
  'Membership',
  'New items of urgent business',
  'Dates of future meetings',
];

/** The record's facts, or a message saying which file could not be read. */
export async function readFacts(root: string): Promise<RecordFacts | { message: string }> {
  let members: unknown;
  try {
    members = parse((await readFile(path.join(root, 'members.yaml'), 'utf8')).replace(/^\uFEFF/, ''), {
      version: '1.2',
      schema: 'core',
      maxAliasCount: 100,
    });
  } catch (e) {
    return {
      message: `members.yaml cannot be read (${(e as Error).message.split('\n')[0]}); run csp validate and mend it first.`,
    };
  }
  const people: RosterPerson[] = [];
  const m = (members ?? {}) as { members?: unknown[]; others?: unknown[] };
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  for (const [kind, list] of [
    ['member', m.members],
    ['other', m.others],
  ] as const) {
    for (const raw of Array.isArray(list) ? list : []) {
      const r = raw as Record<string, unknown>;
      const id = str(r.id);
      const name = str(r.name);
      if (!id || !name) continue;
      const p: RosterPerson = { id, name, kind };
      const org = str(r.organisation);
      if (org) p.organisation = org;
      const joined = str(r.joined);
      if (joined) p.joined = joined;
      const left = str(r.left);
      if (left) p.left = left;
      if (Array.isArray(r.aliases)) {
        p.aliases = r.aliases.flatMap((a: unknown) => {
          if (typeof a === 'string') return [{ name: a }];
          if (typeof a !== 'object' || a === null) return [];
          const o = a as Record<string, unknown>;
          const n = str(o.name);
          if (!n) return [];
          const alias: { name: string; from?: string; to?: string } = { name: n };
          if (str(o.from)) alias.from = str(o.from)!;
          if (str(o.to)) alias.to = str(o.to)!;
          return [alias];
        });
      }
      people.push(p);
    }
  }

  let settings: Record<string, unknown>;
  try {
    const text = (await readFile(path.join(root, 'partnership.md'), 'utf8')).replace(/^\uFEFF/, '');
    const fm = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
    const parsed: unknown = fm ? parse(fm[1]!, { version: '1.2', schema: 'core', maxAliasCount: 100 }) : {};
    settings = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    settings = {};
  }
  const standard = settings.standard_items as { opening?: unknown; closing?: unknown } | undefined;
  const titles = [
    ...(Array.isArray(standard?.opening) ? (standard.opening as unknown[]) : []),
    ...(Array.isArray(standard?.closing) ? (standard.closing as unknown[]) : []),
  ].filter((t): t is string => typeof t === 'string');
  const words = Array.isArray(settings.decision_words)
    ? (settings.decision_words as unknown[]).filter((w): w is string => typeof w === 'string')
    : ['RESOLVED'];

  const meetings: string[] = [];
  const numbers = new Map<string, number>();
  const shas = new Map<string, string>();
  let entries: string[];
  try {
    entries = (await readdir(path.join(root, 'meetings'), { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
  } catch {
    entries = [];
  }
  for (const id of entries.sort()) {
    if (!/^\d{4}-\d{2}-\d{2}(?:-[a-z0-9]+(?:-[a-z0-9]+)*)?$/.test(id)) continue;
    meetings.push(id);
    let text: string;
    try {
      text = await readFile(path.join(root, 'meetings', id, 'minutes.md'), 'utf8');
    } catch {
      continue;
    }
    let max = 0;
    for (const h of text.matchAll(/^##[ \t]+(\d{1,6})\./gm)) max = Math.max(max, Number(h[1]));
    if (max) numbers.set(id, max);
    const sha =
      /^imported_from:[^\n]*\bsha256:\s*"?([0-9a-f]{64})/m.exec(text) ?? /^\s+sha256:\s*"?([0-9a-f]{64})/m.exec(text);
    if (sha) shas.set(sha[1]!, id);
  }

  return {
    roster: new Roster(people),
    numbering: settings.minute_numbering === 'per-meeting' ? 'per-meeting' : 'continuous',
    standardTitles: titles.length ? titles : DEFAULT_STANDARD,
    decisionWords: words.length ? words : ['RESOLVED'],
    meetings,
    lastNumberBefore(date) {
      let last = 0;
      for (const [id, n] of numbers) if (!date || id.slice(0, 10) < date) last = Math.max(last, n);
      return last;
    },
    importedAs: (sha) => shas.get(sha),
    recordImport(id, sha, last) {
      if (!meetings.includes(id)) meetings.push(id);
      meetings.sort();
      shas.set(sha, id);
      if (last) numbers.set(id, last);
    },
  };
}
