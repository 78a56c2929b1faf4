// The check every message the bot sends must pass: Discord's limits, and nothing that can ping.
import { expect } from 'vitest';
import { LIMITS } from '../../adapters/discord/limits.js';

/** Mention syntax that would ping if it reached Discord unbroken. */
export const LIVE_MENTION = /@everyone|@here|<@!?\d+>|<@&\d+>|<#\d+>/;

/** Every string a user sees in a message payload (content, embed texts, labels, placeholders). */
export function visibleTexts(payload: any): string[] {
  const out: string[] = [];
  if (typeof payload?.content === 'string') out.push(payload.content);
  for (const e of payload?.embeds ?? []) {
    out.push(e.title ?? '', e.description ?? '', e.footer?.text ?? '', e.author?.name ?? '');
    for (const f of e.fields ?? []) out.push(f.name, f.value);
  }
  for (const row of payload?.components ?? []) {
    for (const c of row.components ?? []) {
      out.push(c.label ?? '', c.placeholder ?? '');
      for (const o of c.options ?? []) out.push(o.label ?? '', o.description ?? '');
    }
  }
  return out.filter(Boolean);
}

/** Checks a message body (wire JSON) against every Discord limit, and that nothing can ping. */
export function assertWithinDiscordLimits(payload: any): void {
  expect(payload, 'a message body').toBeTypeOf('object');
  expect(payload.allowed_mentions, 'allowed_mentions').toEqual({ parse: [] });
  if (payload.content !== undefined && payload.content !== null) expect(String(payload.content).length).toBeLessThanOrEqual(LIMITS.content);
  const embeds: any[] = payload.embeds ?? [];
  expect(embeds.length).toBeLessThanOrEqual(LIMITS.embeds);
  let total = 0;
  for (const e of embeds) {
    if (e.title !== undefined) expect(e.title.length, 'embed title').toBeLessThanOrEqual(LIMITS.embedTitle);
    if (e.description !== undefined) {
      expect(e.description.length, 'embed description').toBeLessThanOrEqual(LIMITS.embedDescription);
      expect(e.description.length, 'embed description is not empty').toBeGreaterThan(0);
    }
    if (e.url !== undefined) expect(e.url).toMatch(/^https?:\/\/\S+$/);
    const fields: any[] = e.fields ?? [];
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

  const rows: any[] = payload.components ?? [];
  expect(rows.length, 'action rows').toBeLessThanOrEqual(LIMITS.actionRows);
  const ids = new Set<string>();
  for (const row of rows) {
    expect(row.type).toBe(1);
    const components: any[] = row.components ?? [];
    expect(components.length).toBeGreaterThan(0);
    const selects = components.filter((c) => c.type === 3);
    if (selects.length) expect(components.length, 'a select menu is alone in its row').toBe(1);
    else expect(components.length, 'buttons in a row').toBeLessThanOrEqual(LIMITS.buttonsPerRow);
    for (const c of components) {
      if (c.type === 2) {
        expect(c.label.length, 'button label').toBeGreaterThan(0);
        expect(c.label.length, 'button label').toBeLessThanOrEqual(LIMITS.buttonLabel);
        if (c.style === 5) expect(c.url).toMatch(/^https?:\/\//);
        else expect(c.custom_id).toBeTypeOf('string');
      }
      if (c.type === 3) {
        expect(c.options.length).toBeGreaterThan(0);
        expect(c.options.length).toBeLessThanOrEqual(LIMITS.selectOptions);
        if (c.placeholder) expect(c.placeholder.length).toBeLessThanOrEqual(LIMITS.selectPlaceholder);
        for (const o of c.options) {
          expect(o.label.length).toBeLessThanOrEqual(LIMITS.selectOptionLabel);
          expect(o.value.length).toBeLessThanOrEqual(LIMITS.selectOptionValue);
          if (o.description) expect(o.description.length).toBeLessThanOrEqual(LIMITS.selectOptionDescription);
        }
      }
      if (c.custom_id !== undefined) {
        expect(c.custom_id.length, 'custom_id').toBeLessThanOrEqual(LIMITS.customId);
        expect(ids.has(c.custom_id), `custom_id ${c.custom_id} is unique`).toBe(false);
        ids.add(c.custom_id);
      }
    }
  }
  for (const text of visibleTexts(payload)) expect(text, 'no live mention').not.toMatch(LIVE_MENTION);
}

