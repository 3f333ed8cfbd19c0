/** Shell completion scripts for bash, zsh and fish, written from the command tree so they list every command and option. */

/** A command, its options (long forms) and its subcommands. */
export interface CommandTree {
  name: string;
  options: string[];
  commands: CommandTree[];
}

/** Every command path ("", "minutes", "minutes new") with the words that may follow it. */
function paths(tree: CommandTree): { path: string; words: string[] }[] {
  const global = tree.options;
  const out: { path: string; words: string[] }[] = [];
  const walk = (node: CommandTree, at: string[]) => {
    const words = [...node.commands.map((c) => c.name), ...node.options, ...(at.length ? global : [])];
    out.push({ path: at.join(' '), words: [...new Set([...words, '--help'])] });
    for (const c of node.commands) walk(c, [...at, c.name]);
  };
  walk(tree, []);
  return out;
}

/** A word safe inside single quotes in any of the three shells (commands and options are plain words). */
const plain = (s: string) => s.replace(/[^A-Za-z0-9_.:-]/g, '');

/** bash: complete -F, the command path read from the words typed so far. */
export function bashCompletion(tree: CommandTree): string {
  const list = paths(tree);
  const known = list.map((p) => `|${p.path.split(' ').map(plain).join(' ')}|`).join('');
  const cases = list
    .map((p) => `    '${p.path.split(' ').map(plain).join(' ')}') words='${p.words.map(plain).join(' ')}' ;;`)
    .join('\n');
  return `# csp completion for bash: add to ~/.bashrc
#   source <(csp completion bash)
_csp_complete() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" path="" next words i
  for ((i = 1; i < COMP_CWORD; i++)); do
    next="\${path:+$path }\${COMP_WORDS[i]}"
    case '${known}' in *"|$next|"*) path="$next" ;; esac
  done
  case "$path" in
${cases}
    *) words='' ;;
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -o default -F _csp_complete csp
`;
}

/** zsh: the bash function through zsh's bashcompinit. */
export function zshCompletion(tree: CommandTree): string {
  return `# csp completion for zsh: add to ~/.zshrc
#   source <(csp completion zsh)
autoload -U +X compinit && compinit
autoload -U +X bashcompinit && bashcompinit
${bashCompletion(tree).replace(/^# .*\n#.*\n/, '')}`;
}

/** fish: one `complete` line per command and option, each under the command path it follows. */
export function fishCompletion(tree: CommandTree): string {
  const lines = ['# csp completion for fish: save as ~/.config/fish/completions/csp.fish', 'complete -c csp -f'];
  const walk = (node: CommandTree, at: string[]) => {
    const cond =
      at.length === 0
        ? `__fish_use_subcommand`
        : `__fish_seen_subcommand_from ${plain(at[at.length - 1]!)}${node.commands.length ? `; and not __fish_seen_subcommand_from ${node.commands.map((c) => plain(c.name)).join(' ')}` : ''}`;
    for (const c of node.commands) lines.push(`complete -c csp -n '${cond}' -a '${plain(c.name)}'`);
    for (const o of at.length ? node.options : tree.options)
      lines.push(`complete -c csp -n '${at.length ? cond : 'true'}' -l '${plain(o.replace(/^--/, ''))}'`);
    for (const c of node.commands) walk(c, [...at, c.name]);
  };
  walk(tree, []);
  return lines.join('\n') + '\n';
}
