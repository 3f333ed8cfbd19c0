/** One file's reading as a job: its analysis and, when asked, its body. Runs in either thread. */
import { analyse, type Analysis } from './analyse.js';
import { cacheKey } from './cache.js';
import { markdownParser } from '../parse/lazy.js';
import type { ParsedBody } from '../parse/markdown.js';
import type { SchemaKind } from '../schema/check.js';

/** What to read in a file: its kind, and which body (minutes items, links only, or none). */
export interface ParseJob {
  text: string;
  kind: SchemaKind;
  frontMatter: boolean;
  body: 'minutes' | 'links' | 'none';
}

/** Cache entries a job produced: [key, value]. */
export type ParseResult = [string, Analysis | ParsedBody][];

/** The cache key of a file's analysis. */
export function analysisKey(kind: SchemaKind, frontMatter: boolean, text: string): string {
  return cacheKey(`${kind}:${frontMatter}`, text);
}

/** The cache key of a file's body, read as minutes or for links. */
export function bodyKey(minutes: boolean, bodyStart: number, bodyLine: number, text: string): string {
  return cacheKey(`body:${minutes}:${bodyStart}:${bodyLine}`, text);
}

/** Reads one file as the loader would, returning the cache entries. */
export function runJob(job: ParseJob): ParseResult {
  const a = analyse(job.text, job.kind, job.frontMatter);
  const out: ParseResult = [[analysisKey(job.kind, job.frontMatter, job.text), a]];
  if (job.body !== 'none' && a.state === 'ok') {
    const minutes = job.body === 'minutes';
    out.push([
      bodyKey(minutes, a.bodyStart, a.bodyLine, job.text),
      markdownParser().parseBody(job.text, a.bodyStart, a.bodyLine, minutes),
    ]);
  }
  return out;
}
