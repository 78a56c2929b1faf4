// Reply → Slack message (Block Kit). A pure function: no SDK, no I/O.
//
// Layout: a header with the title; a context line saying what matched; the body (summary,
// notice, or the quotation as `>` lines with speaker, work and year); the items; a context
// block with the page link and citations; and the buttons. Every piece of content or user
// text goes through escapeText, so the only `<…>` in the output are the http(s) links built
// here. Every Block Kit limit is respected (see LIMITS); long text is cut at a sentence end
// and followed by a "Read more" link to the page. Buttons carry the reply's actions, encoded
// by the core's codec in their value; their action_id only routes the click to this adapter.
import { isPrivate, matchedNote, type Reply, type ReplyImage, type ReplyKind } from '../../src/reply.js';
import { oneLine } from '../../src/text/sentences.js';
import { replyButtons, type Button } from '../shared/buttons.js';
import { entryText, type EntrySyntax } from '../shared/entries.js';
import { cutText as cut, fitLines } from '../shared/fit.js';
import { safeUrl } from '../shared/urls.js';
import { LIMITS } from './limits.js';
import { escapeText, firstSentence, fitEscaped, isHttpUrl, link } from './mrkdwn.js';

/** Every action_id this adapter builds starts so (`commonplace:<type>:<n>`, unique in its
 *  block); Bolt routes them all to one listener. */
export const ACTION_PREFIX = 'commonplace:';
export const ACTION_ID_PATTERN = /^commonplace:/;

export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}
export interface Mrkdwn {
  type: 'mrkdwn';
  text: string;
  /** Always true here: Slack must not auto-link channel names or parse mentions. */
  verbatim: true;
}
export interface SlackButton {
  type: 'button';
  text: PlainText;
  action_id: string;
  value: string;
  style?: 'primary';
}
export type SlackBlock =
  | { type: 'header'; text: PlainText }
  | { type: 'section'; text: Mrkdwn }
  | { type: 'context'; elements: Mrkdwn[] }
  | { type: 'actions'; elements: SlackButton[] };

export interface SlackMessage {
  /** Notification and accessibility fallback: short, escaped, always set. */
  text: string;
  blocks: SlackBlock[];
  response_type: 'in_channel' | 'ephemeral';
  /** A picture to upload to the channel after the message (public answers only: an
   *  ephemeral message cannot hold a file). `comment` is the file's message, escaped. */
  image?: ReplyImage & { title: string; comment: string };
}

export interface RenderOptions {
  /** Shown in "Read more on …" links. */
  wikiName?: string;
  /** SLACK_COMMAND_PREFIX: "/define" in reply text becomes "/cp-define". */
  commandPrefix?: string;
  /** Command names to rewrite with the prefix. */
  commandNames?: readonly string[];
}

const DEFAULT_TITLES: Record<ReplyKind, string> = {
  definition: 'Definition',
  quote: 'Quotation',
  related: 'Related',
  search: 'Search results',
  help: 'Help',
  daily: 'Today from the wiki',
  links: 'From the wiki',
  notice: 'Note',
  notfound: 'Not found',
  error: 'Something went wrong',
};

/** Room kept for a list's "…and N more" line. */
const ITEM_LINE_MAX = 900;
const EXCERPT_MAX = 280;
const FALLBACK_MAX = 300;

