/**
 * Loading a record: list it, read each file once, parse its front matter (and, when
 * asked, its body), check it against its schema, and build the index. A broken file
 * becomes diagnostics on that file and the run goes on over the rest.
 */
import { listRecord } from '../workspace/read.js';
import { parseBody, withItemText, type BodyLink, type BodyOptions } from '../parse/body.js';
import { DEFAULT_DECISION_WORDS } from '../core/decision-words.js';
import { numberingOn } from '../core/minute-label.js';
import { isRealDate } from '../core/dates.js';
import type { Diagnostic, RuleId, Severity } from '../core/diagnostic.js';
import type { Env } from '../core/env.js';
import { ACTION_ID, MEETING_ID } from '../core/ids.js';
import { shown } from '../core/paths.js';
import { lineStarts, type Position } from '../core/position.js';
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
  Group,
  RecordIndex,
  SourceFile,
} from '../model/types.js';
import { analyse } from './analyse.js';
import { FileIndex } from './file-index.js';
import { positionIn, readRecordFiles, type FileView } from './files.js';
import { linksOnly, type Places } from './read-file.js';
import { wantedFiles } from './wanted.js';

/**
 * What a command needs read: partnership.md and members.yaml always; then the meetings
 * (all, some named, or none), the actions, and which bodies. Bodies are the cost: they
 * are read only when asked for.
 */
export interface LoadOptions {
  /** The environment: the index's settings (CSP_NO_CACHE, CSP_CACHE_DIR) and CSP_WORKERS. */
  env: Env;
  /** Where debugging lines go (CSP_DEBUG), e.g. standard error. */
  trace?: ((line: string) => void) | undefined;
  /** Read minutes bodies (items, decisions, action markers): of every meeting read, or of the meetings named. */
  minutesBodies?: boolean | readonly string[];
  /** Read every body for links (validation). */
  links?: boolean;
  /** Read meetings: all (true), none (false), or only the meetings named (the names of all are still listed). */
  meetings?: boolean | readonly string[];
  /** Read actions/ (default true). */
  actions?: boolean;
  /** Keep the text of every file read (a command that reads them all, e.g. export), rather than read it again when asked for. */
  texts?: boolean;
}

/** The partnership's settings when partnership.md leaves them out (as docs/record-format.md gives them). */
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
    year_starts: raw.year_starts ?? '01-01',
    ...(raw.minute_label !== undefined ? { minute_label: raw.minute_label } : {}),
    decision_words: raw.decision_words ?? DEFAULT_DECISION_WORDS,
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

/** How the minutes of a meeting on `date` are read: the decision words, and the minute label in force. */
export function bodyOptionsFor(settings: Partnership, date: string): BodyOptions {
  const options: BodyOptions = { decisionWords: settings.decision_words };
  const n = numberingOn(settings, date);
  if (n.label === undefined) return options;
  const periods = typeof settings.minute_numbering === 'string' ? [] : settings.minute_numbering;
  const raw = periods.find((p) => (p.from ?? '') === n.period)?.label ?? settings.minute_label;
  options.label = n.label;
  // The label with {yy} still in it, to tell a heading labelled for another year.
  options.anyYearLabel = raw ?? n.label;
  return options;
}

/** Whether minutes read with these options read as the index read them (default words, no label). */
function plainReading(o: BodyOptions): boolean {
  return o.label === undefined && JSON.stringify(o.decisionWords) === JSON.stringify(DEFAULT_DECISION_WORDS);
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
  /** Every name under meetings/, sorted, whether or not its meeting was read. */
  meetingIds: string[];
  /** Folders that exist but could not be opened ("actions", "meetings/2026-01-15"): what they hold is unknown, not absent. */
  unlisted: ReadonlySet<string>;
}

