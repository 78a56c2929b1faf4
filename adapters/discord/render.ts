// Reply → one Discord message: a single embed (title linking to the page, the summary or the
// quotation, items with their reasons, sources, "did you mean"), buttons whose state lives in
// their custom_id, and `allowed_mentions: { parse: [] }`. Pure: no client, no I/O.
// Every Discord limit is respected; long text is cut at a sentence end with a "Read more" link.
import {
  ButtonStyle,
  ComponentType,
  MessageFlags,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIEmbedField,
  type APISelectMenuOption,
} from 'discord.js';
import { encodeAction, type Action } from '../../src/actions.js';
import { isAnswer, isPrivate, matchedNote, type Reply, type ReplyItem } from '../../src/reply.js';
import { isWellFormed, prefixWithin } from '../../src/text/graphemes.js';
import { oneLine } from '../../src/text/sentences.js';
import { replyButtons, type Button } from '../shared/buttons.js';
import { entryText, type EntrySyntax } from '../shared/entries.js';
import { fitEscaped, fitLines } from '../shared/fit.js';
import { LIMITS } from './limits.js';
import { link, plainWithin, safe, safeUrl, safeWithin, squashLines } from './markdown.js';

/** A message as Discord's API takes it (snake_case), for interaction responses and channel posts. */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
  allowed_mentions: { parse: [] };
  flags?: number;
  /** Files to attach (the concept map), which the embed shows as its image. */
  files?: DiscordFile[];
}

/** A file attached to a message, with its alt text (Discord's attachment description). */
export interface DiscordFile {
  name: string;
  data: Buffer;
  description: string;
}

export interface RenderOptions {
  /** Shown in every footer (config.WIKI_NAME). */
  wikiName: string;
}

const COLORS: Record<Reply['kind'], number> = {
  definition: 0x3b88c3,
  related: 0x3b88c3,
  search: 0x3b88c3,
  help: 0x3b88c3,
  daily: 0x2e8b57,
  links: 0x3b88c3,
  quote: 0x8e5fb5,
  notice: 0xe0a526,
  notfound: 0xe0a526,
  error: 0xd9534f,
};

const MAX_BULLETS = 15;
const MAX_ITEM_FIELDS = 10;
/** Entries a `links` reply shows (it holds three, or a few more). */
const MAX_ENTRIES = 10;
const SUGGESTION_BUTTONS_MAX = 5;

/** A private reply is sent ephemeral (Discord's word: only the asker sees it). */
export function renderReply(reply: Reply, opts: RenderOptions): DiscordMessage {
  const message: DiscordMessage = {
    embeds: [renderEmbed(reply, opts)],
    components: renderComponents(reply, opts),
    allowed_mentions: { parse: [] },
  };
  if (isPrivate(reply)) message.flags = MessageFlags.Ephemeral;
  const file = attachment(reply);
  if (file) {
    message.files = [file];
    message.embeds[0]!.image = { url: `attachment://${file.name}` };
  }
  return message;
}

/** The reply's picture as an attachment within Discord's limits, or none (then the answer
 *  stands without it: its items list the same concepts). */
function attachment(reply: Reply): DiscordFile | undefined {
  const image = reply.image;
  if (!image || image.png.byteLength > LIMITS.attachmentBytes || !/^[\w.-]{1,100}\.png$/.test(image.fileName)) return undefined;
  return {
    name: image.fileName,
    data: Buffer.from(image.png),
    description: plainWithin(image.alt, LIMITS.attachmentDescription) || 'Picture',
  };
}

/** A short private notice (expired buttons and the like), rendered like any other reply. */
export function renderNotice(title: string, text: string, wikiName: string): DiscordMessage {
  return renderReply({ kind: 'notice', title, text, private: true }, { wikiName });
}

// ---------------------------------------------------------------------------------------------
// The embed

export function renderEmbed(reply: Reply, opts: RenderOptions): APIEmbed {
  const embed: APIEmbed = { color: COLORS[reply.kind] ?? COLORS.definition };
  if (reply.title) embed.title = safeWithin(oneLine(reply.title), LIMITS.embedTitle).text;
  const url = safeUrl(reply.url);
  if (url && embed.title) embed.url = url;

  const footer = [opts.wikiName];
  if (reply.kind === 'quote' && reply.total && reply.total > 1) footer.push(`Quote ${(reply.index ?? 0) + 1} of ${reply.total}`);
  if (reply.errorId) footer.push(`Error ${reply.errorId}`);
  embed.footer = { text: plainWithin(footer.filter(Boolean).join(' · '), LIMITS.footerText) };

  const fields = renderFields(reply);
  // Fields come after the description in importance: keep at least 1,500 characters for it.
  const fixed = (embed.title?.length ?? 0) + embed.footer.text.length;
  while (fields.length && fixed + fieldsLength(fields) > LIMITS.embedTotal - 1500) fields.pop();
  if (fields.length) embed.fields = fields;

  const budget = Math.min(LIMITS.embedDescription, LIMITS.embedTotal - fixed - fieldsLength(fields));
  const description = renderDescription(reply, budget);
  if (description) embed.description = description;
  if (!embed.title && !embed.description) embed.description = safe('(no answer)');
  return embed;
}

