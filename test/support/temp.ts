// Vitest global setup: every temporary folder of a test run (the tests' records and caches,
// exported sites, npm's projects, git's and Chromium's files) is made in one folder of its
// own (TMPDIR, which the test workers and every program they start inherit), and that folder
// is removed when the run ends, so runs do not fill the disk with what they leave behind.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(path.join(tmpdir(), 'csp-tests-'));
  // Others may pass through (not list it): a test runs csp as another user in a folder of its own here.
  chmodSync(root, 0o711);
  process.env.TMPDIR = root;
  return () => {
    // Removed in the background: thousands of small files would hold up the summary.
    spawn('rm', ['-rf', '--one-file-system', root], { detached: true, stdio: 'ignore' }).unref();
  };
}