export function renderReply(input: Reply, opts: RenderOptions = {}): SlackMessage {
  const reply = opts.commandPrefix ? withCommandPrefix(input, opts.commandPrefix, opts.commandNames ?? []) : input;
  const wikiName = opts.wikiName ?? 'the wiki';
  const title = oneLine(reply.title ?? '') || DEFAULT_TITLES[reply.kind];
  const readMoreUrl = isHttpUrl(reply.url)
    ? reply.url
    : isHttpUrl(reply.quote?.sectionUrl)
      ? reply.quote?.sectionUrl
      : reply.quote?.pageUrl;
  const readMore = isHttpUrl(readMoreUrl) ? link(`Read more on ${wikiName}`, readMoreUrl) : '';
  if (reply.kind === 'links') return renderLinks(reply);

  const head: SlackBlock[] = [{ type: 'header', text: plain(fitEscaped(title, LIMITS.headerText).text) }];
  const meta = metaLine(reply);
  if (meta) head.push(context([meta]));

  const body: SlackBlock[] = [];
  if (reply.quote) body.push(section(quoteText(reply, readMore)));
  const text = reply.text?.trim();
  if (text) body.push(section(fitEscaped(text, LIMITS.sectionText, readMore).text));
  if (reply.errorId && !(text ?? '').includes(reply.errorId)) {
    body.push(context([`Error id: ${escapeText(reply.errorId)}`]));
  }

  const tail: SlackBlock[] = [];
  const sources = sourceElements(reply, wikiName);
  if (sources.length) tail.push(context(sources));
  // A label made only of characters escaping removes (zero-width spaces) would be a blank button.
  const actions = replyButtons(reply, LIMITS.buttonValue)
    .filter((b) => buttonText(b).trim())
    .slice(0, LIMITS.actionsElements * 2);
  const buttons = actions.map(slackButton);
  for (let i = 0; i < buttons.length; i += LIMITS.actionsElements) {
    tail.push({ type: 'actions', elements: buttons.slice(i, i + LIMITS.actionsElements) });
  }

  const room = LIMITS.blocks - head.length - body.length - tail.length;
  const listed = listSections(reply, actions, Math.max(0, room));
  const blocks = [...head, ...body, ...listed, ...tail].slice(0, LIMITS.blocks);

  const privately = isPrivate(reply);
  const image =
    reply.image && !privately
      ? { ...reply.image, title: cut(`Concept map: ${title}`, 200), comment: fitEscaped(`Concept map: ${title}`, 300).text }
      : undefined;
  if (reply.image && privately) {
    // Said where the picture would be, after the answer and before its buttons.
    const note = (reply.actions ?? []).some((a) => a.type === 'post')
      ? 'Slack cannot show a picture in a private answer: “Post in channel” shares the concept map.'
      : 'Slack cannot show a picture in a private answer.';
    const at = blocks.findIndex((b) => b.type === 'actions');
    blocks.splice(at < 0 ? blocks.length : at, 0, context([escapeText(note)]));
  }
  return {
    text: fallbackText(reply, title),
    blocks: blocks.slice(0, LIMITS.blocks),
    response_type: privately ? 'ephemeral' : 'in_channel',
    ...(image ? { image } : {}),
  };
}

const ENTRY: EntrySyntax = {
  link,
  fit: (text, max) => fitEscaped(text, max).text,
  bold: (text) => `*${text}*`,
  italic: (text) => `_${text}_`,
};

/** Entries a `links` reply shows, one section each (it holds three, or a few more). */
const MAX_ENTRIES = 10;

/** A `links` reply, compact: a header only when it has a title, one section per entry (see
 *  entryText), "…and N more", and its buttons. */
function renderLinks(reply: Reply): SlackMessage {
  const items = reply.items ?? [];
  const blocks: SlackBlock[] = [];
  const title = oneLine(reply.title ?? '');
  if (title) blocks.push({ type: 'header', text: plain(fitEscaped(title, LIMITS.headerText).text) });
  const shown = items.slice(0, MAX_ENTRIES);
  for (const item of shown) {
    const text = entryText(item, LIMITS.sectionText, ENTRY);
    if (text.trim()) blocks.push(section(text));
  }
  if (items.length > shown.length) blocks.push(context([`…and ${items.length - shown.length} more`]));
  const buttons = replyButtons(reply, LIMITS.buttonValue)
    .filter((b) => buttonText(b).trim())
    .slice(0, LIMITS.actionsElements)
    .map(slackButton);
  if (buttons.length) blocks.push({ type: 'actions', elements: buttons });
  if (!blocks.length) blocks.push(section(escapeText(DEFAULT_TITLES.links)));
  const first = shown[0];
  const fallback = first
    ? `${cut(oneLine(first.title), 100)}${first.excerpt ? `: ${firstSentence(first.excerpt, 200)}` : ''}`
    : title || DEFAULT_TITLES.links;
  return {
    text: fitEscaped(fallback, FALLBACK_MAX).text || DEFAULT_TITLES.links,
    blocks,
    response_type: isPrivate(reply) ? 'ephemeral' : 'in_channel',
  };
}

