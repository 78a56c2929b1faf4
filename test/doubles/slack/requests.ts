// What Slack sends an app: slash-command forms, block_actions payloads, and the v0 request
// signature (x-slack-signature = "v0=" + HMAC-SHA256(secret, "v0:{ts}:{body}")).
import { createHmac } from 'node:crypto';
import type { SlackBlock } from '../../../adapters/slack/render.js';
import { BOT, TEAM } from './double.js';

export function signature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SlashCommandFields {
  command: string;
  text: string;
  response_url: string;
  user_id?: string;
  channel_id?: string;
  team_id?: string;
}

/** The fields of a slash command, as Slack sends them (form-encoded over HTTP; an object in Socket Mode). */
export function slashCommandPayload(f: SlashCommandFields): Record<string, string> {
  return {
    token: 'verification-token-unused',
    team_id: f.team_id ?? TEAM.id,
    team_domain: TEAM.domain,
    channel_id: f.channel_id ?? 'C0GENERAL',
    channel_name: 'general',
    user_id: f.user_id ?? 'U0ALICE',
    user_name: 'alice',
    command: f.command,
    text: f.text,
    api_app_id: BOT.app_id,
    is_enterprise_install: 'false',
    response_url: f.response_url,
    trigger_id: '1337.42.abcdef',
  };
}

export function formBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

export interface ButtonLike {
  action_id: string;
  value: string;
  text: { text: string };
}

/** A block_actions payload for a click on `button`. */
export function blockActionsPayload(opts: {
  button: ButtonLike;
  response_url: string;
  user_id?: string;
  channel_id?: string;
  ephemeral?: boolean;
}): Record<string, unknown> {
  const channel = opts.channel_id ?? 'C0GENERAL';
  return {
    type: 'block_actions',
    user: { id: opts.user_id ?? 'U0ALICE', username: 'alice', name: 'alice', team_id: TEAM.id },
    api_app_id: BOT.app_id,
    token: 'verification-token-unused',
    container: { type: 'message', message_ts: '1700000000.000001', channel_id: channel, is_ephemeral: opts.ephemeral ?? false },
    trigger_id: '1337.42.abcdef',
    team: { id: TEAM.id, domain: TEAM.domain },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channel, name: 'general' },
    response_url: opts.response_url,
    actions: [
      {
        action_id: opts.button.action_id,
        block_id: 'b1',
        text: { type: 'plain_text', text: opts.button.text.text, emoji: true },
        value: opts.button.value,
        type: 'button',
        action_ts: '1700000001.000001',
      },
    ],
  };
}

export interface SignedPost {
  status: number;
  body: string;
  ms: number;
}

/** POSTs a form body to the app, signed unless told otherwise. */
export async function postSigned(
  url: string,
  body: string,
  secret: string,
  opts: { timestamp?: number; signature?: string; contentType?: string; headers?: Record<string, string> } = {},
): Promise<SignedPost> {
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const started = Date.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': opts.contentType ?? 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': opts.signature ?? signature(secret, timestamp, body),
      ...opts.headers,
    },
    body,
  });
  return { status: res.status, body: await res.text(), ms: Date.now() - started };
}

/** The blocks of a message the bot sent (wire JSON, read as the renderer builds them); none
 *  when the field is not a list. The helpers below take the field as it came. */
export function blocksOf(blocks: unknown): SlackBlock[] {
  return Array.isArray(blocks) ? (blocks as SlackBlock[]) : [];
}

/** Finds a button by its label in a rendered message's blocks. */
export function findButton(blocks: unknown, label: string): ButtonLike | undefined {
  for (const block of blocksOf(blocks)) {
    if (block.type !== 'actions') continue;
    for (const el of block.elements ?? []) if (el.type === 'button' && el.text?.text === label) return el;
  }
  return undefined;
}

/** All button labels in a message. */
export function buttonLabels(blocks: unknown): string[] {
  return blocksOf(blocks).flatMap((b) => (b.type === 'actions' ? b.elements.map((e) => e.text.text) : []));
}

