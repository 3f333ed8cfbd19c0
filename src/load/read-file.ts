/**
 * Reading one record file, start to finish, as plain data: its bytes (with the stat taken
 * just before), their digest, the text decoded, the front matter analysed and, when asked,
 * the body read. Runs in the main thread or a worker; the results are JSON texts the
 * index stores as they are, so nothing is serialised twice and no text or tree outlives
 * the file's turn.
 */
import type { FileStamp } from '../model/types.js';
import { decodeText, readBytes, type ReadFailure } from '../workspace/read.js';
import { digestHex } from '../workspace/trust.js';
import { parseBody, type ParsedBody } from '../parse/body.js';
import { lineStarts } from '../core/position.js';
import type { SchemaKind } from '../schema/check.js';
import { analyse, type Analysis } from './analyse.js';

/** What to read of one file. */
export interface FileJob {
  abs: string;
  kind: SchemaKind;
  frontMatter: boolean;
  /** Also read the body (minutes: items and links; any other: links). */
  body: boolean;
  /** Also give the node positions (to be stored; without an index they are worked out again when needed). */
  places: boolean;
  /** The digest of the bytes already read once: when they are the same, nothing is parsed again. */
  expect?: string | undefined;
  /** Also give the bytes as read (for a command that reads every text, so none is read twice). */
  text?: boolean;
}

/** What the front matter held, and how the file was written: the reading every command needs. */
export interface FrontFacts {
  bom: boolean;
  eol: '\n' | '\r\n';
  /** Why the bytes are not text (binary, not UTF-8). */
  unreadable?: ReadFailure;
  /** The front matter's reading, without the node table (that is in the places). */
  analysis?: Omit<Analysis, 'table'>;
}

/** Where the front matter's nodes are: the node table and the line starts up to the body. */
export interface Places {
  table: NonNullable<Analysis['table']>;
  lines: number[];
}

/** The outcome of a job, as JSON texts ready for the index. */
export interface FileResult {
  /** The stat taken before the bytes were read (absent when the file could not be opened or is too big). */
  stamp?: FileStamp;
  /** When the stat was taken (ms since the epoch, taken just before it). */
  verifiedAt: number;
  /** sha1 of the bytes, hex. */
  digest?: string;
  /** The bytes are those of `expect`: the earlier readings stand. */
  same?: boolean;
  /** The file could not be read at all (missing, too big): not indexed. */
  failure?: ReadFailure;
  front?: string;
  places?: string;
  body?: string;
  /** The bytes as read, byte-order mark and all (when asked for): the text is decoded from them only if it is asked for. */
  bytes?: Uint8Array;
}

/** Reads one file as a job describes. */
export function runFileJob(job: FileJob): FileResult {
  const verifiedAt = Date.now();
  const read = readBytes(job.abs);
  if (!read.ok) return { verifiedAt, failure: read.failure };
  const digest = digestHex(read.bytes);
  if (job.expect !== undefined && digest === job.expect) {
    const same: FileResult = { stamp: read.stamp, verifiedAt, digest, same: true };
    if (job.text) same.bytes = read.bytes;
    return same;
  }
  const decoded = decodeText(read.bytes);
  if (!decoded.ok) {
    const front: FrontFacts = { bom: false, eol: '\n', unreadable: decoded.failure };
    return { stamp: read.stamp, verifiedAt, digest, front: JSON.stringify(front) };
  }
  const { text } = decoded;
  const { table, ...analysis } = analyse(text, job.kind, job.frontMatter);
  const front: FrontFacts = { bom: decoded.bom, eol: decoded.eol, analysis };
  const out: FileResult = { stamp: read.stamp, verifiedAt, digest, front: JSON.stringify(front) };
  if (job.text) out.bytes = read.bytes;
  if (table && job.places) {
    const places: Places = { table, lines: lineStartsUpTo(text, analysis.bodyStart) };
    out.places = JSON.stringify(places);
  }
  if (job.body && analysis.state === 'ok') {
    out.body = JSON.stringify(parseBody(text, analysis.bodyStart, analysis.bodyLine, job.kind === 'minutes'));
  }
  return out;
}

/** The offsets at which lines start, up to `end` (positions are only ever asked for in the front matter). */
function lineStartsUpTo(text: string, end: number): number[] {
  if (end >= text.length) return lineStarts(text);
  return lineStarts(text.slice(0, end));
}

/** A body read as minutes, seen as a body read for links only (what a non-minutes reading would have found). */
export function linksOnly(body: ParsedBody): ParsedBody {
  return { items: [], links: body.links, problems: body.problems.filter((p) => p.rule === 'layout') };
}
