// Text for Discord: Markdown escaping, mention neutralizing, cutting within a limit at a
// sentence end, and safe links. Everything shown to a user goes through `safe` (plain text
// from input or content) or `link` (a masked link), so no text can format, ping or break out.
import { escapeMarkdown } from 'discord.js';
const ZWSP = '\u200B';
/** Breaks mention syntax: @everyone, @here, <@user>, <@!user>, <@&role>, <#channel>. */
export function neutralizeMentions(text) {
    return text.replace(/@(everyone|here)/gi, `@${ZWSP}$1`).replace(/<(@[!&]?|#)/g, `<${ZWSP}$1`);
}
/** Plain text → text Discord shows literally: Markdown escaped, mentions broken. */
export function safe(text) {
    const escaped = escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true })
        // Subtext ("-# small") and block quotes (">") at a line start; brackets, which could open a masked link.
        .replace(/^(\s*)-#/gm, '$1\\-#')
        .replace(/^(\s*)>/gm, '$1\\>')
        .replace(/[[\]]/g, '\\$&');
    return neutralizeMentions(escaped);
}
/** Collapses runs of whitespace; keeps single newlines when `lines` is set. */
export function squash(text, lines = false) {
    if (!lines)
        return text.replace(/\s+/g, ' ').trim();
    return text
        .split(/\n/)
        .map((l) => l.replace(/[^\S\n]+/g, ' ').trim())
        .join('\n')
        .replace(/\n{3,}/g, '\n\n')
        .trim();
}
/**
 * Cuts plain text to at most `max` characters, at the last sentence end when there is one in
 * the second half, else at a word boundary with an ellipsis. Returns the text unchanged when it fits.
 */
export function cutAtSentence(text, max) {
    if (text.length <= max)
        return { text, cut: false };
    if (max <= 1)
        return { text: max === 1 ? '…' : '', cut: true };
    const window = text.slice(0, max);
    let end = -1;
    const re = /[.!?…]["”’')\]]?(?=\s)/g;
    for (let m = re.exec(window); m; m = re.exec(window))
        end = m.index + m[0].length;
    if (end >= max * 0.4)
        return { text: window.slice(0, end), cut: true };
    return { text: cutAtWord(text, max), cut: true };
}
/** Cuts to at most `max` characters at a word boundary, ending with "…". */
export function cutAtWord(text, max) {
    if (text.length <= max)
        return text;
    if (max <= 1)
        return max === 1 ? '…' : '';
    let cut = text.slice(0, max - 1);
    // Do not leave half a surrogate pair.
    if (/[\uD800-\uDBFF]$/.test(cut))
        cut = cut.slice(0, -1);
    const space = cut.lastIndexOf(' ');
    if (space >= max * 0.6)
        cut = cut.slice(0, space);
    return `${cut.replace(/[\s,;:]+$/, '')}…`;
}
/**
 * Plain text → safe Discord text of at most `max` characters. Escaping adds characters, so the
 * plain text is cut until its escaped form fits.
 */
export function safeWithin(text, max, how = 'word') {
    let budget = max;
    for (let i = 0; i < 12; i++) {
        const part = how === 'sentence' ? cutAtSentence(text, budget) : { text: cutAtWord(text, budget), cut: text.length > budget };
        const out = safe(part.text);
        if (out.length <= max)
            return { text: out, cut: part.cut };
        budget = Math.max(0, budget - Math.max(1, out.length - max));
    }
    return { text: '', cut: true };
}
/** A URL Discord accepts in an embed or a link button: absolute http(s), at most 512 characters. */
export function safeUrl(url) {
    if (!url)
        return undefined;
    try {
        const u = new URL(url);
        if (u.protocol !== 'https:' && u.protocol !== 'http:')
            return undefined;
        // Parentheses and spaces would end a Markdown link early.
        const href = u.href.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/ /g, '%20');
        return href.length <= 512 ? href : undefined;
    }
    catch {
        return undefined;
    }
}
/** A masked link `[label](url)` with a safe label, or the safe label alone when the URL is unusable. */
export function link(label, url, maxLabel = 200) {
    const text = safeWithin(squash(label), maxLabel).text;
    const href = safeUrl(url);
    return href ? `[${text}](${href})` : text;
}
/** Plain text cut to `max` characters with no escaping (autocomplete names, button labels, footers). */
export function plainWithin(text, max) {
    return cutAtWord(squash(text), max);
}
