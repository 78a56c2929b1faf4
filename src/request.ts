// The neutral request model, the counterpart of the Reply: who asks, where, and the typed
// values of the options. Adapters fill it in from their platform; commands and the daily
// service read it. It lives in src/ so the core never imports from commands/ or adapters/.
import type { Reply } from './reply.js';

export interface CommandContext {
  /** The platform's key, chosen by its adapter ("discord", "slack", "shell"; "daily" for the scheduler). */
  platform: string;
  userId?: string;
  channelId?: string;
  /** Discord guild id or Slack team id. */
  workspaceId?: string;
  /** Set by the adapter for commands that require 'manage-channel', from its platform's
   *  permissions and ADMIN_USER_IDS. */
  canManageChannel?: boolean;
  /** Whether the user may manage the whole workspace (Discord: Manage Server; Slack: workspace
   *  admins and owners; ADMIN_USER_IDS everywhere): /settings for a whole workspace, and the
   *  commands that require 'manage-workspace' (/insights). */
  canManageWorkspace?: boolean;
  /** The workspace's time zone when the platform knows it. */
  timeZone?: string;
  /** The user asked for a private answer. */
  private?: boolean;
}

/** Values of the options the user gave, by option name. `subcommand` names the chosen subcommand. */
export type CommandInput = Record<string, string | number | boolean | undefined>;

/** What an observer of commands (the editors' insights) learns of one that ran: the command,
 *  its main text and whether that names a page or concept, where it ran, and the answer. */
export interface CommandRun {
  command: string;
  /** The command's main text (its first required text option), as validated. */
  term?: { text: string; names: boolean };
  ctx: CommandContext;
  reply: Reply;
}
