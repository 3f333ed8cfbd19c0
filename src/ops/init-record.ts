/**
 * Starting a record (csp init): partnership.md with the defaults written out, an example
 * members.yaml, meetings/ and actions/; with `ci` a workflow that checks pull requests
 * with the csp action, and with `publish` one that publishes the website. Every file is created whole and exclusively: nothing is ever overwritten, and
 * a file that is already there is kept and reported. Each file is written on its own, so
 * an interrupted run is completed by running csp init again.
 */
import path from 'node:path';
import { UsageError, WriteError } from '../core/errors.js';
import { displayPath } from '../core/paths.js';
import { yamlScalar } from '../core/yaml-text.js';
import { initTemplate, packageHome } from '../workspace/assets.js';
import { defaultBranch, gitTopLevel } from '../workspace/git.js';
import type { System } from '../workspace/system.js';
import { underLock, writePlanned, type NewFileCheck } from './seam.js';

/** A path as one shell word: left bare when it is plain, else single-quoted. */
export function shellWord(s: string): string {
  return /^[A-Za-z0-9._/-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A YAML single-quoted scalar: reads back as exactly this text. */
function yamlQuoted(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole);
}

/** What a new record is made of. */
export interface InitOptions {
  /** The working directory (paths are shown from it), and the record folder to create. */
  cwd: string;
  root: string;
  name: string;
  shortName: string;
  /** The day the example roster joins. */
  today: string;
  ci?: 'github' | undefined;
  /** Also a workflow that publishes the website on every push to the default branch. */
  publish?: 'github-pages' | undefined;
  system: System;
  /** Called for each file as it is created (true) or kept (false). */
  report: (shown: string, created: boolean) => void;
}

/** Creates the record's files; the number created, and where the workflow went (if asked for). */
export async function initRecord(o: InitOptions): Promise<{ created: number; workflowBase?: string }> {
  const { root, cwd, name, shortName } = o;
  const files: { abs: string; text: string; check: NewFileCheck }[] = [
    {
      abs: path.join(root, 'partnership.md'),
      text: fill(initTemplate('partnership.md'), { name: yamlScalar(name), short_name: yamlScalar(shortName) }),
      check: { kind: 'partnership', frontMatter: true },
    },
    {
      abs: path.join(root, 'members.yaml'),
      text: fill(initTemplate('members.yaml'), { today: o.today }),
      check: { kind: 'members', frontMatter: false },
    },
    { abs: path.join(root, 'meetings', '.gitkeep'), text: '', check: 'none' },
    { abs: path.join(root, 'actions', '.gitkeep'), text: '', check: 'none' },
  ];
  let workflowBase: string | undefined;
  if (o.ci === 'github' || o.publish === 'github-pages') {
    // Workflows belong at the top of the git repository (where GitHub looks for them);
    // outside a repository, beside the record, ready to be moved there.
    const top = gitTopLevel(root);
    workflowBase = top ?? path.dirname(root);
    const records = path.relative(workflowBase, root).split(path.sep).join('/') || '.';
    const home = packageHome();
    const workflows = path.join(workflowBase, '.github', 'workflows');
    if (o.ci === 'github') {
      files.push({
        abs: path.join(workflows, 'csp-validate.yml'),
        text: fill(initTemplate('csp-validate.yml'), {
          paths: yamlQuoted(records === '.' ? '**' : `${records}/**`),
          action: home.action,
          records: yamlQuoted(records),
        }),
        check: 'none',
      });
    }
    if (o.publish === 'github-pages') {
      const branch = top !== undefined ? defaultBranch(top) : 'main';
      files.push({
        abs: path.join(workflows, 'csp-publish.yml'),
        text: fill(initTemplate('csp-publish.yml'), {
          branch: yamlQuoted(branch),
          branch_name: branch,
          install: shellWord(home.install),
          records: shellWord(records),
        }),
        check: 'none',
      });
    }
  }
  let created = 0;
  const fail = (shown: string, e: unknown): UsageError =>
    new UsageError(
      `Could not create ${shown} (${e instanceof Error ? e.message : String(e)}). ${created > 0 ? 'The files listed above were created; ' : ''}check that the folder can be written to, then run csp init again: it keeps what exists.`,
    );
  try {
    o.system.files.mkdirSync(root, { recursive: true });
  } catch (e) {
    throw fail(displayPath(cwd, root), e);
  }
  const op = {
    root,
    display: displayPath(cwd, root),
    today: o.today,
    env: {},
    system: o.system,
    note: () => undefined,
  };
  await underLock(op, () => {
    for (const f of files) {
      const shown = displayPath(cwd, f.abs);
      let made: boolean;
      try {
        made =
          writePlanned({ root: path.dirname(f.abs), system: o.system }, [
            { kind: 'create', abs: f.abs, shown, text: f.text, check: f.check },
          ]).created.length === 1;
      } catch (e) {
        if (e instanceof WriteError || e instanceof UsageError) throw fail(shown, e);
        throw e;
      }
      if (made) created++;
      o.report(shown, made);
    }
  });
  return workflowBase === undefined ? { created } : { created, workflowBase };
}
