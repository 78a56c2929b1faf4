// The command registry and the one way every adapter runs a command: by name with typed
// input, from a line of text, or from a button's action. A handler that throws becomes a
// private error reply with a short id, and the error is logged with that id.
import { newErrorId } from '../src/log.js';
import { daily } from './daily.js';
import { define } from './define.js';
import { help } from './help.js';
import { quote } from './quote.js';
import { related } from './related.js';
import { search } from './search.js';
/** Every slash command, in the order /help lists them. */
export const commands = [define, quote, related, search, help, daily];
export function findCommand(name) {
    const n = name.trim().toLowerCase().replace(/^\//, '');
    return commands.find((c) => c.name === n);
}
export function unknownCommand(name) {
    return {
        kind: 'error',
        ephemeral: true,
        title: 'Unknown command',
        text: `There is no command "${name.slice(0, 40)}". Try ${commands.map((c) => '/' + c.name).join(', ')}.`,
    };
}
/** Runs a command by name. Never throws. */
export async function runCommand(deps, name, input, ctx) {
    const command = findCommand(name);
    if (!command)
        return unknownCommand(name);
    try {
        const quiet = ctx.private || input.private === true;
        const reply = await command.run(deps, input, { ...ctx, private: quiet });
        return quiet && !reply.ephemeral ? { ...reply, ephemeral: true } : reply;
    }
    catch (err) {
        return failure(deps, err, { command: command.name });
    }
}
/** The reply for an unexpected failure: private, with an id to find the log line by. */
export function failure(deps, err, where) {
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
/** Splits "/define private dual power" into its parts. Returns undefined for a line that is not a command. */
export function parseLine(line) {
    const m = /^\s*\/?([^\s/]+)\s*([\s\S]*)$/.exec(line);
    if (!m || !line.trim().startsWith('/'))
        return undefined;
    let text = m[2].trim();
    let priv = false;
    const p = /^private(\s+|$)/i.exec(text);
    if (p) {
        priv = true;
        text = text.slice(p[0].length);
    }
    return { name: m[1].toLowerCase(), text, private: priv };
}
/** Runs a command typed as text ("/define dual power"), as the shell and Slack receive them. */
export async function runText(deps, line, ctx) {
    const parsed = parseLine(line);
    if (!parsed) {
        return {
            kind: 'error',
            ephemeral: true,
            title: 'Not a command',
            text: `Commands start with "/". Try ${commands.map((c) => '/' + c.name).join(', ')}; /help shows examples.`,
        };
    }
    const command = findCommand(parsed.name);
    if (!command)
        return unknownCommand(parsed.name);
    let input;
    try {
        input = command.parseText(parsed.text);
    }
    catch (err) {
        return failure(deps, err, { command: command.name, stage: 'parse' });
    }
    return runCommand(deps, command.name, input, { ...ctx, private: ctx.private || parsed.private });
}
/** Runs what a button under an answer asks for. */
export async function runAction(deps, action, ctx) {
    switch (action.type) {
        case 'another-quote':
            return runCommand(deps, 'quote', { name: action.query, index: action.index }, ctx);
        case 'related':
            return runCommand(deps, 'related', { term: action.term }, ctx);
        case 'define':
            return runCommand(deps, 'define', { term: action.term }, ctx);
        case 'share':
            // Sharing re-posts an answer the adapter already holds; there is nothing to compute.
            return { kind: 'notice', ephemeral: true, text: 'Nothing to share.' };
    }
}
