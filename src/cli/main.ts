/**
 * The command line: parses arguments with commander, lazy-loads the one command that
 * runs, and maps every outcome to an exit code (0 ok, 1 problem found, 2 usage or
 * unreadable record). It never ends the process itself, so tests can run it in-process.
 */
import { Argument, Command, CommanderError, Help, Option } from 'commander';
import type { CommonOptions, Ctx, Io } from '../commands/context.js';
import { ProblemError, UsageError, WriteError } from '../core/errors.js';
import { nearest } from '../core/nearest.js';
import { terminalSafe } from '../core/text.js';
import type { CommandTree } from '../render/completion.js';
import { fitLines } from '../render/text.js';
import { packageVersion } from '../workspace/assets.js';

/** The help's closing line: one example of the command. */
const example = (line: string) => `\nExample:\n  ${line}\n`;

type Runner = (ctx: Ctx, opts: Record<string, unknown>, args: string[]) => number | Promise<number>;

/** One example for each command's help, by its words after "csp". */
const EXAMPLES: Record<string, string> = {
  init: 'csp init records --name "Example Borough Community Safety Partnership" --ci github',
  validate: 'csp validate --strict --format github',
  'new-meeting': 'csp new-meeting --date 2027-03-11 --start 14:00 --venue "Civic Centre, Committee Room 1"',
  agenda: 'csp agenda 2026-12-10 --format html --out agenda.html --force',
  'minutes new': 'csp minutes new 2026-12-10',
  'minutes approve': 'csp minutes approve 2026-10-08 --at 2026-12-10',
  'minutes render': 'csp minutes render 2026-10-08 --format html --out minutes.html',
  actions: 'csp actions --overdue --owner yusuf-demir',
  'actions sync': 'csp actions sync',
  'action update':
    'csp action update 2026-10-08-291-2 --status done --note "Sessions held in all wards" --by winston-clarke',
  quorum: 'csp quorum 2026-12-10 --format json',
  attendance: 'csp attendance --last 4',
  decisions: 'csp decisions --search "hate crime" --since 2026-01-01',
  export: 'csp export --out site --base-url https://csp.example.gov.uk/',
  import: 'csp import minutes-2015-10-08.docx --dry-run',
  start: 'csp start',
  changes: 'csp changes --base origin/main --format md',
  schemas: 'csp schemas --out .vscode/csp-schemas',
  help: 'csp help minutes approve',
  completion: 'csp completion bash > ~/.local/share/bash-completion/completions/csp',
};

/** Every command under `root` (not itself), depth first. */
function allCommands(root: Command): Command[] {
  return root.commands.flatMap((c) => [c, ...allCommands(c)]);
}

/** A command's words after "csp" ("minutes approve"). */
export function commandPath(cmd: Command): string {
  const words: string[] = [];
  for (let c: Command = cmd; c.parent; c = c.parent) words.unshift(c.name());
  return words.join(' ');
}

/** The commands and their options, for shell completion. */
function commandTree(cmd: Command): CommandTree {
  return {
    name: cmd.name(),
    options: cmd.options.map((o) => o.long ?? o.short ?? '').filter(Boolean),
    commands: cmd.commands.map(commandTree),
  };
}

