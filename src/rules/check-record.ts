/**
 * A check of the whole record (csp validate): every file read and every rule run, or, when
 * nothing the last check's findings depend on has changed, those findings again (see
 * src/load/findings-memo.ts). With a base revision it is always a full check.
 */
import type { Env } from '../core/env.js';
import { recallFindings, rememberFindings, type Findings } from '../load/findings-memo.js';
import { loadRecord } from '../load/load.js';
import { exists } from '../workspace/files.js';
import { runRules } from './index.js';

export interface CheckOptions {
  root: string;
  display: string;
  today: string;
  env: Env;
  /** The git revision approved minutes are compared with (--base). */
  base?: string | undefined;
  /** Where debugging lines go (CSP_DEBUG). */
  trace?: ((line: string) => void) | undefined;
}

/** The findings of the whole record on `today`. */
export function checkRecord(o: CheckOptions): Findings {
  const { root, display, today, env, base, trace } = o;
  const debug = env.CSP_DEBUG && trace ? trace : undefined;
  if (base === undefined) {
    const kept = recallFindings(root, display, today, env);
    if (kept) {
      debug?.(`findings: those of the last check; index: ${kept.files} of ${kept.files} files trusted unread\n`);
      return { name: kept.name, diagnostics: kept.diagnostics };
    }
  }
  const rec = loadRecord(root, display, { env, trace, minutesBodies: true, links: true });
  // Each question the rules ask of the disk, with its answer, kept with the findings.
  const probes = new Map<string, boolean>();
  const ask = (abs: string) => {
    const answer = exists(abs);
    probes.set(abs, answer);
    return answer;
  };
  const diagnostics = runRules({ rec, today, exists: ask, ...(base !== undefined ? { base } : {}) });
  const findings = { name: rec.settings.short_name, diagnostics };
  if (base === undefined) rememberFindings(root, display, today, env, findings, probes);
  return findings;
}
