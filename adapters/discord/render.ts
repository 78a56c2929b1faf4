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
import type { CommandInput } from '../../commands/types.js';
import type { Reply, ReplyItem } from '../../src/reply.js';
import { encodeState, type ComponentState, type ShareCommand, type SuggestCommand } from './custom-id.js';
import { LIMITS } from './limits.js';
import { oneLine } from '../../src/text/sentences.js';
import { link, plainWithin, safe, safeUrl, safeWithin, squashLines } from './text.js';

/** A message as Discord's API takes it (snake_case), for interaction responses and channel posts. */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
  allowed_mentions: { parse: [] };
  flags?: number;
}

export interface RenderOptions {
  /** Shown in every footer (config.WIKI_NAME). */
  wikiName: string;
  /** The command that produced the reply: /quote suggestions run /quote, the others /define. */
  command?: string;
  /** How to recompute the answer publicly: adds "Post in channel" to a private answer. */
  share?: Extract<ComponentState, { kind: 'post' }>;
  /** Overrides reply.ephemeral (posting publicly, or updating an existing message). */
  ephemeral?: boolean;
}

const COLORS: Record<Reply['kind'], number> = {
  definition: 0x3b88c3,
  related: 0x3b88c3,
  search: 0x3b88c3,
  help: 0x3b88c3,
  daily: 0x2e8b57,
  quote: 0x8e5fb5,
  notice: 0xe0a526,
  notfound: 0xe0a526,
  error: 0xd9534f,
};

const ANSWER_KINDS = new Set<Reply['kind']>(['definition', 'quote', 'related', 'search', 'help', 'daily']);

/** An answer (not an error, "not found" or notice): it can be posted publicly and carries a "Read on" link. */
export function isAnswer(reply: Reply): boolean {
  return ANSWER_KINDS.has(reply.kind);
}

const MAX_BULLETS = 15;
const MAX_ITEM_FIELDS = 10;
const SUGGESTION_BUTTONS_MAX = 5;

export function renderReply(reply: Reply, opts: RenderOptions): DiscordMessage {
  const ephemeral = opts.ephemeral ?? Boolean(reply.ephemeral);
  const message: DiscordMessage = {
    embeds: [renderEmbed(reply, opts)],
    components: renderComponents(reply, opts, ephemeral),
    allowed_mentions: { parse: [] },
  };
  if (ephemeral) message.flags = MessageFlags.Ephemeral;
  return message;
}

/** A short private notice (expired buttons and the like), rendered like any other reply. */
export function renderNotice(title: string, text: string, wikiName: string): DiscordMessage {
  return renderReply({ kind: 'notice', title, text, ephemeral: true }, { wikiName });
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
  const blocks: string[] = [];
  let used = 0;
  const sep = 2; // "\n\n" between blocks
  const take = (block: string) => {
    if (!block) return;
    blocks.push(block);
    used += block.length + sep;
  };

  const m = reply.matched;
  if (m && m.how !== 'exact' && m.how !== 'speaker' && m.how !== 'topic' && m.query.trim() && oneLine(m.query).toLowerCase() !== oneLine(m.title).toLowerCase()) {
    take(`*Showing ${safeWithin(oneLine(m.title), 150).text} for “${safeWithin(oneLine(m.query), 100).text}”*`);
  }

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
  if (out.length > budget) out = out.slice(0, Math.max(0, budget - 1)).replace(/\\$/, '') + '…';
  return out;
}

/** Plain text cut at a sentence end to fit `max` once escaped, with "Read more" when cut. */
function cutWithReadMore(text: string, max: number, url: string | undefined, asQuote = false): string {
  if (max <= 0) return '';
  const more = url ? ` [Read more](${url})` : '';
  const format = (s: string, tail = '') => (asQuote ? s.split('\n').map((l) => `> ${l}`).join('\n') : s) + tail;
  const whole = format(safe(text));
  if (whole.length <= max) return whole;
  let room = max - more.length;
  for (let i = 0; i < 12 && room > 0; i++) {
    const { text: cut } = safeWithin(text, room, 'sentence');
    if (!cut) break;
    const out = format(cut, more);
    if (out.length <= max) return out;
    room -= out.length - max;
  }
  return more.length <= max ? more.trim() : '';
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
  const where = [q.page, q.section].filter((s): s is string => Boolean(s)).map(oneLine).join(' › ');
  const at = where ? `In ${link(where, q.sectionUrl ?? q.pageUrl, 250)}` : '';
  return [line.trim(), at].filter(Boolean).join('\n');
}

