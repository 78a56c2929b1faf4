// Text for Slack: escaping, links and cutting within limits. Pure functions, no SDK.
//
// Slack treats `&`, `<` and `>` as control characters in every text object and in a
// message's `text`: `<!channel>`, `<!here>`, `<@U…>`, `<#C…>` and `<url|label>` are all
// spelled with angle brackets. Escaping those three characters in everything that comes
// from content or from a user means the only angle brackets in a message are the links
// this adapter builds itself (and those only ever start with `<http://` or `<https://`).
import { oneLine } from '../../src/text/sentences.js';

/** Block Kit and message limits (https://docs.slack.dev/reference/block-kit). */
export const LIMITS = {
  headerText: 150,
  sectionText: 3000,
  contextElementText: 2000,
  contextElements: 10,
  blocks: 50,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  actionsElements: 25,
  messageText: 40000,
} as const;

/** Bidirectional embedding/override/isolate controls and zero-width spaces: they can make
 *  a message read differently from what it says. Joiners (ZWJ/ZWNJ, used by emoji and some
 *  scripts) and the LRM/RLM marks stay. */
const INVISIBLE = /[\u200B\u2060\uFEFF\u202A-\u202E\u2066-\u2069]/g;

/** `@channel`, `@here`, `@everyone` as plain words: a word joiner after the `@` keeps any
 *  client or parse mode from turning them into a broadcast. */
const BROADCAST_WORDS = /@(channel|here|everyone)\b/gi;

/** Escapes text for a Slack text object or message text (mrkdwn or plain_text). */
export function escapeText(raw: string): string {
  return raw
    .replace(INVISIBLE, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(BROADCAST_WORDS, '@\u2060$1');
}

/** True for an absolute http(s) URL. Anything else is never turned into a link. */
export function isHttpUrl(url: string | undefined): url is string {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The URL part of `<url|label>`: normalized, with the characters that would end or split
 *  the link encoded, and `&` escaped as Slack expects. Undefined when not http(s). */
export function linkTarget(url: string | undefined): string | undefined {
  if (!isHttpUrl(url)) return undefined;
  const href = new URL(url).href.replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E');
  return href.replace(/&/g, '&amp;');
}

/** `<url|label>` with the label escaped, or just the escaped label when the URL is not
 *  http(s). The label is cut to `maxLabel` characters. */
export function link(url: string | undefined, label: string, maxLabel = 200): string {
  const text = escapeText(oneLine(cut(label, maxLabel)));
  const target = linkTarget(url);
  return target ? `<${target}|${text}>` : text;
}

/** Cuts text to at most `max` characters, at a sentence end when one is late enough,
 *  else at a word boundary, adding "…". Returns the text unchanged when it fits.
 *  Not core's cutAtSentence: that keeps a lone short first sentence ("One.") when it is
 *  all that fits, where a label or excerpt here should rather keep more words. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return text.slice(0, Math.max(0, max));
  const room = text.slice(0, max - 1);
  const sentence = lastSentenceEnd(room);
  if (sentence >= max * 0.5) return room.slice(0, sentence).trimEnd();
  const space = room.search(/\s\S*$/);
  const base = space >= max * 0.5 ? room.slice(0, space) : room;
  return `${base.trimEnd()}…`;
}

/** Index just after the last sentence end (". ", "! ", "? ", "…") in text, or -1. */
function lastSentenceEnd(text: string): number {
  let best = -1;
  const re = /[.!?…]["”’)]?(?=\s|$)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) best = m.index + m[0].length;
  return best;
}

/**
 * Escapes `raw` and makes the escaped result fit in `max` characters, cutting the raw
 * text (never an entity) as needed. `suffix` (already escaped/built, e.g. a "Read more"
 * link) is appended only when the text had to be cut, and counts against `max`.
 */
export function fitEscaped(raw: string, max: number, suffix = ''): { text: string; cut: boolean } {
  const whole = escapeText(raw);
  if (whole.length <= max) return { text: whole, cut: false };
  const tail = suffix ? ` ${suffix}` : '';
  let budget = Math.max(1, max - tail.length);
  for (let i = 0; i < 20; i++) {
    const text = escapeText(cut(raw, budget)) + tail;
    if (text.length <= max) return { text, cut: true };
    budget -= Math.max(1, text.length - max);
    if (budget <= 1) break;
  }
  // Pathological input (all `&`, say): a hard cut that cannot split an entity, since no
  // character escapes to more than five.
  const room = tail.length < max ? max - tail.length : max;
  const hard = escapeText(raw.slice(0, Math.floor(room / 5)));
  return { text: tail.length < max ? hard + tail : hard, cut: true };
}

/** The first sentence (or line) of text, for a notification preview. */
export function firstSentence(text: string, max: number): string {
  const line = oneLine(text);
  const m = /^.+?[.!?…](?=\s|$)/.exec(line);
  return cut(m ? m[0] : line, max);
}
