/** What a command may touch: arguments, working directory, environment and output streams. */

export interface Out {
  write(chunk: string): unknown;
}

export interface Io {
  argv: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: Out;
  stderr: Out;
  /** Whether stdout is a terminal (colour is used only then). */
  isTTY: boolean;
  /** The terminal's width, when stdout is one: tables are fitted to it. */
  columns?: number;
  /** "Now", for the default of --as-of; injectable for tests. */
  now?: () => Date;
}

/** The real process's I/O. */
export function realIo(): Io {
  return {
    argv: process.argv.slice(2),
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    isTTY: Boolean(process.stdout.isTTY),
    ...(process.stdout.isTTY && process.stdout.columns ? { columns: process.stdout.columns } : {}),
  };
}
