/** What a command may touch (its Io), and the context every command receives: colour, "today" and the record. */
import { Chalk, type ChalkInstance } from 'chalk';
import { isRealDate, localDate } from '../core/dates.js';
import type { EarlySweep } from '../load/agenda-sweep.js';
import type { Env } from '../core/env.js';
import { UsageError } from '../core/errors.js';
import { fitLines } from '../render/text.js';
import { findRecord, type FoundRecord } from '../workspace/find.js';
import type { System } from '../workspace/system.js';

/** A stream csp writes to. */
export interface Out {
  write(chunk: string): unknown;
}

/** What a command may touch: arguments, working directory, environment, output streams and the running program. */
export interface Io {
  argv: string[];
  cwd: string;
  env: Env;
  stdout: Out;
  stderr: Out;
  /** Whether stdout is a terminal (colour is used only then). */
  isTTY: boolean;
  /** The terminal's width, when stdout is one: tables are fitted to it. */
  columns?: number;
  /** The width of the terminal stderr goes to, when it is one: messages are wrapped at words to it. */
  errColumns?: number;
  /** "Now", for the default of --as-of; injectable for tests. */
  now?: () => Date;
  /** The process: its id and host, and whether another process is alive (for the record lock). */
  system: System;
  /** The sweep of the record's stats started before csp loaded, for `csp agenda` (see src/cli/early.ts). */
  early?: EarlySweep;
}

/** The options every command takes. */
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
  record: () => FoundRecord;
  out: (text: string) => void;
  err: (text: string) => void;
}

/** Checks a date the user typed; a usage error (exit 2) when it is not a real day. */
export function userDate(value: string, option: string): string {
  if (!isRealDate(value))
    throw new UsageError(
      `${option} "${value}" is not a date. Write it as YYYY-MM-DD, a real day (for example 2026-12-10).`,
    );
  return value;
}

/** Builds the context from the options common to every command. */
export function makeCtx(io: Io, opts: CommonOptions): Ctx {
  const colorOn = opts.color !== false && io.isTTY && !(io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '');
  const color = new Chalk({ level: colorOn ? 1 : 0 });
  const today = opts.asOf !== undefined ? userDate(opts.asOf, '--as-of') : localDate(io.now ? io.now() : new Date());
  let found: FoundRecord | undefined;
  const record = () => (found ??= findRecord(io.cwd, opts.records, io.env));
  const err = (t: string) => void io.stderr.write(fitLines(t, io.errColumns));
  return {
    io,
    color,
    today,
    record,
    out: (t) => void io.stdout.write(t),
    err,
  };
}