function fieldsLength(fields: APIEmbedField[]): number {
  return fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
}

function renderDescription(reply: Reply, budget: number): string {
  if (reply.kind === 'links') return entryList(reply.items ?? [], budget);
  const blocks: string[] = [];
  let used = 0;
  const sep = 2; // "\n\n" between blocks
  const take = (block: string) => {
    if (!block) return;
    blocks.push(block);
    used += block.length + sep;
  };

  const note = matchedNote(reply);
  if (note) take(`*${safe(note)}*`);

  // Items without an excerpt are bullets here ("why" beside each); with one, they are fields.
  const bullets = (reply.items ?? []).filter((i) => !i.excerpt);
  let bulletBlock = '';
  if (bullets.length) {
    const heading = reply.kind === 'related' ? '' : reply.kind === 'daily' ? '**Related**\n' : '**See also**\n';
    const room = reply.text || reply.quote ? Math.floor(budget / 2) : budget - used - sep;
    bulletBlock = bulletList(bullets, Math.max(0, room - heading.length));
    if (bulletBlock) bulletBlock = heading + bulletBlock;
  }

  // The quotation's attribution lines are short and fixed; the text and the quote share the rest.
  const attribution = reply.quote ? quoteAttribution(reply) : '';
  let room = budget - used - (bulletBlock ? bulletBlock.length + sep : 0) - (attribution ? attribution.length + 1 : 0) - sep;
  const text = reply.text ? squashLines(reply.text) : '';
  const quoteText = reply.quote ? squashLines(reply.quote.text) : '';
  const readMoreUrl = safeUrl(reply.quote?.sectionUrl ?? reply.quote?.pageUrl ?? reply.url);

  if (text) {
    const share = quoteText ? Math.floor(room * 0.55) : room;
    const block = cutWithReadMore(text, share, readMoreUrl);
    take(block);
    room -= block.length + sep;
  }
  if (quoteText) {
    const quoted = cutWithReadMore(quoteText, room, readMoreUrl, true);
    take(`${quoted}${attribution ? `\n${attribution}` : ''}`);
  } else if (attribution) {
    take(attribution);
  }
  if (bulletBlock) take(bulletBlock);

  let out = blocks.join('\n\n');
  // A last guard: never exceed the budget, whatever the arithmetic above missed.
  if (out.length > budget) out = `${prefixWithin(out, Math.max(0, budget - 1)).replace(/\\$/, '')}…`;
  return out;
}

/** Plain text cut at a sentence end to fit `max` once escaped, with "Read more" when cut; as
 *  a block quote (each line after "> ") when `asQuote`. */
function cutWithReadMore(text: string, max: number, url: string | undefined, asQuote = false): string {
  if (max <= 0) return '';
  const more = url ? ` [Read more](${url})` : '';
  const escapeLines = (s: string) =>
    asQuote
      ? safe(s)
          .split('\n')
          .map((l) => `> ${l}`)
          .join('\n')
      : safe(s);
  return fitEscaped(text, max, { escape: escapeLines, suffix: more }).text;
}

function quoteAttribution(reply: Reply): string {
  const q = reply.quote!;
  const source = safeUrl(q.source);
  const parts: string[] = [];
  if (q.speaker) parts.push(`**${safeWithin(oneLine(q.speaker), 120).text}**`);
  if (q.work) {
    const work = `*${safeWithin(oneLine(q.work), 200).text}*`;
    parts.push(source ? `[${work}](${source})` : work);
  }
  let line = parts.length ? `— ${parts.join(', ')}` : '';
  if (q.year) line += ` (${safeWithin(oneLine(q.year), 20).text})`;
  if (source && !q.work) line += `${line ? ' · ' : ''}[Source](${source})`;
  const where = [q.page, q.section]
    .filter((s): s is string => Boolean(s))
    .map(oneLine)
    .join(' › ');
  const at = where ? `In ${link(where, q.sectionUrl ?? q.pageUrl, 250)}` : '';
  return [line.trim(), at].filter(Boolean).join('\n');
}

function bulletList(items: ReplyItem[], max: number): string {
  const lines = items.slice(0, MAX_BULLETS).map((item) => {
    const why = item.why ? ` — ${safeWithin(oneLine(item.why), 150).text}` : '';
    return `• ${link(item.title, item.url, 120)}${why}`;
  });
  return fitLines(lines, max, { total: items.length })[0] ?? '';
}

const ENTRY: EntrySyntax = {
  link,
  fit: (text, max) => safeWithin(text, max).text,
  bold: (text) => `**${text}**`,
  italic: (text) => `*${text}*`,
};