function bulletList(items: ReplyItem[], max: number): string {
  const lines: string[] = [];
  let length = 0;
  const shown = items.slice(0, MAX_BULLETS);
  for (let i = 0; i < shown.length; i++) {
    const item = shown[i]!;
    const why = item.why ? ` — ${safeWithin(oneLine(item.why), 150).text}` : '';
    const line = `• ${link(item.title, item.url, 120)}${why}`;
    const left = items.length - i - 1;
    const tail = left > 0 ? `\n…and ${left} more` : '';
    if (length + line.length + 1 + tail.length > max) {
      const rest = items.length - i;
      const more = `…and ${rest} more`;
      if (lines.length && length + more.length + 1 <= max) lines.push(more);
      return lines.join('\n');
    }
    lines.push(line);
    length += line.length + 1;
  }
  if (items.length > shown.length) {
    const more = `…and ${items.length - shown.length} more`;
    if (length + more.length <= max) lines.push(more);
  }
  return lines.join('\n');
}

function renderFields(reply: Reply): APIEmbedField[] {
  const fields: APIEmbedField[] = [];
  for (const item of (reply.items ?? []).filter((i) => i.excerpt).slice(0, MAX_ITEM_FIELDS)) {
    const url = safeUrl(item.url);
    const open = url ? `\n[Open](${url})` : '';
    const why = item.why ? `${safeWithin(oneLine(item.why), 300).text}\n` : '';
    const excerpt = safeWithin(oneLine(item.excerpt!), LIMITS.fieldValue - why.length - open.length, 'sentence').text;
    fields.push({ name: safeWithin(oneLine(item.title), LIMITS.fieldName).text || '\u200B', value: `${why}${excerpt}${open}` || '\u200B' });
  }
  if (reply.citations?.length) {
    const lines = reply.citations.map((c, i) => `[${i + 1}] ${link(c.label, c.url, 200)}`);
    fields.push({ name: reply.citations.length > 1 ? 'Sources' : 'Source', value: linesWithin(lines, LIMITS.fieldValue) });
  }
  if (reply.suggestions?.length) {
    const lines = reply.suggestions.map((s) => `• ${safeWithin(oneLine(s), 150).text}`);
    fields.push({ name: 'Did you mean', value: linesWithin(lines, LIMITS.fieldValue) });
  }
  return fields.filter((f) => f.value).slice(0, LIMITS.embedFields);
}

