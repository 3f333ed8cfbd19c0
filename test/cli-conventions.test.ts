/** The command line's conventions, through the CLI in-process and as the built binary. */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, csp, minimalRecord, writeFiles } from './helpers.js';

/** Runs the same arguments in-process and through the built binary; both must agree. */
async function both(cwd: string, args: string[], env: Record<string, string> = {}) {
  const a = await cli(cwd, args, { env });
  const b = csp(cwd, args, env);
  expect({ code: a.code, stdout: a.stdout, stderr: a.stderr }).toEqual({
    code: b.code,
    stdout: b.stdout,
    stderr: b.stderr,
  });
  return b;
}

const BAD_ACTION = '---\ntitle: Do it\nowner: nobody\nstatus: open\n---\n';

describe('the record is found from where the clerk stands', () => {
  it('inside the record folder itself, whatever it is called, and in a folder within it', async () => {
    const dir = minimalRecord({ 'actions/x.md': BAD_ACTION });
    const renamed = path.join(dir, 'board-record');
    await import('node:fs').then((fs) => fs.renameSync(path.join(dir, 'records'), renamed));
    writeFiles(renamed, { 'meetings/.keep': '' });
    const r = await both(renamed, ['validate']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^actions\/x\.md:3:8 {2}error/m);
    const deeper = await both(path.join(renamed, 'meetings'), ['validate']);
    expect(deeper.stdout).toMatch(/^\.\.\/actions\/x\.md:3:8 {2}error/m);
  });
  it('from a folder holding records/ (a repository root)', async () => {
    const dir = minimalRecord({ 'actions/x.md': BAD_ACTION });
    const r = await both(dir, ['validate']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^records\/actions\/x\.md:3:8 {2}error/m);
  });
  it('not from a folder whose partnership.md belongs to something else', async () => {
    const dir = writeFiles(minimalRecord({ 'actions/x.md': BAD_ACTION }), {
      'elsewhere/partnership.md': '# A partnership agreement\n',
    });
    const r = await both(path.join(dir, 'elsewhere'), ['validate']);
    // The nearest record above (dir/records) is found instead.
    expect(r.stdout).toMatch(/^\.\.\/records\/actions\/x\.md:3:8 {2}error/m);
  });
});

describe('global options stand before or after the command', () => {
  it.each([
    [['--records', 'records', 'validate']],
    [['validate', '--records', 'records']],
    [['--no-color', 'validate', '--records', 'records']],
    [['validate', '--no-color', '--records', 'records']],
    [['--as-of', '2026-11-22', '--records', 'records', 'actions', 'sync']],
    [['actions', 'sync', '--records', 'records', '--as-of', '2026-11-22']],
    [['actions', '--records', 'records', 'sync']],
  ])('csp %j', async (args) => {
    // The record is in board/, which nothing but --records finds.
    const dir = minimalRecord({ 'meetings/2026-01-15/meeting.md': '---\ndate: 2026-01-15\n---\n' });
    renameSync(path.join(dir, 'records'), path.join(dir, 'board'));
    const r = await both(
      dir,
      args.map((a) => (a === 'records' ? 'board' : a)),
    );
    expect(r.stderr).not.toContain('unknown option');
    expect(r.code).toBe(0);
  });
  it('--no-color before the command turns colour off on a terminal', async () => {
    const dir = minimalRecord({ 'actions/x.md': BAD_ACTION });
    const { main } = await import('../src/cli/main.js');
    const { testSystem } = await import('./helpers.js');
    const run = async (argv: string[]) => {
      let out = '';
      await main({
        argv,
        cwd: dir,
        env: {},
        stdout: { write: (s: string) => (out += s) },
        stderr: { write: () => true },
        isTTY: true,
        columns: 200,
        system: testSystem,
      });
      return out;
    };
    expect(await run(['validate'])).toContain('\x1b[');
    expect(await run(['--no-color', 'validate'])).not.toContain('\x1b[');
    expect(await run(['validate', '--no-color'])).not.toContain('\x1b[');
  });
});

