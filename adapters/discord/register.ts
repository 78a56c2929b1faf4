// `npm run discord:register`: registers the slash commands built from commands/ — globally, or
// to DISCORD_GUILD_ID for instant updates while testing. Fetches what is registered, prints what
// changes (added / updated / removed / unchanged), then overwrites the whole set in one PUT.
// `-- --clear` registers none, removing them (e.g. from a test server before going global).
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import dotenv from 'dotenv';
import { REST, Routes, type APIApplicationCommand } from 'discord.js';
import type { Command } from '../../commands/types.js';
import { ConfigError, loadConfig, requireSettings, type Config } from '../../src/config.js';
import { definitions, menuDefinition, type CommandDefinition, type MenuCommand, type MenuDefinition } from './definitions.js';
import { apiBase } from './api.js';

export interface RegisterReport {
  scope: 'global' | 'guild';
  guildId?: string;
  added: string[];
  updated: string[];
  removed: string[];
  unchanged: string[];
  /** What was PUT. */
  body: (CommandDefinition | MenuDefinition)[];
}

export interface RegisterOptions {
  rest: REST;
  applicationId: string;
  guildId?: string;
  commands: readonly Command[];
  /** Message-menu commands ("Look up in the wiki"). */
  menus?: readonly MenuCommand[];
}

export async function registerCommands(opts: RegisterOptions): Promise<RegisterReport> {
  const scope = opts.guildId ? 'guild' : 'global';
  const route = opts.guildId
    ? Routes.applicationGuildCommands(opts.applicationId, opts.guildId)
    : Routes.applicationCommands(opts.applicationId);
  const body = [...definitions(opts.commands, { scope }), ...(opts.menus ?? []).map((m) => menuDefinition(m, { scope }))];
  const existing = (await opts.rest.get(route)) as APIApplicationCommand[];
  const report = diffCommands(existing, body, scope);
  await opts.rest.put(route, { body });
  return { ...report, scope, ...(opts.guildId ? { guildId: opts.guildId } : {}), body };
}

/** Compares registered commands with the wanted ones by type and name, ignoring fields Discord
 *  adds. Slash commands are reported by name, message-menu commands as “Name” (message menu). */
export function diffCommands(
  existing: readonly Partial<APIApplicationCommand>[],
  wanted: readonly (CommandDefinition | MenuDefinition)[],
  scope: 'global' | 'guild' = 'global',
): Pick<RegisterReport, 'added' | 'updated' | 'removed' | 'unchanged'> {
  const keyOf = (c: { type?: number; name?: string }) => `${c.type ?? 1}:${c.name}`;
  const shown = (c: { type?: number; name?: string }) => ((c.type ?? 1) === 1 ? c.name! : `“${c.name}” (message menu)`);
  const before = new Map(existing.filter((c) => ((c.type ?? 1) === 1 || c.type === 3) && c.name).map((c) => [keyOf(c), c]));
  const added: string[] = [];
  const updated: string[] = [];
  const unchanged: string[] = [];
  for (const def of wanted) {
    const old = before.get(keyOf(def));
    if (!old) added.push(shown(def));
    else if (isDeepStrictEqual(normalize(old, scope), normalize(def, scope))) unchanged.push(shown(def));
    else updated.push(shown(def));
    before.delete(keyOf(def));
  }
  return { added, updated, removed: [...before.values()].map(shown), unchanged };
}

type AnyCommand = Partial<APIApplicationCommand> | CommandDefinition | MenuDefinition;
type AnyOption = Record<string, unknown>;

function normalize(c: AnyCommand, scope: 'global' | 'guild'): unknown {
  const sorted = (a: unknown) => (Array.isArray(a) ? [...(a as number[])].sort((x, y) => x - y) : null);
  return {
    type: c.type ?? 1,
    name: c.name,
    description: ('description' in c ? c.description : undefined) ?? '',
    options: normalizeOptions(('options' in c ? (c.options ?? []) : []) as unknown as AnyOption[]),
    default_member_permissions: c.default_member_permissions ?? null,
    nsfw: Boolean(c.nsfw),
    ...(scope === 'global' ? { contexts: sorted(c.contexts), integration_types: sorted(c.integration_types) } : {}),
  };
}

