// What the platform sends must never crash the bot. A button click whose message's
// interaction_metadata lacks authorizing_integration_owners throws inside discord.js while it
// builds the interaction (before any handler of ours runs); unguarded, that ended the process.
// Now the packet is dropped, the failure logged with an id, the member told (with that id), and
// the bot keeps serving.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonClick, buttonLabelled, slashCommand } from '../doubles/discord/interactions.js';
import { interact, startLiveBot, type LiveBot } from './live.js';

let live: LiveBot;
beforeAll(async () => {
  live = await startLiveBot();
});
afterAll(async () => {
  await live?.stop();
});

describe('malformed gateway payloads', () => {
  it('a button whose message lacks interaction_metadata.authorizing_integration_owners: logged with an id, answered, and the bot keeps serving', async () => {
    const asked = slashCommand('quote', { name: 'Kropotkin' });
    const first = await interact(live.double, asked);
    const message = structuredClone(live.double.messageFor(asked.id)!);
    expect(message!.interaction_metadata!.authorizing_integration_owners).toBeDefined();
    delete message.interaction_metadata!.authorizing_integration_owners;
    const button = buttonLabelled(first.body.data, 'Related') ?? buttonLabelled(first.body.data, 'Another quote');
    expect(button, 'a button under the answer').toBeDefined();

    const click = buttonClick(message, button!.custom_id);
    const answer = await interact(live.double, click);
    expect(answer.body.type).toBe(4);
    expect(answer.body.data!.flags).toBe(64); // only the clicker sees it
    expect(answer.body.data!.allowed_mentions).toEqual({ parse: [] });
    const shown = JSON.stringify(answer.body.data);
    const errorId = /error ([A-Z0-9]{4,})/.exec(shown)?.[1];
    expect(errorId, `an error id in ${shown}`).toBeDefined();
    const logged = live
      .logText()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
      .find((e) => e.errorId === errorId);
    expect(logged).toMatchObject({ level: 50, gatewayEvent: 'INTERACTION_CREATE', interactionId: click.id });

    // Still serving.
    const again = await interact(live.double, slashCommand('define', { term: 'dual power' }));
    expect(again.body.data!.embeds![0].title).toBe('Dual power');
  });

  it('a gateway event discord.js cannot read is logged with an id and dropped', async () => {
    // A GUILD_CREATE without its channels and roles arrays makes discord.js throw while reading it.
    live.double.dispatchRaw('GUILD_CREATE', {
      id: '777777777777777777',
      name: 'broken',
      unavailable: false,
      channels: 'not a list',
      roles: 7,
    });
    const again = await interact(live.double, slashCommand('define', { term: 'dual power' }));
    expect(again.body.data!.embeds![0].title).toBe('Dual power');
    const lines = live
      .logText()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(lines.find((e) => e.gatewayEvent === 'GUILD_CREATE')).toMatchObject({
      level: 50,
      errorId: expect.stringMatching(/^[A-Z0-9]{4,}$/),
    });
  });
});
