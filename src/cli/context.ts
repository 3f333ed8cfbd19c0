/** The context every command receives: I/O, colour, "today" and the record's location. */
import { Chalk, type ChalkInstance } from 'chalk';
import type { Io } from './io.js';
import { UsageError } from './errors.js';
import { findRecord, type FoundRecord } from '../workspace/find.js';

export interface CommonOptions {
  records?: string;
  asOf?: string;
  color?: boolean;
}

export interface Ctx {
  io: Io;
  color: ChalkInstance;
  /** "Today" (--as-of, else the local date), YYYY-MM-DD. */
  today: string;
  /** Finds the record (throws a UsageError, exit 2, when there is none). */
  record(): FoundRecord;
  out(text: string): void;
  err(text: string): void;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

function realDay(s: string): boolean {
  if (!ISO.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** Checks a date the user typed; a usage error (exit 2) when it is not a real day. */
export function userDate(value: string, option: string): string {
  if (!realDay(value)) throw new UsageError(`${option} "${value}" is not a date. Write it as YYYY-MM-DD, a real day (for example 2026-12-10).`);
  return value;
}

function localToday(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** Builds the context from the options common to every command. */
export function makeCtx(io: Io, opts: CommonOptions): Ctx {
  const colorOn = opts.color !== false && io.isTTY && !(io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '');
  const color = new Chalk({ level: colorOn ? 1 : 0 });
  const today = opts.asOf !== undefined ? userDate(opts.asOf, '--as-of') : localToday(io.now ? io.now() : new Date());
  let found: FoundRecord | undefined;
  return {
    io,
    color,
    today,
    record: () => (found ??= findRecord(io.cwd, opts.records, io.env)),
    out: (t) => void io.stdout.write(t),
    err: (t) => void io.stderr.write(t),
  };
}
