/** Errors that end a command with a clean message and the exit code the README documents (0, 1, 2). */

/** A usage error, an unreadable record or one too broken to load: exit 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The command worked and found a problem (a file that already exists, a meeting not quorate): exit 1. */
export class ProblemError extends Error {
  readonly exitCode = 1;
  constructor(message: string) {
    super(message);
    this.name = 'ProblemError';
  }
}

/**
 * A file of the record could not be written (disk full, permission denied, a read-only
 * file or folder): exit 2. The message says what happened and what to do, in the
 * clerk's words; nothing of the record was lost.
 */
export class WriteError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'WriteError';
  }
}
