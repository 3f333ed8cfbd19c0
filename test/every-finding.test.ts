/**
 * Speed never by skipping work: a generated record with one finding of every rule planted
 * in it reports every one of them on a cold read (shared out to worker threads), on a warm
 * one (from the record index) and after one file is edited, and the same bytes as a read
 * with neither the index nor the workers; and, once nothing has changed, the findings of the
 * last check given again are those same bytes.
 */
import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULE_IDS } from '../src/core/diagnostic.js';
import { PRESENT_NOTE } from '../src/queries/placeholders.js';
import { csp, ROOT, tempDir, writeFiles } from './helpers.js';
import { settle } from './support/coarse-fs.js';

interface Report {
  diagnostics: { file: string; line: number; column: number; rule: string; message: string }[];
}

const action = (extra: string) => `---\ntitle: A planted action\nowner: m0\nstatus: open\n${extra}---\nContext.\n`;

/** Changes one file of the record by a function of its text. */
function edit(root: string, rel: string, change: (text: string) => string): void {
  const file = path.join(root, rel);
  writeFileSync(file, change(readFileSync(file, 'utf8')));
}

describe('every finding, cold, warm and after an edit', () => {
  it('reports one planted finding of each rule, the same way every time', async () => {
    const { generate } = (await import(pathToFileURL(path.join(ROOT, 'bench', 'generate.js')).href)) as {
      generate: (dir: string, meetings: number, papers: number) => void;
    };
    const dir = tempDir();
    const root = path.join(dir, 'records');
    generate(root, 60, 1); // 300+ files: enough for the cold read to use worker threads
    const ids = readdirSync(path.join(root, 'meetings')).sort();
    const [m1, m2, m3, m4, m5, m6, m7] = ids as [string, string, string, string, string, string, string];
    const minutes = (id: string) => `meetings/${id}/minutes.md`;

    // approved-changed needs a git revision to compare with: the record as generated.
    execFileSync('git', ['init', '-q', dir]);
    execFileSync('git', ['-C', dir, 'add', '.']);
    execFileSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-qm', 'record']);

    writeFiles(root, {
      'actions/broken-yaml.md': '---\ntitle: [unclosed\n---\n', // yaml-syntax
      'actions/bad-schema.md': action('colour: red\n'), // schema
      [`meetings/${m1}/notes.txt`]: 'Not a record file.\n', // layout
      'actions/bad-date.md': action('due: 2023-02-30\n'), // date
      'actions/bad-owner.md': action('').replace('owner: m0', 'owner: nobody'), // unknown-ref
      'actions/bad-state.md': action('').replace('status: open', 'status: done'), // action-state
      'meetings/2030-01-10/meeting.md': '---\ndate: 2030-01-10\n---\n', // frequency (with the line below)
      // future-minutes (minutes of a meeting not yet held) and placeholder (the drafted present list)
      'meetings/2029-12-25/meeting.md': '---\ndate: 2029-12-25\n---\n', // meeting-day (Christmas Day, still to be held)
      'meetings/2030-01-10/minutes.md': `---\nstatus: draft\npresent: [m0]  # ${PRESENT_NOTE}\n---\n`,
    });
    edit(root, 'partnership.md', (t) => t.replace('frequency: ad-hoc', 'frequency: quarterly'));
    // heading, action-marker and action-sync (a synced marker whose action file does not exist)
    appendFileSync(
      path.join(root, minutes(m2)),
      '\nIt was agreed to look again. [action: ]\n\nThe clerk would write. [action 1999-01-01-1-1: m0]\n\n## Any other business\n\nNone.\n',
    );
    // membership (a deputy recorded present as a member) and substitute (not the member's deputy)
    edit(root, minutes(m3), (t) =>
      t
        .replace('present: [m0,', 'present: [d0, m0,')
        .replace('{ member: m5, substitute: d5 }', '{ member: m5, substitute: d6 }'),
    );
    // minute-number (the first item's number used twice)
    edit(root, minutes(m4), (t) =>
      t.replace(/^## (\d+)\. Substantive item 2/m, (_all, n: string) => `## ${Number(n) - 1}. Substantive item 2`),
    );
    // outcome: a substantive item with neither a decision nor an action
    edit(root, minutes(m5), (t) =>
      t.replace(/(## \d+\. Substantive item 1 of [^\n]*\n)[\s\S]*?(?=\n## )/, '$1\nThe Board discussed it.\n'),
    );
    // quorum: decisions at a meeting with one member present
    edit(root, minutes(m6), (t) => t.replace(/^present: \[[^\]]*\]/m, 'present: [m5]'));
    // notice: an agenda circulated on the day of the meeting
    edit(root, `meetings/${m7}/meeting.md`, (t) => t.replace('status: held\n', `status: held\npublished: ${m7}\n`));
    // approved-changed: approved minutes edited other than by a correction
    appendFileSync(path.join(root, minutes(m1)), '\nA sentence added after approval.\n');

    const args = ['validate', '--format', 'json', '--base', 'HEAD', '--as-of', '2026-11-22'];
    const cache = tempDir('csp-cache-');
    const plain = { CSP_NO_CACHE: '1', CSP_WORKERS: '0' };
    const reference = csp(dir, args, plain);
    const cold = csp(dir, args, { CSP_CACHE_DIR: cache, CSP_DEBUG: '1' });
    expect(cold.stderr).toMatch(/^read: \d+ files, [1-9]\d* workers/m);
    expect(cold.stdout).toBe(reference.stdout);
    const rules = new Set((JSON.parse(cold.stdout) as Report).diagnostics.map((d) => d.rule));
    expect([...RULE_IDS].filter((r) => !rules.has(r))).toEqual([]);
    expect(cold.code).toBe(1);

    const warm = csp(dir, args, { CSP_CACHE_DIR: cache });
    expect(warm.stdout).toBe(reference.stdout);

    // One file edited: a second unknown owner. Everything found before is still found, and the new finding too.
    edit(root, 'actions/bad-state.md', (t) => t.replace('owner: m0', 'owner: nobody-else'));
    const after = csp(dir, args, { CSP_CACHE_DIR: cache });
    expect(after.stdout).toBe(csp(dir, args, plain).stdout);
    const before = (JSON.parse(reference.stdout) as Report).diagnostics;
    const now = (JSON.parse(after.stdout) as Report).diagnostics;
    expect(now).toEqual(expect.arrayContaining(before));
    expect(now.filter((d) => !before.some((b) => JSON.stringify(b) === JSON.stringify(d)))).toEqual([
      expect.objectContaining({ file: 'records/actions/bad-state.md', rule: 'unknown-ref' }),
    ]);

    // Without --base, a check of a record unchanged since the last one gives that check's findings again
    // (every planted finding but approved-changed, which needs the base), byte for byte.
    settle();
    const noBase = ['validate', '--format', 'json', '--as-of', '2026-11-22'];
    const plainNoBase = csp(dir, noBase, plain);
    const keeps = csp(dir, noBase, { CSP_CACHE_DIR: cache, CSP_DEBUG: '1' });
    expect(keeps.stderr).not.toMatch(/^findings: those of the last check/m);
    const kept = csp(dir, noBase, { CSP_CACHE_DIR: cache, CSP_DEBUG: '1' });
    expect(kept.stderr).toMatch(/^findings: those of the last check/m);
    expect(kept.stdout).toBe(plainNoBase.stdout);
    expect(keeps.stdout).toBe(plainNoBase.stdout);
    const keptRules = new Set((JSON.parse(kept.stdout) as Report).diagnostics.map((d) => d.rule));
    expect([...RULE_IDS].filter((r) => !keptRules.has(r))).toEqual(['approved-changed']);
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