function normalizeOptions(options: AnyOption[]): unknown[] {
  return options.map((o) => ({
    type: o.type,
    name: o.name,
    description: o.description ?? '',
    required: Boolean(o.required),
    autocomplete: Boolean(o.autocomplete),
    choices: o.choices ?? null,
    min_length: o.min_length ?? null,
    max_length: o.max_length ?? null,
    min_value: o.min_value ?? null,
    max_value: o.max_value ?? null,
    options: o.options ? normalizeOptions(o.options as AnyOption[]) : null,
  }));
}

export function formatReport(r: RegisterReport): string {
  const where =
    r.scope === 'guild' ? `to server ${r.guildId} (available at once)` : 'globally (may take up to an hour to appear everywhere)';
  const list = (names: string[]) => (names.length ? names.map((n) => (n.startsWith('“') ? n : `/${n}`)).join(', ') : 'none');
  return [
    `Registered ${r.body.length} commands ${where}.`,
    `  added:     ${list(r.added)}`,
    `  updated:   ${list(r.updated)}`,
    `  removed:   ${list(r.removed)}`,
    `  unchanged: ${list(r.unchanged)}`,
  ].join('\n');
}

/** The settings registration needs; a ConfigError names every one that is missing. */
export function registerSettings(config: Config): { token: string; applicationId: string; guildId?: string; api: string } {
  requireSettings(config, ['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID']);
  return {
    token: config.DISCORD_TOKEN!,
    applicationId: config.DISCORD_APPLICATION_ID!,
    ...(config.DISCORD_GUILD_ID ? { guildId: config.DISCORD_GUILD_ID } : {}),
    api: apiBase(config.DISCORD_API_URL),
  };
}

export interface MainIO {
  env?: Record<string, string | undefined>;
  /** Command-line arguments: `--clear` registers no commands (removes them from the scope). */
  args?: string[];
  /** Load `.env` into process.env first (the script does; tests pass env instead). */
  dotenv?: boolean;
  out?: (line: string) => void;
  err?: (line: string) => void;
}

export const REGISTER_USAGE = `Usage: npm run discord:register [-- --clear]

Registers the bot's slash commands with Discord, built from commands/: globally, or to the one
server DISCORD_GUILD_ID names (instant, for testing). Prints what was added, updated, removed.

  --clear     register no commands (removes them from that scope)
  -h, --help  this help

Reads DISCORD_TOKEN, DISCORD_APPLICATION_ID and DISCORD_GUILD_ID from the environment or .env.`;

/** Runs the registration; returns the exit code. */
export async function main(io: MainIO = {}): Promise<number> {
  const out = io.out ?? ((l: string) => process.stdout.write(`${l}\n`));
  const err = io.err ?? ((l: string) => process.stderr.write(`${l}\n`));
  let args: { clear?: boolean; help?: boolean };
  try {
    args = parseArgs({
      args: io.args ?? process.argv.slice(2),
      options: { clear: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }).values;
  } catch (e) {
    err(`commonplace: ${(e as Error).message}; see --help`);
    return 2;
  }
  if (args.help) {
    out(REGISTER_USAGE);
    return 0;
  }
  if (io.dotenv ?? true) dotenv.config({ quiet: true });
  let settings: ReturnType<typeof registerSettings>;
  try {
    settings = registerSettings(loadConfig(io.env ?? process.env));
  } catch (e) {
    if (e instanceof ConfigError) {
      err(`commonplace: ${e.message}`);
      return 2;
    }
    throw e;
  }
  const commands = args.clear ? [] : (await import('../../commands/index.js')).commands;
  const menus = args.clear ? [] : [(await import('../../commands/links.js')).LOOK_UP];
  const rest = new REST({ api: settings.api }).setToken(settings.token);
  try {
    const report = await registerCommands({ rest, applicationId: settings.applicationId, guildId: settings.guildId, commands, menus });
    out(formatReport(report));
    return 0;
  } catch (e) {
    const status = (e as { status?: number }).status;
    const hint =
      status === 401
        ? ' (is DISCORD_TOKEN right?)'
        : status === 403 || status === 404
          ? ' (is DISCORD_APPLICATION_ID right, and is the bot in DISCORD_GUILD_ID?)'
          : '';
    err(`commonplace: registering commands failed: ${e instanceof Error ? e.message : String(e)}${hint}`);
    return 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`commonplace: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
