/** What an import says: per document, what was written and what needs the clerk; then a summary table. */
import type { FileResult, ImportResult } from '../import/result.js';

/** The report in words, for a terminal or a log. */
export function importText(r: ImportResult, opts: { dryRun: boolean }): string {
  const out: string[] = [];
  for (const f of r.results) out.push(...fileText(f, opts.dryRun), '');
  if (r.diagnostics.length) {
    out.push('Checking the new files (csp validate):');
    for (const d of r.diagnostics)
      out.push(`  ${d.file}:${d.line}:${d.column}  ${d.severity}  ${d.message}  ${d.rule}`);
    out.push('');
  } else if (r.results.some((f) => f.status === 'imported'))
    out.push('Checking the new files (csp validate): no findings.', '');
  out.push(...summaryTable(r.results));
  return out.join('\n') + '\n';
}

function fileText(f: FileResult, dryRun: boolean): string[] {
  const out: string[] = [];
  if (f.status === 'unreadable' || f.status === 'exists' || f.status === 'no-date' || f.status === 'already-imported') {
    out.push(f.message ?? `${f.file}: not imported.`);
    return out;
  }
  if (f.status === 'no-items') {
    out.push(f.message ?? `${f.file}: not imported.`);
    const first = f.unplaced.slice(0, 3).map((p) => `${p.where} "${clip(p.text)}"`);
    if (first.length) out.push(`  It begins: ${first.join('; ')}.`);
    return out;
  }
  const range =
    f.firstMinute === undefined
      ? 'no items'
      : f.firstMinute === f.lastMinute
        ? `minute ${f.firstMinute}`
        : `minutes ${f.firstMinute}–${f.lastMinute}`;
  out.push(
    `${f.file} → the meeting of ${f.meeting}: ${range} (${plural(f.items, 'item')}), ${plural(f.decisions, 'decision')}, ${plural(f.actions, 'action')}`,
  );
  for (const w of f.writes) out.push(`  ${dryRun ? 'would write' : 'wrote'} ${w.path}`);
  if (f.unknown.length) {
    out.push('  Not on the roster:');
    for (const u of f.unknown) {
      const near = u.nearest.length
        ? u.ambiguous
          ? `; it fits ${u.nearest.join(' and ')}`
          : `; nearest: ${u.nearest.join(', ')}`
        : '';
      out.push(`    ${u.where.padEnd(9)} ${u.name} (${u.as})${near}; ${u.outcome}`);
    }
    if (f.unknown.some((u) => u.added === undefined && !u.ambiguous)) {
      out.push(
        '    To have them on the roster: add them to members.yaml and use their ids in these minutes, or import with --add-people (which adds full names to others).',
      );
    }
  }
  if (f.unplaced.length) {
    out.push('  Not placed (check these lines and add them by hand if they matter):');
    for (const p of f.unplaced) out.push(`    ${p.where.padEnd(9)} ${clip(p.text)}`);
  }
  if (f.notes.length) {
    out.push('  To check:');
    for (const n of f.notes) out.push(`    ${n.where.padEnd(9)} ${n.message}`);
  }
  if (dryRun) {
    for (const w of f.writes) out.push('', `----- ${w.path} -----`, w.text.replace(/\n$/, ''));
  }
  return out;
}

/** The closing table: one row per document, and a total. */
export function summaryTable(results: readonly FileResult[]): string[] {
  const head = ['document', 'meeting', 'items', 'decisions', 'actions', 'unknown people', 'unplaced lines'];
  const rows = results.map((f) => [
    f.file,
    f.status === 'imported' || f.status === 'dry-run' ? (f.meeting ?? '') : statusWord(f),
    String(f.items),
    String(f.decisions),
    String(f.actions),
    String(new Set(f.unknown.map((u) => u.name)).size),
    String(f.unplaced.length),
  ]);
  const total = [
    'total',
    String(results.filter((f) => f.status === 'imported' || f.status === 'dry-run').length),
    ...[2, 3, 4, 5, 6].map((i) => String(rows.reduce((s, r) => s + Number(r[i]), 0))),
  ];
  const all = [head, ...rows, ...(rows.length > 1 ? [total] : [])];
  const widths = head.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (i >= 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [
    line(head),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map(line),
    ...(rows.length > 1 ? [line(total)] : []),
  ];
}

function statusWord(f: FileResult): string {
  switch (f.status) {
    case 'already-imported':
      return `already (${f.meeting})`;
    case 'exists':
      return 'not written: exists';
    case 'no-date':
      return 'no date';
    case 'no-items':
      return 'no items found';
    default:
      return 'not read';
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function clip(s: string): string {
  return s.length > 100 ? `${s.slice(0, 99)}…` : s;
}

/** The report as JSON: every document with what it gave, and the findings. */
export function importJson(r: ImportResult): string {
  return (
    JSON.stringify(
      {
        ok: r.exitCode === 0,
        documents: r.results.map((f) => ({
          file: f.file,
          status: f.status,
          message: f.message ?? null,
          format: f.format ?? null,
          meeting: f.meeting ?? null,
          minutes: f.firstMinute === undefined ? null : { first: f.firstMinute, last: f.lastMinute },
          items: f.items,
          decisions: f.decisions,
          actions: f.actions,
          files: f.writes.map((w) => ({ path: w.path, text: w.text })),
          unknown: f.unknown.map((u) => ({
            name: u.name,
            as: u.as,
            line: u.line,
            where: u.where,
            nearest: u.nearest,
            ambiguous: u.ambiguous,
            added: u.added ?? null,
            outcome: u.outcome,
          })),
          unplaced: f.unplaced.map((p) => ({ line: p.line, where: p.where, text: p.text })),
          notes: f.notes.map((n) => ({ line: n.line, where: n.where, message: n.message })),
          added: f.added.map((p) => p.id),
        })),
        diagnostics: r.diagnostics,
      },
      null,
      2,
    ) + '\n'
  );
}

/** One line of the progress bar: "[#####.....] 3/10 file". */
export function progressLine(done: number, total: number, file: string, columns: number): string {
  const width = 20;
  const filled = Math.round((done / Math.max(1, total)) * width);
  const head = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} `;
  const room = Math.max(10, columns - head.length - 1);
  return head + (file.length > room ? `…${file.slice(file.length - room + 1)}` : file.padEnd(room));
}
