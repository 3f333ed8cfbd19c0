/** The real process's Io: the only code besides bin/ that touches `process`. */
import { hostname } from 'node:os';
import type { Io } from '../commands/context.js';
import type { EarlySweep } from '../load/agenda-sweep.js';
import { nodeFileOps } from '../workspace/durable.js';

/** Whether a process with this id is running (signal 0 asks without sending anything). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A reader that stops reading (`csp validate | head`) closes the pipe: csp stops quietly,
 * as other command-line tools do, instead of failing on the next write.
 */
function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });
}

/** The real process's I/O (with the work bin/csp.cjs started before csp loaded, if any). */
export function realIo(early?: EarlySweep): Io {
  quietOnClosedPipe(process.stdout);
  quietOnClosedPipe(process.stderr);
  return {
    argv: process.argv.slice(2),
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    isTTY: process.stdout.isTTY,
    ...(process.stdout.isTTY && process.stdout.columns ? { columns: process.stdout.columns } : {}),
    ...(process.stderr.isTTY && process.stderr.columns ? { errColumns: process.stderr.columns } : {}),
    system: {
      pid: process.pid,
      hostname: hostname(),
      isAlive,
      files: nodeFileOps,
      memoryMb: () => Math.round(process.memoryUsage().rss / 1e6),
    },
    ...(early !== undefined ? { early } : {}),
  };
}
