// Text for Discord: Markdown escaping, mention neutralizing, cutting within a limit at a
// sentence end, and safe links. Everything shown to a user goes through `safe` (plain text
// from input or content) or `link` (a masked link), so no text can format, ping or break out.
import { escapeMarkdown } from 'discord.js';
import { cutAtSentence as coreCutAtSentence, cutAtWord as coreCutAtWord, oneLine } from '../../src/text/sentences.js';

const ZWSP = '\u200B';

/** Breaks mention syntax: @everyone, @here, <@user>, <@!user>, <@&role>, <#channel>. */
export function neutralizeMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, `@${ZWSP}$1`).replace(/<(@[!&]?|#)/g, `<${ZWSP}$1`);
}

/** Plain text → text Discord shows literally: Markdown escaped, mentions broken. */
export function safe(text: string): string {
  const escaped = escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true })
    // Subtext ("-# small") and block quotes (">") at a line start; brackets, which could open a masked link.
    .replace(/^(\s*)-#/gm, '$1\\-#')
    .replace(/^(\s*)>/gm, '$1\\>')
    .replace(/[[\]]/g, '\\$&');
  return neutralizeMentions(escaped);
}

/** Whitespace collapsed within each line; single line breaks kept, runs of blank lines cut to one. */
export function squashLines(text: string): string {
  return text
    .split(/\n/)
    .map((l) => l.replace(/[^\S\n]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Plain text cut to at most `max` characters at a sentence end, else at a word with "…".
 * Unchanged when it fits.
 */
export function cutAtSentence(text: string, max: number): { text: string; cut: boolean } {
  if (text.length <= max) return { text, cut: false };
  const sentences = coreCutAtSentence(text, max);
  // The core keeps whole sentences however few fit; in an embed, a short first sentence would
  // waste most of the room, so below 40% of it a word cut shows more. The core's own word cut
  // (not a prefix of the text) is redone here to keep surrogate pairs whole.
  const whole = sentences.length >= max * 0.4 && text.trim().startsWith(sentences);
  const out = whole ? sentences : cutAtWord(text, max);
  return { text: out, cut: out.length < text.length };
}

/** Cuts to at most `max` characters at a word boundary, ending with "…". */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  // The core cuts after `max - 1` characters: never between the halves of a surrogate pair.
  const splitsPair = /[\uD800-\uDBFF]/.test(text.charAt(max - 2));
  return coreCutAtWord(text, splitsPair ? max - 1 : max);
}

/**
 * Plain text → safe Discord text of at most `max` characters. Escaping adds characters, so the
 * plain text is cut until its escaped form fits.
 */
export function safeWithin(text: string, max: number, how: 'sentence' | 'word' = 'word'): { text: string; cut: boolean } {
  let budget = max;
  for (let i = 0; i < 12; i++) {
    const part = how === 'sentence' ? cutAtSentence(text, budget) : { text: cutAtWord(text, budget), cut: text.length > budget };
    const out = safe(part.text);
    if (out.length <= max) return { text: out, cut: part.cut };
    budget = Math.max(0, budget - Math.max(1, out.length - max));
  }
  return { text: '', cut: true };
}

/** A URL Discord accepts in an embed or a link button: absolute http(s), at most 512 characters. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
    // Parentheses and spaces would end a Markdown link early.
    const href = u.href.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/ /g, '%20');
    return href.length <= 512 ? href : undefined;
  } catch {
    return undefined;
  }
}

/** A masked link `[label](url)` with a safe label, or the safe label alone when the URL is unusable. */
export function link(label: string, url: string | undefined, maxLabel = 200): string {
  const text = safeWithin(oneLine(label), maxLabel).text;
  const href = safeUrl(url);
  return href ? `[${text}](${href})` : text;
}

/** Plain text cut to `max` characters with no escaping (autocomplete names, button labels, footers). */
export function plainWithin(text: string, max: number): string {
  return cutAtWord(oneLine(text), max);
}