/** Joins lines until `max`, ending with "…and N more" when some are left out. */
function linesWithin(lines: string[], max: number): string {
  const out: string[] = [];
  let length = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.length > max ? lines[i]!.slice(0, max - 1) + '…' : lines[i]!;
    const more = i < lines.length - 1 ? `\n…and ${lines.length - i - 1} more`.length : 0;
    if (length + line.length + (out.length ? 1 : 0) + more > max) {
      const tail = `…and ${lines.length - i} more`;
      if (length + tail.length + 1 <= max) out.push(tail);
      break;
    }
    out.push(line);
    length += line.length + (out.length > 1 ? 1 : 0);
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Buttons and select menus

export function renderComponents(reply: Reply, opts: RenderOptions, ephemeral: boolean): DiscordMessage['components'] {
  const rows: DiscordMessage['components'] = [];
  const used = new Set<string>();
  const button = (label: string, state: ComponentState, style = ButtonStyle.Secondary): APIButtonComponent | undefined => {
    const custom_id = encodeState(state);
    if (!custom_id || used.has(custom_id)) return undefined;
    used.add(custom_id);
    return { type: ComponentType.Button, style, label: plainWithin(label, LIMITS.buttonLabel), custom_id } as APIButtonComponent;
  };

  const main: APIButtonComponent[] = [];
  for (const action of reply.actions ?? []) {
    let b: APIButtonComponent | undefined;
    if (action.type === 'another-quote') b = button('Another quote', { kind: 'quote', query: action.query, index: action.index });
    else if (action.type === 'related') b = button('Related', { kind: 'related', term: action.term });
    else if (action.type === 'define' && reply.kind !== 'notfound') b = button('Definition', { kind: 'define', term: action.term });
    if (b) main.push(b);
  }
  if (ephemeral && opts.share && isAnswer(reply)) {
    const b = button('Post in channel', opts.share, ButtonStyle.Primary);
    if (b) main.push(b);
  }
  const url = safeUrl(reply.url);
  if (url && isAnswer(reply) && reply.kind !== 'help' && reply.kind !== 'search') {
    main.push({ type: ComponentType.Button, style: ButtonStyle.Link, label: plainWithin(`Read on ${opts.wikiName}`, LIMITS.buttonLabel), url });
  }
  if (main.length) rows.push({ type: ComponentType.ActionRow, components: main.slice(0, LIMITS.buttonsPerRow) });

  const suggestions = [...new Set(reply.suggestions ?? [])];
  if (suggestions.length) {
    const command: SuggestCommand = opts.command === 'quote' ? 'quote' : 'define';
    if (suggestions.length <= SUGGESTION_BUTTONS_MAX) {
      const buttons = suggestions
        .map((s) => button(s, { kind: 'suggest', command, term: s }))
        .filter((b): b is APIButtonComponent => Boolean(b));
      if (buttons.length) rows.push({ type: ComponentType.ActionRow, components: buttons });
    } else {
      const options: APISelectMenuOption[] = suggestions
        .filter((s) => s.length <= LIMITS.selectOptionValue)
        .slice(0, LIMITS.selectOptions)
        .map((s) => ({ label: plainWithin(s, LIMITS.selectOptionLabel), value: s }));
      const custom_id = encodeState({ kind: 'suggest-menu', command });
      if (options.length && custom_id) {
        rows.push({
          type: ComponentType.ActionRow,
          components: [{ type: ComponentType.StringSelect, custom_id, placeholder: 'Did you mean…', options, min_values: 1, max_values: 1 }],
        });
      }
    }
  }
  return rows.slice(0, LIMITS.actionRows);
}

// ---------------------------------------------------------------------------------------------
// Post-in-channel state

/** How to recompute `reply` publicly, from the command and input that produced it. */
export function shareStateFor(
  command: string,
  input: CommandInput,
  reply: Reply,
): Extract<ComponentState, { kind: 'post' }> | undefined {
  if (!isAnswer(reply) || reply.kind === 'daily') return undefined;
  const str = (v: unknown) => (typeof v === 'string' ? oneLine(v) : '');
  const fits = (s: Extract<ComponentState, { kind: 'post' }>) => (encodeState(s) ? s : undefined);
  const cmd = command as ShareCommand;
  switch (cmd) {
    case 'define':
    case 'related': {
      const asked = str(input.term);
      const canonical = reply.kind === 'related' ? undefined : reply.title;
      return (asked && fits({ kind: 'post', command: cmd, term: asked })) || (canonical ? fits({ kind: 'post', command: cmd, term: canonical }) : undefined);
    }
    case 'quote': {
      const asked = str(input.name);
      return asked ? fits({ kind: 'post', command: 'quote', term: asked, index: reply.index ?? 0 }) : undefined;
    }
    case 'search': {
      const asked = str(input.text);
      return asked ? fits({ kind: 'post', command: 'search', term: asked }) : undefined;
    }
    case 'help':
      return { kind: 'post', command: 'help', term: '' };
    default:
      return undefined;
  }
}
