/**
 * The whole site in memory: every page and file, the papers to copy, and the problems
 * that stop it being published. Nothing here touches the disk; the same record and
 * options always give the same files.
 */
import type { LoadedRecord } from '../../load/load.js';
import { calendar } from './calendar.js';
import { feed } from './feed.js';
import {
  actionsPage,
  attendancePage,
  checkingPage,
  declarationsPage,
  decisionsPage,
  directRenderer,
  indexPage,
  meetingPage,
  meetingPath,
  termsPage,
  type BuildState,
  type Renderer,
} from './pages.js';
import { publicRecord } from './record-json.js';
import { STYLESHEET } from './style.js';
import { siteView, type SiteOptions, type SiteView } from './view.js';

/** The site, ready to be written. */
export interface BuiltSite {
  view: SiteView;
  /** Site path → text, in a fixed order (empty when each was handed to `emit` instead). */
  files: Map<string, string>;
  /** Site path → absolute path of the paper in the record. */
  papers: Map<string, string>;
  /** Markdown that could not be rendered, each naming its file: nothing is published while there are any. */
  problems: string[];
}

/** What the caller of buildSite hears of, and how it renders. */
export interface BuildHooks {
  /** Told as each page is made (for a progress line). */
  onPage?: (done: number, total: number) => void;
  /** Gives the markdown renderer for the view (a cached one; by default none). */
  renderer?: (view: SiteView) => Renderer;
  /** Handed each file as soon as it is made (and none is kept here). */
  emit?: (path: string, text: string) => void;
  /** Handed each paper (site path, source) as soon as a page publishes it. */
  paper?: (site: string, source: string) => void;
}

/**
 * Builds every file of the site: the public record first (it depends on the view alone,
 * and is the largest file, so whoever checks it has it while the pages are made), then the
 * decisions, the actions and the feed, then the pages.
 */
export function buildSite(rec: LoadedRecord, options: SiteOptions, hooks: BuildHooks = {}): BuiltSite {
  const view = siteView(rec, options);
  const state: BuildState = {
    view,
    papers: new Map(),
    problems: [],
    render: (hooks.renderer ?? (() => directRenderer))(view),
    onPaper: hooks.paper,
  };
  const files = new Map<string, string>();
  const put = hooks.emit ?? ((path: string, text: string) => void files.set(path, text));
  const total = view.meetings.length + 8;
  let done = 0;
  const add = (path: string, text: string) => {
    put(path, text);
    hooks.onPage?.(++done, total);
  };
  // One line, without indentation: a third smaller than indented (a council's record: 20 MB, not 31 MB), and read by programs.
  put('record.json', `${JSON.stringify(publicRecord(view))}\n`);
  // The other files of the whole record (the largest after it) next, so the last files made
  // are small pages that the two threads checking them share evenly.
  add('decisions.html', decisionsPage(view));
  add('actions.html', actionsPage(view));
  add('feed.xml', feed(view));
  add('index.html', indexPage(view));
  for (const pm of view.meetings) add(meetingPath(pm.id), meetingPage(state, pm));
  add('attendance.html', attendancePage(view));
  add('declarations.html', declarationsPage(view));
  add('terms-of-reference.html', termsPage(state));
  add('checking-minutes.html', checkingPage(view));
  add('meetings.ics', calendar(view));
  put('style.css', STYLESHEET);
  const papers = new Map([...state.papers.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
  return { view, files, papers, problems: state.problems };
}
