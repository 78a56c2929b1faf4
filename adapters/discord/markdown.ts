// Discord Markdown: escaping, mention neutralizing, fitting within a limit, and links. Every
// string shown to a user goes through `safe` (plain text from input or content), `safeWithin`
// (the same, within a limit) or `link` (a masked link), so no text can format, ping or break
// out; and none holds a lone surrogate.
import { escapeMarkdown } from 'discord.js';
import { prefixWithin, wellFormed } from '../../src/text/graphemes.js';
import { oneLine } from '../../src/text/sentences.js';
import { cutText, fitEscaped } from '../shared/fit.js';
import { linkWith } from '../shared/link.js';
import { safeUrl as httpUrl } from '../shared/urls.js';

const ZWSP = '\u200B';
/** Longest URL Discord takes in an embed or a link button. */
const URL_MAX = 512;

/** Breaks mention syntax: @everyone, @here, <@user>, <@!user>, <@&role>, <#channel>. */
export function neutralizeMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, `@${ZWSP}$1`).replace(/<(@[!&]?|#)/g, `<${ZWSP}$1`);
}

/** Plain text → text Discord shows literally: Markdown escaped, mentions broken. */
export function safe(text: string): string {
  const escaped = escapeMarkdown(wellFormed(text), { heading: true, bulletedList: true, numberedList: true })
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
 * Plain text → safe Discord text of at most `max` characters, cut at a sentence end or a word
 * (adapters/shared/fit.ts); `suffix` (Discord Markdown, e.g. a "Read more" link) follows a cut.
 */
export function safeWithin(text: string, max: number, suffix = ''): { text: string; cut: boolean } {
  return fitEscaped(text, max, { escape: safe, suffix });
}

/** A URL Discord accepts in an embed, a masked link or a link button: absolute http(s), at
 *  most 512 characters, with the characters that would end a Markdown link early encoded, and
 *  "@" too, so a page named "@here" cannot put mention syntax in a message. */
export function safeUrl(url: string | undefined): string | undefined {
  let href = httpUrl(url)?.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/ /g, '%20');
  const pathAt = href ? href.indexOf('/', href.indexOf('//') + 2) : -1;
  if (href && pathAt > 0) href = href.slice(0, pathAt) + href.slice(pathAt).replace(/@/g, '%40');
  return href && href.length <= URL_MAX ? href : undefined;
}

/** A masked link `[label](url)` with a safe label, or the safe label alone when the URL is unusable. */
export const link = linkWith({ escape: safe, target: safeUrl, format: (label, href) => `[${label}](${href})` });

/** Plain text on one line within `max` characters, not Markdown-escaped: for fields Discord
 *  shows as plain text (button labels, menu options, footers). Mention syntax is still broken,
 *  so no label can read as one. */
export function plainWithin(text: string, max: number): string {
  return cutText(neutralizeMentions(oneLine(wellFormed(text))), max);
}

/** A hard cut within `max` characters between clusters, for values that are not prose (choice values). */
export function plainPrefix(text: string, max: number): string {
  return wellFormed(prefixWithin(text, max));
}
