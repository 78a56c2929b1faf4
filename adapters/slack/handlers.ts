// Slash commands and button clicks, wired into a Bolt app. Every command in the registry
// gets a listener (renamed by SLACK_COMMAND_PREFIX); buttons share one listener keyed by
// the `commonplace:` action_id prefix. Nothing here throws into Bolt: failures become a
// private error answer with an id, and the id is logged with the error.
import type { App, MessageShortcut, RespondArguments, RespondFn, webApi } from '@slack/bolt';
import { actionCommand, commands, failure, parseCommand, runAction, runCommand, STALE_ACTION } from '../../commands/index.js';
import { LOOK_UP, lookUpReply } from '../../commands/links.js';
import type { Command, CommandContext, CommandDeps } from '../../commands/types.js';
import { decodeAction, type Action } from '../../src/actions.js';
import type { Config } from '../../src/config.js';
import { newErrorId, type Logger } from '../../src/log.js';
import type { Outcome } from '../../src/ops/outcome.js';
import type { Observer } from '../../src/ops/observe.js';
import { isPrivate, type Reply } from '../../src/reply.js';
import { shareImage } from './images.js';
import { plainText, readMessageEvent, slackReplier } from './inline.js';
import { safeError } from './logger.js';
import { slashCommandName } from './manifest.js';
import { slackErrorCode, type SlackAdminCheck } from './permissions.js';
import { ACTION_ID_PATTERN, renderReply, type RenderOptions, type SlackMessage } from './render.js';

type WebClient = webApi.WebClient;

export interface SlackHandlerEnv {
  /** The holder the composition root passes; read on every request (a reload swaps library). */
  deps: CommandDeps;
  config: Config;
  log: Logger;
  scrub: (text: string) => string;
  admin: SlackAdminCheck;
  render: RenderOptions;
  /** How files are uploaded (Slack's hosts only); default: globalThis.fetch. */
  fetch?: typeof fetch;
  observer?: Observer;
  /** Socket Mode acknowledgements are timed here (HTTP mode's at the server). */
  mode?: 'socket' | 'http';
}

interface Ids {
  userId: string;
  channelId?: string;
  teamId?: string;
}

