// The shape of a slash command as adapters see it: the single source from which Discord
// registrations, the Slack manifest, /help and the shell's parser are generated. Commands are
// written with defineCommand (define-command.ts), which builds this from typed options.
import type { Config } from '../src/config.js';
import type { DailyService } from '../src/daily/service.js';
import type { Freshness } from '../src/freshness.js';
import type { InlineLinks } from '../src/inline/inline-links.js';
import type { Library } from '../src/library/library.js';
import type { WikiExamples } from './examples.js';
import type { Logger } from '../src/log.js';
import type { PlatformProfile } from '../src/platform.js';
import type { Reply } from '../src/reply.js';
import type { InsightsService } from '../src/insights/service.js';
import type { CommandContext, CommandInput, CommandRun } from '../src/request.js';

export type { CommandContext, CommandInput, CommandRun } from '../src/request.js';

export type OptionType = 'string' | 'boolean' | 'integer' | 'subcommand';

/** Which completions an adapter may offer while the user types (Library.complete). */
export type Autocomplete = 'terms' | 'speakers';

/** What a member needs to run a command; each adapter maps it to its platform (Discord: the
 *  Manage Channels or Manage Server permission; Slack: workspace admins and owners), besides
 *  ADMIN_USER_IDS. */
export type Requirement = 'manage-channel' | 'manage-workspace';

export interface CommandOption {
  name: string;
  description: string;
  type: OptionType;
  required?: boolean;
  autocomplete?: Autocomplete;
  maxLength?: number;
  choices?: { name: string; value: string }[];
  /** For a subcommand: its own options. */
  options?: CommandOption[];
  /** Set by buttons, never typed: left out of registrations and usage hints. */
  hidden?: boolean;
}

/** What a handler can use. `library` is read on every call, so a reload can swap it. */
export interface CommandDeps {
  library: Library;
  config: Config;
  /** Daily posts; absent where no store is configured (e.g. one-shot `ask`). */
  daily?: DailyService;
  /** How fresh the content is (pages, last reload or sync), where the wiki is kept fresh. */
  freshness?: () => Freshness;
  /** [[Links]] in conversation: their settings, and answering messages; absent where no chat
   *  platform runs (the terminal). */
  inline?: InlineLinks;
  /** Where a failing handler's error is logged, with the id shown to the user. */
  log?: Logger;
  /** The editors' insights (/insights); absent where no store is configured. */
  insights?: InsightsService;
  /** Told of every command that ran (it records the insights' counts); must not throw or wait. */
  observe?: (run: CommandRun) => void;
  /** Every chat platform the bot has an adapter for (adapters/platforms.ts): /settings works in
   *  their channels, and users are told where a command works and who may use it. Without
   *  them (tools that only ask questions), no channel has settings and no platform is named. */
  profiles?: readonly PlatformProfile[];
}

/** A handler's second argument: its dependencies, every command (for /help), and the request. */
export interface RunContext extends CommandDeps {
  commands: readonly Command[];
  request: CommandContext;
}

export type Validated = { ok: true; input: CommandInput } | { ok: false; reply: Reply };

export interface Command {
  name: string;
  description: string;
  /** Usage hint after the command name, e.g. "<term>". */
  usage: string;
  /** Examples written for the sample wiki (the README, command registration). */
  examples: string[];
  /** Examples that answer on the loaded wiki, from names it has (see examples.ts); none when it
   *  lacks what they need. */
  examplesFor?(wiki: WikiExamples): string[];
  options: CommandOption[];
  /** Who may run it; the adapter maps this to its platform and tells the handler (canManageChannel). */
  requires?: Requirement;
  /** Answers only the asker unless asked otherwise (/help). */
  private?: boolean;
  /** Turns the free text after the command (shell, Slack) into input. */
  parseText(text: string): CommandInput;
  /** Checks and cleans input against the declared options: the input the handler gets, or the
   *  friendly reply for what is empty, too long or garbage. */
  validate(input: CommandInput, example?: string): Validated;
  /** Runs on validated input. */
  run(input: CommandInput, ctx: RunContext): Reply | Promise<Reply>;
  /** What the insights count this run as, when not the command itself (a concept map asked of
   *  /related is a map view). */
  countedAs?(input: CommandInput): string | undefined;
}