/** The header block's text. */
export function headerText(blocks: unknown): string | undefined {
  return blocksOf(blocks).find((b) => b.type === 'header')?.text?.text;
}

/** Every text in the blocks, joined: what the user reads (with mrkdwn markup). */
export function allText(blocks: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'text' && typeof x === 'string') out.push(x);
        else walk(x);
      }
    }
  };
  walk(blocks);
  return out.join('\n');
}

let nextEvent = 1;

/** An Events API callback around `event`, as Slack sends it (JSON over HTTP; the payload of an
 *  `events_api` envelope in Socket Mode). */
export function eventCallback(event: Record<string, unknown>): Record<string, unknown> {
  return {
    token: 'verification-token-unused',
    team_id: TEAM.id,
    api_app_id: BOT.app_id,
    event: { event_ts: String(Date.now() / 1000), ...event },
    type: 'event_callback',
    event_id: `Ev${String(nextEvent++).padStart(8, '0')}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: TEAM.id, user_id: BOT.user_id, is_bot: true, is_enterprise_install: false }],
  };
}

let nextTs = 1;

/** A message a member writes in a channel (the `message` event). */
export function messageEvent(
  text: string,
  opts: { user?: string; channel?: string; ts?: string; thread_ts?: string; bot_id?: string; subtype?: string } = {},
): Record<string, unknown> {
  return {
    type: 'message',
    channel: opts.channel ?? 'C0GENERAL',
    channel_type: 'channel',
    user: opts.user ?? 'U0ALICE',
    text,
    ts: opts.ts ?? `${Math.floor(Date.now() / 1000)}.${String(nextTs++).padStart(6, '0')}`,
    team: TEAM.id,
    ...(opts.thread_ts ? { thread_ts: opts.thread_ts } : {}),
    ...(opts.bot_id ? { bot_id: opts.bot_id } : {}),
    ...(opts.subtype ? { subtype: opts.subtype } : {}),
  };
}

/** The author edits `message` to `text` (a `message_changed` event). */
export function messageChanged(message: Record<string, unknown>, text: string): Record<string, unknown> {
  const { channel, channel_type, team: _team, ...rest } = message;
  return {
    type: 'message',
    subtype: 'message_changed',
    channel,
    channel_type,
    hidden: true,
    ts: `${Math.floor(Date.now() / 1000)}.${String(nextTs++).padStart(6, '0')}`,
    message: { ...rest, type: 'message', text, edited: { user: rest.user, ts: String(Date.now() / 1000) } },
    previous_message: { ...rest, type: 'message' },
  };
}

/** `message` is deleted (a `message_deleted` event). */
export function messageDeleted(message: Record<string, unknown>): Record<string, unknown> {
  const { channel, channel_type, team: _team, ...rest } = message;
  return {
    type: 'message',
    subtype: 'message_deleted',
    channel,
    channel_type,
    hidden: true,
    deleted_ts: rest.ts,
    ts: `${Math.floor(Date.now() / 1000)}.${String(nextTs++).padStart(6, '0')}`,
    previous_message: { ...rest, type: 'message' },
  };
}

/** A message shortcut ("Look up in the wiki" in a message's menu) on `message`. */
export function messageShortcutPayload(opts: {
  callback_id: string;
  message: Record<string, unknown>;
  response_url: string;
  user_id?: string;
}): Record<string, unknown> {
  const channel = String(opts.message.channel ?? 'C0GENERAL');
  const { channel: _c, channel_type: _t, team: _team, ...message } = opts.message;
  return {
    type: 'message_action',
    token: 'verification-token-unused',
    action_ts: String(Date.now() / 1000),
    team: { id: TEAM.id, domain: TEAM.domain },
    user: { id: opts.user_id ?? 'U0ALICE', username: 'alice', name: 'alice', team_id: TEAM.id },
    channel: { id: channel, name: 'general' },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: opts.callback_id,
    trigger_id: '1337.42.abcdef',
    response_url: opts.response_url,
    message_ts: message.ts,
    message: { type: 'message', ...message },
  };
}
