/** The rules reference of the README, generated from the rule definitions. */
import { RULES } from './index.js';

/** A markdown table: rule id, severity, when it fires. */
export function rulesReference(): string {
  const rows = RULES.map((r) => `| \`${r.id}\` | ${r.severity} | ${r.summary.replace(/\|/g, '\\|')} |`);
  return ['| rule | severity | when |', '| --- | --- | --- |', ...rows].join('\n') + '\n';
}
