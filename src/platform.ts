// How the core speaks of the chat platforms without knowing any: each adapter supplies its
// platform's profile (its name, its word for a workspace, who may manage things there), and
// the texts that tell a user where something works or who may do it are built from them.
import type { Platform } from './daily/types.js';

export interface PlatformProfile {
  /** The key its adapter puts in CommandContext.platform and DailyPoster.platform. */
  key: Platform;
  /** Its name for users: "Discord". */
  name: string;
  /** Its word for a workspace: "server", "workspace". */
  workspace: string;
  /** Who may manage a channel there, besides the bot's admins: "the Manage Channels permission". */
  channelManagers: string;
  /** Who may manage the whole workspace there: "the Manage Server permission". */
  workspaceManagers: string;
  /** What members must do for the bot to read a channel, when it is not simply there: "/invite it to the channel". */
  invite?: string;
}

/** "Discord and Slack", "Discord, Slack or Matrix"; "chat" with none. */
export function platformNames(profiles: readonly PlatformProfile[], conjunction: 'and' | 'or'): string {
  const names = profiles.map((p) => p.name);
  if (names.length <= 1) return names[0] ?? 'chat';
  return `${names.slice(0, -1).join(', ')} ${conjunction} ${names.at(-1)}`;
}

/** Who may manage a channel or the workspace, for a parenthesis after "Only people who can…":
 *  "on Discord: the Manage Channels permission; on Slack: …; or the bot's admins". */
export function whoManages(profiles: readonly PlatformProfile[], what: 'channel' | 'workspace', admins: string): string {
  const each = profiles.map((p) => `on ${p.name}: ${what === 'channel' ? p.channelManagers : p.workspaceManagers}`);
  return each.length ? [...each, `or ${admins}`].join('; ') : admins;
}

/** The platform's word for its workspace ("server"); "workspace" for a platform without a profile. */
export function workspaceWord(profiles: readonly PlatformProfile[], platform: Platform): string {
  return profiles.find((p) => p.key === platform)?.workspace ?? 'workspace';
}

/** How to let the bot read a channel, per platform that needs it: "on Slack, /invite it to the channel"; undefined when none does. */
export function inviteHints(profiles: readonly PlatformProfile[]): string | undefined {
  const hints = profiles.filter((p) => p.invite).map((p) => `on ${p.name}, ${p.invite}`);
  return hints.length ? hints.join('; ') : undefined;
}
