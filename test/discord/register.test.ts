// Slash-command definitions from commands/, and `npm run discord:register` against the double.
import { type APIApplicationCommandSubcommandOption, ApplicationCommandOptionType, ApplicationCommandType, REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import type { Command } from '../../commands/types.js';
import { LOOK_UP } from '../../commands/links.js';
import { definitions } from '../../adapters/discord/definitions.js';
import { diffCommands, formatReport, main, registerCommands } from '../../adapters/discord/register.js';
import { DiscordDouble, IDS, sentCommands } from '../doubles/discord/double.js';

describe('definitions(commands)', () => {
  const defs = definitions(commands);
  const byName = new Map(defs.map((d) => [d.name, d]));

  it('defines every command with a description of at most 100 characters', () => {
    expect(defs.map((d) => d.name)).toEqual(commands.map((c) => c.name));
    for (const d of defs) {
      expect(d.description.length).toBeGreaterThan(0);
      expect(d.description.length).toBeLessThanOrEqual(100);
      expect(d.name).toMatch(/^[-_a-z0-9]{1,32}$/);
    }
  });

  it('types the options, with autocomplete, max_length and a private option', () => {
    expect(byName.get('define')!.options).toEqual([
      { name: 'term', description: expect.any(String), required: true, type: 3, max_length: 200, autocomplete: true },
      { name: 'private', description: 'Only you see the answer', required: false, type: 5 },
    ]);
    const quoteName = byName.get('quote')!.options![0]!;
    expect(quoteName).toMatchObject({ name: 'name', type: 3, required: true, autocomplete: true });
    const search = byName.get('search')!.options![0]!;
    expect(search).toMatchObject({ name: 'text', type: 3 });
    expect('autocomplete' in search).toBe(false);
    // Commands that define no options still get `private`.
    expect(byName.get('help')!.options).toEqual([{ name: 'private', description: 'Only you see the answer', required: false, type: 5 }]);
  });

  it('works in servers and in DMs', () => {
    for (const d of defs) {
      expect(d.contexts).toEqual([0, 1, 2]);
      expect(d.integration_types).toEqual([0]);
      expect(d.dm_permission).toBe(true);
    }
    for (const d of definitions(commands, { scope: 'guild' })) {
      expect(d.contexts).toBeUndefined();
      expect(d.dm_permission).toBeUndefined();
    }
  });

  it('turns subcommands into SUB_COMMAND options and hides /daily from members without Manage Channels', () => {
    const daily = byName.get('daily');
    expect(daily, '/daily is registered').toBeDefined();
    expect(daily!.default_member_permissions).toBe('16');
    expect(daily!.options!.every((o) => o.type === 1)).toBe(true);
    const subscribe = daily!.options!.find(
      (o): o is APIApplicationCommandSubcommandOption => o.type === ApplicationCommandOptionType.Subcommand && o.name === 'subscribe',
    );
    expect(subscribe!.options!.map((o) => o.name)).toEqual(['time', 'timezone', 'days', 'private']);
    expect(byName.get('define')!.default_member_permissions).toBeUndefined();
  });

  it('maps choices, and puts required options first', () => {
    const cmd: Command = {
      name: 'Pick',
      description: 'x'.repeat(150),
      usage: '',
      examples: [],
      options: [
        { name: 'opt', description: 'optional', type: 'string' },
        { name: 'kind', description: 'a kind', type: 'string', required: true, choices: [{ name: 'A', value: 'a' }] },
        { name: 'count', description: 'how many', type: 'integer' },
      ],
      parseText: () => ({}),
      validate: (input) => ({ ok: true, input }),
      run: () => ({ kind: 'notice' }),
    };
    const [d] = definitions([cmd]);
    expect(d!.name).toBe('pick');
    expect(d!.description).toHaveLength(100);
    expect(d!.options!.map((o) => o.name)).toEqual(['kind', 'opt', 'count', 'private']);
    expect(d!.options![0]).toMatchObject({ type: 3, choices: [{ name: 'A', value: 'a' }] });
    expect(d!.options![2]).toMatchObject({ type: 4 });
  });
});

describe('discord:register against the API double', () => {
  let double: DiscordDouble;
  let rest: REST;
  beforeAll(async () => {
    double = await DiscordDouble.start();
    rest = new REST({ api: double.apiUrl }).setToken(double.token);
  });
  afterAll(async () => {
    await double.close();
  });

  it('fetches the registered commands, then PUTs exactly the definitions (bulk overwrite)', async () => {
    double.commands.set('global', [
      { id: '1', application_id: IDS.application, version: '1', type: 1, name: 'oldcommand', description: 'gone', options: [] },
    ]);
    const before = double.requests.length;
    const report = await registerCommands({ rest, applicationId: IDS.application, commands });
    const made = double.requests.slice(before);
    expect(made.map((r) => `${r.method} ${r.route}`)).toEqual([
      `GET /applications/${IDS.application}/commands`,
      `PUT /applications/${IDS.application}/commands`,
    ]);
    expect(made[1]!.body).toEqual(definitions(commands));
    expect(made[1]!.headers.authorization).toBe(`Bot ${double.token}`);
    expect(report.added).toEqual(commands.map((c) => c.name));
    expect(report.removed).toEqual(['oldcommand']);
    expect(report.unchanged).toEqual([]);
  });

  it('registers "Look up in the wiki" in the message menu beside the slash commands', async () => {
    const report = await registerCommands({ rest, applicationId: IDS.application, commands, menus: [LOOK_UP] });
    const put = double.requests.filter((r) => r.method === 'PUT').at(-1)!;
    const menu = sentCommands(put)!.find((c) => c.type === ApplicationCommandType.Message);
    expect(menu).toMatchObject({ type: 3, name: 'Look up in the wiki', contexts: [0, 1, 2], integration_types: [0] });
    expect(menu).not.toHaveProperty('options');
    expect(menu!.default_member_permissions).toBeUndefined();
    expect(report.added).toEqual(['“Look up in the wiki” (message menu)']);
    expect(formatReport(report)).toContain('added:     “Look up in the wiki” (message menu)');
    const again = await registerCommands({ rest, applicationId: IDS.application, commands, menus: [LOOK_UP] });
    expect(again.unchanged).toContain('“Look up in the wiki” (message menu)');
    // A run without it removes it.
    const without = await registerCommands({ rest, applicationId: IDS.application, commands });
    expect(without.removed).toEqual(['“Look up in the wiki” (message menu)']);
  });

  it('registers /settings for channel managers, with on/off choices', () => {
    const def = definitions(commands).find((d) => d.name === 'settings')!;
    expect(def.default_member_permissions).toBe(String(1n << 4n));
    const inline = def.options!.find(
      (o): o is APIApplicationCommandSubcommandOption => o.name === 'inline' && o.type === ApplicationCommandOptionType.Subcommand,
    );
    expect(inline, 'an inline subcommand').toBeDefined();
    const state = inline!.options!.find((o) => o.name === 'state');
    expect(state && 'choices' in state ? state.choices : undefined).toEqual([
      { name: 'on', value: 'on' },
      { name: 'off', value: 'off' },
    ]);
  });

  it('reports unchanged commands on a second run, and an edited one as updated', async () => {
    const again = await registerCommands({ rest, applicationId: IDS.application, commands });
    expect(again.unchanged).toEqual(commands.map((c) => c.name));
    expect([...again.added, ...again.updated, ...again.removed]).toEqual([]);

    const edited = commands.map((c) => (c.name === 'define' ? { ...c, description: 'Define a term' } : c));
    const third = await registerCommands({ rest, applicationId: IDS.application, commands: edited });
    expect(third.updated).toEqual(['define']);
    expect(formatReport(third)).toContain('updated:   /define');
  });

  it('registers to one server with DISCORD_GUILD_ID', async () => {
    const report = await registerCommands({ rest, applicationId: IDS.application, guildId: IDS.guild, commands });
    const put = double.requests.filter((r) => r.method === 'PUT').at(-1)!;
    expect(put.route).toBe(`/applications/${IDS.application}/guilds/${IDS.guild}/commands`);
    expect(put.body).toEqual(definitions(commands, { scope: 'guild' }));
    expect(report.scope).toBe('guild');
    expect(formatReport(report)).toContain(`to server ${IDS.guild}`);
  });

  it('runs as a script: reads the settings, prints the changes, and never prints the token', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main({
      dotenv: false,
      args: [],
      env: { DISCORD_TOKEN: double.token, DISCORD_APPLICATION_ID: IDS.application, DISCORD_API_URL: double.apiUrl },
      out: (l) => out.push(l),
      err: (l) => err.push(l),
    });
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/^Registered \d+ commands globally/);
    // The previous test left an edited /define registered: this run puts the real one back.
    expect(out.join('\n')).toContain('updated:   /define');
    expect(out.join('\n')).toContain('unchanged: /quote');
    expect(out.join('\n') + err.join('\n')).not.toContain(double.token);
  });

  it('fails with one clear line when the token or the application id is missing, and names both when both are', async () => {
    for (const env of [{ DISCORD_APPLICATION_ID: IDS.application }, { DISCORD_TOKEN: 'x' }]) {
      const err: string[] = [];
      const code = await main({
        dotenv: false,
        args: [],
        env: { ...env, DISCORD_API_URL: double.apiUrl },
        out: () => undefined,
        err: (l) => err.push(l),
      });
      expect(code).toBe(2);
      expect(err).toHaveLength(1);
      expect(err[0]).toMatch(/^commonplace: DISCORD_(TOKEN|APPLICATION_ID) is missing: copy .* from the Developer Portal/);
    }
    const err: string[] = [];
    expect(
      await main({ dotenv: false, args: [], env: { DISCORD_API_URL: double.apiUrl }, out: () => undefined, err: (l) => err.push(l) }),
    ).toBe(2);
    expect(err.join('\n')).toMatch(/2 settings need fixing:\n {2}DISCORD_TOKEN is missing: .*\n {2}DISCORD_APPLICATION_ID is missing: /);
  });

  it('says how long an application id is, and reports every wrong setting at once', async () => {
    const err: string[] = [];
    const env = { DISCORD_TOKEN: 'x', DISCORD_APPLICATION_ID: '123', DISCORD_GUILD_ID: 'my server', DISCORD_API_URL: 'not a url' };
    expect(await main({ dotenv: false, args: [], env, out: () => undefined, err: (l) => err.push(l) })).toBe(2);
    const text = err.join('\n');
    expect(text).toContain('3 settings need fixing');
    expect(text).toContain('DISCORD_APPLICATION_ID=123 is wrong: must be the application id: 17 to 20 digits');
    expect(text).toContain('DISCORD_GUILD_ID=my server is wrong: must be a server id: 17 to 20 digits');
    expect(text).toContain('DISCORD_API_URL=not a url is wrong: must be a URL');
  });

  it('prints its usage with --help, and touches no setting or server', async () => {
    const out: string[] = [];
    expect(await main({ dotenv: false, args: ['--help'], env: {}, out: (l) => out.push(l), err: () => undefined })).toBe(0);
    expect(out.join('\n')).toMatch(/^Usage: npm run discord:register/);
    expect(out.join('\n')).toContain('--clear');
  });

  it('--clear removes the commands from the server', async () => {
    const out: string[] = [];
    const env = {
      DISCORD_TOKEN: double.token,
      DISCORD_APPLICATION_ID: IDS.application,
      DISCORD_GUILD_ID: IDS.guild,
      DISCORD_API_URL: double.apiUrl,
    };
    expect(await main({ dotenv: false, args: ['--clear'], env, out: (l) => out.push(l), err: () => undefined })).toBe(0);
    expect(double.requests.filter((r) => r.method === 'PUT').at(-1)!.body).toEqual([]);
    expect(double.commands.get(IDS.guild)).toEqual([]);
    expect(out.join('\n')).toContain(`removed:   ${commands.map((c) => `/${c.name}`).join(', ')}`);
    expect(await main({ dotenv: false, args: ['--bogus'], env, out: () => undefined, err: () => undefined })).toBe(2);
  });

  it('every request went to the double', () => {
    for (const r of double.requests) expect(r.headers.host).toBe(`127.0.0.1:${double.port}`);
  });
});

describe('diffCommands', () => {
  it('ignores what Discord adds to a stored command', () => {
    const defs = definitions(commands);
    const stored = defs.map((d, i) => ({
      ...d,
      id: String(i),
      application_id: IDS.application,
      version: '1',
      nsfw: false,
      default_member_permissions: d.default_member_permissions ?? null,
    }));
    expect(diffCommands(stored, defs).unchanged).toHaveLength(defs.length);
  });
});
