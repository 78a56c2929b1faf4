// The renderer contract for Discord: reply → message body (wire JSON).
import { expect } from 'vitest';
import { LIMITS } from '../../adapters/discord/limits.js';
import { renderReply, type DiscordMessage } from '../../adapters/discord/render.js';
import { assertWithinDiscordLimits, LIVE_MENTION, visibleTexts } from '../discord/limits.js';
import { rendererContract } from './renderer.js';

const components = (m: DiscordMessage) => m.components.flatMap((row) => row.components) as { custom_id?: string; url?: string }[];

rendererContract<DiscordMessage>({
  name: 'Discord',
  render: (reply) => renderReply(reply, { wikiName: 'AnarWiki' }),
  assertWithinLimits: (m) => {
    assertWithinDiscordLimits(m);
    for (const f of m.files ?? []) {
      expect(f.description.length).toBeLessThanOrEqual(LIMITS.attachmentDescription);
      expect(f.data.length).toBeLessThanOrEqual(LIMITS.attachmentBytes);
      expect(m.embeds[0]?.image?.url).toBe(`attachment://${f.name}`);
    }
  },
  // An attachment's description is read out by screen readers: it must not ping either.
  texts: (m) => [...visibleTexts(m), ...(m.files ?? []).map((f) => f.description)],
  liveMention: LIVE_MENTION,
  urls: (m) => [
    ...m.embeds.flatMap((e) => (e.url ? [e.url] : [])),
    ...components(m).flatMap((c) => (c.url ? [c.url] : [])),
    // Masked links [label](url); an escaped bracket (\]) opens none.
    ...visibleTexts(m).flatMap((t) => [...t.matchAll(/(?<!\\)\]\(([^)]*)\)/g)].map((x) => x[1]!)),
  ],
  isPrivate: (m) => Boolean((m.flags ?? 0) & 64),
  actions: { values: (m) => components(m).flatMap((c) => (c.custom_id ? [c.custom_id] : [])), maxLength: LIMITS.customId },
});
