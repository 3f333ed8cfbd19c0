/**
 * Records for the import tests. The roster of seed 002 holds exactly the people its
 * minutes name (ids made from their names); organisations and sectors are not named in
 * the minutes, so councillors are placed with the council and everyone else under one
 * placeholder organisation.
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { minimalRecord } from './helpers.js';

/**
 * The source minutes the importer is tried on: `shared/seeds` beside the project's
 * checkout (CI puts it there), or beside a folder above it (a checkout in a subfolder).
 */
export const SEEDS = findSeeds();

function findSeeds(): string {
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
  for (let dir = root; ; dir = path.dirname(dir)) {
    const candidate = path.join(path.dirname(dir), 'shared', 'seeds');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) break;
  }
  throw new Error(`The import tests need the source minutes in shared/seeds beside the checkout (${root}).`);
}

const COUNCIL = 'Haringey Council';
const PARTNER = 'Partner organisation (not named in the minutes)';

interface P {
  name: string;
  chair?: boolean;
  deputies?: string[];
}

const MEMBERS: P[] = [
  { name: 'Cllr Bernice Vanier', chair: true },
  { name: 'Andrew Blight' },
  { name: 'Craig Carter' },
  { name: 'Tracie Evans' },
  { name: 'Paul Leslie' },
  { name: 'Eubert Malcolm' },
  { name: 'Stephen McDonnell' },
  { name: 'Cllr Martin Newton' },
  { name: 'Sharon Morgan' },
  { name: 'Jill Shattock' },
  { name: 'Beverley Tarka' },
  { name: 'Cllr Ann Waters' },
  { name: 'John Abbey', deputies: ['gill-gibson'] },
  { name: 'Hamera Asfa Davey' },
  { name: 'Andrew Billany' },
  { name: 'Douglas Charlton' },
  { name: 'Joanne McCartney' },
  { name: 'Victor Olisa', deputies: ['amanda-dellar'] },
];

const OTHERS = [
  'Gill Gibson',
  'Supt Amanda Dellar',
  'Sandeep Broca',
  'Peter de Bourg',
  'Craig Dixen',
  'Victoria Hill',
  'Claire Kowalska',
  'Gareth Llywelynn-Roberts',
  'Kate Watson',
  'Otis Williams',
];

/** An id from a name, without honorifics. */
export function idOf(name: string): string {
  return name
    .replace(/^(?:Cllr|Supt)\s+/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-');
}

/** members.yaml holding seed 002's people (and the clerk). */
export function seedRoster(): string {
  const lines = ['# The people seed 002 names', 'members:'];
  for (const m of MEMBERS) {
    const cllr = m.name.startsWith('Cllr ');
    const parts = [
      `id: ${idOf(m.name)}`,
      `name: ${m.name}`,
      `organisation: ${cllr ? COUNCIL : `"${PARTNER}"`}`,
      `sector: ${cllr ? 'local-authority' : 'community'}`,
      `role: ${m.chair ? 'chair' : 'member'}`,
      'joined: 2015-01-01',
    ];
    if (m.deputies) parts.push(`deputies: [${m.deputies.join(', ')}]`);
    lines.push(`  - { ${parts.join(', ')} }`);
  }
  lines.push('others:');
  for (const o of OTHERS) lines.push(`  - { id: ${idOf(o)}, name: ${o} }`);
  lines.push('  - { id: clerk, name: Committee Clerk, organisation: Haringey Council }', '');
  return lines.join('\n');
}

/** A record with seed 002's people, and a partnership whose quorum is one Chair. */
export function seedRecord(extra: Record<string, string> = {}): string {
  return minimalRecord({
    'partnership.md':
      '---\nname: Haringey Community Safety Partnership\nshort_name: Haringey CSP\nquorum:\n  - { label: a Chair, roles: [chair], min: 1 }\n---\nTerms of reference.\n',
    'members.yaml': seedRoster(),
    ...extra,
  });
}

/** Copies a seed into dir under a name, returning the path. */
export function copySeed(dir: string, seed: string, name: string): string {
  mkdirSync(dir, { recursive: true });
  const to = path.join(dir, name);
  copyFileSync(path.join(SEEDS, seed), to);
  return to;
}
