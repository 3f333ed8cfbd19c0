/**
 * The one way an op writes: render the new text, check that it reads back as what was
 * meant, then write every file through one durable path (all of them or none), then
 * report. A new file's front matter must parse and pass its schema; an edit's front
 * matter must read back as the old data with exactly the intended changes (and, for a
 * marker edit, the same markers with their ids); nothing csp writes may go past the
 * 1 MiB limit of a record file. Every op also runs here under the record lock, after
 * finishing or undoing whatever a killed csp command left.
 */
import type { BodyOptions } from '../parse/markdown.js';
import { isDeepStrictEqual } from 'node:util';
import type { Env } from '../core/env.js';
import { shown } from '../core/paths.js';
import { ProblemError, UsageError } from '../core/errors.js';
import type { SourceFile } from '../model/types.js';
import { splitFrontMatter } from '../parse/frontmatter.js';
import { markdownParser, yamlParser } from '../parse/lazy.js';
import { checkSchema, type SchemaKind } from '../schema/check.js';
import { withRecordLock } from '../workspace/lock.js';
import { MAX_TEXT_BYTES } from '../workspace/read.js';
import type { System } from '../workspace/system.js';
import { commit, recover, type CommitResult, type FileChange } from '../workspace/transaction.js';

/** What every op is given: the record, "today", the environment, and the system calls it may make (injected by the CLI, so tests can replace them). */
export interface OpContext {
  /** Absolute path of the record folder, and how it is shown ("records"). */
  root: string;
  display: string;
  /** The day taken as today (--as-of), YYYY-MM-DD: also the date an op writes. */
  today: string;
  env: Env;
  system: System;
  /** Where notes for the clerk go (standard error), e.g. that an interrupted change was finished. */
  note: (line: string) => void;
}

/** How a new file is checked before it is written. */
export type NewFileCheck =
  | { kind: SchemaKind; frontMatter: boolean; /** The template it came from, named when it fails. */ template?: string }
  | 'none';

/** A file an op means to write. */
export type Planned =
  | {
      kind: 'create';
      abs: string;
      shown: string;
      text: string;
      check: NewFileCheck;
      /** A file copied as it is (a paper): these bytes are written, not `text`. */
      bytes?: Uint8Array;
    }
  | {
      kind: 'edit';
      file: SourceFile;
      /** The whole new text (without a byte-order mark: the file's is kept). */
      text: string;
      /** The front matter's data the new text must read back as (the whole file's, with `wholeYaml`). */
      expected: unknown;
      /** The file is YAML throughout (members.yaml), not markdown with front matter. */
      wholeYaml?: boolean;
      /** For an edit of action markers: the markers' ids, in order, the new text must carry. */
      markerIds?: readonly (string | undefined)[];
      /** How the minutes' body is read when the markers are checked (decision words, minute label). */
      bodyOptions?: BodyOptions;
      /** Said when the check fails (nothing is then written). */
      refusal?: string;
    };

/** The problems of a new file's text, by line, as "line N: message". */
function problemsOfNew(text: string, check: Exclude<NewFileCheck, 'none'>): string[] {
  const problems: string[] = [];
  let yaml = text;
  let line = 1;
  if (check.frontMatter) {
    const split = splitFrontMatter(text);
    if (split.problem) return [`line ${split.problem.line}: ${split.problem.message}`];
    if (!split.present) return ['it has no front matter (--- … ---)'];
    yaml = split.yaml;
    line = split.yamlLine;
  }
  const parsed = yamlParser().parseYaml(yaml, line);
  for (const p of parsed.problems) if (p.severity === 'error') problems.push(`line ${p.line}: ${p.message}`);
  if (parsed.ok) {
    for (const p of checkSchema(check.kind, parsed.data))
      problems.push(`line ${parsed.pos(p.path, p.key).line}: ${p.message}`);
  }
  return problems;
}

/** The front matter of `text` as data, or undefined when it does not read back. */
function frontMatterData(text: string): unknown {
  const split = splitFrontMatter(text);
  if (!split.present || split.problem) return undefined;
  const parsed = yamlParser().parseYaml(split.yaml, split.yamlLine);
  return parsed.ok ? parsed.data : undefined;
}

/** A whole YAML file as data, or undefined when it does not read back. */
function yamlData(text: string): unknown {
  const parsed = yamlParser().parseYaml(text, 1);
  return parsed.ok ? parsed.data : undefined;
}

