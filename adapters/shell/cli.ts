#!/usr/bin/env node
// `commonplace ask [--content DIR] [--json] ["/define dual power"]` answers one command,
// or every line of stdin; `commonplace import <dump>` brings a MediaWiki dump in (import-cli.ts);
// `commonplace [start] [--content DIR]` runs the bot (see main.ts).
import { parseArgs } from 'node:util';
import { configFromEnvironment } from '../env.js';
import { loadWiki } from '../../src/boot.js';
import { createConsoleLogger } from '../../src/log.js';
import { answer, answerLines } from './shell.js';
import { renderText } from './render.js';

const USAGE = `Usage:
  commonplace ask [--content DIR] [--json] ["/define dual power"]   answer one command, or each line of stdin
  commonplace import <dump.xml[.gz|.bz2]> [--out DIR] [--force]     import a MediaWiki XML dump (--help for more)
  commonplace [start] [--content DIR]                               run the bot (terminal, Discord, Slack)`;

async function ask(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { content: { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const config = configFromEnvironment(values.content ? { CONTENT_DIR: values.content } : {});
  // Logs go to stderr and only when something is wrong: stdout carries the answers.
  const log = createConsoleLogger(process.env.LOG_LEVEL ? config.LOG_LEVEL : 'warn', config.LOG_FORMAT);
  const { library } = await loadWiki(config, log, { progress: true });
  const deps = { library, config, log };
  if (positionals.length > 0) {
    const reply = await answer(deps, positionals.join(' '));
    process.stdout.write(`${values.json ? JSON.stringify(reply) : renderText(reply)}\n`);
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
