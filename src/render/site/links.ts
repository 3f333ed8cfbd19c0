/**
 * Where a link or an action marker in published markdown goes: the same answer whether a
 * fragment is rendered on the main thread (from the public view) or in a worker thread
 * (from the facts of the view sent to it), since both answer through these functions.
 */
import path from 'node:path';
import { formatLongDate } from '../../core/dates.js';
import type { MarkdownOptions } from '../html/markdown.js';
import { href } from './layout.js';

/** A meeting as links see it: whether its agenda is out, its folder in the record, its papers and those withheld. */
export interface LinkMeeting {
  agendaOut: boolean;
  dir: string;
  hasPaper(key: string): boolean;
  withheld(key: string): boolean;
}

/** What links and markers depend on besides the fragment itself. */
export interface LinkSource {
  meeting(id: string): LinkMeeting | undefined;
  /** Whether the action is on the tracker (published, not exempt). */
  publicAction(id: string): boolean;
  /** What an owner written in a marker shows: the person's name and organisation, or the text as written. */
  owner(written: string): string;
}

/** The key of a paper in a meeting's folder, as the site and the record's links name it. */
export function paperKey(p: string): string {
  return path.posix.normalize(p.replace(/\\/g, '/')).replace(/^\.\//, '');
}

export const meetingPath = (id: string) => `meetings/${id}.html`;
export const actionAnchor = (id: string) => `action-${id}`;

/**
 * Resolves a relative link in a body held in `sourceDir` (a folder of the record, e.g.
 * "meetings/2026-10-08") to a file of the site: a meeting's page, a published paper,
 * the terms of reference or an action; anything else is dropped. Papers linked are added
 * to `linked` ([site path, source]).
 */
export function linkResolver(
  source: LinkSource,
  fromPage: string,
  sourceDir: string,
  linked: () => [string, string][] | undefined,
): (url: string) => string | undefined {
  return (url) => {
    const clean = url.split(/[?#]/)[0]!;
    let decoded: string;
    try {
      decoded = decodeURIComponent(clean);
    } catch {
      return undefined;
    }
    const rel = path.posix.normalize(path.posix.join(sourceDir, decoded));
    if (rel.startsWith('..')) return undefined;
    if (rel === 'partnership.md') return href(fromPage, 'terms-of-reference.html');
    const meeting = /^meetings\/([^/]+)(?:\/(?:meeting\.md|minutes\.md)?)?$/.exec(rel);
    if (meeting && source.meeting(meeting[1]!)) return href(fromPage, meetingPath(meeting[1]!));
    const paper = /^meetings\/([^/]+)\/(papers\/.+)$/.exec(rel);
    if (paper) {
      const pm = source.meeting(paper[1]!);
      const key = paperKey(paper[2]!);
      if (!pm || !pm.agendaOut || !pm.hasPaper(key) || pm.withheld(key)) return undefined;
      const site = `meetings/${paper[1]!}/${key}`;
      linked()?.push([site, path.join(pm.dir, ...key.split('/'))]);
      return href(fromPage, site);
    }
    const action = /^actions\/([^/]+)\.md$/.exec(rel);
    if (action && source.publicAction(action[1]!)) return href(fromPage, `actions.html#${actionAnchor(action[1]!)}`);
    return undefined;
  };
}

/** The owners written in a marker's text (before the first ";"), as written. */
export function markerOwners(inner: string): string[] {
  const [ownersPart] = inner.split(';');
  return (ownersPart ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '');
}

/** What an action marker in published minutes shows: owners with organisations, the due date, a link to the tracker. */
export function markerLabel(source: LinkSource, fromPage: string): NonNullable<MarkdownOptions['actionMarker']> {
  return (id, inner) => {
    const [, ...rest] = inner.split(';');
    const owners = markerOwners(inner).map((o) => source.owner(o));
    const due = rest.map((x) => /^\s*due\s+(\d{4}-\d{2}-\d{2})\s*$/i.exec(x)?.[1]).find((x) => x !== undefined);
    const text = `Action: ${owners.join(', ')}${due ? `; due ${formatLongDate(due)}` : ''}`;
    return id !== undefined && source.publicAction(id)
      ? { text, href: href(fromPage, `actions.html#${actionAnchor(id)}`) }
      : { text };
  };
}

/** The facts of the view links and markers need, as plain data a worker thread can be sent. */
export interface LinkFacts {
  meetings: Record<string, { agendaOut: boolean; dir: string; papers: string[]; withheld: string[] }>;
  publicActions: string[];
  /** What each owner written in the fragments sent shows. */
  owners: Record<string, string>;
}

/** An owner a worker was not told about: the fragment is left to the main thread. */
export class UnknownOwner extends Error {}

/** Links and markers answered from the facts sent to a worker. */
export function factsSource(facts: LinkFacts): LinkSource {
  const meetings = new Map(
    Object.entries(facts.meetings).map(([id, m]) => {
      const papers = new Set(m.papers);
      const withheld = new Set(m.withheld);
      const lm: LinkMeeting = {
        agendaOut: m.agendaOut,
        dir: m.dir,
        hasPaper: (k) => papers.has(k),
        withheld: (k) => withheld.has(k),
      };
      return [id, lm] as const;
    }),
  );
  const actions = new Set(facts.publicActions);
  const owners = new Map(Object.entries(facts.owners));
  return {
    meeting: (id) => meetings.get(id),
    publicAction: (id) => actions.has(id),
    owner: (written) => {
      const shown = owners.get(written);
      if (shown === undefined) throw new UnknownOwner(written);
      return shown;
    },
  };
}

/** A fragment of record markdown to render, as plain data: what a worker thread is sent. */
export interface FragmentJob {
  markdown: string;
  /** The page it goes on, and the folder of the record its links start from. */
  from: string;
  sourceDir: string;
  /** Its render-cache scope: the page and the folder. */
  scope: string;
  /** Its options besides the link resolver and the marker label (which it has). */
  options: { headingBase: number; decisions: readonly string[] };
}

/** The full options of a fragment job, its links and markers answered by `source`; papers linked go to `linked`. */
export function jobOptions(
  job: FragmentJob,
  source: LinkSource,
  linked: () => [string, string][] | undefined,
): MarkdownOptions {
  return {
    ...job.options,
    resolveLink: linkResolver(source, job.from, job.sourceDir, linked),
    actionMarker: markerLabel(source, job.from),
  };
}