/** Runs csp with `io.argv`; resolves to the exit code. */
export async function main(io: Io): Promise<number> {
  let code = 0;
  const program = new Command('csp');
  program
    .description(
      "The clerk's tool for a Community Safety Partnership's record: meetings, agendas, minutes, actions, quorum and attendance.",
    )
    .version(packageVersion(), '-V, --version', 'show the version of csp')
    .helpOption('-h, --help', 'show help')
    .helpCommand(false)
    .showSuggestionAfterError(true)
    // The options every command takes, typed before the command or after it.
    .option('--records <dir>', 'the record folder (default: $CSP_RECORDS, else the nearest records/ folder)')
    .option('--as-of <date>', 'take this day (YYYY-MM-DD) as today')
    .option('--no-color', 'no colour in the output')
    .configureHelp({
      showGlobalOptions: true,
      // A required option says so in its description.
      optionDescription: (o) => {
        const text = Help.prototype.optionDescription.call(new Help(), o);
        return o.mandatory && !o.description.includes('(required)') ? `${text} (required)` : text;
      },
    })
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      // Commander's messages echo what was typed: an escape sequence in it is shown, not obeyed.
      writeErr: (s) => void io.stderr.write(terminalSafe(s)),
    });

  /** Adds the options every command takes, and wires its lazy-loaded runner. */
  const command = (parent: Command, name: string, description: string, load: () => Promise<Runner>) => {
    const cmd = parent.command(name).description(description).helpOption('-h, --help', 'show help');
    cmd.action(async (...received: unknown[]) => {
      const self = received.at(-1) as Command;
      const options = self.optsWithGlobals<Record<string, unknown> & CommonOptions>();
      const args = self.args;
      // The context (colour, the record finder) is loaded with the command: `csp --help` needs neither.
      const [{ makeCtx }, run] = await Promise.all([import('../commands/context.js'), load()]);
      const ctx = makeCtx(io, options);
      code = await run(ctx, options, args);
    });
    return cmd;
  };

  command(
    program,
    'init',
    'create a new record: partnership.md, an example members.yaml, meetings/ and actions/ (never overwrites a file)',
    async () => (await import('../commands/init.js')).run,
  )
    .argument('[dir]', 'where to create it', 'records')
    .option('--name <name>', "the partnership's name")
    .addOption(
      new Option(
        '--ci <provider>',
        'also write a workflow that checks every pull request that changes the record',
      ).choices(['github']),
    )
    .addOption(
      new Option('--publish <where>', 'also write a workflow that publishes the website on every push').choices([
        'github-pages',
      ]),
    );

  command(
    program,
    'validate',
    'check the whole record: schemas, references, minute numbers, actions, notice, quorum',
    async () => (await import('../commands/validate.js')).run,
  )
    .argument(
      '[files...]',
      'only report findings on these files or folders of the record (the whole record is still read)',
    )
    .option('--strict', 'fail on warnings too')
    .option('--base <ref>', 'also check against a git revision that approved minutes have not changed')
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json', 'github', 'md']).default('text'),
    );

  command(
    program,
    'new-meeting',
    'schedule a meeting: creates meetings/<id>/meeting.md and says when the agenda must go out',
    async () => (await import('../commands/new-meeting.js')).run,
  )
    .requiredOption('--date <date>', 'the meeting date, YYYY-MM-DD')
    .option('--start <time>', 'start time, HH:MM (default from partnership.md)')
    .option('--venue <venue>', 'venue (default from partnership.md)')
    .addOption(new Option('--kind <kind>', 'kind of meeting').choices(['ordinary', 'extraordinary', 'themed']))
    .option('--theme <theme>', 'theme of a themed meeting')
    .option('--slug <slug>', 'a second meeting on the same day: its folder is DATE-SLUG');

  command(
    program,
    'meetings',
    "every meeting: its status, when its agenda must go out and when it did, and its minutes' state",
    async () => (await import('../commands/meetings.js')).run,
  )
    .option('--upcoming', 'only meetings on or after today (--as-of)')
    .option('--past', 'only meetings before today (--as-of)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText('after', example('csp meetings --upcoming'));

  const group = (name: string, description: string) =>
    program.command(name).description(description).helpOption('-h, --help', 'show help');
  const jsonFormat = () =>
    new Option('--format <format>', 'output format (json: what was created and changed)')
      .choices(['text', 'json'])
      .default('text');

  const item = group('item', "add to a meeting's agenda");
  command(
    item,
    'add',
    "add a substantive item to a meeting's agenda, its papers copied into the meeting's papers/",
    async () => (await import('../commands/meeting-edit.js')).runItemAdd,
  )
    .argument('<meeting>', 'the meeting id (YYYY-MM-DD)')
    .requiredOption('--title <title>', "the item's title (required)")
    .option('--presenter <person>', 'who presents it: a person id or name, or free text')
    .addOption(
      new Option('--purpose <purpose>', 'why it is on the agenda').choices([
        'decision',
        'discussion',
        'information',
        'noting',
      ]),
    )
    .option('--priority <priority>', 'the partnership priority it serves (an id from partnership.md)')
    .option('--paper <file...>', "reports for the item: each copied into the meeting's papers/")
    .option('--exempt <paragraph>', 'not for publication: the Schedule 12A paragraph, 1-7')
    .addOption(jsonFormat())
    .addHelpText(
      'after',
      example(
        'csp item add 2027-03-11 --title "Probation update" --presenter kwame-asante --purpose noting --paper probation.pdf',
      ),
    );

  const apologies = group('apologies', 'apologies received for a meeting');
  command(
    apologies,
    'add',
    "record an apology received for a meeting (in its meeting.md), with the member's substitute",
    async () => (await import('../commands/meeting-edit.js')).runApologiesAdd,
  )
    .argument('<meeting>', 'the meeting id (YYYY-MM-DD)')
    .requiredOption('--member <person>', 'the member who sent apologies: id or name (required)')
    .option('--substitute <person>', 'who attends in their place: id or name')
    .addOption(jsonFormat())
    .addHelpText('after', example('csp apologies add 2027-03-11 --member john-abbey --substitute gill-gibson'));

  const meeting = group('meeting', 'change a meeting: held, cancelled, or moved to another day');
  command(
    meeting,
    'held',
    'record that a meeting took place (status: held)',
    async () => (await import('../commands/meeting-edit.js')).runHeld,
  )
    .argument('<meeting>', 'the meeting id (YYYY-MM-DD)')
    .option('--reason <text>', 'a note on how it was held (e.g. online)')
    .addOption(jsonFormat())
    .addHelpText('after', example('csp meeting held 2027-03-11 --as-of 2027-03-11'));
  command(
    meeting,
    'cancel',
    'record that a meeting is cancelled (status: cancelled); its items carry to the next meeting',
    async () => (await import('../commands/meeting-edit.js')).runCancel,
  )
    .argument('<meeting>', 'the meeting id (YYYY-MM-DD)')
    .option('--reason <text>', 'why it was cancelled')
    .addOption(jsonFormat())
    .addHelpText('after', example('csp meeting cancel 2027-03-11 --reason "Not quorate: too many apologies"'));
  command(
    meeting,
    'move',
    'move a meeting to another day: its folder renamed and every reference to it in the record changed, all at once or not at all',
    async () => (await import('../commands/meeting-edit.js')).runMove,
  )
    .argument('<meeting>', 'the meeting id (YYYY-MM-DD)')
    .requiredOption('--to <date>', 'the new day, YYYY-MM-DD (required)')
    .addOption(jsonFormat())
    .addHelpText('after', example('csp meeting move 2027-03-11 --to 2027-03-18'));

  command(
    program,
    'agenda',
    'render the agenda of a meeting; --publish records that it has gone out',
    async () => (await import('../commands/agenda.js')).run,
  )
    .argument('<meeting>', 'the meeting id (YYYY-MM-DD)')
    .addOption(new Option('--format <format>', 'output format').choices(['md', 'html']).default('md'))
    .option('--out <file>', 'write to this file instead of the screen (never overwrites without --force)')
    .option('--force', 'replace the --out file if it exists (the new one takes its place whole)')
    .option('--publish', 'record the agenda as circulated today (sets published and status: published)');

  const minutes = program
    .command('minutes')
    .description('draft and approve minutes')
    .helpOption('-h, --help', 'show help');
  command(
    minutes,
    'new',
    'draft minutes.md for a meeting from its agenda',
    async () => (await import('../commands/minutes.js')).runNew,
  ).argument('<meeting>', 'the meeting id');
  command(
    minutes,
    'approve',
    'approve draft minutes as confirmed at a later meeting (syncs actions first)',
    async () => (await import('../commands/minutes.js')).runApprove,
  )
    .argument('<meeting>', 'the meeting whose minutes are approved')
    .requiredOption('--at <meeting>', 'the meeting at which they were confirmed');
  command(
    minutes,
    'render',
    'the minutes as a reader sees them (exempt items withheld), as markdown or a printable HTML page',
    async () => (await import('../commands/minutes-render.js')).run,
  )
    .argument('<meeting>', 'the meeting whose minutes are shown')
    .addOption(new Option('--format <format>', 'output format').choices(['md', 'html']).default('md'))
    .option('--out <file>', 'write to this file instead of the screen (never overwrites without --force)')
    .option('--include-exempt', 'show the text of exempt items too (for members only: not for publication)')
    .option('--force', 'replace the --out file if it exists');

  command(
    minutes,
    'correct',
    'record a correction to approved minutes, agreed at a later meeting (the one change approved minutes allow)',
    async () => (await import('../commands/minutes-correct.js')).run,
  )
    .argument('<meeting>', 'the meeting whose approved minutes are corrected')
    .requiredOption('--at <meeting>', 'the later meeting that agreed the correction (required)')
    .requiredOption('--minute <n>', "the minute of that meeting's minutes recording it (required)")
    .requiredOption('--note <text>', 'what was corrected, in words (required)')
    .addOption(jsonFormat())
    .addHelpText(
      'after',
      example(
        'csp minutes correct 2026-07-16 --at 2026-10-08 --minute 289 --note "Minute 280: the summit is on 14 March, not 14 May"',
      ),
    );

  const actions = command(
    program,
    'actions',
    'list actions, soonest due first; --overdue for what partners owe, most overdue first',
    async () => (await import('../commands/actions.js')).runList,
  )
    .option('--overdue', 'only overdue actions, grouped by owner')
    .option('--owner <person>', 'only this owner (id or name)')
    .addOption(new Option('--status <status>', 'only this status').choices(['open', 'in-progress', 'done', 'dropped']))
    .option('--priority <priority>', 'only this priority')
    .option('--meeting <meeting>', 'only actions raised at this meeting')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'csv', 'md']).default('text'));
  command(
    actions,
    'sync',
    'give every new [action: …] in draft minutes an id and an action file',
    async () => (await import('../commands/actions.js')).runSync,
  );

  const action = program.command('action').description('change one action').helpOption('-h, --help', 'show help');
  command(
    action,
    'update',
    'change an action: status, due date, a note of progress',
    async () => (await import('../commands/action-update.js')).run,
  )
    .argument('<id>', 'the action id')
    .addOption(new Option('--status <status>', 'new status').choices(['open', 'in-progress', 'done', 'dropped']))
    .option('--due <date>', 'new due date, YYYY-MM-DD')
    .option('--title <title>', 'reword the action (the old wording is kept in the log)')
    .option('--note <text>', 'what happened (logged in updates)')
    .option('--by <person>', 'who reported it (id or name)');
  command(
    action,
    'new',
    'an action not raised in minutes (agreed by the Chairs, say): actions/<id>.md, its id made from its title',
    async () => (await import('../commands/action-new.js')).run,
  )
    .requiredOption('--title <title>', 'what is to be done (required)')
    .requiredOption('--owner <person...>', 'who owns it: a person id or name, or several (required)')
    .option('--due <date>', 'when it is due, YYYY-MM-DD')
    .option('--priority <priority>', 'the partnership priority it serves (an id from partnership.md)')
    .addOption(jsonFormat())
    .addHelpText(
      'after',
      example('csp action new --title "Refresh the information sharing protocol" --owner tomasz-wilk --due 2027-03-31'),
    );

  const member = group('member', 'roster changes: a member joins or leaves the board');
  command(
    member,
    'join',
    'add a member (a seat on the board) to members.yaml, from --date (default today)',
    async () => (await import('../commands/member.js')).runJoin,
  )
    .argument('<id>', "the person's id: lower-case words joined by hyphens, e.g. amira-hassan")
    .requiredOption('--name <name>', 'their name as minutes write it (required)')
    .requiredOption('--organisation <organisation>', 'the organisation they represent (required)')
    .requiredOption('--sector <sector>', "one of the partnership's sectors (required)")
    .addOption(
      new Option('--role <role>', 'their seat')
        .choices(['chair', 'member', 'co-opted', 'ex-officio', 'advisor'])
        .default('member'),
    )
    .option('--voting', 'a vote, whatever the role (default: chair, member and co-opted vote)')
    .option('--no-voting', 'no vote, whatever the role')
    .option('--date <date>', 'the day the seat begins, YYYY-MM-DD (default: today)')
    .option('--deputy <person...>', 'who may attend in their place (ids on the roster)')
    .option('--email <address>', 'e-mail (for the clerk; never published)')
    .option('--phone <number>', 'telephone (for the clerk; never published)')
    .addOption(jsonFormat())
    .addHelpText(
      'after',
      example(
        'csp member join amira-hassan --name "Cllr Amira Hassan" --organisation "Example Borough Council" --sector local-authority --date 2027-01-05',
      ),
    );
  command(
    member,
    'leave',
    'record that a member leaves the board: their seat ends on --date',
    async () => (await import('../commands/member.js')).runLeave,
  )
    .argument('<id>', "the member's id")
    .requiredOption('--date <date>', 'the day they leave, YYYY-MM-DD (required): not a member from that day')
    .addOption(jsonFormat())
    .addHelpText('after', example('csp member leave declan-hurst --date 2027-05-20'));

  command(
    program,
    'quorum',
    'whether a meeting is (or, on the apologies so far, will be) quorate',
    async () => (await import('../commands/quorum.js')).run,
  )
    .argument('<meeting>', 'the meeting id')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'));

  command(
    program,
    'attendance',
    'who attended which meeting, and organisations gone unrepresented',
    async () => (await import('../commands/attendance.js')).run,
  )
    .option('--last <n>', 'only the last N meetings with minutes')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'csv']).default('text'));

  command(
    program,
    'decisions',
    'the decisions register: every RESOLVED, with its meeting and minute',
    async () => (await import('../commands/decisions.js')).run,
  )
    .option('--search <text>', 'only decisions mentioning this text')
    .option('--since <date>', 'only meetings on or after this date')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'));

  command(
    program,
    'export',
    'write the public website: meetings, agendas, approved minutes, decisions, actions, attendance, calendar and feed',
    async () => (await import('../commands/export.js')).run,
  )
    .option(
      '--out <dir>',
      'the folder to write the website to (replaced whole; only a folder csp export wrote)',
      'site',
    )
    .option('--include-drafts', 'also publish draft minutes, each page marked DRAFT')
    .option(
      '--base-url <url>',
      'the address the site will be served from, for links in the calendar, the feed and the meeting data',
    );

  command(
    program,
    'import',
    'bring past minutes in: a text, web page (.html), Word (.docx) or PDF document into a draft meeting and minutes (never overwrites)',
    async () => (await import('../commands/import.js')).run,
  )
    .argument('<file...>', 'the minutes documents')
    .option('--meeting <date>', 'the meeting date (YYYY-MM-DD), when the document does not give it')
    .option('--dry-run', 'show the files it would write, and write nothing')
    .option('--add-people', 'add people the roster does not know to others in members.yaml')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'));

  command(
    program,
    'start',
    "the clerk's morning check: validate the record, list overdue actions, and say whether the next meeting will be quorate",
    async () => (await import('../commands/start.js')).run,
  );

  command(
    program,
    'changes',
    "what a change does to the record, in the clerk's words: meetings, minutes, decisions, actions, attendance, members",
    async () => (await import('../commands/changes.js')).run,
  )
    .requiredOption('--base <ref>', 'the branch or revision to compare with (for a pull request, its target branch)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'md', 'json']).default('text'));

  command(
    program,
    'schemas',
    "the JSON Schemas of the record's files, for an editor that checks them as you type; --out writes them into a folder",
    async () => (await import('../commands/schemas.js')).run,
  ).option('--out <dir>', 'write the schema files into this folder (csp schema files there are brought up to date)');

  command(program, 'help', 'show help: for csp, or for one command (csp help minutes approve)', () =>
    Promise.resolve(() => 0),
  )
    .argument('[command...]', 'the command')
    .hook('preAction', (self) => {
      const words = self.args;
      let target: Command = program;
      for (const w of words) {
        const next = target.commands.find((c) => c.name() === w || c.aliases().includes(w));
        if (!next) {
          const known = target.commands.map((c) => c.name());
          const guess = nearest(w, known);
          throw new UsageError(
            `There is no command "${[...words.slice(0, words.indexOf(w)), w].join(' ')}".${guess ? ` Did you mean "${guess}"?` : ''} The commands are: ${known.join(', ')}.`,
          );
        }
        target = next;
      }
      target.outputHelp();
    });

  command(program, 'completion', 'print a script that completes csp commands and options in your shell', async () =>
    (await import('../commands/completion.js')).runFor(commandTree(program)),
  ).addArgument(new Argument('<shell>', 'the shell').choices(['bash', 'zsh', 'fish']));

  for (const cmd of allCommands(program)) {
    const line = EXAMPLES[commandPath(cmd)];
    if (line !== undefined) cmd.addHelpText('after', example(line));
  }

  try {
    await program.parseAsync(io.argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return 0;
      // Help shown because a subcommand is missing ("csp minutes") is a usage error.
      if (e.code === 'commander.help') return e.exitCode === 0 ? 0 : 2;
      return 2; // commander has already written the message
    }
    if (e instanceof UsageError || e instanceof ProblemError || e instanceof WriteError) {
      io.stderr.write(fitLines(`csp: ${terminalSafe(e.message)}\n`, io.errColumns));
      return e.exitCode;
    }
    throw e;
  }
}