describe('csp help [COMMAND] and each command’s help', () => {
  it('csp help validate is the help of validate, with its example; csp help minutes approve goes two deep', async () => {
    const dir = minimalRecord();
    const r = await both(dir, ['help', 'validate']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: csp validate [options]');
    expect(r.stdout).toContain('Example:\n  csp validate --strict --format github\n');
    expect(r.stdout).toEqual((await cli(dir, ['validate', '--help'])).stdout);
    const deep = await both(dir, ['help', 'minutes', 'approve']);
    expect(deep.stdout).toContain('Usage: csp minutes approve [options] <meeting>');
    expect(deep.stdout).toMatch(/--at <meeting> +the meeting at which they were confirmed \(required\)/);
  });
  it('csp help alone is the overview; an unknown command is exit 2 with a suggestion', async () => {
    const dir = minimalRecord();
    const r = await both(dir, ['help']);
    expect(r.stdout).toContain('Commands:');
    const bad = await both(dir, ['help', 'valdate']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('There is no command "valdate". Did you mean "validate"?');
  });
  it('every command’s help ends in one example of that very command, and marks each required option', async () => {
    const { main } = await import('../src/cli/main.js');
    const { testSystem } = await import('./helpers.js');
    const help = async (argv: string[]) => {
      let out = '';
      await main({
        argv: [...argv, '--help'],
        cwd: '/',
        env: {},
        stdout: { write: (s: string) => (out += s) },
        stderr: { write: () => true },
        isTTY: false,
        system: testSystem,
      });
      return out;
    };
    /** The commands a help text lists under Commands:. */
    const listed = (text: string) =>
      text.includes('Commands:')
        ? [
            ...text
              .slice(text.indexOf('Commands:'))
              .split('\n\n')[0]!
              .matchAll(/^ {2}([a-z][a-z-]*)/gm),
          ].map((m) => m[1]!)
        : [];
    const names = listed(await help([]));
    expect(names).toContain('validate');
    const leaves: string[][] = [];
    for (const name of names) {
      const text = await help([name]);
      const subs = listed(text).filter((s) => s !== 'help');
      // A group of commands (minutes, action) has no options of its own, and no example.
      const own = text.slice(text.indexOf('Options:'), text.indexOf('Global Options:'));
      if (subs.length === 0 || /--(?!help)/.test(own)) leaves.push([name]);
      for (const s of subs) leaves.push([name, s]);
    }
    expect(leaves.length).toBeGreaterThan(17);
    for (const words of leaves) {
      const text = await help(words);
      const examples = [...text.matchAll(/^Example:\n {2}(.*)$/gm)].map((m) => m[1]);
      expect(examples, words.join(' ')).toHaveLength(1);
      expect(examples[0]!.startsWith(`csp ${words.join(' ')}`), words.join(' ')).toBe(true);
      for (const line of text.split('\n').filter((l) => /^ {2}--\S+ <[^>]+> /.test(l)))
        if (/required/.test(line)) expect(line).toMatch(/\(required\)/);
    }
    expect(await help(['new-meeting'])).toMatch(/--date <date> +the meeting date, YYYY-MM-DD \(required\)/);
  });
});

describe('csp completion bash|zsh|fish', () => {
  it('bash: completes commands, subcommands and options, as bash itself runs the script', () => {
    const dir = minimalRecord();
    const script = csp(dir, ['completion', 'bash']);
    expect(script.code).toBe(0);
    const file = path.join(dir, 'csp-completion.bash');
    writeFileSync(file, script.stdout);
    const complete = (line: string) => {
      const words = line.split(' ');
      const r = spawnSync(
        'bash',
        [
          '-c',
          `source '${file}'; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _csp_complete; printf '%s\\n' "\${COMPREPLY[@]}"`,
        ],
        { encoding: 'utf8' },
      );
      expect(r.stderr).toBe('');
      return r.stdout.trim().split('\n');
    };
    expect(complete('csp val')).toEqual(['validate']);
    expect(complete('csp minutes a')).toEqual(['approve']);
    expect(complete('csp minutes approve 2026-10-08 --a')).toEqual(['--at', '--as-of']);
    expect(complete('csp --records records minutes n')).toEqual(['new']);
    expect(complete('csp agenda --f')).toEqual(['--format', '--force']);
  });
  it('zsh loads the bash function through bashcompinit; fish gets a complete line per command and option', async () => {
    const dir = minimalRecord();
    const zsh = await both(dir, ['completion', 'zsh']);
    expect(zsh.stdout).toContain('autoload -U +X bashcompinit && bashcompinit');
    expect(zsh.stdout).toContain('complete -o default -F _csp_complete csp');
    expect(
      spawnSync('bash', ['-n'], { input: zsh.stdout.replace(/^autoload.*$/gm, ''), encoding: 'utf8' }).status,
    ).toBe(0);
    const fish = await both(dir, ['completion', 'fish']);
    expect(fish.stdout).toContain("complete -c csp -n '__fish_use_subcommand' -a 'validate'");
    expect(fish.stdout).toContain("complete -c csp -n '__fish_seen_subcommand_from approve' -l 'at'");
    const bad = await both(dir, ['completion', 'powershell']);
    expect(bad.code).toBe(2);
  });
});

describe('--force replaces an existing --out file whole', () => {
  it('csp agenda --out FILE refuses an existing file without --force (exit 1) and replaces it with it', async () => {
    const dir = minimalRecord({ 'meetings/2026-12-10/meeting.md': '---\ndate: 2026-12-10\n---\n' });
    writeFiles(dir, { 'agenda.md': 'the old agenda, with my notes\r\n' });
    const args = ['agenda', '2026-12-10', '--out', 'agenda.md', '--as-of', '2026-11-22'];
    const refused = await both(dir, args);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'agenda.md already exists, so nothing was written. Choose another name, or add --force to replace it.',
    );
    expect(readFileSync(path.join(dir, 'agenda.md'), 'utf8')).toBe('the old agenda, with my notes\r\n');
    const forced = await cli(dir, [...args, '--force']);
    expect(forced.code).toBe(0);
    const text = readFileSync(path.join(dir, 'agenda.md'), 'utf8');
    expect(text).toBe((await cli(dir, ['agenda', '2026-12-10', '--as-of', '2026-11-22'])).stdout);
    // No temp file is left beside it.
    expect(readdirSync(dir).filter((f) => f.startsWith('agenda'))).toEqual(['agenda.md']);
    expect(csp(dir, [...args, '--force']).code).toBe(0);
    expect((await cli(dir, ['agenda', '2026-12-10', '--force'])).code).toBe(2);
  });
});
