// commands/ → Discord slash-command registrations: the one place the registry's typed options
// become Discord's JSON. Pure, so the registration script and the tests build the same thing.
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import { PRIVATE_OPTION } from '../../commands/index.js';
import type { Command, CommandOption, Requirement } from '../../commands/types.js';
import { plainPrefix } from './markdown.js';

export type CommandDefinition = RESTPostAPIChatInputApplicationCommandsJSONBody;
/** A command in a message's menu (Apps → …), such as "Look up in the wiki". */
export type MenuDefinition = RESTPostAPIContextMenuApplicationCommandsJSONBody;

/** A message-menu command as the core names it (commands/links.ts: LOOK_UP). */
export interface MenuCommand {
  name: string;
}

export interface DefinitionOptions {
  /**
   * 'global' (default) adds `contexts`, `integration_types` and `dm_permission`, so the commands
   * work in servers and in DMs with the bot; guild commands take none of these.
   */
  scope?: 'global' | 'guild';
}

/** Who may change a setting for the whole server, and see its insights. */
export const MANAGE_WORKSPACE = PermissionFlagsBits.ManageGuild;

/** The Discord permission each neutral requirement stands for. */
export const REQUIREMENTS: Record<Requirement, bigint> = {
  'manage-channel': PermissionFlagsBits.ManageChannels,
  'manage-workspace': MANAGE_WORKSPACE,
};

const DESCRIPTION_MAX = 100;
const NAME_MAX = 32;
const STRING_MAX = 6000;
const CHOICES_MAX = 25;

export function definitions(commands: readonly Command[], opts: DefinitionOptions = {}): CommandDefinition[] {
  return commands.map((c) => definition(c, opts));
}

export function definition(command: Command, opts: DefinitionOptions = {}): CommandDefinition {
  const hasSubcommands = command.options.some((o) => o.type === 'subcommand');
  const options = hasSubcommands
    ? // Discord does not mix subcommands with other options: each subcommand gets its own `private`.
      command.options.filter((o) => o.type === 'subcommand').map((o) => subcommand(o))
    : basicOptions(withPrivate(command.options));
  const def: CommandDefinition = {
    type: ApplicationCommandType.ChatInput,
    name: name(command.name),
    description: describe(command.description),
    options,
  };
  if (command.requires) def.default_member_permissions = String(REQUIREMENTS[command.requires]);
  return withScope(def, opts);
}

/** A message-menu command ("Look up in the wiki" under a message's Apps menu), open to everyone. */
export function menuDefinition(menu: MenuCommand, opts: DefinitionOptions = {}): MenuDefinition {
  return withScope({ type: ApplicationCommandType.Message, name: menu.name.slice(0, NAME_MAX) }, opts);
}

/** Global commands work in servers and in DMs with the bot; guild commands take none of this. */
function withScope<D extends CommandDefinition | MenuDefinition>(def: D, opts: DefinitionOptions): D {
  if ((opts.scope ?? 'global') === 'global') {
    def.contexts = [InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel];
    def.integration_types = [ApplicationIntegrationType.GuildInstall];
    def.dm_permission = true;
  }
  return def;
}

/** Every command offers `private`, also those (like /help) whose own options leave it out. */
function withPrivate(options: CommandOption[]): CommandOption[] {
  return options.some((o) => o.name === PRIVATE_OPTION.name) ? options : [...options, PRIVATE_OPTION];
}

function subcommand(o: CommandOption): APIApplicationCommandSubcommandOption {
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: name(o.name),
    description: describe(o.description),
    options: basicOptions(withPrivate(o.options ?? [])),
  };
}

/** Typed options, required ones first (Discord rejects a required option after an optional one);
 *  options only buttons set are not registered. */
function basicOptions(options: CommandOption[]): APIApplicationCommandBasicOption[] {
  const basic = options.filter((o) => o.type !== 'subcommand' && !o.hidden);
  const ordered = [...basic.filter((o) => o.required), ...basic.filter((o) => !o.required)];
  return ordered.map(basicOption);
}

function basicOption(o: CommandOption): APIApplicationCommandBasicOption {
  const base = { name: name(o.name), description: describe(o.description), required: Boolean(o.required) };
  switch (o.type) {
    case 'boolean':
      return { ...base, type: ApplicationCommandOptionType.Boolean };
    case 'integer': {
      const choices = o.choices?.slice(0, CHOICES_MAX).map((c) => ({ name: plainPrefix(c.name, 100), value: Number(c.value) }));
      if (choices?.length) return { ...base, type: ApplicationCommandOptionType.Integer, choices };
      return { ...base, type: ApplicationCommandOptionType.Integer, ...(o.autocomplete ? { autocomplete: true } : {}) };
    }
    default: {
      const length = o.maxLength ? { max_length: Math.min(Math.max(1, o.maxLength), STRING_MAX) } : {};
      const choices = o.choices?.slice(0, CHOICES_MAX).map((c) => ({ name: plainPrefix(c.name, 100), value: plainPrefix(c.value, 100) }));
      // Discord takes either fixed choices or autocomplete, not both.
      if (choices?.length) return { ...base, type: ApplicationCommandOptionType.String, ...length, choices };
      return { ...base, type: ApplicationCommandOptionType.String, ...length, ...(o.autocomplete ? { autocomplete: true } : {}) };
    }
  }
}

function name(n: string): string {
  return n.toLowerCase().slice(0, NAME_MAX);
}

function describe(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim() || '-';
  return t.length <= DESCRIPTION_MAX ? t : `${plainPrefix(t, DESCRIPTION_MAX - 1)}…`;
}

/** The option of `command` a focused autocomplete value belongs to (looking inside the subcommand). */
export function findOption(command: Command, optionName: string, subcommandName?: string | null): CommandOption | undefined {
  const scope = subcommandName
    ? (command.options.find((o) => o.type === 'subcommand' && o.name === subcommandName)?.options ?? [])
    : command.options;
  return scope.find((o) => o.name === optionName);
}
