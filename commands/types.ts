// The shape of a slash command: the single source from which Discord registrations,
// the Slack manifest, /help and the shell's parser are generated.
import type { Config } from '../src/config.js';
import type { Library } from '../src/library/library.js';
import type { Reply } from '../src/reply.js';
import type { CommandContext, CommandInput } from '../src/request.js';

export type { CommandContext, CommandInput } from '../src/request.js';

export type OptionType = 'string' | 'boolean' | 'integer' | 'subcommand';

export interface CommandOption {
  name: string;
  description: string;
  type: OptionType;
  required?: boolean;
  /** Which completions an adapter may offer while the user types. */
  autocomplete?: 'terms' | 'speakers';
  maxLength?: number;
  choices?: { name: string; value: string }[];
  /** For a subcommand: its own options. */
  options?: CommandOption[];
}

/** What a handler can use. `library` is read on every call, so a reload can swap it. */
export interface CommandDeps {
  library: Library;
  config: Config;
  /** Daily posts; absent where no store is configured (e.g. one-shot `ask`). */
  daily?: import('../src/daily/service.js').DailyService;
  /** How fresh the content is (pages, last reload or sync), where the wiki is kept fresh. */
  freshness?: () => import('../src/freshness.js').Freshness;
  /** Where a failing handler's error is logged, with the id shown to the user. */
  log?: import('../src/log.js').Logger;
}

export interface Command {
  name: string;
  description: string;
  /** Usage hint after the command name, e.g. "<term>". */
  usage: string;
  examples: string[];
  options: CommandOption[];
  /** Discord: permission a member needs by default (the command is hidden from others). */
  defaultMemberPermission?: 'ManageChannels';
  /** Turns the free text after the command (shell, Slack) into typed input. */
  parseText(text: string): CommandInput;
  run(deps: CommandDeps, input: CommandInput, ctx: CommandContext): Reply | Promise<Reply>;
}
