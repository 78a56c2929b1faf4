// Interactions → commands → rendered replies. One entry point, `handleInteraction`, which never
// throws: slash commands, autocomplete, buttons and the suggestion menu. Everything a user gets
// is sent with `allowedMentions: { parse: [] }`; an answer that may take long is deferred within
// Discord's 3-second window.
import {
  ApplicationCommandOptionType,
  MessageFlags,
  type AutocompleteInteraction,
  type BaseInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  type InteractionUpdateOptions,
  type MessageContextMenuCommandInteraction,
  type StringSelectMenuInteraction,
} from 'discord.js';
import { actionCommand, answersPrivately, failure, findCommand, runAction, runCommand } from '../../commands/index.js';
import { LOOK_UP, lookUpReply } from '../../commands/links.js';
import type { CommandContext, CommandDeps, CommandInput } from '../../commands/types.js';
import { chooseSuggestion, decodeAction, type Action } from '../../src/actions.js';
import type { Reply } from '../../src/reply.js';
import { oneLine } from '../../src/text/sentences.js';
import { newErrorId, type Logger } from '../../src/log.js';
import type { CommandStart, Observer } from '../../src/ops/observe.js';
import { findOption, REQUIREMENTS } from './definitions.js';
import { LIMITS } from './limits.js';
import { plainPrefix } from './markdown.js';
import { renderNotice, renderReply, type DiscordMessage } from './render.js';

/** Past this, an answer is deferred ("thinking…") so that Discord's 3 s window is never missed. */
export const DEFER_AFTER_MS = 1500;

export interface InteractionEnv {
  /** Read on every interaction: a reload may swap `deps.library`. */
  deps: CommandDeps;
  log: Logger;
  /** Overrides DEFER_AFTER_MS (tests). */
  deferAfterMs?: number;
  /** Logs each answer once and counts it in metrics (absent in some tests). */
  observer?: Observer;
}

const NO_MENTIONS = { parse: [] as [] };

export async function handleInteraction(interaction: BaseInteraction, env: InteractionEnv): Promise<void> {
  try {
    if (interaction.isAutocomplete()) return await onAutocomplete(interaction, env);
    if (interaction.isChatInputCommand()) return await onCommand(interaction, env);
    if (interaction.isMessageContextMenuCommand()) return await onMessageMenu(interaction, env);
    if (interaction.isButton() || interaction.isStringSelectMenu()) return await onComponent(interaction, env);
    if (interaction.isRepliable()) {
      await interaction.reply({ ...toReply(notice(env, 'Not supported', 'This bot does not handle that kind of interaction.')) });
    }
  } catch (err) {
    await failed(interaction, env, err);
  }
}

// ---------------------------------------------------------------------------------------------
// Slash commands

async function onCommand(i: ChatInputCommandInteraction, env: InteractionEnv): Promise<void> {
  const name = i.commandName;
  const input = inputOf(i.options.data);
  const ctx = contextOf(i, env.deps.config.ADMIN_USER_IDS);
  const start: CommandStart = { command: name, platform: 'discord', workspaceId: ctx.workspaceId, text: typedText(input) };
  await observed(env, start, runCommand(env.deps, name, input, ctx), (pending) =>
    respond(i, pending, { mode: 'reply', deferPrivately: answersPrivately(name, input), env }),
  );
}

/** Runs `deliver` over the pending answer, observed from now until it is delivered. */
async function observed(
  env: InteractionEnv,
  start: CommandStart,
  pending: Promise<Reply>,
  deliver: (pending: Promise<Reply>) => Promise<void>,
): Promise<void> {
  const finish = env.observer?.begin(start);
  try {
    await deliver(pending);
    finish?.(await pending);
  } catch (err) {
    finish?.('error');
    throw err;
  }
}

/** The user's own words in a command, for the debug log only. */
function typedText(input: CommandInput): string {
  return Object.entries(input)
    .filter(([k, v]) => k !== 'private' && v !== undefined)
    .map(([k, v]) => `${k}:${String(v)}`)
    .join(' ');
}

