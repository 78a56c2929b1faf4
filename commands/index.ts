// The command registry and the one way every adapter runs a command: by name with typed
// input, from a line of text, or from a button's action. A handler that throws becomes a
// private error reply with a short id, and the error is logged with that id.
import { newErrorId } from '../src/log.js';
import type { Reply, ReplyAction } from '../src/reply.js';
import type { Command, CommandContext, CommandDeps, CommandInput } from './types.js';
import { daily } from './daily.js';
import { define } from './define.js';
import { help } from './help.js';
import { quote } from './quote.js';
import { related } from './related.js';
import { search } from './search.js';

export type { Command, CommandContext, CommandDeps, CommandInput, CommandOption } from './types.js';

/** Every slash command, in the order /help lists them. */
export const commands: readonly Command[] = [define, quote, related, search, help, daily];

export function findCommand(name: string): Command | undefined {
  const n = name.trim().toLowerCase().replace(/^\//, '');
  return commands.find((c) => c.name === n);
}

export function unknownCommand(name: string): Reply {
  return {
    kind: 'error',
    ephemeral: true,
    title: 'Unknown command',
    text: `There is no command "${name.slice(0, 40)}". Try ${commands.map((c) => '/' + c.name).join(', ')}.`,
  };
}

/** Runs a command by name. Never throws. */
export async function runCommand(
  deps: CommandDeps,
  name: string,
  input: CommandInput,
  ctx: CommandContext,
): Promise<Reply> {
  const command = findCommand(name);
  if (!command) return unknownCommand(name);
  try {
    const quiet = ctx.private || input.private === true;
    const reply = await command.run(deps, input, { ...ctx, private: quiet });
    return quiet && !reply.ephemeral ? { ...reply, ephemeral: true } : reply;
  } catch (err) {
    return failure(deps, err, { command: command.name });
  }
}

/** The reply for an unexpected failure: private, with an id to find the log line by. */
export function failure(deps: CommandDeps, err: unknown, where: Record<string, unknown>): Reply {
  const errorId = newErrorId();
  deps.log?.error({ err, errorId, ...where }, 'command failed');
  return {
    kind: 'error',
    ephemeral: true,
    errorId,
    title: 'Something went wrong',
    text: `Something went wrong while answering. If it keeps happening, tell the bot's admins: error ${errorId}.`,
  };
}

export interface ParsedLine {
  name: string;
  text: string;
  /** A leading `private` word asked for a quiet answer. */
  private: boolean;
}

/** Splits "/define private dual power" into its parts. Returns undefined for a line that is not a command. */
export function parseLine(line: string): ParsedLine | undefined {
  const m = /^\s*\/?([^\s/]+)\s*([\s\S]*)$/.exec(line);
  if (!m || !line.trim().startsWith('/')) return undefined;
  let text = m[2]!.trim();
  let priv = false;
  const p = /^private(\s+|$)/i.exec(text);
  if (p) {
    priv = true;
    text = text.slice(p[0].length);
  }
  return { name: m[1]!.toLowerCase(), text, private: priv };
}

/** A command typed as text, resolved: the command, its input and whether it asked to be
 *  private; or the reply that says why it cannot run. */
export type ParsedCommand = { ok: true; name: string; input: CommandInput; private: boolean } | { ok: false; reply: Reply };

/** Parses a command typed as text ("/define dual power"), as the shell and Slack receive them. */
export function parseCommand(deps: CommandDeps, line: string): ParsedCommand {
  const parsed = parseLine(line);
  if (!parsed) {
    return {
      ok: false,
      reply: {
        kind: 'error',
        ephemeral: true,
        title: 'Not a command',
        text: `Commands start with "/". Try ${commands.map((c) => '/' + c.name).join(', ')}; /help shows examples.`,
      },
    };
  }
  const command = findCommand(parsed.name);
  if (!command) return { ok: false, reply: unknownCommand(parsed.name) };
  try {
    return { ok: true, name: command.name, input: command.parseText(parsed.text), private: parsed.private };
  } catch (err) {
    return { ok: false, reply: failure(deps, err, { command: command.name, stage: 'parse' }) };
  }
}

/** Runs a command typed as text ("/define dual power"). */
export async function runText(deps: CommandDeps, line: string, ctx: CommandContext): Promise<Reply> {
  const parsed = parseCommand(deps, line);
  if (!parsed.ok) return parsed.reply;
  return runCommand(deps, parsed.name, parsed.input, { ...ctx, private: ctx.private || parsed.private });
}

/** The command and input a button runs (sharing runs none: it re-posts an answer). */
export function actionCommand(action: Exclude<ReplyAction, { type: 'share' }>): { command: string; input: CommandInput } {
  switch (action.type) {
    case 'another-quote':
      return { command: 'quote', input: { name: action.query, index: action.index } };
    case 'related':
      return { command: 'related', input: { term: action.term } };
    case 'define':
      return { command: 'define', input: { term: action.term } };
  }
}

/** Runs what a button under an answer asks for. */
export async function runAction(deps: CommandDeps, action: ReplyAction, ctx: CommandContext): Promise<Reply> {
  // Sharing re-posts an answer the adapter already holds; there is nothing to compute.
  if (action.type === 'share') return { kind: 'notice', ephemeral: true, text: 'Nothing to share.' };
  const { command, input } = actionCommand(action);
  return runCommand(deps, command, input, ctx);
}
