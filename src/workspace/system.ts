/**
 * What csp asks of the process it runs in, beyond the environment: its id and host (written
 * into the record lock), whether another process is still alive (to recover a lock a
 * killed process left), and the calls that change the disk (so a test can make the disk
 * full, short-write or stop at any step). The CLI's real Io provides it.
 */
import type { FileOps } from './durable.js';

export interface System {
  /** This process's id. */
  pid: number;
  /** This machine's name. */
  hostname: string;
  /** Whether a process with this id is running on this machine. */
  isAlive(pid: number): boolean;
  /** The calls that change the disk. */
  files: FileOps;
  /** How much memory this process holds now (resident, MB), for debugging lines (CSP_DEBUG). */
  memoryMb?: () => number;
}
