#!/usr/bin/env node
// `commonplace ask [--content DIR] [--json] ["/define dual power"]` answers one command,
// or every line of stdin; `commonplace import <dump>` brings a MediaWiki dump in (import-cli.ts);
// `commonplace [start] [--content DIR]` runs the bot (see main.ts).
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { configFromEnvironment } from '../env.js';
import { CHAT_PLATFORMS } from '../platforms.js';
import { loadWiki } from '../../src/boot.js';
import { createConsoleLogger } from '../../src/log.js';
import { answer, answerLines } from './shell.js';
import { renderText, replyJson } from './render.js';

const USAGE = `Usage:
  commonplace ask [--content DIR] [--json] ["/define dual power"]   answer one command, or each line of stdin
  commonplace ask --png map.png "/related dual power"               ... and save its picture (a concept map) as a PNG
  commonplace import <dump.xml[.gz|.bz2]> [--out DIR] [--force]     import a MediaWiki XML dump (--help for more)
  commonplace [start] [--content DIR]                               run the bot (terminal, Discord, Slack)`;

async function ask(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      content: { type: 'string' },
      json: { type: 'boolean', default: false },
      png: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (values.png !== undefined && positionals.length === 0)
    throw new Error('--png FILE saves the picture of one answer: give the command too, e.g. --png map.png "/related dual power"');
  const config = configFromEnvironment(values.content ? { CONTENT_DIR: values.content } : {});
  // Logs go to stderr and only when something is wrong: stdout carries the answers.
  const log = createConsoleLogger(process.env.LOG_LEVEL ? config.LOG_LEVEL : 'warn', config.LOG_FORMAT);
  const { library } = await loadWiki(config, log, { progress: true });
  const deps = { library, config, log, profiles: CHAT_PLATFORMS };
  if (positionals.length > 0) {
    const reply = await answer(deps, positionals.join(' '), { picture: values.png !== undefined });
    process.stdout.write(`${values.json ? replyJson(reply) : renderText(reply)}\n`);
    if (values.png !== undefined) {
      if (!reply.image) throw new Error('this answer has no picture: --png works with /related <term> when the term has related concepts');
      await writeFile(values.png, reply.image.png);
      process.stderr.write(
        `Saved the concept map (${reply.image.width}×${reply.image.height}, ${reply.image.png.byteLength.toLocaleString('en-US')} bytes) to ${values.png}\n`,
      );
    }
  } else {
    await answerLines(deps, process.stdin, process.stdout, values.json ?? false);
  }
}

async function main(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub === 'ask') return ask(rest);
  if (sub === 'import') return (await import('./import-cli.js')).runImport(rest);
  if (sub === '--help' || sub === '-h' || sub === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const { start } = await import('../main.js');
  return start(sub === 'start' ? rest : argv);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`commonplace: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
