// Slack mrkdwn: escaping, links and fitting text within limits. Pure functions, no SDK.
//
// Slack treats `&`, `<` and `>` as control characters in every text object and in a
// message's `text`: `<!channel>`, `<!here>`, `<@U…>`, `<#C…>` and `<url|label>` are all
// spelled with angle brackets. Escaping those three characters in everything that comes
// from content or from a user means the only angle brackets in a message are the links
// this adapter builds itself (and those only ever start with `<http://` or `<https://`).
import { wellFormed } from '../../src/text/graphemes.js';
import { oneLine } from '../../src/text/sentences.js';
import { cutText, fitEscaped as fitPlatform } from '../shared/fit.js';
import { linkWith } from '../shared/link.js';
import { safeUrl } from '../shared/urls.js';

/** Bidirectional embedding/override/isolate controls and zero-width spaces: they can make
 *  a message read differently from what it says. Joiners (ZWJ/ZWNJ, used by emoji and some
 *  scripts) and the LRM/RLM marks stay. */
const INVISIBLE = /[\u200B\u2060\uFEFF\u202A-\u202E\u2066-\u2069]/g;

/** `@channel`, `@here`, `@everyone` as plain words: a word joiner after the `@` keeps any
 *  client or parse mode from turning them into a broadcast. */
const BROADCAST_WORDS = /@(channel|here|everyone)\b/gi;

/** Escapes text for a Slack text object or message text (mrkdwn or plain_text). */
export function escapeText(raw: string): string {
  return wellFormed(raw)
    .replace(INVISIBLE, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(BROADCAST_WORDS, '@\u2060$1');
}

/** True for an absolute http(s) URL. Anything else is never turned into a link. */
export function isHttpUrl(url: string | undefined): url is string {
  return safeUrl(url) !== undefined;
}

/** The URL part of `<url|label>`: normalized, with the characters that would end or split
 *  the link encoded, and `&` escaped as Slack expects. Undefined when not http(s). */
export function linkTarget(url: string | undefined): string | undefined {
  const href = safeUrl(url)?.replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E');
  return href?.replace(/&/g, '&amp;');
}

/** `<url|label>` with the label escaped, or just the escaped label when the URL is not http(s). */
export const link = linkWith({ escape: escapeText, target: linkTarget, format: (label, target) => `<${target}|${label}>` });

/**
 * Escapes `raw` and makes the escaped result fit in `max` characters, cutting the raw
 * text (never an entity) as needed. `suffix` (already escaped/built, e.g. a "Read more"
 * link) follows, after a space, only when the text had to be cut, and counts against `max`.
 */
export function fitEscaped(raw: string, max: number, suffix = ''): { text: string; cut: boolean } {
  return fitPlatform(raw, max, { escape: escapeText, suffix: suffix ? ` ${suffix}` : '' });
}

/** The first sentence (or line) of text, for a notification preview. */
export function firstSentence(text: string, max: number): string {
  const line = oneLine(text);
  const m = /^.+?[.!?…](?=\s|$)/.exec(line);
  return cutText(m ? m[0] : line, max);
}
