/**
 * Loading a record: list it, read each file once, parse its front matter (and, when
 * asked, its body), check it against its schema, and build the index. A broken file
 * becomes diagnostics on that file and the run goes on over the rest.
 */
import { listRecord, readText, type ReadResult } from '../workspace/read.js';
import type { BodyLink, ParsedBody } from '../parse/markdown.js';
import { markdownParser } from '../parse/lazy.js';
import type { SchemaKind } from '../schema/check.js';
import { isRealDate } from '../core/dates.js';
import type { Diagnostic, RuleId, Severity } from '../core/diagnostic.js';
import type { Env } from '../core/env.js';
import { ACTION_ID, MEETING_ID } from '../core/ids.js';
import { shown } from '../core/paths.js';
import { positions } from '../core/position.js';
import type {
  ActionDoc,
  ActionEntry,
  Loaded,
  MeetingDoc,
  MeetingEntry,
  Member,
  MinutesDoc,
  OtherPerson,
  Partnership,
  Person,
  RecordIndex,
  SourceFile,
} from '../model/types.js';
import { openCache } from './cache.js';
import { analysisKey, bodyKey, type ParseJob } from './parse-jobs.js';
import { prefetch } from './prefetch.js';
import { analyse, type Analysis } from './analyse.js';

/** What a command needs read. Bodies are the cost: parse them only when needed. */
export interface LoadOptions {
  /** The environment: the parse cache's settings (CSP_NO_CACHE, CSP_CACHE_DIR, CSP_WORKERS). */
  env: Env;
  /** Where debugging lines go (CSP_DEBUG), e.g. standard error. */
  trace?: ((line: string) => void) | undefined;
  /** Parse minutes bodies (items, decisions, action markers). */
  minutesBodies?: boolean;
  /** Parse every body for links (validation). */
  links?: boolean;
  /** Read meetings at all (actions listing does not need them). */
  meetings?: boolean;
}

/** The partnership's settings when partnership.md leaves them out (SPEC 1.1). */
export function withDefaults(raw: Partial<Partnership> & { name: string }): Partnership {
  const m: Partial<Partnership['meetings']> = raw.meetings ?? {};
  return {
    name: raw.name,
    short_name: raw.short_name ?? raw.name,
    contact: raw.contact ?? {},
    sectors: raw.sectors ?? [
      'local-authority',
      'police',
      'health',
      'probation',
      'fire',
      'housing',
      'voluntary',
      'business',
      'community',
    ],
    meetings: {
      frequency: m.frequency ?? 'quarterly',
      default_start: m.default_start ?? '14:00',
      default_venue: m.default_venue ?? 'Civic Centre',
      notice_working_days: m.notice_working_days ?? 5,
      holidays: m.holidays ?? 'GB-ENG',
    },
    quorum: raw.quorum ?? [
      { label: 'a Chair', roles: ['chair'], min: 1 },
      { label: 'local authority', sectors: ['local-authority'], min: 1 },
      { label: 'health', sectors: ['health'], min: 1 },
      { label: 'police', sectors: ['police'], min: 1 },
    ],
    absence_limit: raw.absence_limit ?? 3,
    minute_numbering: raw.minute_numbering ?? 'continuous',
    standard_items: {
      opening: raw.standard_items?.opening ?? [
        'Filming at meetings',
        'Apologies',
        'Urgent business',
        'Declarations of interest',
        'Minutes',
        'Membership',
      ],
      closing: raw.standard_items?.closing ?? ['New items of urgent business', 'Dates of future meetings'],
    },
    priorities: raw.priorities ?? [],
  };
}

/** A loaded record plus what was read from bodies, for the rules. */
export interface LoadedRecord extends RecordIndex {
  settings: Partnership;
  /** Links found in bodies, by file (display path), when links were asked for. */
  links: Map<string, { file: SourceFile; links: BodyLink[] }>;
  /** members.yaml, for positions of people in diagnostics. */
  membersFile?: Loaded<unknown> | undefined;
  /** Every action id with a file, whether or not the file could be read. */
  unreadActions: Set<string>;
  /** False when members.yaml could not be fully read: seat-based rules then stay quiet. */
  rosterComplete: boolean;
}

