// Slash commands and button clicks, wired into a Bolt app. Every command in the registry
// gets a listener (renamed by SLACK_COMMAND_PREFIX); buttons share one listener keyed by
// the `commonplace:` action_id prefix. Nothing here throws into Bolt: failures become a
// private error answer with an id, and the id is logged with the error.
import type { App, RespondArguments, RespondFn, webApi } from '@slack/bolt';
import { actionCommand, commands, failure, findCommand, parseCommand, runCommand } from '../../commands/index.js';
import type { Command, CommandContext, CommandDeps, CommandInput } from '../../commands/types.js';
import type { Config } from '../../src/config.js';
import { newErrorId, type Logger } from '../../src/log.js';
import type { Observer } from '../../src/ops/observe.js';
import type { Reply } from '../../src/reply.js';
import { ACTION_ID_PATTERN, decodeButton, type ShareSpec } from './buttons.js';
import { safeError } from './logger.js';
import { slashCommandName } from './manifest.js';
import { slackErrorCode, type SlackAdminCheck } from './permissions.js';
import { isPrivateReply, renderReply, type RenderOptions, type SlackMessage } from './render.js';

type WebClient = webApi.WebClient;

export interface SlackHandlerEnv {
  /** The holder the composition root passes; read on every request (a reload swaps library). */
  deps: CommandDeps;
  config: Config;
  log: Logger;
  scrub: (text: string) => string;
  admin: SlackAdminCheck;
  render: Omit<RenderOptions, 'share'>;
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
      let outcome: Reply | 'error' | 'refused' = 'error';
      try {
        const { reply, share } = await answerCommand(env, command, text, ids);
        outcome = reply;
        await deliver(env, client, respond, renderSafely(env, reply, share), ids, {});
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
    const inPrivate = container.is_ephemeral === true;
    const decoded = decodeButton(action.value);
    const finish = env.observer?.begin({
      command: decoded ? (decoded.type === 'share' ? decoded.command : actionCommand(decoded).command) : 'button',
      platform: 'slack',
      via: 'button',
      action: decoded?.type ?? 'expired',
      workspaceId: ids.teamId,
    });
    let outcome: Reply | 'error' | 'refused' = 'error';
    try {
      if (!decoded) {
        const reply: Reply = {
          kind: 'notice',
          ephemeral: true,
          title: 'That button no longer works',
          text: 'Run the command again for a fresh answer.',
        };
        outcome = 'refused';
        await deliver(env, client, respond, renderReply(reply, env.render), ids, { replace_original: false });
        return;
      }
      if (decoded.type === 'share') {
        outcome = await shareAnswer(env, client, respond, decoded, ids);
        return;
      }
      const spec = actionCommand(decoded);
      const reply = await runNamed(env, spec.command, spec.input, ids, inPrivate);
      outcome = reply;
      await deliver(env, client, respond, renderReply(reply, { ...env.render, share: inPrivate ? spec : undefined }), ids, {
        replace_original: false,
      });
    } catch (err) {
      const reply = failure(env.deps, err, { platform: 'slack', action: 'action_id' in action ? action.action_id : undefined });
      outcome = reply;
      await deliver(env, client, respond, renderReply(reply, env.render), ids, { replace_original: false });
    } finally {
      finish?.(outcome);
    }
  });

  app.error(async (error) => {
    env.log.error({ err: safeError(error, env.scrub) }, 'Slack request failed');
  });

  return names;
}

/** Renders a reply; a rendering bug becomes a private error answer instead of silence. */
function renderSafely(env: SlackHandlerEnv, reply: Reply, share?: ShareSpec): SlackMessage {
  try {
    return renderReply(reply, { ...env.render, share });
  } catch (err) {
    return renderReply(failure(env.deps, err, { platform: 'slack', stage: 'render', kind: reply.kind }), env.render);
  }
}

/** Runs a slash command's text. Never throws. */
export async function answerCommand(
  env: SlackHandlerEnv,
  command: Command,
  text: string,
  ids: Ids,
): Promise<{ reply: Reply; share?: ShareSpec }> {
  const deps = env.deps;
  try {
    // Through the same parser as typed commands, so "private" and the input match the shell's.
    const parsed = parseCommand(deps, `/${command.name} ${text}`);
    if (!parsed.ok) return { reply: parsed.reply };
    const ctx = await contextFor(env, command, ids, parsed.private);
    const reply = await runCommand(deps, parsed.name, parsed.input, ctx);
    return { reply, share: parsed.private ? { command: parsed.name, input: publicInput(parsed.input) } : undefined };
  } catch (err) {
    return { reply: failure(deps, err, { platform: 'slack', command: command.name }) };
  }
}

async function runNamed(env: SlackHandlerEnv, name: string, input: CommandInput, ids: Ids, quiet: boolean): Promise<Reply> {
  const command = findCommand(name);
  const deps = env.deps;
  if (!command) return runCommand(deps, name, input, { platform: 'slack' });
  const ctx = await contextFor(env, command, ids, quiet);
  return runCommand(deps, command.name, input, ctx);
}

/** "Post in channel": recompute the answer publicly and post it; remove the private copy. */
async function shareAnswer(
  env: SlackHandlerEnv,
  client: WebClient,
  respond: RespondFn,
  spec: ShareSpec,
  ids: Ids,
): Promise<Reply> {
  const reply = await runNamed(env, spec.command, publicInput(spec.input), ids, false);
  const message = renderReply(reply, env.render);
  if (isPrivateReply(reply)) {
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
  try {
    await respond({ delete_original: true });
  } catch (err) {
    env.log.debug({ err: safeError(err, env.scrub) }, 'could not remove the private answer after sharing');
  }
  return reply;
}

async function contextFor(env: SlackHandlerEnv, command: Command, ids: Ids, quiet: boolean): Promise<CommandContext> {
  const ctx: CommandContext = {
    platform: 'slack',
    userId: ids.userId,
    channelId: ids.channelId,
    workspaceId: ids.teamId,
    private: quiet,
    canManageChannel: env.config.ADMIN_USER_IDS.includes(ids.userId),
  };
  if (command.defaultMemberPermission && ids.userId) {
    const standing = await env.admin.standing(ids.teamId, ids.userId);
    ctx.canManageChannel = ctx.canManageChannel || standing.admin;
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
      await client.chat.postMessage({ channel: ids.channelId, text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false });
    }
  } catch (second) {
    env.log.error(
      { errorId: newErrorId(), err: safeError(first ?? second, env.scrub), fallback: safeError(second, env.scrub), channel: ids.channelId },
      'could not deliver a Slack answer',
    );
  }
}

async function safeAck(ack: () => Promise<void>, env: SlackHandlerEnv, t0 = performance.now()): Promise<void> {
  try {
    await ack();
    if (env.mode === 'socket') env.observer?.metrics?.slackAck('socket', (performance.now() - t0) / 1000);
  } catch (err) {
    env.log.warn({ err: safeError(err, env.scrub) }, 'could not acknowledge a Slack request');
  }
}

/** The input without the `private` flag, so a shared answer is computed as a public one. */
function publicInput(input: CommandInput): CommandInput {
  const { private: _quiet, ...rest } = input;
  return rest;
}
