/**
 * Hostile input through the CLI, in this process: every case ends in a finding with a position,
 * exit 1 (2 only when there is no record to load), and never a stack trace.
 */
import { describe, it, expect } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { BIN, BUNDLED, ROOT, cli, copyBundled, minimalRecord, noStackTrace } from './helpers.js';
import { goodMinutes, meetingMd, type Finding, type Report } from './rules-support.js';
import { parseYaml } from '../src/parse/yaml.js';
import { checkSchema } from '../src/schema/check.js';

const AS_OF = ['--as-of', '2026-11-22'];
const M = 'meetings/2026-01-15';
const MEETING = 'records/meetings/2026-01-15/meeting.md';
const MINUTES = 'records/meetings/2026-01-15/minutes.md';

/** Validates a record (built with `setup` after the files are written) and checks the run ended cleanly. */
async function hostile(
  files: Record<string, string | Buffer>,
  setup?: (dir: string) => void,
): Promise<{ code: number; report: Report; dir: string }> {
  const dir = minimalRecord(files);
  setup?.(dir);
  const r = await cli(dir, ['validate', '--format', 'json', ...AS_OF]);
  expect(noStackTrace(r)).toBe(true);
  expect(r.stderr).toBe('');
  const report = JSON.parse(r.stdout) as Report;
  // The text format on the same record must also end without a stack trace.
  const t = await cli(dir, ['validate', ...AS_OF]);
  expect(noStackTrace(t)).toBe(true);
  expect(t.code).toBe(r.code);
  return { code: r.code, report, dir };
}

const err = (file: string, line: number, column: number, rule: string, message: string): Finding => ({
  file,
  line,
  column,
  severity: 'error',
  rule,
  message,
});

