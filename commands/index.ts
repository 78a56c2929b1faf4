// The command registry and the one way every adapter runs a command: by name with input, from
// a line of text, or from a button's action. Input is validated once, against the command's
// declared options, before its handler runs. A private answer that may be shown to everyone
// carries a "post" action that re-runs it publicly. A handler that throws becomes a private
// error reply with a short id, and the error is logged with that id.
import { examplesOn } from './examples.js';
import type { Action } from '../src/actions.js';
import { newErrorId } from '../src/log.js';
import { canShare, isPrivate, type Reply } from '../src/reply.js';
import { ellipsize } from '../src/text/graphemes.js';
import type { Command, CommandContext, CommandDeps, CommandInput } from './types.js';
import { daily } from './daily.js';
import { define } from './define.js';
import { help } from './help.js';
import { insights } from './insights.js';
import { quote } from './quote.js';
import { related } from './related.js';
import { search } from './search.js';
import { settings } from './settings.js';

export type { Command, CommandContext, CommandDeps, CommandInput, CommandOption, Requirement } from './types.js';

/** Every slash command, in the order /help lists them. */
export const commands: readonly Command[] = [define, quote, related, search, help, daily, settings, insights];

/** The `private` option every command takes, as adapters register it. */
export const PRIVATE_OPTION = { name: 'private', description: 'Only you see the answer', type: 'boolean' } as const;

export function findCommand(name: string): Command | undefined {
  const n = name.trim().toLowerCase().replace(/^\//, '');
  return commands.find((c) => c.name === n);
}

export function unknownCommand(name: string): Reply {
  return {
    kind: 'error',
    private: true,
    title: 'Unknown command',
    text: `There is no command "${ellipsize(name, 40)}". Try ${commands.map((c) => `/${c.name}`).join(', ')}.`,
  };
}

/** Whether the answer to this command will be private, as far as can be told before running
 *  it: asked privately, or private by default. Adapters use it to defer a slow answer. */
export function answersPrivately(name: string, input: CommandInput, ctx: Pick<CommandContext, 'private'> = {}): boolean {
  return asksPrivately(input, ctx) || findCommand(name)?.private === true;
}

function asksPrivately(input: CommandInput, ctx: Pick<CommandContext, 'private'>): boolean {
  const flag = Object.hasOwn(input, 'private') ? input.private : undefined;
  return ctx.private === true || flag === true || flag === 'true';
}

/** Runs a command by name; `deps.observe` is told of it (`observe: false`: a re-run that asks
 *  nothing new, such as "Post in channel"). Never throws. */
export async function runCommand(
  deps: CommandDeps,
  name: string,
  input: CommandInput,
  ctx: CommandContext,
  opts: { observe?: boolean } = {},
): Promise<Reply> {
  const command = findCommand(name);
  if (!command) return unknownCommand(name);
  try {
    const checked = command.validate(input, examplesOn(command, deps.library)[0]);
    if (!checked.ok) return checked.reply;
    const privately = asksPrivately(input, ctx) || command.private === true;
    const request = { ...ctx, private: privately };
    const reply = await command.run(checked.input, { ...deps, commands, request });
    const out = privately || isPrivate(reply) ? withPost(command, checked.input, { ...reply, private: true }) : reply;
    if (opts.observe !== false) observe(deps, command, checked.input, request, out);
    return out;
  } catch (err) {
    return failure(deps, err, { command: command.name });
  }
}

/** Tells the observer; whatever it does wrong stays there. */
function observe(deps: CommandDeps, command: Command, input: CommandInput, ctx: CommandContext, reply: Reply): void {
  if (!deps.observe) return;
  try {
    const main = command.options.find((o) => o.type === 'string' && o.required);
    const text = main ? input[main.name] : undefined;
    const term = typeof text === 'string' && main ? { text, names: main.autocomplete === 'terms' } : undefined;
    deps.observe({ command: command.countedAs?.(input) ?? command.name, ...(term ? { term } : {}), ctx, reply });
  } catch (err) {
    deps.log?.warn({ err, command: command.name }, 'command observer failed');
  }
}

/** Adds "Post in channel" to a private answer that everyone may see: the command and the
 *  input that recompute it publicly. */
function withPost(command: Command, input: CommandInput, reply: Reply): Reply {
  if (!canShare(reply) || !shareable(command)) return reply;
  const rerun: Record<string, string> = {};
  for (const [key, value] of Object.entries(input)) {
    if (key !== 'private' && value !== undefined) rerun[key] = String(value);
  }
  const post: Action = { type: 'post', command: command.name, input: rerun };
  return { ...reply, actions: [...(reply.actions ?? []).filter((a) => a.type !== 'post'), post] };
}

/** A command whose answers may be posted for everyone, and that a button may run: not private
 *  by nature, and open to all (a button never changes a channel's settings). */
function shareable(command: Command): boolean {
  return !command.private && !command.requires;
}

/** The reply for an unexpected failure: private, with an id to find the log line by. */
export function failure(deps: CommandDeps, err: unknown, where: Record<string, unknown>): Reply {
  const errorId = newErrorId();
  deps.log?.error({ err, errorId, ...where }, 'command failed');
  return {
    kind: 'error',
    private: true,
    errorId,
    title: 'Something went wrong',
    text: `Something went wrong while answering. If it keeps happening, tell the bot's admins: error ${errorId}.`,
  };
}

export interface ParsedLine {
  name: string;
  text: string;
  /** A leading `private` word asked for a private answer. */
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
        private: true,
        title: 'Not a command',
        text: `Commands start with "/". Try ${commands.map((c) => `/${c.name}`).join(', ')}; /help shows examples.`,
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

/** The reply to a button that no longer means anything (the wiki or the bot changed). */
export const STALE_ACTION: Reply = {
  kind: 'notice',
  private: true,
  title: 'That button no longer works',
  text: 'Run the command again for a fresh answer.',
};

/** The command and input an action runs, and whether it runs publicly ("Post in channel");
 *  undefined when it runs nothing here (a menu with no choice, a command a button may not run). */
export function actionCommand(action: Action): { command: string; input: CommandInput; public?: true } | undefined {
  switch (action.type) {
    case 'another-quote':
      return { command: quote.name, input: { name: action.query, index: action.index } };
    case 'related':
      return { command: related.name, input: { term: action.term } };
    case 'map':
      return { command: related.name, input: { term: action.term, map: true } };
    case 'define':
      return { command: define.name, input: { term: action.term } };
    case 'suggest': {
      const command = findCommand(action.command);
      return command && shareable(command) ? { command: command.name, input: command.parseText(action.term) } : undefined;
    }
    case 'suggest-menu':
      return undefined;
    case 'post': {
      const command = findCommand(action.command);
      return command && shareable(command) ? { command: command.name, input: { ...action.input }, public: true } : undefined;
    }
    case 'share': {
      const command = findCommand(action.command);
      return command && shareable(command) ? { command: command.name, input: command.parseText(action.term), public: true } : undefined;
    }
  }
}

/**
 * Runs what a button under an answer asks for, private when `ctx.private` says so; "Post in
 * channel" runs publicly. A suggestion menu's action runs once the adapter has put the chosen
 * term in it (chooseSuggestion in src/actions.ts). Never throws.
 */
export async function runAction(deps: CommandDeps, action: Action, ctx: CommandContext): Promise<Reply> {
  const run = actionCommand(action);
  if (!run) return STALE_ACTION;
  return runCommand(deps, run.command, run.input, run.public ? { ...ctx, private: false } : ctx, { observe: !run.public });
}
