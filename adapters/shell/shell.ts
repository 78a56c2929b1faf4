// The terminal adapter: an interactive prompt (like Hubot's shell adapter), or a stream
// of commands on stdin answered one line each. No tokens needed.
import readline from 'node:readline';
import { parseCommand, runAction, runCommand, runText } from '../../commands/index.js';
import { linksReply } from '../../commands/links.js';
import { PICTURE_OPTION } from '../../commands/related.js';
import { findWikiLinks } from '../../src/links/wiki-links.js';
import type { CommandDeps } from '../../commands/types.js';
import type { Content } from '../../src/wiki/model.js';
import type { Reply } from '../../src/reply.js';
import { describeFreshness } from '../../src/freshness.js';
import type { Library } from '../../src/library/library.js';
import { wikiExamples } from '../../commands/examples.js';
import { choicesOf, pick, renderChoices, type Choice } from './choices.js';
import { completer } from './complete.js';
import { renderLine, renderText, replyJson } from './render.js';

/** The terminal is the operator's: it may see the insights of every workspace. */
const ctx = { platform: 'shell' as const, userId: 'shell', channelId: 'shell', canManageWorkspace: true };

/** A command, or a line with [[links]], answered as a chat message with them would be; with
 *  `picture`, a command's picture is asked for too (`--png`). */
export function answer(deps: CommandDeps, line: string, opts: { picture?: boolean } = {}): Promise<Reply> {
  if (!line.trim().startsWith('/')) {
    const links = linksReply(deps.library, findWikiLinks(line));
    if (links) return Promise.resolve(links);
  }
  if (!opts.picture) return runText(deps, line, ctx);
  const parsed = parseCommand(deps, line);
  if (!parsed.ok) return Promise.resolve(parsed.reply);
  return runCommand(deps, parsed.name, { ...parsed.input, [PICTURE_OPTION]: true }, { ...ctx, private: parsed.private });
}

export function banner(deps: CommandDeps, content: Content, dir: string): string {
  const s = deps.library.stats;
  const lines = [
    `commonplace: ${deps.config.WIKI_NAME} from ${dir}`,
    `Loaded ${s.articles} pages, ${s.redirects} redirects, ${s.quotes} quotes, ${s.concepts} concepts, ${s.sections} sections` +
      ` in ${Math.round(content.stats.ms)} ms (${content.stats.fromCache} from cache).`,
  ];
  for (const [warnings, what] of [
    [content.warnings.filter((w) => !w.kept), 'skipped'],
    [content.warnings.filter((w) => w.kept), 'loaded with a warning'],
  ] as const) {
    if (warnings.length === 0) continue;
    lines.push(`${warnings.length} file(s) ${what}:`);
    for (const w of warnings.slice(0, 10)) lines.push(`  ${w.path}: ${w.reason}`);
    if (warnings.length > 10) lines.push(`  … and ${warnings.length - 10} more`);
  }
  if (deps.freshness) lines.push(`Content: ${describeFreshness(deps.freshness())}.`);
  lines.push(
    'No DISCORD_TOKEN or SLACK_BOT_TOKEN is set, so I answer here. To join Discord or Slack, put the tokens in .env (see .env.example and the README) and run npm start again.',
    `Try ${[...exampleCommands(deps.library), '/help'].join(', ')}${linkExample(deps.library)}. Tab completes commands and titles; Ctrl-C or Ctrl-D quits.`,
  );
  return lines.join('\n');
}

/** ", or a line with [[Title]]" for this wiki's example page, or nothing. */
function linkExample(library: Library): string {
  const title = exampleCommands(library)[0]?.replace(/^\/define /, '');
  return title ? `, or a line with [[${title}]]` : '';
}

/** Commands that answer on this wiki (see commands/examples.ts). */
export function exampleCommands(library: Library): string[] {
  const { page, person, word } = wikiExamples(library);
  return [
    ...(page ? [`/define ${page}`] : []),
    ...(person ? [`/quote ${person}`] : []),
    ...(page ? [`/related ${page}`] : []),
    ...(word ? [`/search ${word}`] : []),
  ];
}

/** Where log lines meet the prompt: while it is up, each line is written above it (see src/log.ts). */
export interface LogLines {
  around: ((write: () => void) => void) | undefined;
}

/** Interactive prompt on a terminal. Resolves when the user quits. */
export function runRepl(deps: CommandDeps, input: NodeJS.ReadableStream, output: NodeJS.WritableStream, logs?: LogLines): Promise<void> {
  const rl = readline.createInterface({
    input,
    output,
    prompt: '> ',
    terminal: (output as NodeJS.WriteStream).isTTY ?? false,
    completer: completer(deps),
  });
  if (logs) {
    // A log line mid-prompt would land inside what the user is typing: clear the prompt's
    // line, write the log line, and draw the prompt again with the text typed so far.
    logs.around = (write) => {
      readline.clearLine(output as NodeJS.WritableStream, 0);
      readline.cursorTo(output as NodeJS.WritableStream, 0);
      write();
      rl.prompt(true);
    };
    rl.on('close', () => void (logs.around = undefined));
  }
  rl.prompt();
  return new Promise((resolve) => {
    let queue = Promise.resolve();
    let choices: Choice[] = [];
    rl.on('line', (line) => {
      queue = queue.then(async () => {
        if (line.trim()) {
          const chosen = pick(line, choices);
          const reply = chosen === 'none' ? undefined : chosen ? await runAction(deps, chosen.action, ctx) : await answer(deps, line);
          if (reply) {
            choices = choicesOf(reply);
            const listed = renderChoices(choices);
            output.write(`${renderText(reply)}\n${listed ? `\n${listed}\n` : ''}\n`);
          } else {
            output.write(
              choices.length
                ? `Choose 1 to ${choices.length}${choices.some((c) => c.action.type === 'another-quote') ? ', or /more' : ''}.\n\n`
                : 'Nothing to choose: numbers pick from the choices under an answer.\n\n',
            );
          }
        }
        rl.prompt();
      });
    });
    // Ctrl-C at the prompt quits, like Ctrl-D, with a word (readline would otherwise just pause).
    rl.on('SIGINT', () => rl.close());
    rl.on('close', () => {
      void queue.then(() => {
        output.write('\nGoodbye.\n');
        resolve();
      });
    });
  });
}

/** Answers each line of `input` on one line of `output` (text or JSON). */
export async function answerLines(
  deps: CommandDeps,
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  json: boolean,
): Promise<void> {
  const rl = readline.createInterface({ input, crlfDelay: Infinity, terminal: false });
  for await (const line of rl) {
    if (!line.trim()) continue;
    const reply = await answer(deps, line);
    output.write(`${json ? replyJson(reply) : renderLine(reply)}\n`);
  }
}