describe('hostile YAML', () => {
  it('an unclosed quote', async () => {
    const minutes = '---\nstatus: draft\nchair: "cllr-chair\npresent: [cllr-chair]\n---\n';
    const { code, report } = await hostile({
      [`${M}/meeting.md`]: meetingMd('2026-01-15'),
      [`${M}/minutes.md`]: minutes,
    });
    expect(code).toBe(1);
    // yaml places it where the quoted text runs out: the closing fence.
    expect(report.diagnostics).toEqual([
      err(MINUTES, 5, 1, 'yaml-syntax', 'YAML: Missing closing "quote. A quote or bracket is not closed.'),
    ]);
  });

  it('an unclosed bracket', async () => {
    const minutes = '---\nstatus: draft\npresent: [cllr-chair, pc-police\n---\n';
    const { code, report } = await hostile({
      [`${M}/meeting.md`]: meetingMd('2026-01-15'),
      [`${M}/minutes.md`]: minutes,
    });
    expect(code).toBe(1);
    expect(report.diagnostics).toEqual([
      err(
        MINUTES,
        4,
        1,
        'yaml-syntax',
        'YAML: Flow sequence in block collection must be sufficiently indented and end with a ]. Check the indentation: items of one list or map line up under each other.',
      ),
    ]);
  });

  it('an alias bomb (9 levels of 9 aliases) is refused at the first alias', async () => {
    const names = 'abcdefghi';
    let bomb = `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n`;
    for (let i = 1; i < 9; i++)
      bomb += `${names[i]}: &${names[i]} [${Array(9)
        .fill(`*${names[i - 1]}`)
        .join(',')}]\n`;
    const { code, report } = await hostile({ [`${M}/meeting.md`]: `---\ndate: 2026-01-15\n${bomb}---\n` });
    expect(code).toBe(1);
    // Line 4 is "b: &b [*a,…": the first alias is at column 8.
    expect(report.diagnostics).toEqual([
      err(
        MEETING,
        4,
        8,
        'yaml-syntax',
        'This YAML uses 72 aliases (*name); at most 50 are allowed. Write the values out instead of repeating them by alias.',
      ),
    ]);
  });

  it('a smaller alias bomb (6 levels of 8, under the alias count) is refused when it expands', async () => {
    const names = 'abcdef';
    let bomb = 'a: &a [x,x,x,x,x,x,x,x]\n';
    for (let i = 1; i < 6; i++)
      bomb += `${names[i]}: &${names[i]} [${Array(8)
        .fill(`*${names[i - 1]}`)
        .join(',')}]\n`;
    const { code, report } = await hostile({ [`${M}/meeting.md`]: `---\ndate: 2026-01-15\n${bomb}---\n` });
    expect(code).toBe(1);
    expect(report.diagnostics).toEqual([
      err(
        MEETING,
        4,
        8,
        'yaml-syntax',
        'The aliases in this YAML expand to too much data. Write the values out instead of repeating them by alias.',
      ),
    ]);
  });

  it('10,000 levels of [ nesting', async () => {
    const { code, report } = await hostile({
      [`${M}/meeting.md`]: `---\ndate: 2026-01-15\nitems: ${'['.repeat(10000)}\n---\n`,
    });
    expect(code).toBe(1);
    const first = report.diagnostics[0]!;
    expect([first.file, first.line, first.rule, first.severity]).toEqual([MEETING, 3, 'yaml-syntax', 'error']);
    // Where the parser gives up depends on the stack size: somewhere inside the brackets.
    expect(first.column).toBeGreaterThanOrEqual(8);
    expect(first.column).toBeLessThanOrEqual(10008);
    expect(report.diagnostics.map((d) => d.message)).toContain(
      'This YAML is nested too deeply (or too large) to read. Flatten it: no record needs more than 32 levels.',
    );
    expect(report.diagnostics.every((d) => d.rule === 'yaml-syntax' && d.file === MEETING && d.line === 3)).toBe(true);
  });

  it('nesting beyond the depth limit that YAML itself can read', async () => {
    let deep = 'date: 2026-01-15\nitems:\n';
    for (let i = 0; i < 100; i++) deep += `${'  '.repeat(i + 1)}a:\n`;
    const { code, report } = await hostile({ [`${M}/meeting.md`]: `---\n${deep}---\n` });
    expect(code).toBe(1);
    expect(report.diagnostics).toHaveLength(1);
    expect(report.diagnostics[0]).toMatchObject({
      file: MEETING,
      rule: 'yaml-syntax',
      severity: 'error',
      message:
        'This YAML is nested more than 32 levels deep, far beyond any record. Flatten it; csp stops reading here.',
    });
    expect(report.diagnostics[0]!.line).toBeGreaterThan(3);
    expect(report.diagnostics[0]!.column).toBeGreaterThan(1);
  });

  it('a list or a scalar where the front matter map belongs', async () => {
    const list = await hostile({ [`${M}/meeting.md`]: '---\n- date\n- 2026-01-15\n---\n' });
    expect(list.code).toBe(1);
    expect(list.report.diagnostics).toEqual([
      err(
        MEETING,
        2,
        1,
        'schema',
        'The front matter should be a set of fields (key: value lines), but it is a list. Write one "key: value" line per field.',
      ),
    ]);
    const scalar = await hostile({ [`${M}/meeting.md`]: '---\njust some text\n---\n' });
    expect(scalar.code).toBe(1);
    expect(scalar.report.diagnostics).toEqual([
      err(
        MEETING,
        2,
        1,
        'schema',
        'The front matter should be a set of fields (key: value lines), but it is "just some text". Write one "key: value" line per field.',
      ),
    ]);
  });

  it('empty front matter, and front matter of only a comment', async () => {
    for (const text of ['---\n---\n', '---\n# nothing yet\n---\n']) {
      const { code, report } = await hostile({ [`${M}/meeting.md`]: text });
      expect(code).toBe(1);
      expect(report.diagnostics).toEqual([
        err(
          MEETING,
          1,
          1,
          'schema',
          'The front matter is empty. Fill in its fields (see the record format in the README).',
        ),
      ]);
    }
  });

  it('tab indentation', async () => {
    const { code, report } = await hostile({
      [`${M}/meeting.md`]: '---\ndate: 2026-01-15\napologies:\n\t- member: pc-police\n---\n',
    });
    expect(code).toBe(1);
    expect(report.diagnostics).toEqual([
      err(MEETING, 4, 1, 'yaml-syntax', 'YAML: Tabs are not allowed as indentation. Indent with spaces, not tabs.'),
    ]);
  });

  it('duplicate keys', async () => {
    const { code, report } = await hostile({ [`${M}/meeting.md`]: '---\ndate: 2026-01-15\ndate: 2026-01-16\n---\n' });
    expect(code).toBe(1);
    expect(report.diagnostics).toEqual([
      err(
        MEETING,
        3,
        1,
        'yaml-syntax',
        'YAML: Map keys must be unique. Each field may appear once; remove or rename the second one.',
      ),
    ]);
  });

  it('impossible dates: a field and a meeting folder', async () => {
    const { code, report } = await hostile({
      'meetings/2023-02-30/meeting.md': meetingMd('2023-02-30'),
      [`${M}/meeting.md`]: '---\ndate: 2026-01-15\npublished: 2023-02-30\n---\n',
    });
    expect(code).toBe(1);
    expect(report.diagnostics).toEqual([
      err(
        'records/meetings/2023-02-30',
        1,
        1,
        'date',
        'The meeting folder "2023-02-30" is named after a day that does not exist. Rename it to the meeting\'s real date.',
      ),
      err(MEETING, 3, 12, 'date', '"2023-02-30" is not a real day. Check the day and month (YYYY-MM-DD).'),
    ]);
  });

  it('prototype keys are fields like any other: "not a field", and no pollution', async () => {
    const text = '---\ndate: 2026-01-15\n__proto__: { polluted: true }\nconstructor: evil\n---\n';
    const { code, report } = await hostile({ [`${M}/meeting.md`]: text });
    expect(code).toBe(1);
    const allowed =
      'The fields allowed here are: date, start, end, venue, online_url, kind, theme, status, reason, published, apologies, items.';
    expect(report.diagnostics).toEqual([
      err(MEETING, 3, 1, 'schema', `"__proto__" is not a field csp knows here. ${allowed}`),
      err(MEETING, 4, 1, 'schema', `"constructor" is not a field csp knows here. ${allowed}`),
    ]);
    // In process: parsing and checking leave Object.prototype alone.
    const parsed = parseYaml('date: 2026-01-15\n__proto__: { polluted: true, status: approved }\n', 2);
    expect(parsed.ok).toBe(true);
    const data = parsed.data as Record<string, unknown>;
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(Object.keys(data)).toEqual(['date', '__proto__']);
    expect(checkSchema('meeting', data).map((p) => p.path)).toEqual([['__proto__']]);
    expect(({} as Record<string, unknown>).polluted).toBe(undefined);
    expect(({} as Record<string, unknown>).status).toBe(undefined);
  });
});