/** Reads the whole record under `root`. */
export function loadRecord(root: string, display: string, options: LoadOptions): LoadedRecord {
  const { minutesBodies = false, links: wantLinks = false, meetings: wantMeetings = true, env, trace } = options;
  const listing = listRecord(root, display);
  const cache = openCache(root, env);
  const diagnostics: Diagnostic[] = [...listing.diagnostics];
  const linkMap: LoadedRecord['links'] = new Map();

  const diag = (
    file: string,
    line: number,
    column: number,
    rule: RuleId,
    message: string,
    severity: Severity = 'error',
  ) => diagnostics.push({ file, line, column, severity, rule, message });

  // Read every file once, up front, so a large cold read can share the parsing out.
  const reads = new Map<string, ReadResult>();
  const readOnce = (abs: string): ReadResult => {
    let r = reads.get(abs);
    if (!r) {
      r = readText(root, display, abs);
      reads.set(abs, r);
    }
    return r;
  };
  const jobs: ParseJob[] = [];
  const job = (abs: string | undefined, kind: SchemaKind, frontMatter: boolean, body: ParseJob['body']) => {
    const r = abs === undefined ? undefined : readOnce(abs);
    if (r?.ok) jobs.push({ text: r.file.text, kind, frontMatter, body });
  };
  const linksOnly = wantLinks ? 'links' : 'none';
  job(listing.partnership, 'partnership', true, linksOnly);
  job(listing.members, 'members', false, 'none');
  if (wantMeetings) {
    for (const [id, found] of listing.meetings) {
      if (!MEETING_ID.test(id)) continue;
      job(found.meeting, 'meeting', true, linksOnly);
      job(found.minutes, 'minutes', true, minutesBodies ? 'minutes' : linksOnly);
    }
  }
  for (const [id, abs] of listing.actions) if (ACTION_ID.test(id)) job(abs, 'action', true, linksOnly);
  prefetch(jobs, cache, { env, trace });

  /** Reads and checks one file; undefined when it cannot be used. */
  function load<T>(
    abs: string,
    kind: SchemaKind,
    frontMatter: boolean,
  ): { loaded?: Loaded<T>; file?: SourceFile; partial?: unknown } {
    const read = readOnce(abs);
    if (!read.ok) {
      diagnostics.push(read.diagnostic);
      return {};
    }
    const file = read.file;
    const key = analysisKey(kind, frontMatter, file.text);
    let a = cache.get(key) as Analysis | undefined;
    if (!a) {
      a = analyse(file.text, kind, frontMatter);
      cache.set(key, a);
    }
    for (const p of a.problems) diag(file.display, p.line, p.column, p.rule, p.message, p.severity);
    if (a.state === 'none') return { file };
    if (a.state === 'partial') return { file, partial: a.data };
    return { loaded: loadedFrom<T>(file, a), file };
  }

  /** A body's items, decisions, markers and links, from the cache when the text is unchanged. */
  function body(file: SourceFile, bodyStart: number, bodyLine: number, minutes: boolean): ParsedBody {
    const key = bodyKey(minutes, bodyStart, bodyLine, file.text);
    let b = cache.get(key) as ParsedBody | undefined;
    if (!b) {
      b = markdownParser().parseBody(file.text, bodyStart, bodyLine, minutes);
      cache.set(key, b);
    }
    return b;
  }

  // partnership.md
  let partnership: Loaded<Partnership> | undefined;
  if (listing.partnership) {
    const { loaded, file } = load<Partnership>(listing.partnership, 'partnership', true);
    if (loaded) partnership = { ...loaded, data: withDefaults(loaded.data) };
    if (file && wantLinks)
      collectLinks(file, file.text.length === 0 ? 0 : (loaded?.bodyStart ?? -1), loaded?.bodyLine ?? 1);
  }
  const settings = partnership?.data ?? withDefaults({ name: 'Community Safety Partnership' });

  // members.yaml
  let membersFile: Loaded<unknown> | undefined;
  const members: Member[] = [];
  const others: OtherPerson[] = [];
  const people = new Map<string, Person>();
  if (listing.members) {
    const { loaded, partial } = load<{
      members: (Omit<Member, 'voting' | 'deputies'> & { voting?: boolean; deputies?: string[] })[];
      others?: OtherPerson[];
    }>(listing.members, 'members', false);
    if (loaded) {
      loaded.data.members.forEach((m, i) => {
        const member: Member = {
          ...m,
          voting: m.voting ?? (m.role === 'chair' || m.role === 'member' || m.role === 'co-opted'),
          deputies: m.deputies ?? [],
        };
        if (people.has(m.id)) {
          const at = loaded.pos(['members', i, 'id']);
          diag(
            loaded.file.display,
            at.line,
            at.column,
            'schema',
            `Two people have the id "${m.id}". Give each person an id of their own.`,
          );
          return;
        }
        members.push(member);
        people.set(m.id, { ...member, kind: 'member' });
      });
      (loaded.data.others ?? []).forEach((o, i) => {
        if (people.has(o.id)) {
          const at = loaded.pos(['others', i, 'id']);
          diag(
            loaded.file.display,
            at.line,
            at.column,
            'schema',
            `Two people have the id "${o.id}". Give each person an id of their own.`,
          );
          return;
        }
        others.push(o);
        people.set(o.id, { ...o, kind: 'other' });
      });
      membersFile = loaded;
    } else if (partial && typeof partial === 'object') {
      // The roster breaks its schema: still know who is on it, so one typo in
      // members.yaml does not turn every reference in the record into an error.
      for (const list of ['members', 'others'] as const) {
        const entries = (partial as Record<string, unknown>)[list];
        if (!Array.isArray(entries)) continue;
        for (const e of entries as (Record<string, unknown> | null)[]) {
          if (e !== null && typeof e.id === 'string' && typeof e.name === 'string' && !people.has(e.id)) {
            people.set(e.id, { id: e.id, name: e.name, kind: 'other' });
          }
        }
      }
    }
  }

  // meetings
  const meetings: MeetingEntry[] = [];
  if (wantMeetings) {
    for (const [id, found] of listing.meetings) {
      const rel = `meetings/${id}`;
      const shownDir = shown(display, rel);
      const m = MEETING_ID.exec(id);
      if (!m) {
        diag(
          shownDir,
          1,
          1,
          'layout',
          `"${id}" is not a meeting id. Name meeting folders by date, YYYY-MM-DD, or YYYY-MM-DD-slug for a second meeting on one day.`,
        );
        continue;
      }
      const date = m[1]!;
      if (!isRealDate(date)) {
        diag(
          shownDir,
          1,
          1,
          'date',
          `The meeting folder "${id}" is named after a day that does not exist. Rename it to the meeting's real date.`,
        );
        continue;
      }
      const entry: MeetingEntry = { id, date, dir: found.dir, papers: found.papers };
      if (!found.meeting) {
        diag(
          shownDir,
          1,
          1,
          'layout',
          `The meeting folder "${id}" has no meeting.md. Create it with: csp new-meeting --date ${date}${m[2] ? ` --slug ${m[2]}` : ''}`,
        );
      } else {
        const { loaded, file } = load<MeetingDoc>(found.meeting, 'meeting', true);
        if (loaded) {
          entry.meeting = loaded;
          if (loaded.data.date !== date) {
            const at = loaded.pos(['date']);
            diag(
              loaded.file.display,
              at.line,
              at.column,
              'date',
              `The meeting's date ${loaded.data.date} is not the date of its folder (${id}). Correct the date, or move the file to meetings/${loaded.data.date}/.`,
            );
          }
        }
        if (file && wantLinks) collectLinks(file, loaded?.bodyStart ?? -1, loaded?.bodyLine ?? 1);
      }
      if (found.minutes) {
        const { loaded, file } = load<MinutesDoc>(found.minutes, 'minutes', true);
        if (loaded) {
          entry.minutes = loaded;
          if (minutesBodies) {
            const parsedBody = body(loaded.file, loaded.bodyStart, loaded.bodyLine, true);
            entry.items = parsedBody.items;
            for (const p of parsedBody.problems) diag(loaded.file.display, p.line, p.column, p.rule, p.message);
            if (wantLinks) linkMap.set(loaded.file.display, { file: loaded.file, links: parsedBody.links });
          } else if (wantLinks && file) collectLinks(file, loaded.bodyStart, loaded.bodyLine);
        }
      }
      meetings.push(entry);
    }
    meetings.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  // actions
  const actions: ActionEntry[] = [];
  for (const [id, abs] of listing.actions) {
    if (!ACTION_ID.test(id)) {
      diag(
        shown(display, `actions/${id}.md`),
        1,
        1,
        'layout',
        `"${id}" is not an action id. Name action files with lower-case letters, digits and hyphens, e.g. 2015-10-08-171-1.md.`,
      );
      continue;
    }
    const { loaded, file } = load<ActionDoc>(abs, 'action', true);
    if (loaded) actions.push({ id, action: loaded });
    if (file && wantLinks) collectLinks(file, loaded?.bodyStart ?? -1, loaded?.bodyLine ?? 1);
  }

  function collectLinks(file: SourceFile, bodyStart: number, bodyLine: number): void {
    if (bodyStart < 0) return;
    const parsedBody = body(file, bodyStart, bodyLine, false);
    for (const p of parsedBody.problems) diag(file.display, p.line, p.column, p.rule, p.message);
    linkMap.set(file.display, { file, links: parsedBody.links });
  }

  cache.save(wantMeetings && minutesBodies && wantLinks);
  return {
    root,
    display,
    partnership,
    settings,
    members,
    others,
    people,
    meetings,
    meetingsById: new Map(meetings.map((m) => [m.id, m])),
    actions,
    actionsById: new Map(actions.map((a) => [a.id, a])),
    diagnostics,
    links: linkMap,
    membersFile,
    unreadActions: new Set(listing.actions.keys()),
    rosterComplete: membersFile !== undefined,
  };
}

/** A Loaded view of a file: its data, and positions from the node table. */
function loadedFrom<T>(file: SourceFile, a: Analysis): Loaded<T> {
  const table = a.table ?? {};
  // Keys of the node table are the path's segments joined by NUL (see NodeTable).
  const at = positions(file.text);
  return {
    file,
    data: a.data as T,
    pos(path, key = false) {
      for (let n = path.length; n >= 0; n--) {
        const e = table[path.slice(0, n).map(String).join('\u0000')];
        if (!e) continue;
        // The nearest node that exists: its key when asked for, else its value.
        return at(a.yamlStart + (key && e[0] >= 0 ? e[0] : e[1]));
      }
      return at(a.yamlStart);
    },
    range(path) {
      const e = table[path.map(String).join('\u0000')];
      return e ? [a.yamlStart + e[1], a.yamlStart + e[2]] : undefined;
    },
    bodyLine: a.bodyLine,
    bodyStart: a.bodyStart,
  };
}
