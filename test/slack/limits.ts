// One check for every Slack message the tests see: Block Kit limits, and no mention or
// broadcast syntax (`<!…>`, `<@…>`, `<#…>`) anywhere. The only `<…>` allowed are the
// http(s) links the adapter builds: `<https://…|label>` with an escaped label.
import { expect } from 'vitest';
import type { SlackMessage } from '../../adapters/slack/render.js';

const LINK = /^<https?:\/\/[^\s<>|]+\|[^<>]*>/;

/** Checks one text for raw control characters outside the adapter's links. */
export function assertMentionFree(text: string, where: string): void {
  expect(text, `${where}: no broadcast or mention`).not.toMatch(/<[!@#]/);
  for (let i = text.indexOf('<'); i !== -1; i = text.indexOf('<', i + 1)) {
    const rest = text.slice(i);
    expect(LINK.test(rest), `${where}: "<" not starting one of our links at ${i}: ${JSON.stringify(rest.slice(0, 60))}`).toBe(true);
  }
  // Every ">" is either a link's end, a blockquote marker at a line start, or escaped.
  const withoutLinks = text.replace(/<https?:\/\/[^\s<>|]+\|[^<>]*>/g, '');
  const stray = withoutLinks
    .split('\n')
    .map((l) => l.replace(/^> /, ''))
    .join('\n');
  expect(stray, `${where}: stray ">"`).not.toMatch(/>/);
  // "&" only as one of the three entities Slack decodes.
  expect(withoutLinks.replace(/&(amp|lt|gt);/g, ''), `${where}: unescaped "&"`).not.toMatch(/&/);
  expect(text, `${where}: plain-word broadcast`).not.toMatch(/@(channel|here|everyone)\b/i);
}

/** A message as it went over the wire: read as the renderer builds it, and checked field by field. */
type SentMessage = Partial<SlackMessage> & { link_names?: unknown; parse?: unknown };

export function assertWithinSlackLimits(sent: object): void {
  expect(sent, 'payload').toBeTypeOf('object');
  // The wire JSON, read with the renderer's types: every field used below is checked first.
  const payload = sent as SentMessage;
  expect(payload.link_names, 'link_names is never used').toBeUndefined();
  expect(payload.parse, 'parse is never used').toBeUndefined();
  expect(typeof payload.text, 'text fallback is set').toBe('string');
  const text = payload.text!;
  expect(text.length, 'text fallback').toBeGreaterThan(0);
  expect(text.length, 'text ≤ 40000').toBeLessThanOrEqual(40000);
  assertMentionFree(text, 'text');
  if (payload.response_type !== undefined) expect(['in_channel', 'ephemeral']).toContain(payload.response_type);

  const blocks = payload.blocks!;
  expect(Array.isArray(blocks), 'blocks').toBe(true);
  expect(blocks.length, 'at least one block').toBeGreaterThan(0);
  expect(blocks.length, '≤ 50 blocks').toBeLessThanOrEqual(50);
  blocks.forEach((block, i) => {
    const at = `block ${i} (${block.type})`;
    if ('block_id' in block) expect(String(block.block_id).length, `${at} block_id`).toBeLessThanOrEqual(255);
    switch (block.type) {
      case 'header':
        expect(block.text.type, at).toBe('plain_text');
        expect(block.text.text.length, `${at} ≤ 150`).toBeLessThanOrEqual(150);
        expect(block.text.text.length, `${at} not empty`).toBeGreaterThan(0);
        assertMentionFree(block.text.text, at);
        break;
      case 'section':
        expect(['mrkdwn', 'plain_text']).toContain(block.text.type);
        expect(block.text.text.length, `${at} ≤ 3000`).toBeLessThanOrEqual(3000);
        expect(block.text.text.length, `${at} not empty`).toBeGreaterThan(0);
        if (block.text.type === 'mrkdwn') expect(block.text.verbatim, `${at} verbatim`).toBe(true);
        expect('fields' in block ? block.fields : undefined, `${at} fields`).toBeUndefined();
        assertMentionFree(block.text.text, at);
        break;
      case 'context':
        expect(block.elements.length, `${at} ≤ 10 elements`).toBeLessThanOrEqual(10);
        expect(block.elements.length, `${at} elements`).toBeGreaterThan(0);
        for (const el of block.elements) {
          expect(el.text.length, `${at} element ≤ 2000`).toBeLessThanOrEqual(2000);
          expect(el.text.length, `${at} element not empty`).toBeGreaterThan(0);
          assertMentionFree(el.text, at);
        }
        break;
      case 'actions': {
        expect(block.elements.length, `${at} ≤ 25 elements`).toBeLessThanOrEqual(25);
        const ids = new Set<string>();
        for (const el of block.elements) {
          expect(el.type, at).toBe('button');
          expect(el.text.type, at).toBe('plain_text');
          expect(el.text.text.length, `${at} button text ≤ 75`).toBeLessThanOrEqual(75);
          expect(el.text.text.length, `${at} button text`).toBeGreaterThan(0);
          expect(el.value.length, `${at} button value ≤ 2000`).toBeLessThanOrEqual(2000);
          expect(el.action_id.length, `${at} action_id ≤ 255`).toBeLessThanOrEqual(255);
          expect(ids.has(el.action_id), `${at} action_id unique`).toBe(false);
          ids.add(el.action_id);
          assertMentionFree(el.text.text, `${at} button`);
        }
        break;
      }
      default:
        throw new Error(`${at}: unexpected block type`);
    }
  });
}