/** Option values by name; a chosen subcommand (or group + subcommand) goes in `subcommand`. */
export function inputOf(data: readonly CommandInteractionOption[]): CommandInput {
  // Built from entries, so an option named like an Object.prototype member is just a name.
  const entries: [string, string | number | boolean][] = [];
  let options = data;
  const group = options.find((o) => o.type === ApplicationCommandOptionType.SubcommandGroup);
  if (group) {
    entries.push(['group', group.name]);
    options = group.options ?? [];
  }
  const sub = options.find((o) => o.type === ApplicationCommandOptionType.Subcommand);
  if (sub) {
    entries.push(['subcommand', sub.name]);
    options = sub.options ?? [];
  }
  for (const o of options) {
    if (typeof o.value === 'string' || typeof o.value === 'number' || typeof o.value === 'boolean') entries.push([o.name, o.value]);
  }
  return Object.fromEntries(entries);
}

/** Who asks, where, and whether they may manage the channel (in a DM: yes, it is theirs) and
 *  the server (in a DM there is none); the bot's admins (ADMIN_USER_IDS) may manage both. */
export function contextOf(i: BaseInteraction, admins: readonly string[] = []): CommandContext {
  const admin = admins.includes(i.user.id);
  return {
    platform: 'discord',
    userId: i.user.id,
    channelId: i.channelId ?? undefined,
    workspaceId: i.guildId ?? undefined,
    canManageChannel: admin || (i.guildId ? Boolean(i.memberPermissions?.has(REQUIREMENTS['manage-channel'])) : true),
    canManageWorkspace: admin || Boolean(i.guildId && i.memberPermissions?.has(REQUIREMENTS['manage-workspace'])),
  };
}

// ---------------------------------------------------------------------------------------------
// "Look up in the wiki" in a message's menu: privately, the wiki's names in that message. The
// message's text comes with the interaction, so this works without the Message Content intent.

async function onMessageMenu(i: MessageContextMenuCommandInteraction, env: InteractionEnv): Promise<void> {
  if (i.commandName !== LOOK_UP.name) {
    await i.reply(toReply(notice(env, 'Not supported', 'This bot does not know that command. Run npm run discord:register again.')));
    return;
  }
  const answer = (async () => {
    try {
      return lookUpReply(env.deps.library, i.targetMessage.content ?? '');
    } catch (err) {
      return failure(env.deps, err, { platform: 'discord', command: LOOK_UP.callbackId });
    }
  })();
  const start: CommandStart = { command: LOOK_UP.callbackId, platform: 'discord', workspaceId: i.guildId ?? undefined };
  await observed(env, start, answer, (pending) => respond(i, pending, { mode: 'reply', deferPrivately: true, env }));
}

// ---------------------------------------------------------------------------------------------
// Autocomplete: synchronous over the in-memory Library, answered at once.

async function onAutocomplete(i: AutocompleteInteraction, env: InteractionEnv): Promise<void> {
  let choices: { name: string; value: string }[] = [];
  try {
    const command = findCommand(i.commandName);
    const focused = i.options.getFocused(true);
    const option = command && findOption(command, focused.name, i.options.getSubcommand(false));
    if (option?.autocomplete) {
      const typed = String(focused.value ?? '').slice(0, 200);
      choices = autocompleteChoices(env.deps.library.complete(option.autocomplete, typed, LIMITS.autocompleteChoices));
    }
  } catch (err) {
    env.log.warn({ err, command: i.commandName }, 'autocomplete failed');
    choices = [];
  }
  env.observer?.metrics?.autocomplete.inc({ platform: 'discord' });
  await i.respond(choices);
}