function plain(text: string): PlainText {
  return { type: 'plain_text', text, emoji: true };
}

function mrkdwn(text: string): Mrkdwn {
  return { type: 'mrkdwn', text, verbatim: true };
}

function section(text: string): SlackBlock {
  return { type: 'section', text: mrkdwn(text || ' ') };
}

function context(texts: string[]): SlackBlock {
  return { type: 'context', elements: texts.slice(0, LIMITS.contextElements).map((t) => mrkdwn(t)) };
}

/** What the query matched (the core's note); where a quote stands in its list. */
function metaLine(reply: Reply): string | undefined {
  const parts: string[] = [];
  const note = matchedNote(reply);
  if (note) parts.push(`_${escapeText(note)}_`);
  if (reply.kind === 'quote' && typeof reply.total === 'number' && reply.total > 1) {
    const query = reply.matched ? ` for “${escapeText(cut(oneLine(reply.matched.query), 100))}”` : '';
    parts.push(`Quotation ${(reply.index ?? 0) + 1} of ${reply.total}${query}`);
  }
  // Each part is escaped and at most a few hundred characters: well within a context element.
  return parts.length ? parts.join('  ·  ') : undefined;
}

/** The quotation as `>` lines, then "— speaker, work, year · source". */
function quoteText(reply: Reply, readMore: string): string {
  const q = reply.quote!;
  const by: string[] = [];
  if (q.speaker) by.push(`*${escapeText(cut(oneLine(q.speaker), 200))}*`);
  if (q.work) by.push(`_${escapeText(cut(oneLine(q.work), 300))}_`);
  if (q.year) by.push(escapeText(cut(oneLine(q.year), 20)));
  let attribution = by.length ? `— ${by.join(', ')}` : '';
  if (isHttpUrl(q.source)) attribution += `${attribution ? ' · ' : ''}${link('source', q.source)}`;

  const lines = q.text
    .split(/\n+/)
    .map((l) => oneLine(l))
    .filter(Boolean);
  const raw = lines.join('\n') || '…';
  // Each line gains a "> " prefix; reserve room for those and the attribution.
  const budget = LIMITS.sectionText - attribution.length - 1 - 2 * (lines.length + 2);
  const fitted = fitEscaped(raw, budget, readMore).text;
  const quoted = fitted
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');
  return attribution ? `${quoted}\n${attribution}` : quoted;
}

/** The page link and citations, as context elements (at most 10). An element too long with
 *  its links (a very long URL) is shown as its plain words; an element with no words, not at all. */
function sourceElements(reply: Reply, wikiName: string): string[] {
  const out: { linked: string; plain: string }[] = [];
  const q = reply.quote;
  if (q) {
    const sec = q.section ? ` › ${link(q.section, q.sectionUrl, 300)}` : '';
    out.push({
      linked: `From ${link(q.page, q.pageUrl)}${sec} on ${escapeText(wikiName)}`,
      plain: `From ${q.page}${q.section ? ` › ${q.section}` : ''} on ${wikiName}`,
    });
  } else if (isHttpUrl(reply.url) && reply.kind !== 'notfound' && reply.kind !== 'error') {
    // A definition's title is the page's; other titles ("Related to X") are not.
    const named = (reply.kind === 'definition' || reply.kind === 'daily') && reply.title;
    out.push(
      named
        ? { linked: `${link(reply.title!, reply.url)} on ${escapeText(wikiName)}`, plain: `${reply.title} on ${wikiName}` }
        : { linked: link(`Read on ${wikiName}`, reply.url), plain: `Read on ${wikiName}` },
    );
  }
  for (const c of reply.citations ?? []) {
    if (out.length >= LIMITS.contextElements) break;
    const label = escapeText(oneLine(c.label)).trim() ? oneLine(c.label) : (safeUrl(c.url) ?? '');
    if (label) out.push({ linked: link(label, c.url, 300), plain: label });
  }
  return out
    .map(({ linked, plain }) =>
      linked.length <= LIMITS.contextElementText ? linked : fitEscaped(oneLine(plain), LIMITS.contextElementText).text,
    )
    .filter((t) => t.trim());
}

