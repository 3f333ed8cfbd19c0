/**
 * Reading the files a command needs: from the record index when a file's stat shows it
 * unchanged, else from disk (in worker threads for a large cold read). What comes back
 * for each file is its front matter's reading, its body's when asked for, and a view of
 * the file whose text is read again only if something asks for it: the loader keeps a
 * compact index of the record, never every text and tree.
 */
import type { Diagnostic } from '../core/diagnostic.js';
import type { Env } from '../core/env.js';
import { UsageError } from '../core/errors.js';
import type { Position } from '../core/position.js';
import type { FileStamp, SourceFile } from '../model/types.js';
import type { ParsedBody } from '../parse/body.js';
import type { SchemaKind } from '../schema/check.js';
import { decodeText, readBytes, recordPaths, stampOf } from '../workspace/read.js';
import { FileIndex, type Entry } from './file-index.js';
import { readFiles } from './pool.js';
import { digestHex } from '../workspace/trust.js';
import type { FileJob, FileResult, FrontFacts, Places } from './read-file.js';

/** A file a command needs read. */
export interface FileWant {
  abs: string;
  kind: SchemaKind;
  frontMatter: boolean;
  /** Its body too (minutes: items and links; other files: links). */
  body: boolean;
}

/** A file as read: its reading, and where its front matter's nodes are. */
export interface FileView {
  file: SourceFile;
  kind: SchemaKind;
  frontMatter: boolean;
  front: FrontFacts;
  /** Node table and line starts, read on first use (only diagnostics and edits need them). */
  places(): Places | undefined;
  body?: ParsedBody | undefined;
}

/** A file's view, or the layout finding that says why it could not be read. */
export type FileOutcome = { ok: true; view: FileView } | { ok: false; diagnostic: Diagnostic };

/**
 * A record file whose text is read from disk only when asked for, and checked to be the
 * bytes that were read (or trusted) before: a file changed meanwhile is an error, never
 * text that does not match the positions found in it.
 */
class RecordFile implements SourceFile {
  private cached: string | undefined;

  constructor(
    readonly abs: string,
    readonly rel: string,
    readonly display: string,
    readonly bom: boolean,
    readonly eol: '\n' | '\r\n',
    /** The sha1 of the file's bytes as read (or trusted), hex. */
    readonly digest: string | undefined,
    /** The stat of the file taken as it was read (or found unchanged and trusted). */
    readonly stamp: FileStamp | undefined,
    /** The bytes as they were read, when they were kept (the text is decoded from them when first asked for). */
    readonly bytes?: Uint8Array,
  ) {}

  get text(): string {
    if (this.cached !== undefined) return this.cached;
    const kept = this.bytes;
    const read = kept ? undefined : readBytes(this.abs);
    const bytes = kept ?? (read?.ok ? read.bytes : undefined);
    const decoded = bytes ? decodeText(bytes) : undefined;
    if (!bytes || !decoded?.ok || (!kept && this.digest !== undefined && digestHex(bytes) !== this.digest)) {
      throw new UsageError(
        `${this.display} changed while csp was reading the record (or can no longer be read). Run the command again.`,
      );
    }
    this.cached = decoded.text;
    return this.cached;
  }
}

const parse = (json: string | undefined): unknown => (json === undefined ? undefined : JSON.parse(json));

/** Reads the files of `wants`, through the index; returns each file's outcome by absolute path. */
export function readRecordFiles(
  root: string,
  display: string,
  wants: FileWant[],
  index: FileIndex,
  options: {
    env: Env;
    trace?: ((line: string) => void) | undefined;
    /** Keep the bytes of each file read from disk (a command that reads them all), so none is read twice. */
    texts?: boolean;
  },
): Map<string, FileOutcome> {
  const out = new Map<string, FileOutcome>();
  const jobs: FileJob[] = [];
  const jobEntries: (Entry | undefined)[] = [];
  const jobPaths: { rel: string; display: string }[] = [];

  const fromEntry = (
    e: Entry,
    paths: { rel: string; display: string },
    want: FileWant,
    stamp: FileStamp | undefined,
    bytes?: Uint8Array,
  ): FileView | undefined => {
    const front = index.front(e);
    if (!front) return undefined;
    let body: ParsedBody | undefined;
    if (want.body && front.analysis?.state === 'ok') {
      body = index.body(e);
      if (!body) return undefined;
    }
    let places: Places | undefined | null = null;
    return {
      file: new RecordFile(want.abs, paths.rel, paths.display, front.bom, front.eol, index.digest(e), stamp, bytes),
      kind: want.kind,
      frontMatter: want.frontMatter,
      front,
      places: () => (places === null ? (places = index.places(e)) : places),
      body,
    };
  };

  for (const want of wants) {
    const paths = recordPaths(root, display, want.abs);
    const entry = index.enabled ? index.entry(paths.rel) : undefined;
    if (entry) {
      const stamp = stampOf(want.abs);
      if (stamp && index.trusts(entry, stamp)) {
        const view = fromEntry(entry, paths, want, stamp);
        if (view) {
          index.keep(entry);
          out.set(want.abs, { ok: true, view });
          continue;
        }
      }
    }
    // Read it: an entry whose bytes turn out the same keeps its readings (unless a body is now wanted that it lacks).
    const reusable = entry !== undefined && (!want.body || index.hasBody(entry));
    jobs.push({
      abs: want.abs,
      kind: want.kind,
      frontMatter: want.frontMatter,
      body: want.body,
      places: index.enabled,
      expect: reusable ? index.digest(entry) : undefined,
      ...(options.texts ? { text: true } : {}),
    });
    jobEntries.push(entry);
    jobPaths.push(paths);
  }

  if (options.env.CSP_DEBUG && options.trace)
    options.trace(`index: ${wants.length - jobs.length} of ${wants.length} files trusted unread\n`);
  readFiles(
    jobs,
    (i, result: FileResult) => {
      const job = jobs[i]!;
      const paths = jobPaths[i]!;
      if (result.failure) {
        const f = result.failure;
        out.set(job.abs, {
          ok: false,
          diagnostic: {
            file: paths.display,
            line: f.line,
            column: f.column,
            severity: 'error',
            rule: 'layout',
            message: f.message,
          },
        });
        return;
      }
      const stored = index.record(paths.rel, result, jobEntries[i]);
      if (result.same) {
        const view = stored ? fromEntry(stored, paths, job, result.stamp, result.bytes) : undefined;
        if (view) {
          out.set(job.abs, { ok: true, view });
          return;
        }
        // The old readings could not be read back after all: read the file afresh, here.
        const again = readRecordFiles(
          root,
          display,
          [{ ...job }],
          FileIndex.open(root, { CSP_NO_CACHE: '1' }),
          options,
        );
        out.set(job.abs, again.get(job.abs)!);
        return;
      }
      const front = parse(result.front) as FrontFacts;
      let places: Places | undefined | null = null;
      out.set(job.abs, {
        ok: true,
        view: {
          file: new RecordFile(
            job.abs,
            paths.rel,
            paths.display,
            front.bom,
            front.eol,
            result.digest,
            result.stamp,
            result.bytes,
          ),
          kind: job.kind,
          frontMatter: job.frontMatter,
          front,
          // Not kept in memory: from the index, or (when there is none) worked out again if ever asked for.
          places: () => (places === null ? (places = stored ? index.places(stored) : undefined) : places),
          body: parse(result.body) as ParsedBody | undefined,
        },
      });
    },
    options,
  );
  return out;
}

/** The position of an offset, from the line starts of a file's front matter. */
export function positionIn(lines: number[], offset: number): Position {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lines[lo]! + 1 };
}
