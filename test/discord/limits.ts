// The check every message the bot sends must pass: Discord's limits, and nothing that can ping.
import { type APIAllowedMentions, type APIEmbed, type APIMessageTopLevelComponent, ButtonStyle, ComponentType } from 'discord.js';
import { expect } from 'vitest';
import { LIMITS } from '../../adapters/discord/limits.js';

/** A message body on the wire, sent or stored: the fields the checks read. */
export interface MessagePayload {
  content?: string | null;
  embeds?: APIEmbed[];
  components?: APIMessageTopLevelComponent[];
  allowed_mentions?: APIAllowedMentions;
}

/** Mention syntax that would ping if it reached Discord unbroken. */
export const LIVE_MENTION = /@everyone|@here|<@!?\d+>|<@&\d+>|<#\d+>/;

/** Every string a user sees in a message payload (content, embed texts, labels, placeholders). */
export function visibleTexts(payload: MessagePayload | undefined): string[] {
  const out: string[] = [];
  if (typeof payload?.content === 'string') out.push(payload.content);
  for (const e of payload?.embeds ?? []) {
    out.push(e.title ?? '', e.description ?? '', e.footer?.text ?? '', e.author?.name ?? '');
    for (const f of e.fields ?? []) out.push(f.name, f.value);
  }
  for (const row of payload?.components ?? []) {
    for (const c of row.type === ComponentType.ActionRow ? row.components : []) {
      out.push(('label' in c ? c.label : undefined) ?? '', ('placeholder' in c ? c.placeholder : undefined) ?? '');
      for (const o of 'options' in c ? c.options : []) out.push(o.label ?? '', o.description ?? '');
    }
  }
  return out.filter(Boolean);
}

/** Checks a message body (wire JSON) against every Discord limit, and that nothing can ping. */
export function assertWithinDiscordLimits(payload: MessagePayload | undefined): void {
  expect(payload, 'a message body').toBeTypeOf('object');
  if (!payload) throw new Error('no message body');
  expect(payload.allowed_mentions, 'allowed_mentions').toEqual({ parse: [] });
  if (payload.content !== undefined && payload.content !== null) expect(String(payload.content).length).toBeLessThanOrEqual(LIMITS.content);
  const embeds = payload.embeds ?? [];
  expect(embeds.length).toBeLessThanOrEqual(LIMITS.embeds);
  let total = 0;
  for (const e of embeds) {
    if (e.title !== undefined) expect(e.title.length, 'embed title').toBeLessThanOrEqual(LIMITS.embedTitle);
    if (e.description !== undefined) {
      expect(e.description.length, 'embed description').toBeLessThanOrEqual(LIMITS.embedDescription);
      expect(e.description.length, 'embed description is not empty').toBeGreaterThan(0);
    }
    if (e.url !== undefined) expect(e.url).toMatch(/^https?:\/\/\S+$/);
    const fields = e.fields ?? [];
    expect(fields.length, 'embed fields').toBeLessThanOrEqual(LIMITS.embedFields);
    for (const f of fields) {
      expect(f.name.length, 'field name').toBeGreaterThan(0);
      expect(f.name.length, 'field name').toBeLessThanOrEqual(LIMITS.fieldName);
      expect(f.value.length, 'field value').toBeGreaterThan(0);
      expect(f.value.length, 'field value').toBeLessThanOrEqual(LIMITS.fieldValue);
      total += f.name.length + f.value.length;
    }
    if (e.footer?.text !== undefined) expect(e.footer.text.length).toBeLessThanOrEqual(LIMITS.footerText);
    if (e.author?.name !== undefined) expect(e.author.name.length).toBeLessThanOrEqual(LIMITS.authorName);
    total += (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text?.length ?? 0) + (e.author?.name?.length ?? 0);
  }
  expect(total, 'characters across all embeds').toBeLessThanOrEqual(LIMITS.embedTotal);

  const rows = payload.components ?? [];
  expect(rows.length, 'action rows').toBeLessThanOrEqual(LIMITS.actionRows);
  const ids = new Set<string>();
  for (const row of rows) {
    expect(row.type).toBe(ComponentType.ActionRow);
    if (row.type !== ComponentType.ActionRow) continue;
    const components = row.components;
    expect(components.length).toBeGreaterThan(0);
    const selects = components.filter((c) => c.type === ComponentType.StringSelect);
    if (selects.length) expect(components.length, 'a select menu is alone in its row').toBe(1);
    else expect(components.length, 'buttons in a row').toBeLessThanOrEqual(LIMITS.buttonsPerRow);
    for (const c of components) {
      const customId = 'custom_id' in c ? c.custom_id : undefined;
      if (c.type === ComponentType.Button) {
        const label = 'label' in c ? c.label : undefined;
        expect(label, 'button label').toBeTypeOf('string');
        expect(label!.length, 'button label').toBeGreaterThan(0);
        expect(label!.length, 'button label').toBeLessThanOrEqual(LIMITS.buttonLabel);
        if (c.style === ButtonStyle.Link) expect(c.url).toMatch(/^https?:\/\//);
        else expect(customId).toBeTypeOf('string');
      }
      if (c.type === ComponentType.StringSelect) {
        expect(c.options.length).toBeGreaterThan(0);
        expect(c.options.length).toBeLessThanOrEqual(LIMITS.selectOptions);
        if (c.placeholder) expect(c.placeholder.length).toBeLessThanOrEqual(LIMITS.selectPlaceholder);
        for (const o of c.options) {
          expect(o.label.length).toBeLessThanOrEqual(LIMITS.selectOptionLabel);
          expect(o.value.length).toBeLessThanOrEqual(LIMITS.selectOptionValue);
          if (o.description) expect(o.description.length).toBeLessThanOrEqual(LIMITS.selectOptionDescription);
        }
      }
      if (customId !== undefined) {
        expect(customId.length, 'custom_id').toBeLessThanOrEqual(LIMITS.customId);
        expect(ids.has(customId), `custom_id ${customId} is unique`).toBe(false);
        ids.add(customId);
      }
    }
  }
  for (const text of visibleTexts(payload)) expect(text, 'no live mention').not.toMatch(LIVE_MENTION);
}
