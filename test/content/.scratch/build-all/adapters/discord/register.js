// `npm run discord:register`: registers the slash commands built from commands/ — globally, or
// to DISCORD_GUILD_ID for instant updates while testing. Fetches what is registered, prints what
// changes (added / updated / removed / unchanged), then overwrites the whole set in one PUT.
// `-- --clear` registers none, removing them (e.g. from a test server before going global).
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import dotenv from 'dotenv';
import { REST, Routes } from 'discord.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { definitions } from './definitions.js';
import { apiBase } from './api.js';
export async function registerCommands(opts) {
    const scope = opts.guildId ? 'guild' : 'global';
    const route = opts.guildId
        ? Routes.applicationGuildCommands(opts.applicationId, opts.guildId)
        : Routes.applicationCommands(opts.applicationId);
    const body = definitions(opts.commands, { scope });
    const existing = (await opts.rest.get(route));
    const report = diffCommands(existing, body, scope);
    await opts.rest.put(route, { body });
    return { ...report, scope, ...(opts.guildId ? { guildId: opts.guildId } : {}), body };
}
/** Compares registered commands with the wanted ones by name, ignoring fields Discord adds. */
export function diffCommands(existing, wanted, scope = 'global') {
    const before = new Map(existing.filter((c) => (c.type ?? 1) === 1 && c.name).map((c) => [c.name, c]));
    const added = [];
    const updated = [];
    const unchanged = [];
    for (const def of wanted) {
        const old = before.get(def.name);
        if (!old)
            added.push(def.name);
        else if (isDeepStrictEqual(normalize(old, scope), normalize(def, scope)))
            unchanged.push(def.name);
        else
            updated.push(def.name);
        before.delete(def.name);
    }
    return { added, updated, removed: [...before.keys()], unchanged };
}
function normalize(c, scope) {
    const sorted = (a) => (Array.isArray(a) ? [...a].sort((x, y) => x - y) : null);
    return {
        type: c.type ?? 1,
        name: c.name,
        description: c.description ?? '',
        options: normalizeOptions((c.options ?? [])),
        default_member_permissions: c.default_member_permissions ?? null,
        nsfw: Boolean(c.nsfw),
        ...(scope === 'global' ? { contexts: sorted(c.contexts), integration_types: sorted(c.integration_types) } : {}),
    };
}
function normalizeOptions(options) {
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
        options: o.options ? normalizeOptions(o.options) : null,
    }));
}
export function formatReport(r) {
    const where = r.scope === 'guild' ? `to server ${r.guildId} (available at once)` : 'globally (may take up to an hour to appear everywhere)';
    const list = (names) => (names.length ? names.map((n) => `/${n}`).join(', ') : 'none');
    return [
        `Registered ${r.body.length} commands ${where}.`,
        `  added:     ${list(r.added)}`,
        `  updated:   ${list(r.updated)}`,
        `  removed:   ${list(r.removed)}`,
        `  unchanged: ${list(r.unchanged)}`,
    ].join('\n');
}
/** The settings registration needs; one clear line when one is missing. */
export function registerSettings(config) {
    if (!config.DISCORD_TOKEN) {
        throw new ConfigError('DISCORD_TOKEN is not set: copy the bot token from the Developer Portal (Bot tab) into .env');
    }
    if (!config.DISCORD_APPLICATION_ID) {
        throw new ConfigError('DISCORD_APPLICATION_ID is not set: copy the application id from the Developer Portal (General Information) into .env');
    }
    return {
        token: config.DISCORD_TOKEN,
        applicationId: config.DISCORD_APPLICATION_ID,
        ...(config.DISCORD_GUILD_ID ? { guildId: config.DISCORD_GUILD_ID } : {}),
        api: apiBase(config.DISCORD_API_URL),
    };
}
/** Runs the registration; returns the exit code. */
export async function main(io = {}) {
    if (io.dotenv ?? true)
        dotenv.config({ quiet: true });
    const out = io.out ?? ((l) => process.stdout.write(`${l}\n`));
    const err = io.err ?? ((l) => process.stderr.write(`${l}\n`));
    let settings;
    try {
        settings = registerSettings(loadConfig(io.env ?? process.env));
    }
    catch (e) {
        if (e instanceof ConfigError) {
            err(`commonplace: ${e.message}`);
            return 2;
        }
        throw e;
    }
    const args = io.args ?? process.argv.slice(2);
    const unknown = args.filter((a) => a !== '--clear');
    if (unknown.length) {
        err(`commonplace: unknown argument ${unknown[0]}; the only option is --clear (remove the commands)`);
        return 2;
    }
    const commands = args.includes('--clear') ? [] : (await import('../../commands/index.js')).commands;
    const rest = new REST({ api: settings.api }).setToken(settings.token);
    try {
        const report = await registerCommands({ rest, applicationId: settings.applicationId, guildId: settings.guildId, commands });
        out(formatReport(report));
        return 0;
    }
    catch (e) {
        const status = e.status;
        const hint = status === 401 ? ' (is DISCORD_TOKEN right?)' : status === 403 || status === 404 ? ' (is DISCORD_APPLICATION_ID right, and is the bot in DISCORD_GUILD_ID?)' : '';
        err(`commonplace: registering commands failed: ${e instanceof Error ? e.message : String(e)}${hint}`);
        return 1;
    }
}
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
    main().then((code) => process.exit(code), (e) => {
        process.stderr.write(`commonplace: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exit(1);
    });
}