/** Registers the listeners; returns the slash command names handled ("/define", …). */
export function registerHandlers(app: App, env: SlackHandlerEnv): string[] {
  const names: string[] = [];
  for (const command of commands) {
    const name = slashCommandName(env.config.SLACK_COMMAND_PREFIX, command);
    names.push(name);
    app.command(name, async ({ command: payload, ack, respond, client }) => {
      const t0 = performance.now();
      // The 3-second rule: acknowledge at once with an empty body, then deliver the answer
      // through respond() (the response_url, good for 30 minutes). Acking with the answer
      // instead would tie the acknowledgement to the library, a users.info lookup for
      // /daily, or a reload in progress; one delivery path keeps every command inside
      // Slack's window whatever the answer costs.
      const text = typeof payload.text === 'string' ? payload.text : '';
      const finish = env.observer?.begin({ command: command.name, platform: 'slack', workspaceId: payload.team_id, text });
      await safeAck(ack, env, t0);
      const ids: Ids = { userId: payload.user_id, channelId: payload.channel_id, teamId: payload.team_id };
      let outcome: Reply | Outcome = 'error';
      try {
        const reply = await answerCommand(env, command, text, ids);
        outcome = reply;
        await deliver(env, client, respond, renderSafely(env, reply), ids, {});
      } finally {
        finish?.(outcome);
      }
    });
  }

  app.action(ACTION_ID_PATTERN, async ({ ack, body, action, respond, client }) => {
    const t0 = performance.now();
    await safeAck(ack, env, t0);
    if (body.type !== 'block_actions' || action.type !== 'button') return;
    const container = (body.container ?? {}) as { is_ephemeral?: boolean; channel_id?: string };
    const ids: Ids = {
      userId: body.user?.id ?? '',
      channelId: body.channel?.id ?? container.channel_id,
      teamId: body.team?.id ?? body.user?.team_id,
    };
    const fromPrivate = container.is_ephemeral === true;
    const decoded = decodeAction(action.value);
    const command = decoded && actionCommand(decoded);
    const finish = env.observer?.begin({
      command: command ? command.command : 'button',
      platform: 'slack',
      via: 'button',
      action: command ? decoded!.type : 'expired',
      workspaceId: ids.teamId,
    });
    let outcome: Reply | Outcome = 'error';
    try {
      if (!decoded || !command) {
        outcome = 'refused';
        await deliver(env, client, respond, renderReply(STALE_ACTION, env.render), ids, { replace_original: false });
        return;
      }
      if (command.public) {
        outcome = await postInChannel(env, client, respond, decoded, ids);
        return;
      }
      // Under a private answer, the answer is private too.
      const reply = await runAction(env.deps, decoded, baseContext(env, ids, fromPrivate));
      outcome = reply;
      await deliver(env, client, respond, renderReply(reply, env.render), ids, { replace_original: false });
    } catch (err) {
      const reply = failure(env.deps, err, { platform: 'slack', action: 'action_id' in action ? action.action_id : undefined });
      outcome = reply;
      await deliver(env, client, respond, renderReply(reply, env.render), ids, { replace_original: false });
    } finally {
      finish?.(outcome);
    }
  });

  // "Look up in the wiki" in a message's menu: privately, the wiki's names in that message.
  app.shortcut<MessageShortcut>({ callback_id: LOOK_UP.callbackId, type: 'message_action' }, async ({ ack, shortcut, respond, client }) => {
    const t0 = performance.now();
    const ids: Ids = { userId: shortcut.user.id, channelId: shortcut.channel?.id, teamId: shortcut.team?.id ?? shortcut.user.team_id };
    const finish = env.observer?.begin({ command: LOOK_UP.callbackId, platform: 'slack', workspaceId: ids.teamId });
    await safeAck(ack, env, t0);
    let reply: Reply;
    try {
      const text = typeof shortcut.message?.text === 'string' ? plainText(shortcut.message.text) : '';
      reply = lookUpReply(env.deps.library, text);
    } catch (err) {
      reply = failure(env.deps, err, { platform: 'slack', shortcut: LOOK_UP.callbackId });
    }
    try {
      await deliver(env, client, respond, renderSafely(env, reply), ids, {});
    } finally {
      finish?.(reply);
    }
  });

  // [[Links]] in messages (INLINE_LINKS; the manifest then subscribes to message events).
  if (env.config.INLINE_LINKS) {
    const replier = slackReplier(app.client, () => env.render);
    app.event('message', async ({ event, body, context }) => {
      const read = readMessageEvent(event as Parameters<typeof readMessageEvent>[0], body.team_id, context.botUserId);
      const inline = env.deps.inline;
      if (!read || !inline) return;
      if (read.kind === 'deleted') await inline.deleted(read.key, replier);
      else if (read.kind === 'edited') await inline.edited(read.message, replier);
      else await inline.written(read.message, replier);
    });
  }

  app.error(async (error) => {
    env.log.error({ err: safeError(error, env.scrub) }, 'Slack request failed');
  });

  return names;
}

/** Renders a reply; a rendering bug becomes a private error answer instead of silence. */
function renderSafely(env: SlackHandlerEnv, reply: Reply): SlackMessage {
  try {
    return renderReply(reply, env.render);
  } catch (err) {
    return renderReply(failure(env.deps, err, { platform: 'slack', stage: 'render', kind: reply.kind }), env.render);
  }
}

/** Runs a slash command's text. Never throws. */
export async function answerCommand(env: SlackHandlerEnv, command: Command, text: string, ids: Ids): Promise<Reply> {
  const deps = env.deps;
  try {
    // Through the same parser as typed commands, so "private" and the input match the shell's.
    const parsed = parseCommand(deps, `/${command.name} ${text}`);
    if (!parsed.ok) return parsed.reply;
    const ctx = await contextFor(env, command, ids, parsed.private);
    return await runCommand(deps, parsed.name, parsed.input, ctx);
  } catch (err) {
    return failure(deps, err, { platform: 'slack', command: command.name });
  }
}

/** "Post in channel" (and "Post X"): recompute the answer publicly and post it; "Post in
 *  channel" removes the private copy, which held that one answer. */
async function postInChannel(env: SlackHandlerEnv, client: WebClient, respond: RespondFn, action: Action, ids: Ids): Promise<Reply> {
  const reply = await runAction(env.deps, action, baseContext(env, ids, false));
  const message = renderReply(reply, env.render);
  if (isPrivate(reply)) {
    // Nothing public to post (the page is gone after a reload, say): tell the asker.
    await deliver(env, client, respond, message, ids, { replace_original: false });
    return reply;
  }
  let posted = false;
  if (ids.channelId) {
    try {
      await client.chat.postMessage({
        channel: ids.channelId,
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
        unfurl_media: false,
      });
      posted = true;
    } catch (err) {
      const code = slackErrorCode(err);
      // The bot is not a member of this channel (or it is a DM): the interaction's
      // response_url can still post in the channel, as the app.
      if (code !== 'not_in_channel' && code !== 'channel_not_found') throw err;
    }
  }
  if (!posted) await deliver(env, client, respond, message, ids, { replace_original: false });
  else await postImage(env, client, respond, message, ids);
  if (action.type !== 'post') return reply;
  try {
    await respond({ delete_original: true });
  } catch (err) {
    env.log.debug({ err: safeError(err, env.scrub) }, 'could not remove the private answer after sharing');
  }
  return reply;
}

