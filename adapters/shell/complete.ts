// Tab completion at the prompt: command names after "/", then the same completions Discord's
// autocomplete offers for the command's completable option (page titles for /define and
// /related, speakers for /quote: Library.complete), and /daily's subcommands.
import { commands, findCommand } from '../../commands/index.js';
import type { CommandDeps } from '../../commands/types.js';

/** readline's completer: the completions, and the part of the line they replace. */
export type Completion = [hits: string[], replaces: string];

export function completer(deps: Pick<CommandDeps, 'library'>): (line: string) => Completion {
  return (line) => {
    const m = /^\s*(\/\S*)(\s+(?:private\s+)?)?([\s\S]*)$/.exec(line);
    if (!m) return [[], line];
    const [, typedName, gap, rest] = m as unknown as [string, string, string | undefined, string];
    if (gap === undefined) {
      const hits = commands.map((c) => `/${c.name} `).filter((n) => n.startsWith(typedName.toLowerCase()));
      return [hits, typedName];
    }
    const command = findCommand(typedName);
    if (!command) return [[], rest];
    const subcommands = command.options.filter((o) => o.type === 'subcommand');
    if (subcommands.length) {
      const word = rest.trimStart();
      return word.includes(' ') ? [[], rest] : [subcommands.map((o) => `${o.name} `).filter((n) => n.startsWith(word.toLowerCase())), word];
    }
    const option = command.options.find((o) => o.autocomplete);
    if (!option?.autocomplete) return [[], rest];
    return [deps.library.complete(option.autocomplete, rest.slice(0, 200), 25), rest];
  };
}
