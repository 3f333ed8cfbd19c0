/**
 * What csp asks of the process it runs in, beyond the environment: its id and host (written
 * into the record lock) and whether another process is still alive (to recover a lock a
 * killed process left). The CLI's real Io provides it; tests can provide their own.
 */
export interface System {
  /** This process's id. */
  pid: number;
  /** This machine's name. */
  hostname: string;
  /** Whether a process with this id is running on this machine. */
  isAlive(pid: number): boolean;
}