/** Who asks and where; the bot's admins may manage any channel. */
function baseContext(env: SlackHandlerEnv, ids: Ids, privately: boolean): CommandContext {
  return {
    platform: 'slack',
    userId: ids.userId,
    channelId: ids.channelId,
    workspaceId: ids.teamId,
    private: privately,
    canManageChannel: env.config.ADMIN_USER_IDS.includes(ids.userId),
    canManageWorkspace: env.config.ADMIN_USER_IDS.includes(ids.userId),
  };
}

/** The context for a command; one that requires managing the channel asks Slack whether the
 *  user is a workspace admin or owner (cached), and learns their time zone on the way. */
async function contextFor(env: SlackHandlerEnv, command: Command, ids: Ids, privately: boolean): Promise<CommandContext> {
  const ctx = baseContext(env, ids, privately);
  if (command.requires && ids.userId) {
    const standing = await env.admin.standing(ids.teamId, ids.userId);
    ctx.canManageChannel = ctx.canManageChannel || standing.admin;
    // Workspace admins and owners manage the whole workspace too.
    ctx.canManageWorkspace = ctx.canManageWorkspace || standing.admin;
    if (standing.timeZone) ctx.timeZone = standing.timeZone;
  }
  return ctx;
}

/** Sends a rendered answer through the response_url; if Slack refuses it, once through
 *  the Web API; what still fails is logged once, with an id. */
async function deliver(
  env: SlackHandlerEnv,
  client: WebClient,
  respond: RespondFn | undefined,
  message: SlackMessage,
  ids: Ids,
  extra: Pick<RespondArguments, 'replace_original'>,
): Promise<void> {
  const payload: RespondArguments = {
    response_type: message.response_type,
    text: message.text,
    blocks: message.blocks,
    unfurl_links: false,
    unfurl_media: false,
    ...extra,
  };
  let first: unknown;
  if (respond) {
    try {
      await respond(payload);
      await postImage(env, client, respond, message, ids);
      return;
    } catch (err) {
      first = err;
    }
  }
  try {
    if (!ids.channelId) throw new Error('no channel to post to');
    if (message.response_type === 'ephemeral') {
      await client.chat.postEphemeral({ channel: ids.channelId, user: ids.userId, text: message.text, blocks: message.blocks });
    } else {
      await client.chat.postMessage({
        channel: ids.channelId,
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
        unfurl_media: false,
      });
      await postImage(env, client, respond, message, ids);
    }
  } catch (second) {
    env.log.error(
      { errorId: newErrorId(), err: safeError(first ?? second, env.scrub), fallback: safeError(second, env.scrub), channel: ids.channelId },
      'could not deliver a Slack answer',
    );
  }
}

/** Shares a public answer's picture in the channel after the answer. When Slack refuses (the
 *  bot is not in the channel, the app lacks files:write), the asker is told privately; the
 *  answer itself already lists what the picture shows. Never throws. */
async function postImage(
  env: SlackHandlerEnv,
  client: WebClient,
  respond: RespondFn | undefined,
  message: SlackMessage,
  ids: Ids,
): Promise<void> {
  if (!message.image || !ids.channelId) return;
  try {
    await shareImage(client, env.fetch ?? globalThis.fetch, ids.channelId, message.image);
  } catch (err) {
    const code = slackErrorCode(err);
    env.log.warn({ err: safeError(err, env.scrub), slackError: code, channel: ids.channelId }, 'could not share a picture in Slack');
    const why =
      code === 'not_in_channel' || code === 'channel_not_found'
        ? 'the bot is not in this channel (invite it, or ask in a channel it is in)'
        : code === 'missing_scope'
          ? 'the app may not upload files (its manifest needs the files:write scope)'
          : 'Slack refused the upload';
    const note: RespondArguments = {
      response_type: 'ephemeral',
      replace_original: false,
      text: `The concept map could not be posted here: ${why}.`,
    };
    await respond?.(note).catch(() => undefined);
  }
}

async function safeAck(ack: () => Promise<void>, env: SlackHandlerEnv, t0: number): Promise<void> {
  try {
    await ack();
    if (env.mode === 'socket') env.observer?.metrics?.slackAck('socket', (performance.now() - t0) / 1000);
  } catch (err) {
    env.log.warn({ err: safeError(err, env.scrub) }, 'could not acknowledge a Slack request');
  }
}
