/**
 * A check of the whole record (csp validate): every file read and every rule run, or, when
 * nothing the last check's findings depend on has changed, those findings again (see
 * src/load/findings-memo.ts). With a base revision it is always a full check.
 */
import { keptFindings, rememberFindings, type CheckOptions, type Findings } from '../load/findings-memo.js';
import { loadRecord } from '../load/load.js';
import { exists } from '../workspace/files.js';
import { runRules } from './index.js';

/** The findings of the whole record on `today`: the last check's when they still hold. */
export function checkRecord(o: CheckOptions): Findings {
  return keptFindings(o) ?? fullCheck(o);
}

/** Every file read and every rule run; the findings are kept for the next check (unless it has a base revision). */
export function fullCheck(o: CheckOptions): Findings {
  const { root, display, today, env, base, trace } = o;
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