/** Reads the record under `root`, as much of it as `options` asks for. */
export function loadRecord(root: string, display: string, options: LoadOptions): LoadedRecord {
  const { links: wantLinks = false, env, trace } = options;
  const wantMeetings = options.meetings ?? true;
  const wantActions = options.actions ?? true;
  const debug = env.CSP_DEBUG && trace ? trace : undefined;
  const t0 = Date.now();
  const index = FileIndex.open(root, env);
  const t1 = Date.now();
  const listing = listRecord(
    root,
    display,
    {
      meetings: wantMeetings === true ? 'all' : wantMeetings === false ? [] : wantMeetings,
      actions: wantActions,
    },
    index,
  );
  const bodiesOf =
    options.minutesBodies === true
      ? undefined
      : new Set(options.minutesBodies === false ? [] : (options.minutesBodies ?? []));
  const minutesBody = (id: string) => bodiesOf === undefined || bodiesOf.has(id);
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

  // Every file this command needs, read in one go: from the index when unchanged, else from disk.
  const wants = wantedFiles(listing, wantLinks, minutesBody);
  const t2 = Date.now();
  const read = readRecordFiles(root, display, wants, index, { env, trace, texts: options.texts === true });
  const t3 = Date.now();

  /** One file's reading, its findings added to the record's; undefined parts when it cannot be used. */
  function load<T>(abs: string): { loaded?: LoadedFile<T>; view?: FileView; partial?: unknown } {
    const outcome = read.get(abs)!;
    if (!outcome.ok) {
      diagnostics.push(outcome.diagnostic);
      return {};
    }
    const view = outcome.view;
    const { front, file } = view;
    if (front.unreadable) {
      const u = front.unreadable;
      diag(file.display, u.line, u.column, 'layout', u.message);
      return {};
    }
    const a = front.analysis!;
    for (const p of a.problems) diag(file.display, p.line, p.column, p.rule, p.message, p.severity);
    if (a.state === 'none') return { view };
    if (a.state === 'partial') return { view, partial: a.data };
    return { loaded: new LoadedFile<T>(a.data as T, view), view };
  }

  /** Links found in a body read for them. */
  function collectLinks(view: FileView | undefined, minutes: boolean): void {
    if (!view?.body) return;
    const parsedBody = minutes ? linksOnly(view.body) : view.body;
    for (const p of parsedBody.problems) diag(view.file.display, p.line, p.column, p.rule, p.message);
    linkMap.set(view.file.display, { file: view.file, links: parsedBody.links });
  }

  // partnership.md
  let partnership: Loaded<Partnership> | undefined;
  if (listing.partnership) {
    const { loaded, view } = load<Partnership>(listing.partnership);
    if (loaded) partnership = loaded.withData(withDefaults(loaded.data));
    if (wantLinks) collectLinks(view, false);
  }
  const settings = partnership?.data ?? withDefaults({ name: 'Community Safety Partnership' });
  // members.yaml
  let membersFile: Loaded<unknown> | undefined;
  const members: Member[] = [];
  const others: OtherPerson[] = [];
  const people = new Map<string, Person>();
  const groups = new Map<string, Group>();
  if (listing.members) {
    const { loaded, partial } = load<{
      members: (Omit<Member, 'voting' | 'deputies'> & { voting?: boolean; deputies?: string[] })[];
      others?: OtherPerson[];
      groups?: Group[];
    }>(listing.members);
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
      (loaded.data.groups ?? []).forEach((g, i) => {
        if (people.has(g.id) || groups.has(g.id)) {
          const at = loaded.pos(['groups', i, 'id']);
          diag(
            loaded.file.display,
            at.line,
            at.column,
            'schema',
            `The group id "${g.id}" is already used by ${people.has(g.id) ? 'a person' : 'another group'}. Give the group an id of its own.`,
          );
          return;
        }
        groups.set(g.id, g);
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
  {
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
        const { loaded, view } = load<MeetingDoc>(found.meeting);
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
        if (wantLinks) collectLinks(view, false);
      }
      if (found.minutes) {
        const { loaded, view } = load<MinutesDoc>(found.minutes);
        if (loaded && view) {
          entry.minutes = loaded;
          if (minutesBody(id) && view.body) {
            // The index reads bodies with the default decision words and no label; other settings read again.
            const options = bodyOptionsFor(settings, id.slice(0, 10));
            const parsedBody = plainReading(options)
              ? view.body
              : parseBody(loaded.file.text, loaded.bodyStart, loaded.bodyLine, true, options);
            entry.items = parsedBody.items.map((item) => withItemText(item, loaded.file));
            for (const p of parsedBody.problems) diag(loaded.file.display, p.line, p.column, p.rule, p.message);
            if (wantLinks) linkMap.set(loaded.file.display, { file: loaded.file, links: parsedBody.links });
          } else if (wantLinks) collectLinks(view, true);
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
    const { loaded, view } = load<ActionDoc>(abs);
    if (loaded) actions.push({ id, action: loaded });
    if (wantLinks) collectLinks(view, false);
  }

  const t4 = Date.now();
  index.save(listing.complete);
  index.close();
  debug?.(
    `load: index ${t1 - t0} ms, listing ${t2 - t1} ms, files ${t3 - t2} ms, record ${t4 - t3} ms, index written ${Date.now() - t4} ms\n`,
  );
  return {
    root,
    display,
    partnership,
    settings,
    members,
    others,
    people,
    groups,
    meetings,
    meetingsById: new Map(meetings.map((m) => [m.id, m])),
    actions,
    actionsById: new Map(actions.map((a) => [a.id, a])),
    diagnostics,
    links: linkMap,
    membersFile,
    unreadActions: new Set(listing.actions.keys()),
    rosterComplete: membersFile !== undefined,
    meetingIds: listing.meetingNames,
    unlisted: new Set(listing.unlisted),
  };
}

/** A Loaded view of a file: its data, and positions from the node table (read only when asked for). */
class LoadedFile<T> implements Loaded<T> {
  readonly file: SourceFile;
  readonly bodyLine: number;
  readonly bodyStart: number;
  #places: Places | undefined;
  constructor(
    readonly data: T,
    private readonly view: FileView,
  ) {
    const a = view.front.analysis!;
    this.file = view.file;
    this.bodyLine = a.bodyLine;
    this.bodyStart = a.bodyStart;
  }

  /** The same file with other data (partnership.md with its defaults filled in). */
  withData<U>(data: U): LoadedFile<U> {
    return new LoadedFile(data, this.view);
  }

  get presentNote(): boolean | undefined {
    return this.view.front.analysis!.presentNote;
  }

  private places(): Places {
    return (this.#places ??= this.view.places() ?? placesFromText(this.file.text, this.bodyStart, this.view));
  }

  pos(path: readonly (string | number)[], key = false): Position {
    const { table, lines } = this.places();
    const yamlStart = this.view.front.analysis!.yamlStart;
    // Keys of the node table are the path's segments joined by NUL (see NodeTable).
    for (let n = path.length; n >= 0; n--) {
      const e = table[path.slice(0, n).map(String).join('\u0000')];
      if (!e) continue;
      // The nearest node that exists: its key when asked for, else its value.
      return positionIn(lines, yamlStart + (key && e[0] >= 0 ? e[0] : e[1]));
    }
    return positionIn(lines, yamlStart);
  }

  range(path: readonly (string | number)[]): [number, number] | undefined {
    const yamlStart = this.view.front.analysis!.yamlStart;
    const e = this.places().table[path.map(String).join('\u0000')];
    return e ? [yamlStart + e[1], yamlStart + e[2]] : undefined;
  }
}

/** The node positions worked out again from the text (when no index kept them). */
function placesFromText(text: string, bodyStart: number, view: FileView): Places {
  const table = analyse(text, view.kind, view.frontMatter).table ?? {};
  return { table, lines: lineStarts(bodyStart >= text.length ? text : text.slice(0, bodyStart)) };
}