/** At most 25 choices, names and values within 100 characters, no duplicate values. */
export function autocompleteChoices(names: readonly string[]): { name: string; value: string }[] {
  const seen = new Set<string>();
  const out: { name: string; value: string }[] = [];
  for (const raw of names) {
    const full = oneLine(raw);
    if (!full) continue;
    const value = plainPrefix(full, LIMITS.choiceValue).trim();
    if (seen.has(value)) continue;
    seen.add(value);
    const name =
      full.length <= LIMITS.choiceName ? plainPrefix(full, LIMITS.choiceName) : `${plainPrefix(full, LIMITS.choiceName - 1).trimEnd()}…`;
    out.push({ name, value });
    if (out.length === LIMITS.autocompleteChoices) break;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Buttons and the suggestion menu

async function onComponent(i: ButtonInteraction | StringSelectMenuInteraction, env: InteractionEnv): Promise<void> {
  const action = componentAction(i);
  const command = action && actionCommand(action);
  if (!action || !command) {
    env.log.info({ customId: i.customId.slice(0, 100) }, 'unknown or expired button');
    const finish = env.observer?.begin({
      command: 'button',
      platform: 'discord',
      via: 'button',
      action: 'expired',
      workspaceId: i.guildId ?? undefined,
    });
    await i.reply(toReply(expired(env)));
    finish?.('refused');
    return;
  }
  const ctx = contextOf(i);
  const fromPrivate = i.message.flags.has(MessageFlags.Ephemeral);
  const how = placement(action, fromPrivate, i.message.interactionMetadata?.user?.id, i.user.id);
  const start: CommandStart = {
    command: command.command,
    platform: 'discord',
    via: 'button',
    action: action.type,
    workspaceId: ctx.workspaceId,
  };
  await observed(env, start, runAction(env.deps, action, { ...ctx, private: how.private }), (pending) =>
    respond(i, pending, { mode: how.mode, deferPrivately: how.private, env }),
  );
}

/** The action a click or a menu choice stands for. */
function componentAction(i: ButtonInteraction | StringSelectMenuInteraction): Action | undefined {
  const action = decodeAction(i.customId);
  if (action?.type !== 'suggest-menu') return action;
  return i.isStringSelectMenu() ? chooseSuggestion(action, i.values[0]) : undefined;
}

/**
 * Where an action's answer goes. "Another quote" rotates in place on a private answer or for
 * the person who asked; anyone else clicking a public answer gets the next quote privately.
 * A suggestion replaces the suggestion list and stays private like it. "Post in channel"
 * posts publicly. Anything else answers in a new message, private under a private answer.
 */
function placement(
  action: Action,
  fromPrivate: boolean,
  asker: string | undefined,
  clicker: string,
): { mode: 'reply' | 'update'; private: boolean } {
  switch (action.type) {
    case 'another-quote': {
      const inPlace = fromPrivate || asker === undefined || asker === clicker;
      return { mode: inPlace ? 'update' : 'reply', private: fromPrivate || !inPlace };
    }
    case 'suggest':
      return { mode: 'update', private: fromPrivate };
    case 'post':
    case 'share':
      return { mode: 'reply', private: false };
    default:
      return { mode: 'reply', private: fromPrivate };
  }
}

// ---------------------------------------------------------------------------------------------
// Responding within the 3-second window

type Respondable = ChatInputCommandInteraction | MessageContextMenuCommandInteraction | ButtonInteraction | StringSelectMenuInteraction;

interface RespondHow {
  /** 'reply': a new message; 'update': edit the message the component is on. */
  mode: 'reply' | 'update';
  /** When a reply must be deferred: defer it privately? */
  deferPrivately: boolean;
  env: InteractionEnv;
}

async function respond(i: Respondable, pending: Promise<Reply>, how: RespondHow): Promise<void> {
  const first = await settleWithin(pending, how.env.deferAfterMs ?? DEFER_AFTER_MS);
  const updating = how.mode === 'update' && i.isMessageComponent();
  // A public message is never replaced by a private answer (an error, "not found"): that one
  // goes to the clicker alone, and the public message stays as it was.
  const privateOverPublic = (m: DiscordMessage) =>
    updating && Boolean((m.flags ?? 0) & MessageFlags.Ephemeral) && !(i as ButtonInteraction).message.flags.has(MessageFlags.Ephemeral);
  if (first.done) {
    const message = render(how.env, first.reply);
    if (updating && !privateOverPublic(message)) await (i as ButtonInteraction).update(toEdit(message));
    else await i.reply(toReply(message));
    return;
  }
  // Slow: acknowledge now, answer when ready.
  if (updating) await (i as ButtonInteraction).deferUpdate();
  else await i.deferReply(how.deferPrivately ? { flags: MessageFlags.Ephemeral } : {});
  const message = render(how.env, await pending);
  const wantsPrivate = Boolean((message.flags ?? 0) & MessageFlags.Ephemeral);
  if (updating && privateOverPublic(message)) {
    await i.followUp(toReply(message));
    return;
  }
  if (how.mode === 'reply' && wantsPrivate && !how.deferPrivately) {
    // Deferred publicly, but the answer is private (an error, "not found"): send it privately
    // and remove the public "thinking…" placeholder.
    await i.followUp(toReply(message));
    await i.deleteReply().catch(() => undefined);
    return;
  }
  await i.editReply(toEdit(message));
}

async function settleWithin(pending: Promise<Reply>, ms: number): Promise<{ done: true; reply: Reply } | { done: false }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<{ done: false }>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), ms);
  });
  try {
    return await Promise.race([pending.then((reply) => ({ done: true as const, reply })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------
// Payloads for discord.js (which sends them as the wire JSON in render.ts)

export function toReply(m: DiscordMessage): InteractionReplyOptions {
  return {
    ...(m.content !== undefined ? { content: m.content } : {}),
    embeds: m.embeds,
    components: m.components,
    allowedMentions: NO_MENTIONS,
    ...(m.flags ? { flags: m.flags as MessageFlags.Ephemeral } : {}),
    ...(m.files ? { files: attachments(m) } : {}),
  };
}

/** A message's files as discord.js sends them (multipart, with each description). */
function attachments(m: DiscordMessage): { attachment: Buffer; name: string; description: string }[] {
  return (m.files ?? []).map((f) => ({ attachment: f.data, name: f.name, description: f.description }));
}

/** For updating the message a component is on, or editing a deferred reply: both take the same fields. */
export function toEdit(m: DiscordMessage): InteractionUpdateOptions & InteractionEditReplyOptions {
  return {
    content: m.content ?? null,
    embeds: m.embeds,
    components: m.components,
    allowedMentions: NO_MENTIONS,
    ...(m.files ? { files: attachments(m) } : {}),
  };
}

function wikiNameOr(env: InteractionEnv, fallback: string): string {
  try {
    return env.deps.config.WIKI_NAME || fallback;
  } catch {
    return fallback;
  }
}

function render(env: InteractionEnv, reply: Reply): DiscordMessage {
  return renderReply(reply, { wikiName: env.deps.config.WIKI_NAME });
}

function notice(env: InteractionEnv, title: string, text: string): DiscordMessage {
  return renderNotice(title, text, env.deps.config.WIKI_NAME);
}

function expired(env: InteractionEnv): DiscordMessage {
  return notice(
    env,
    'This button has expired',
    'Sorry, this button no longer works (it may be from an older version of the bot). Run the command again, e.g. /define dual power.',
  );
}

/** Our own code failed (not a handler: runCommand covers those): log with an id, tell the user privately. */
async function failed(interaction: BaseInteraction, env: InteractionEnv, err: unknown): Promise<void> {
  const errorId = newErrorId();
  env.log.error({ err, errorId, interaction: interaction.type, id: interaction.id }, 'interaction failed');
  if (!interaction.isRepliable()) {
    if (interaction.isAutocomplete() && !interaction.responded) await interaction.respond([]).catch(() => undefined);
    return;
  }
  const reply: Reply = {
    kind: 'error',
    private: true,
    errorId,
    title: 'Something went wrong',
    text: `Something went wrong while answering. If it keeps happening, tell the bot's admins: error ${errorId}.`,
  };
  try {
    const message = toReply(renderReply(reply, { wikiName: wikiNameOr(env, 'the wiki') }));
    if (interaction.replied || interaction.deferred) await interaction.followUp(message);
    else await interaction.reply(message);
  } catch (sendErr) {
    env.log.warn({ err: sendErr, errorId }, 'could not tell the user about a failure');
  }
}