/** A `links` reply's items, one short entry each (see entryText), within `budget`. */
function entryList(items: readonly ReplyItem[], budget: number): string {
  const shown = items.slice(0, MAX_ENTRIES);
  // Room for "…and N more" and the line breaks between entries.
  const each = Math.floor((budget - 20) / Math.max(1, shown.length)) - 1;
  const entries = shown.map((item) => entryText(item, each, ENTRY)).filter(Boolean);
  return fitLines(entries, budget, { total: items.length })[0] ?? '';
}

function renderFields(reply: Reply): APIEmbedField[] {
  const fields: APIEmbedField[] = [];
  const fielded = reply.kind === 'links' ? [] : (reply.items ?? []).filter((i) => i.excerpt);
  for (const item of fielded.slice(0, MAX_ITEM_FIELDS)) {
    const url = safeUrl(item.url);
    const open = url ? `\n[Open](${url})` : '';
    const why = item.why ? `${safeWithin(oneLine(item.why), 300).text}\n` : '';
    const excerpt = safeWithin(oneLine(item.excerpt!), LIMITS.fieldValue - why.length - open.length).text;
    fields.push({ name: safeWithin(oneLine(item.title), LIMITS.fieldName).text || '\u200B', value: `${why}${excerpt}${open}` || '\u200B' });
  }
  if (reply.citations?.length) {
    const lines = reply.citations.map((c, i) => `[${i + 1}] ${link(c.label, c.url, 200)}`);
    fields.push({ name: reply.citations.length > 1 ? 'Sources' : 'Source', value: fitLines(lines, LIMITS.fieldValue)[0] ?? '' });
  }
  if (reply.suggestions?.length) {
    const lines = reply.suggestions.map((s) => `• ${safeWithin(oneLine(s), 150).text}`);
    fields.push({ name: 'Did you mean', value: fitLines(lines, LIMITS.fieldValue)[0] ?? '' });
  }
  return fields.filter((f) => f.value).slice(0, LIMITS.embedFields);
}

// ---------------------------------------------------------------------------------------------
// Buttons and select menus: the reply's actions, encoded in custom_ids by the core's codec.

/** Discord's button words where they differ from the neutral labels (the embed names the term). */
function buttonLabel(b: Button): string {
  return b.action.type === 'define' ? 'Definition' : b.label;
}

export function renderComponents(reply: Reply, opts: RenderOptions): DiscordMessage['components'] {
  const rows: DiscordMessage['components'] = [];
  const buttons = replyButtons(reply, LIMITS.customId);
  const button = (b: Button): APIButtonComponent => ({
    type: ComponentType.Button,
    style: b.action.type === 'post' ? ButtonStyle.Primary : ButtonStyle.Secondary,
    label: plainWithin(buttonLabel(b), LIMITS.buttonLabel),
    custom_id: b.value,
  });

  const main: APIButtonComponent[] = buttons.filter((b) => b.action.type !== 'suggest').map(button);
  const url = safeUrl(reply.url);
  if (url && isAnswer(reply) && reply.kind !== 'search') {
    main.push({
      type: ComponentType.Button,
      style: ButtonStyle.Link,
      label: plainWithin(`Read on ${opts.wikiName}`, LIMITS.buttonLabel),
      url,
    });
  }
  if (main.length) rows.push({ type: ComponentType.ActionRow, components: main.slice(0, LIMITS.buttonsPerRow) });

  const suggestions = (reply.actions ?? []).filter((a): a is SuggestAction => a.type === 'suggest');
  if (suggestions.length > SUGGESTION_BUTTONS_MAX) {
    const menu = suggestionMenu(suggestions);
    if (menu) rows.push({ type: ComponentType.ActionRow, components: [menu] });
  } else {
    const row = buttons.filter((b) => b.action.type === 'suggest').map(button);
    if (row.length) rows.push({ type: ComponentType.ActionRow, components: row });
  }
  return rows.slice(0, LIMITS.actionRows);
}

type SuggestAction = Extract<Action, { type: 'suggest' }>;

/** More suggestions than buttons: one menu whose action runs the chosen term. */
function suggestionMenu(suggestions: SuggestAction[]): APIComponentInMessageActionRow | undefined {
  const { command } = suggestions[0]!;
  const custom_id = encodeAction({ type: 'suggest-menu', command }, LIMITS.customId);
  const options: APISelectMenuOption[] = [];
  const values = new Set<string>();
  for (const { command: c, term } of suggestions) {
    if (c !== command || term.length > LIMITS.selectOptionValue || values.has(term) || !isWellFormed(term)) continue;
    values.add(term);
    options.push({ label: plainWithin(term, LIMITS.selectOptionLabel), value: term });
    if (options.length === LIMITS.selectOptions) break;
  }
  if (!custom_id || !options.length) return undefined;
  return { type: ComponentType.StringSelect, custom_id, placeholder: 'Did you mean…', options, min_values: 1, max_values: 1 };
}
