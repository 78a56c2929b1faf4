// discord.js turns each gateway packet into objects inside its websocket listener, before any
// handler of ours runs. A payload it does not expect (a button whose message's
// interaction_metadata lacks authorizing_integration_owners, a GUILD_CREATE without its roles)
// throws there, and that rejection, unheard, ended the process. Each packet is handled inside a
// guard instead: a failure is logged with an id and the packet dropped, and an interaction lost
// so gets a private answer with that id, so the member is not left with "This interaction failed".
import { InteractionResponseType, Routes, type Client } from 'discord.js';
import { failure } from '../../commands/index.js';
import type { CommandDeps } from '../../commands/types.js';
import type { Logger } from '../../src/log.js';
import { renderReply } from './render.js';

interface Packet {
  t?: string;
  d?: { id?: unknown; token?: unknown } | null;
}

type PacketHandler = (packet?: Packet, shard?: unknown) => boolean;

/** Wraps discord.js's packet handling (WebSocketManager.handlePacket, which it also calls for
 *  packets it queued before READY) so that no packet can throw out of it. */
export function guardPackets(client: Client, deps: CommandDeps, log: Logger): void {
  const ws = client.ws as unknown as { handlePacket?: PacketHandler };
  const original = ws.handlePacket;
  if (typeof original !== 'function') {
    // A discord.js upgrade renamed it: say so once rather than run unguarded in silence.
    log.warn('discord.js has no WebSocketManager.handlePacket to guard; a malformed gateway payload may end the process');
    return;
  }
  ws.handlePacket = function guarded(this: unknown, packet?: Packet, shard?: unknown): boolean {
    try {
      return original.call(this, packet, shard);
    } catch (err) {
      dropped(client, deps, log, packet, err);
      return true;
    }
  };
}

function dropped(client: Client, deps: CommandDeps, log: Logger, packet: Packet | undefined, err: unknown): void {
  const d = packet?.d;
  const interaction =
    packet?.t === 'INTERACTION_CREATE' && typeof d?.id === 'string' && typeof d.token === 'string'
      ? { id: d.id, token: d.token }
      : undefined;
  // Logged (with its id) by failure(); the payload itself is not logged, it may carry a token.
  const reply = failure({ ...deps, log: log.child({ platform: 'discord' }) }, err, {
    stage: 'gateway payload',
    gatewayEvent: packet?.t ?? 'unknown',
    ...(interaction ? { interactionId: interaction.id } : {}),
  });
  if (!interaction) return;
  let body: unknown;
  try {
    body = { type: InteractionResponseType.ChannelMessageWithSource, data: renderReply(reply, { wikiName: deps.config.WIKI_NAME }) };
  } catch {
    body = {
      type: InteractionResponseType.ChannelMessageWithSource,
      data: { content: reply.text, flags: 64, allowed_mentions: { parse: [] } },
    };
  }
  client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), { body, auth: false }).catch((sendErr: unknown) => {
    log.warn({ err: sendErr, errorId: reply.errorId }, 'could not tell the member about a malformed interaction');
  });
}