/** Checks one planned file; throws (exit 2 for a template's fault, 1 otherwise) with nothing written. */
export function verify(p: Planned): void {
  if (p.kind === 'create') {
    if (p.check === 'none') return;
    const problems = problemsOfNew(p.text, p.check);
    if (problems.length === 0) return;
    const what = p.shown.split('/').pop() ?? p.shown;
    if (p.check.template !== undefined) {
      throw new UsageError(
        `${p.check.template} produced a ${what} that csp would not accept, so nothing was written: ${problems.slice(0, 5).join('; ')}. Correct the template.`,
      );
    }
    throw new ProblemError(
      `csp could not write ${p.shown} safely (${problems.slice(0, 3).join('; ')}); nothing was written. Please report this.`,
    );
  }
  const refusal =
    p.refusal ??
    `csp could not edit ${p.file.display} safely (the result would not read back as intended); nothing was written. Make the change by hand, or report this.`;
  const data = p.wholeYaml ? yamlData(p.text) : frontMatterData(p.text);
  if (data === undefined || !isDeepStrictEqual(data, p.expected)) throw new ProblemError(refusal);
  if (p.markerIds !== undefined) {
    const split = splitFrontMatter(p.text);
    const ids = markdownParser()
      .parseBody(p.text, split.bodyStart, split.bodyLine, true, p.bodyOptions)
      .items.flatMap((i) => i.actions.map((m) => m.id));
    if (!isDeepStrictEqual(ids, [...p.markerIds])) throw new ProblemError(refusal);
  }
}

/** The bytes csp writes for a planned file: an edited file keeps its byte-order mark. */
function bytesOf(p: Planned): Buffer {
  if (p.kind === 'create' && p.bytes !== undefined) return Buffer.from(p.bytes);
  return Buffer.from(p.kind === 'edit' && p.file.bom ? `\uFEFF${p.text}` : p.text, 'utf8');
}

/** Refuses a file csp would write past the 1 MiB limit of a record's markdown and YAML. */
function checkSize(p: Planned, bytes: Buffer): void {
  if (bytes.length <= MAX_TEXT_BYTES) return;
  const shown = p.kind === 'edit' ? p.file.display : p.shown;
  throw new ProblemError(
    `${shown} would grow to ${(bytes.length / 1024 / 1024).toFixed(1)} MiB, past the 1 MiB limit of a record's markdown and YAML files, so nothing was written. Move long text into the meeting's papers/ folder, or start a new action.`,
  );
}

/**
 * Checks every planned file, then writes them all (or none) through the durable path.
 * New files whose name is taken by the time they are written are left as they are and
 * listed in `existed`.
 */
export function writePlanned(
  op: Pick<OpContext, 'root' | 'system'>,
  planned: readonly Planned[],
  unchanged?: string,
): CommitResult {
  const changes: FileChange[] = planned.map((p) => {
    verify(p);
    const bytes = bytesOf(p);
    if (p.kind === 'create') {
      if (p.check !== 'none') checkSize(p, bytes);
      return { kind: 'create', abs: p.abs, shown: p.shown, bytes };
    }
    checkSize(p, bytes);
    return {
      kind: 'replace',
      abs: p.file.abs,
      shown: p.file.display,
      bytes,
      original: Buffer.from(p.file.bom ? `\uFEFF${p.file.text}` : p.file.text, 'utf8'),
    };
  });
  return commit(op.system.files, op.root, changes, unchanged);
}

/**
 * Runs `fn` holding the record lock, after finishing a change a killed csp command left
 * (or removing its temp files).
 */
export function underLock<T>(op: OpContext, fn: () => T | Promise<T>): Promise<T> {
  return withRecordLock(op.root, op.system, op.system.files, () => {
    const r = recover(op.system.files, op.root, (pid) => op.system.isAlive(pid));
    if (r.undone.length > 0) {
      op.note(
        `csp: put back as they were what an interrupted csp command had begun to move: ${r.undone.map((f) => shown(op.display, f)).join(', ')}.\n`,
      );
    }
    if (r.finished.length > 0) {
      op.note(
        `csp: finished writing what an interrupted csp command had begun: ${r.finished.map((f) => shown(op.display, f)).join(', ')}.\n`,
      );
    }
    return fn();
  });
}