/** Items (and suggestions with no button) as bulleted sections, within `room` blocks. */
function listSections(reply: Reply, buttons: readonly Button[], room: number): SlackBlock[] {
  const lines: string[] = [];
  for (const item of reply.items ?? []) {
    const name = `*${link(item.title, item.url)}*`;
    let line = `• ${name}`;
    if (item.why) line += ` — ${escapeText(cut(oneLine(item.why), 300))}`;
    if (item.excerpt) line += `\n      ${escapeText(cut(oneLine(item.excerpt), EXCERPT_MAX))}`;
    lines.push(line.length <= ITEM_LINE_MAX ? line : fitEscaped(oneLine(item.title), ITEM_LINE_MAX).text);
  }
  const asButtons = new Set(buttons.map((b) => (b.action.type === 'suggest' ? b.action.term : undefined)));
  for (const s of reply.suggestions ?? []) {
    if (!asButtons.has(s)) lines.push(`• ${escapeText(cut(oneLine(s), 200))}`);
  }
  if (!lines.length || room <= 0) return [];
  // Room is kept in each section for the "…and N more" line.
  return fitLines(lines, LIMITS.sectionText - 40, { chunks: room }).map((t) => section(t));
}

/** A button for one of the reply's actions (the core adds "Post in channel" to a private
 *  answer). Under "not found" the suggested terms are the labels themselves. */
function slackButton(b: Button, n: number): SlackButton {
  return {
    type: 'button',
    text: plain(buttonText(b)),
    action_id: `${ACTION_PREFIX}${b.action.type}:${n}`,
    value: b.value,
    ...(b.action.type === 'post' ? { style: 'primary' as const } : {}),
  };
}

function buttonText(b: Button): string {
  return fitEscaped(oneLine(b.label), LIMITS.buttonText).text;
}

/** "Title: first sentence", escaped and short: what a notification shows. */
function fallbackText(reply: Reply, title: string): string {
  const first = reply.quote ? `“${firstSentence(reply.quote.text, 160)}”` : reply.text ? firstSentence(reply.text, 200) : '';
  const raw = first ? `${cut(title, 100)}: ${first}` : cut(title, 150);
  return fitEscaped(raw, FALLBACK_MAX).text || 'Answer';
}

/** "/define" → "/cp-define" in the reply's text, so help and hints name the real commands. */
export function withCommandPrefix(reply: Reply, prefix: string, names: readonly string[]): Reply {
  if (!prefix || !names.length) return reply;
  const re = commandPattern(names);
  const fix = (s: string | undefined) => (s === undefined ? s : s.replace(re, `$1/${prefix}$2`));
  return {
    ...reply,
    title: fix(reply.title),
    text: fix(reply.text),
    items: reply.items?.map((i) => ({ ...i, title: fix(i.title)!, why: fix(i.why), excerpt: fix(i.excerpt) })),
  };
}

// The names are fixed at startup (one array per app), so every render would build the same
// pattern. `replace` resets a global pattern's lastIndex, so sharing one is safe.
const commandPatterns = new WeakMap<readonly string[], RegExp>();

function commandPattern(names: readonly string[]): RegExp {
  let re = commandPatterns.get(names);
  if (!re) {
    re = new RegExp(`(^|[\\s(“"'‘\\[])/(${names.map(escapeRegExp).join('|')})(?![\\w-])`, 'g');
    commandPatterns.set(names, re);
  }
  return re;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