describe('hostile front matter fences', () => {
  for (const tag of ['js', 'javascript', 'coffee']) {
    it(`---${tag} is refused and never run`, async () => {
      const marker = path.join(mkdtempSync(path.join(tmpdir(), 'csp-marker-')), 'pwned');
      const code =
        tag === 'coffee'
          ? `require('fs').writeFileSync ${JSON.stringify(marker)}, 'x'\n`
          : `(function () { require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); return { date: '2026-01-15' }; })()\n`;
      const { code: exit, report } = await hostile({ [`${M}/meeting.md`]: `---${tag}\n${code}---\nAgenda notes.\n` });
      expect(exit).toBe(1);
      expect(report.diagnostics).toEqual([
        err(
          MEETING,
          1,
          4,
          'yaml-syntax',
          `Front matter must be YAML, but this file's opening fence says "---${tag}". Change the first line to "---"; csp never runs code from a record.`,
        ),
      ]);
      expect(existsSync(marker)).toBe(false);
    });
  }
});

describe('hostile files', () => {
  it('a 2 MiB minutes.md is a layout error and is not parsed', async () => {
    // Unnumbered headings all the way down: had the file been parsed they would be heading errors.
    const big = '---\nstatus: draft\n---\n' + '## not numbered\n'.repeat((2 * 1024 * 1024) / 16);
    const { code, report } = await hostile({ [`${M}/meeting.md`]: meetingMd('2026-01-15'), [`${M}/minutes.md`]: big });
    expect(code).toBe(1);
    expect(report.diagnostics).toEqual([
      err(
        MINUTES,
        1,
        1,
        'layout',
        "This file is 2.0 MiB; markdown and YAML files in a record may be at most 1 MiB. Move long reports into the meeting's papers/ folder.",
      ),
    ]);
  });

  it('a file in Latin-1, at the first byte that is not UTF-8', async () => {
    const latin1 = Buffer.concat([
      Buffer.from('---\ndate: 2026-01-15\nvenue: Caf'),
      Buffer.from([0xe9]),
      Buffer.from(' Royal\n---\n'),
    ]);
    const { code, report } = await hostile({ [`${M}/meeting.md`]: latin1 });
    expect(code).toBe(1);
    expect(report.diagnostics).toEqual([
      err(
        MEETING,
        3,
        11,
        'layout',
        'This file is not UTF-8 text. Save it as UTF-8 in your editor (for example "Save with encoding: UTF-8").',
      ),
    ]);
  });

  it('a binary action file (NUL bytes), at the first NUL', async () => {
    const binary = Buffer.concat([
      Buffer.from('---\ntitle: x\n'),
      Buffer.from([0x00, 0x01, 0x02, 0xff]),
      Buffer.from('\n---\n'),
    ]);
    const { code, report } = await hostile({ 'actions/evil.md': binary });
    expect(code).toBe(1);
    expect(report.diagnostics).toEqual([
      err(
        'records/actions/evil.md',
        3,
        1,
        'layout',
        "This file holds binary data, not text. A record's markdown and YAML files must be plain text; put documents in papers/.",
      ),
    ]);
  });

  it('symbolic links out of the record are layout errors and are not followed', async () => {
    const { code, report } = await hostile({ [`${M}/meeting.md`]: meetingMd('2026-01-15') }, (dir) => {
      // Had the link been followed, this broken front matter would give a yaml-syntax finding.
      writeFileSync(path.join(dir, 'outside.md'), '---\nstatus: [unclosed\n---\n');
      mkdirSync(path.join(dir, 'records/actions'));
      symlinkSync(path.join(dir, 'outside.md'), path.join(dir, 'records/actions/linked.md'));
      symlinkSync(tmpdir(), path.join(dir, `records/${M}/papers`));
    });
    expect(code).toBe(1);
    const message =
      'This is a link to a file outside the record. A record holds its own files: copy the file in, or remove the link.';
    expect(report.diagnostics).toEqual([
      err('records/actions/linked.md', 1, 1, 'layout', message),
      err(`records/${M}/papers`, 1, 1, 'layout', message),
    ]);
  });

  it('a link in a body leading out of the record is a layout error at the link', async () => {
    const minutes = goodMinutes().replace(
      'RESOLVED that the plan be noted.',
      'RESOLVED that the [report](../../../etc/passwd) and [this](/etc/shadow) be noted.',
    );
    // From actions/, ../../ is already outside the record.
    const action = '---\ntitle: Book a venue\nowner: clerk\nstatus: open\n---\nSee [x](../../etc/passwd).\n';
    const { code, report } = await hostile({
      [`${M}/meeting.md`]: meetingMd('2026-01-15'),
      [`${M}/minutes.md`]: minutes,
      'actions/book-venue.md': action,
    });
    expect(code).toBe(1);
    const out = (url: string) =>
      `This link leads out of the record ("${url}"). Link only to files inside the record, such as the meeting's papers.`;
    // Line 8 is the RESOLVED paragraph: "RESOLVED that the " is 18 characters; "[report](../../../etc/passwd) and " is 34 more.
    expect(report.diagnostics).toEqual([
      err('records/actions/book-venue.md', 6, 5, 'layout', out('../../etc/passwd')),
      err(MINUTES, 8, 19, 'layout', out('../../../etc/passwd')),
      err(MINUTES, 8, 53, 'layout', out('/etc/shadow')),
    ]);
  });

  it('thousands of nested quotes in a body are a layout finding, not a crash', async () => {
    const deep = '> '.repeat(20000) + 'x\n';
    const { code, report } = await hostile({
      [`${M}/meeting.md`]: `---\ndate: 2026-01-15\n---\n${deep}`,
      [`${M}/minutes.md`]: `---\nstatus: draft\n---\n${deep}`,
    });
    expect(code).toBe(1);
    // The 33rd ">" (column 65 of "> > > …") is past the limit: refused before the parser runs.
    const message =
      'This text has more than 32 quotations or lists inside each other on one line, far beyond any minutes, and is not read. Simplify it.';
    expect(report.diagnostics).toEqual([
      err(MEETING, 4, 65, 'layout', message),
      err(MINUTES, 4, 65, 'layout', message),
    ]);
  }, 90_000);

  it('a line of 120,000 unclosed "[action:" ends with one finding (neither the marker pattern nor the parser runs for minutes)', async () => {
    // Under 1 MiB; with unbounded repeats in the marker pattern this took minutes (past the test timeout).
    // The unclosed brackets now stop at the complexity scan, at the 33rd "[" (column 32 * 8 + 1).
    const minutes = goodMinutes().replace(
      'RESOLVED that the plan be noted.',
      'RESOLVED that the plan be noted.\n\n' + '[action:'.repeat(120000),
    );
    const { code, report } = await hostile({
      [`${M}/meeting.md`]: meetingMd('2026-01-15'),
      [`${M}/minutes.md`]: minutes,
    });
    expect(code).toBe(1);
    expect(report.diagnostics).toEqual([
      err(
        MINUTES,
        10,
        257,
        'layout',
        'This text has square brackets nested more than 32 deep, far beyond any minutes, and is not read. Simplify it.',
      ),
    ]);
  }, 90_000);

  it('no record at all is the one case of exit 2', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'csp-empty-'));
    const r = await cli(dir, ['validate', '--format', 'json', ...AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^csp: No record found: .*csp init/);
    expect(noStackTrace(r)).toBe(true);
  });
});

