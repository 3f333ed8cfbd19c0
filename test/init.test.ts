import { describe, it, expect } from 'vitest';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ROOT, cli, noStackTrace, tempDir, writeFiles } from './helpers.js';
import { shortNameOf } from '../src/commands/init.js';
import { gitTopLevel } from '../src/workspace/git.js';
import { withDefaults } from '../src/load/load.js';

const AS_OF = ['--as-of', '2026-11-22'];
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

function frontMatter(text: string): Record<string, unknown> {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!m) throw new Error('no front matter');
  return parse(m[1]!, { version: '1.2', schema: 'core' }) as Record<string, unknown>;
}

async function validateJson(cwd: string, records: string, asOf = AS_OF) {
  const r = await cli(cwd, ['validate', '--records', records, '--format', 'json', ...asOf]);
  return { code: r.code, json: JSON.parse(r.stdout) as unknown };
}

/** Every file under dir, relative, sorted (dot files included). */
function tree(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...tree(dir, r));
    else out.push(r);
  }
  return out.sort();
}

describe('csp init', () => {
  it('creates a starter record in records/ that validates with no errors and no warnings', async () => {
    const dir = tempDir();
    const r = await cli(dir, ['init', ...AS_OF]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 4)).toEqual([
      'created records/partnership.md',
      'created records/members.yaml',
      'created records/meetings/.gitkeep',
      'created records/actions/.gitkeep',
    ]);
    expect(tree(path.join(dir, 'records'))).toEqual([
      'actions/.gitkeep',
      'meetings/.gitkeep',
      'members.yaml',
      'partnership.md',
    ]);
    expect(await validateJson(dir, 'records')).toEqual({
      code: 0,
      json: { ok: true, errors: 0, warnings: 0, diagnostics: [] },
    });
    // Found without --records too, as the nearest records/ folder.
    const v = await cli(dir, ['validate', '--strict', ...AS_OF]);
    expect(v.code).toBe(0);
    expect(v.stdout).toBe('✓ Example CSP: no problems found.\n');
  });

  it('writes out every default of the record format in partnership.md, with comments for the clerk', async () => {
    const dir = tempDir();
    expect((await cli(dir, ['init', ...AS_OF])).code).toBe(0);
    const text = readFileSync(path.join(dir, 'records/partnership.md'), 'utf8');
    const fm = frontMatter(text);
    const name = 'Example Borough Community Safety Partnership';
    expect(fm.name).toBe(name);
    expect(fm.short_name).toBe('Example CSP');
    // Everything but name, short_name and contact is exactly the default csp would apply.
    const { contact, short_name, ...rest } = withDefaults(fm as never);
    const { contact: _c, short_name: _s, ...defaults } = withDefaults({ name });
    expect(rest).toEqual(defaults);
    expect(Object.keys(fm).sort()).toEqual(
      [
        'absence_limit',
        'contact',
        'meetings',
        'minute_numbering',
        'name',
        'priorities',
        'quorum',
        'sectors',
        'short_name',
        'standard_items',
      ].sort(),
    );
    expect(contact).toEqual({
      name: 'Committee Clerk',
      role: 'Principal Committee Co-ordinator',
      email: 'clerk@example.gov.uk',
    });
    expect(short_name).toBe('Example CSP');
    expect(text).toContain('frequency: quarterly        # monthly | bi-monthly | quarterly | ad-hoc');
    expect(text).toContain('default_start: "14:00"');
    // The body is a terms-of-reference skeleton.
    const body = text.slice(text.indexOf('\n---\n', 4) + 5);
    expect(body.split('\n').filter((l) => l.startsWith('#'))).toEqual([
      '# Terms of reference',
      '## Purpose',
      '## Membership',
      '## Chairing',
      '## Quorum',
      '## Meetings',
      '## Declarations of interest',
      '## Confidentiality',
      '## Attendance',
    ]);
  });

  it('writes an example roster that can make a meeting quorate (chair, police, health, local authority; the clerk under others)', async () => {
    const dir = tempDir();
    expect((await cli(dir, ['init', ...AS_OF])).code).toBe(0);
    const roster = parse(readFileSync(path.join(dir, 'records/members.yaml'), 'utf8')) as {
      members: { id: string; sector: string; role: string; joined: string }[];
      others: { id: string }[];
    };
    expect(roster.members.map((m) => [m.id, m.sector, m.role, m.joined])).toEqual([
      ['alex-morgan', 'local-authority', 'chair', '2026-11-22'],
      ['jordan-reid', 'police', 'member', '2026-11-22'],
      ['priya-shah', 'health', 'member', '2026-11-22'],
      ['sam-patel', 'local-authority', 'member', '2026-11-22'],
    ]);
    expect(roster.others.map((o) => o.id)).toEqual(['casey-lee', 'clerk']);
    // A meeting of these members with a decision raises no quorum warning; without
    // health it does: so the roster is quorate-capable and the rule is live.
    const meeting = '---\ndate: 2026-12-10\n---\n';
    const minutes = (present: string) =>
      `---\nstatus: draft\nchair: alex-morgan\npresent: [${present}]\n---\n## 1. Community safety plan\n\nRESOLVED that the plan be agreed.\n`;
    writeFiles(dir, {
      'records/meetings/2026-12-10/meeting.md': meeting,
      'records/meetings/2026-12-10/minutes.md': minutes('alex-morgan, jordan-reid, priya-shah'),
    });
    // Checked on the day of the meeting: minutes of a meeting not yet held are a warning of their own.
    const onTheDay = ['--as-of', '2026-12-10'];
    expect(await validateJson(dir, 'records', onTheDay)).toEqual({
      code: 0,
      json: { ok: true, errors: 0, warnings: 0, diagnostics: [] },
    });
    writeFileSync(path.join(dir, 'records/meetings/2026-12-10/minutes.md'), minutes('alex-morgan, jordan-reid'));
    const { json } = (await validateJson(dir, 'records', onTheDay)) as { json: { diagnostics: { rule: string }[] } };
    expect(json.diagnostics.map((d) => d.rule)).toEqual(['quorum']);
  });

  it('never overwrites: a second run keeps every file, says so and exits 1', async () => {
    const dir = tempDir();
    expect((await cli(dir, ['init', ...AS_OF])).code).toBe(0);
    const before = readFileSync(path.join(dir, 'records/members.yaml'), 'utf8');
    const r = await cli(dir, ['init', '--as-of', '2027-01-01', '--name', 'Other Community Safety Partnership']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        'kept existing records/partnership.md',
        'kept existing records/members.yaml',
        'kept existing records/meetings/.gitkeep',
        'kept existing records/actions/.gitkeep',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('csp: every file of the record in records already exists; nothing was written.\n');
    expect(readFileSync(path.join(dir, 'records/members.yaml'), 'utf8')).toBe(before);
    expect(frontMatter(readFileSync(path.join(dir, 'records/partnership.md'), 'utf8')).name).toBe(
      'Example Borough Community Safety Partnership',
    );
  });

  it('keeps an existing partnership.md byte for byte and creates what is missing (exit 0)', async () => {
    const dir = tempDir();
    const mine = '\uFEFF---\r\nname: Our Own CSP\r\n---\r\nOur terms.\r\n';
    writeFiles(dir, { 'board/partnership.md': mine });
    const r = await cli(dir, ['init', 'board', ...AS_OF]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 4)).toEqual([
      'kept existing board/partnership.md',
      'created board/members.yaml',
      'created board/meetings/.gitkeep',
      'created board/actions/.gitkeep',
    ]);
    expect(readFileSync(path.join(dir, 'board/partnership.md'), 'utf8')).toBe(mine);
    expect((await validateJson(dir, 'board')).json).toEqual({ ok: true, errors: 0, warnings: 0, diagnostics: [] });
  });

  it('--name sets the name and a derived short name, quoting what YAML needs quoted', async () => {
    const dir = tempDir();
    const name = 'Bay: "North" & #1 Community Safety Partnership';
    const r = await cli(dir, ['init', 'rec', '--name', name, ...AS_OF]);
    expect(r.code).toBe(0);
    const fm = frontMatter(readFileSync(path.join(dir, 'rec/partnership.md'), 'utf8'));
    expect([fm.name, fm.short_name]).toEqual([name, 'Bay: "North" & #1 CSP']);
    expect((await validateJson(dir, 'rec')).json).toEqual({ ok: true, errors: 0, warnings: 0, diagnostics: [] });
    const plain = tempDir();
    expect((await cli(plain, ['init', '--name', 'Riverside Safer Communities Board', ...AS_OF])).code).toBe(0);
    const fm2 = frontMatter(readFileSync(path.join(plain, 'records/partnership.md'), 'utf8'));
    expect([fm2.name, fm2.short_name]).toEqual([
      'Riverside Safer Communities Board',
      'Riverside Safer Communities Board',
    ]);
  });

  it('derives short names', () => {
    expect(shortNameOf('Example Borough Community Safety Partnership')).toBe('Example Borough CSP');
    expect(shortNameOf('Harrow community safety partnership')).toBe('Harrow CSP');
    expect(shortNameOf('Community Safety Partnership')).toBe('CSP');
    expect(shortNameOf('Safer Leeds')).toBe('Safer Leeds');
  });

  it('refuses an empty --name or one with a line break (exit 2, nothing written)', async () => {
    for (const name of ['  ', 'Two\nLines']) {
      const dir = tempDir();
      const r = await cli(dir, ['init', '--name', name, ...AS_OF]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^csp: --name /);
      expect(existsSync(path.join(dir, 'records'))).toBe(false);
      expect(noStackTrace(r)).toBe(true);
    }
  });

  it('refuses a DIR that is an existing file (exit 2, nothing written)', async () => {
    const dir = tempDir();
    writeFiles(dir, { notes: 'my notes\n' });
    const r = await cli(dir, ['init', 'notes', ...AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'csp: notes is a file, not a folder, so no record can be created there. Choose another folder: csp init DIR\n',
    );
    expect(readdirSync(dir)).toEqual(['notes']);
    expect(readFileSync(path.join(dir, 'notes'), 'utf8')).toBe('my notes\n');
    expect(noStackTrace(r)).toBe(true);
  });

  it('refuses --records (the folder is the argument) and an unknown --ci provider (exit 2)', async () => {
    const dir = tempDir();
    const a = await cli(dir, ['init', '--records', 'gov/records', ...AS_OF]);
    expect(a.code).toBe(2);
    expect(a.stderr).toBe(
      'csp: csp init takes the folder to create as its argument, not --records: csp init gov/records\n',
    );
    const b = await cli(dir, ['init', '--ci', 'gitlab', ...AS_OF]);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain("argument 'gitlab' is invalid");
    expect(readdirSync(dir)).toEqual([]);
  });

  it('reports a file it cannot create as a usage error, without a stack trace', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'records/meetings': 'a file where the meetings folder belongs\n' });
    const r = await cli(dir, ['init', ...AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^csp: Could not create records\/meetings\/\.gitkeep \(/);
    expect(noStackTrace(r)).toBe(true);
    expect(readFileSync(path.join(dir, 'records/meetings'), 'utf8')).toBe('a file where the meetings folder belongs\n');
  });

  it('--ci github writes the workflow at the top of the git work tree, pointing at the record', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, '.git'));
    mkdirSync(path.join(dir, 'gov'));
    const r = await cli(path.join(dir, 'gov'), ['init', 'board records', '--ci', 'github', ...AS_OF]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('created ../.github/workflows/csp-validate.yml\n');
    const text = readFileSync(path.join(dir, '.github/workflows/csp-validate.yml'), 'utf8');
    const wf = parse(text) as {
      on: { pull_request: { paths: string[] } };
      permissions: Record<string, string>;
      jobs: { check: { steps: Record<string, unknown>[] } };
    };
    // Only pull requests that touch the record, read-only, with the history to compare approved minutes with.
    expect(wf.on).toEqual({ pull_request: { paths: ['gov/board records/**'] } });
    expect(wf.permissions).toEqual({ contents: 'read' });
    expect(wf.jobs.check.steps).toEqual([
      { uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } },
      { uses: `csp-clerk/csp@v${VERSION}`, with: { records: 'gov/board records' } },
    ]);
    expect(r.stdout).toContain(`uses the csp action (csp-clerk/csp@v${VERSION})`);
    expect((await validateJson(path.join(dir, 'gov'), 'board records')).json).toEqual({
      ok: true,
      errors: 0,
      warnings: 0,
      diagnostics: [],
    });
  });

  it('--ci github outside a git work tree writes the workflow beside the record', async () => {
    const dir = tempDir();
    expect(gitTopLevel(dir)).toBe(undefined);
    const r = await cli(dir, ['init', 'site/records', '--ci', 'github', ...AS_OF]);
    expect(r.code).toBe(0);
    expect(tree(dir)).toEqual([
      'site/.github/workflows/csp-validate.yml',
      'site/records/actions/.gitkeep',
      'site/records/meetings/.gitkeep',
      'site/records/members.yaml',
      'site/records/partnership.md',
    ]);
    const wf = parse(readFileSync(path.join(dir, 'site/.github/workflows/csp-validate.yml'), 'utf8')) as {
      on: { pull_request: { paths: string[] } };
      jobs: { check: { steps: { with?: Record<string, unknown> }[] } };
    };
    expect(wf.on.pull_request.paths).toEqual(['records/**']);
    expect(wf.jobs.check.steps[1]!.with).toEqual({ records: 'records' });
    // A second run keeps the workflow too.
    const again = await cli(dir, ['init', 'site/records', '--ci', 'github', ...AS_OF]);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('kept existing site/.github/workflows/csp-validate.yml\n');
  });
});
