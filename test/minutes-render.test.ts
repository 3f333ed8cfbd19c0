/**
 * csp minutes render and the HTML agenda, through the CLI, in this process: the website's
 * sanitising pipeline, exempt text withheld unless asked for, --out/--force, and the
 * guard that a roster that does not load stops every command that prints names.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyBundled, cli, noStackTrace } from './helpers.js';
import { XSS_PAYLOADS } from './support/xss-corpus.js';

const AS_OF = ['--as-of', '2026-11-22'];

describe('csp minutes render', () => {
  it('markdown: names for ids, substitutes, declarations, actions in words, exempt text withheld', async () => {
    const dir = copyBundled();
    const r = await cli(dir, ['minutes', 'render', '2026-04-16', ...AS_OF]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^# Minutes of the ordinary meeting of Example Borough Community Safety Partnership\n\n- Date: Thursday 16 April 2026\n- Time: 14:00 to 16:10\n/,
    );
    expect(r.stdout).toContain('- Status: Approved as an accurate record at the meeting of Thursday 16 July 2026');
    expect(r.stdout).toContain(
      '- Supt Joanna Price (Metropolitan Police Service), present as substitute for Ch Supt Marcus Adeyemi',
    );
    expect(r.stdout).toContain(
      "- Farah Siddiqui (Example Women's Aid), minute 267, personal: Chief Executive of Example Women",
    );
    expect(r.stdout).toContain("(Action: Farah Siddiqui (Example Women's Aid); due Wednesday 30 September 2026)");
    expect(r.stdout).toContain(
      '## 270. CCTV maintenance contract – award\n\n*Exempt — not for publication (Local Government Act 1972, Schedule 12A, paragraph 3). The minutes of this item are not published.*',
    );
    expect(r.stdout).not.toContain('Four bids had been evaluated');
    expect(r.stdout).not.toContain('[action');
  });

  it('--include-exempt shows the exempt text, marked as exempt', async () => {
    const r = await cli(copyBundled(), ['minutes', 'render', '2026-04-16', '--include-exempt', ...AS_OF]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      '**Exempt — not for publication (Local Government Act 1972, Schedule 12A, paragraph 3)**',
    );
    expect(r.stdout).toContain('Four bids had been evaluated on quality and price');
  });

  it('HTML: one printable page through the sanitising pipeline; DRAFT on a draft; --out never overwrites without --force', async () => {
    const dir = copyBundled();
    const minutes = path.join(dir, 'records/meetings/2026-10-08/minutes.md');
    writeFileSync(minutes, readFileSync(minutes, 'utf8').trimEnd() + `\n\n${XSS_PAYLOADS.join('\n\n')}\n`);
    const r = await cli(dir, [
      'minutes',
      'render',
      '2026-10-08',
      '--format',
      'html',
      '--out',
      'minutes.html',
      ...AS_OF,
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Wrote the minutes of 2026-10-08 to minutes.html\n');
    const html = readFileSync(path.join(dir, 'minutes.html'), 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>\s*<html lang="en-GB">/);
    expect(html).toContain('<title>DRAFT: Minutes, Thursday 8 October 2026: Example CSP</title>');
    expect(html).toContain(
      '<p class="banner draft">DRAFT: these minutes have not yet been approved as an accurate record.</p>',
    );
    expect(html).toContain('@page { size: A4;');
    expect(html).toContain(
      '<section class="minute" id="minute-291"><h3>291. Community Safety Strategy 2027–2030 – draft for consultation</h3>',
    );
    expect(html).toMatch(/<div class="decision"><p>RESOLVED<\/p>/);
    // The payloads are text, never markup: no tag, handler or script URL survives.
    const body = html.slice(html.indexOf('<body>'));
    expect(body).not.toMatch(
      /<(script|iframe|img|svg|object|embed|form|input|base|link|math|details|video|style)[\s>]/i,
    );
    expect(body).not.toMatch(/<[a-z][^>]*\son\w+=/i);
    expect(body).not.toMatch(/<a\s[^>]*href="\s*(javascript|data|vbscript):/i);
    expect(html).toContain('&#x3C;script>alert(');

    const again = await cli(dir, [
      'minutes',
      'render',
      '2026-10-08',
      '--format',
      'html',
      '--out',
      'minutes.html',
      ...AS_OF,
    ]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(
      'csp: minutes.html already exists, so nothing was written. Choose another name, or add --force to replace it.\n',
    );
    writeFileSync(path.join(dir, 'minutes.html'), 'old');
    const forced = await cli(dir, ['minutes', 'render', '2026-10-08', '--out', 'minutes.html', '--force', ...AS_OF]);
    expect(forced.code).toBe(0);
    expect(readFileSync(path.join(dir, 'minutes.html'), 'utf8')).toMatch(
      /^\*\*DRAFT: these minutes have not yet been approved/,
    );
  });

  it('a meeting without minutes, or --force without --out, is a usage error', async () => {
    const dir = copyBundled();
    const none = await cli(dir, ['minutes', 'render', '2026-12-10', ...AS_OF]);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe(
      'csp: The meeting 2026-12-10 has no minutes yet. Draft them with: csp minutes new 2026-12-10\n',
    );
    const force = await cli(dir, ['minutes', 'render', '2026-10-08', '--force', ...AS_OF]);
    expect(force.code).toBe(2);
    expect(force.stderr).toContain('--force replaces the file named by --out');
  });
});

describe('csp agenda --format html', () => {
  it('papers as links to the files, the notes as sanitised markdown, a mailto link for the contact', async () => {
    const dir = copyBundled();
    const meeting = path.join(dir, 'records/meetings/2026-12-10/meeting.md');
    writeFileSync(
      meeting,
      readFileSync(meeting, 'utf8').trimEnd() +
        '\n\nSee **the needs assessment** [in the papers](papers/safe-accommodation-needs-assessment.pdf).\n\n<script>alert(1)</script>\n\n[x](javascript:alert(2)) [y](JAVASCRIPT:alert(3))\n',
    );
    const r = await cli(dir, ['agenda', '2026-12-10', '--format', 'html', '--out', 'out/agenda.html', ...AS_OF]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const html = readFileSync(path.join(dir, 'out/agenda.html'), 'utf8');
    expect(html).toContain(
      '<a href="../records/meetings/2026-12-10/papers/safe-accommodation-needs-assessment.pdf">papers/safe-accommodation-needs-assessment.pdf</a> (',
    );
    expect(html).toContain(
      '<strong>the needs assessment</strong> <a href="../records/meetings/2026-12-10/papers/safe-accommodation-needs-assessment.pdf">in the papers</a>',
    );
    expect(html).toContain(
      '<dd>Committee Clerk, Principal Committee Co-ordinator, <a href="mailto:csp.clerk@example.gov.uk">csp.clerk@example.gov.uk</a></dd>',
    );
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('&#x3C;script>alert(1)&#x3C;/script>');
  });
});

describe('a roster that does not load stops every command that prints or publishes names', () => {
  const broken = () => {
    const dir = copyBundled();
    writeFileSync(path.join(dir, 'records/members.yaml'), 'members:\n  - id: x\n    name: [unclosed\n');
    return dir;
  };
  for (const [what, args, why] of [
    ['agenda', ['agenda', '2026-12-10'], 'the agenda names the presenters and the owners of actions'],
    ['minutes render', ['minutes', 'render', '2026-07-16'], 'the minutes name who was present'],
    ['export', ['export'], 'the website names members'],
  ] as const) {
    it(`${what}: exit 2 with the cause, nothing printed or written`, async () => {
      const dir = broken();
      const r = await cli(dir, [...args, ...AS_OF]);
      expect(r.code).toBe(2);
      expect(noStackTrace(r)).toBe(true);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(
        new RegExp(`^csp: members\\.yaml cannot be read \\(records/members\\.yaml:\\d+:\\d+: .+\\), and ${why}: `),
      );
    });
  }
});