describe('accepted without findings', () => {
  it('CRLF line ends, a byte-order mark and non-ASCII names', async () => {
    const crlf = (s: string) => '\uFEFF' + s.replace(/\n/g, '\r\n');
    const members = [
      'members:',
      '  - { id: zoe-olafsdottir, name: Cllr Zoë Ólafsdóttir, organisation: Test Borough Council, sector: local-authority, role: chair, joined: 2020-01-01 }',
      '  - { id: lukasz-nowak, name: Supt Łukasz Nowak, organisation: Test Police, sector: police, role: member, joined: 2020-01-01 }',
      '  - { id: dr-health, name: Dr Hana Health, organisation: Test NHS, sector: health, role: member, joined: 2020-01-01 }',
      'others:',
      '  - { id: clerk, name: Committee Clerk, organisation: Test Borough Council }',
      '',
    ].join('\n');
    const minutes = [
      '---',
      'status: draft',
      'chair: zoe-olafsdottir',
      'present: [zoe-olafsdottir, lukasz-nowak, dr-health]',
      '---',
      '## 1. Community safety plan',
      '',
      'RESOLVED that Supt Łukasz Nowak’s report be noted.',
      '',
      '- Write to the police — “urgent” [action: CLLR ZOË ÓLAFSDÓTTIR; due 2026-02-01]',
      '',
    ].join('\n');
    const { code, report } = await hostile({
      'partnership.md': crlf(
        '---\nname: Tŷ Cymru Community Safety Partnership\nshort_name: Tŷ CSP\n---\nTerms of reference — “draft”.\n',
      ),
      'members.yaml': crlf(members),
      [`${M}/meeting.md`]: crlf('---\ndate: 2026-01-15\nvenue: Salle Éluard\n---\nNotes.\n'),
      [`${M}/minutes.md`]: crlf(minutes),
    });
    // The only finding is the unsynced action: the owner name matched, in any case, despite the accents.
    expect(report.diagnostics).toEqual([
      {
        file: MINUTES,
        line: 10,
        column: 34,
        severity: 'warning',
        rule: 'action-sync',
        message: 'This action has no action file yet. Run "csp actions sync" to give it an id and create its file.',
      },
    ]);
    expect(code).toBe(0);
  });
});

describe('start-up', () => {
  /** Module URLs a run of the built CLI resolves, recorded by a module hook. */
  function modulesLoaded(
    args: string[],
    cwd = ROOT,
    env: Record<string, string> = { CSP_NO_CACHE: '1' },
  ): { code: number; urls: string[]; stdout: string; stderr: string } {
    const log = path.join(mkdtempSync(path.join(tmpdir(), 'csp-loads-')), 'loads.txt');
    writeFileSync(log, '');
    const r = spawnSync(process.execPath, ['--import', path.join(ROOT, 'test/fixtures/load-log.mjs'), BIN, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', CSP_RECORDS: '', CSP_LOAD_LOG: log, ...env },
      encoding: 'utf8',
    });
    return {
      code: r.status ?? -1,
      urls: readFileSync(log, 'utf8').split('\n').filter(Boolean),
      stdout: r.stdout,
      stderr: r.stderr,
    };
  }
  /** What the loaded files hold: package names, and csp's own modules (src/…), through the bundle's table of contents. */
  const contents = JSON.parse(readFileSync(path.join(ROOT, 'dist', 'bundle-contents.json'), 'utf8')) as Partial<
    Record<string, { holds: string[]; loads: string[] }>
  >;
  function held(urls: string[]): string[] {
    const out = new Set<string>();
    // A file of the bundle loaded with require() brings its static imports along unseen by the hook.
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const name of contents[file]?.holds ?? []) out.add(name);
      for (const next of contents[file]?.loads ?? []) visit(next);
    };
    for (const u of urls) {
      const pkg = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1];
      if (pkg) out.add(pkg);
      const bundled = /\/dist\/([^/]+\.js)$/.exec(u)?.[1];
      if (bundled) visit(bundled);
    }
    return [...out].sort();
  }
  const HEAVY =
    /^(remark-[^/]+|rehype-[^/]+|hast-util-[^/]+|unified|micromark[^/]*|mdast-[^/]+|yaml|ajv|ajv-formats|handlebars|date-holidays|ical-generator|feed|xml-js)$/;
  const heavy = (urls: string[]) => held(urls).filter((n) => HEAVY.test(n));

  it('csp --help loads neither remark nor the YAML library nor ajv (nor handlebars, date-holidays)', () => {
    // Through the command line (csp help): the hook sees the CLI itself and commander (bundled into it).
    const viaCommander = modulesLoaded(['help']);
    expect(viaCommander.code).toBe(0);
    expect(held(viaCommander.urls)).toEqual(expect.arrayContaining(['commander', 'src/cli/main.ts']));
    expect(heavy(viaCommander.urls)).toEqual([]);
    // commander's own require of node:child_process (for subcommands that are programs, which csp has none of) waits until used.
    expect(viaCommander.urls.filter((u) => u.endsWith('child_process'))).toEqual([]);
    // csp --help into a pipe prints the help written at build time and loads no file of the bundle at all.
    const { code, urls } = modulesLoaded(['--help']);
    expect(code).toBe(0);
    expect(urls.some((u) => u.endsWith('/bin/csp.cjs'))).toBe(true);
    expect(urls.filter((u) => u.includes('/dist/'))).toEqual([]);
    expect(heavy(urls)).toEqual([]);
  });

  it("csp agenda renders its built-in template with handlebars' runtime, and loads no rule and nothing that writes the record unless --publish", () => {
    const dir = copyBundled();
    const plain = modulesLoaded(['agenda', '2026-12-10', ...AS_OF], dir);
    expect(plain.code).toBe(0);
    const loaded = held(plain.urls);
    // The runtime alone: the compiler (which brings source-map) is for a record's own templates.
    expect(loaded).toContain('handlebars');
    expect(loaded).not.toContain('source-map');
    expect(loaded.filter((n) => n.startsWith('src/rules/'))).toEqual([]);
    expect(loaded).not.toContain('src/ops/seam.ts');
    expect(plain.urls.filter((u) => u.endsWith('child_process'))).toEqual([]);
    const published = modulesLoaded(['agenda', '2026-12-10', '--publish', ...AS_OF], dir);
    expect(published.code).toBe(0);
    expect(held(published.urls)).toContain('src/ops/seam.ts');
    // A template of the record's own is compiled, so the compiler comes too.
    mkdirSync(path.join(dir, 'records', 'templates'));
    writeFileSync(path.join(dir, 'records', 'templates', 'agenda.md.hbs'), '# Agenda of {{title}}\n');
    const own = modulesLoaded(['agenda', '2026-12-10', ...AS_OF], dir);
    expect(own.code).toBe(0);
    expect(held(own.urls)).toContain('source-map');
  });

  it("the same probe sees the website's libraries only when csp export runs", () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'csp-site-')), 'site');
    const { code, urls } = modulesLoaded(['export', '--out', out, ...AS_OF], minimalRecord());
    expect(code).toBe(0);
    expect(heavy(urls)).toEqual(
      expect.arrayContaining(['feed', 'ical-generator', 'rehype-sanitize', 'rehype-stringify', 'remark-rehype']),
    );
  });

  it('the same probe does see them when validate needs them', () => {
    // Emphasis and a folded YAML scalar: beyond the fast readers, so the full parsers are loaded.
    const dir = minimalRecord({
      'partnership.md':
        '---\nname: >-\n  Test Borough Community Safety Partnership\nshort_name: Test CSP\n---\nThe *terms* of [reference](#x).\n',
    });
    const { code, urls } = modulesLoaded(['validate', ...AS_OF], dir);
    expect(code).toBe(0);
    // The markdown reader (and remark with it) and the YAML library are required lazily, when needed.
    expect(held(urls)).toEqual(expect.arrayContaining(['remark-parse', 'micromark', 'yaml', 'src/parse/markdown.ts']));
    // The schemas were compiled at build time: only ajv's small runtime helpers load, never its compiler.
    expect(urls.some((u) => u.endsWith('/dist/validators.cjs'))).toBe(true);
    expect(urls.filter((u) => /\/node_modules\/ajv\//.test(u)).every((u) => /\/ajv\/dist\/runtime\//.test(u))).toBe(
      true,
    );
  });

  it("a warm validate that gives the last check's findings again loads no parser, no schema and no rule", () => {
    // The bundled record as committed (settled long since), its index in a folder of this test's.
    const args = ['validate', '--records', BUNDLED, ...AS_OF];
    const env = { CSP_CACHE_DIR: mkdtempSync(path.join(tmpdir(), 'csp-cache-')), CSP_DEBUG: '1' };
    const cold = modulesLoaded(args, ROOT, env);
    expect(cold.code).toBe(0);
    expect(held(cold.urls)).toEqual(expect.arrayContaining(['src/load/load.ts', 'src/rules/index.ts']));
    const warm = modulesLoaded(args, ROOT, env);
    expect(warm.stderr).toMatch(/^findings: those of the last check/m);
    expect(warm.stdout).toBe(cold.stdout);
    expect(warm.code).toBe(0);
    const loaded = held(warm.urls);
    expect(loaded.filter((n) => /^src\/(rules|parse|schema)\//.test(n) || n === 'src/load/load.ts')).toEqual([]);
    expect(warm.urls.filter((u) => /validators\.cjs|bank-holidays\.json/.test(u))).toEqual([]);
    expect(heavy(warm.urls)).toEqual([]);
  });

  it('a plain record is read by the fast readers alone: neither remark nor the YAML library is loaded', () => {
    const { code, urls } = modulesLoaded(['validate', ...AS_OF], minimalRecord());
    expect(code).toBe(0);
    expect(urls.some((u) => u.endsWith('/dist/validators.cjs'))).toBe(true);
    expect(heavy(urls).filter((n) => n !== 'ajv' && n !== 'ajv-formats')).toEqual([]);
  });
});
