// Markup an export left in the text as characters: MediaWiki's `''italic''` and `'''bold'''`,
// Markdown's `**` that micromark could not pair (`**Orenthal James Simpson,**nicknamed`),
// `[[links]]` with brackets inside, character references written twice (`&amp;nbsp;` reads
// as "&nbsp;") and backslash escapes that survived (`\[17\]`). Run on each text node while
// block text is built; a cheap test keeps clean text (nearly all of it) out of it.
import { decodeString } from 'micromark-util-decode-string';
import { pageNameFromTarget } from '../page-names.js';

/** Whether a text node may hold a leftover (a false positive only costs a clean-up pass). */
export const LEFTOVER_HINT = /&[#A-Za-z]|\\[!-/:-@[-`{-~]|\*\*|''|\[\[|\]\]/;

// A MediaWiki link the wikilink plugin could not take (nested brackets): its label stays.
const MEDIAWIKI_LINK = /\[\[([^[\]|]*)(?:\|([^[\]]*))?\]\]/g;
// Pages whose links are not text: an image or file link is a picture (its "label" a caption).
const MEDIA_PAGE = /^(?:file|image|media)\s*:/i;
// A run of emphasis characters: `''`, `'''`, or `**` Markdown left unpaired. A single `*` is
// left alone: an importer escapes a wiki's literal `*word*`, and a lone one marks a note.
const EMPHASIS_RUN = /'{2,}|\*{2,}/g;

/** `text` without the leftovers named at the top of this file. */
export function cleanLeftovers(text: string): string {
  let t = text;
  if (t.includes('&') || t.includes('\\')) t = decodeString(t);
  if (t.includes('[[')) {
    t = t.replace(MEDIAWIKI_LINK, (_, target: string, label: string | undefined) =>
      MEDIA_PAGE.test(target.trim()) ? '' : (label ?? pageNameFromTarget(target)),
    );
  }
  if (t.includes('[[') || t.includes(']]')) t = t.replace(/\[\[|\]\]/g, '');
  if (t.includes("''") || t.includes('**')) {
    // Between a word (or the punctuation ending one) and the next word the run stood for a
    // boundary, which becomes a space ("Favale**was" → "Favale was", "Simpson,**nicknamed");
    // anywhere else it simply goes ("**- Ca Favale", "(''see'')").
    t = t.replace(EMPHASIS_RUN, (run, at: number, whole: string) => {
      const before = whole.charAt(at - 1);
      const after = whole.charAt(at + run.length);
      return /[\p{L}\p{N}.,;:!?]/u.test(before) && /[\p{L}\p{N}]/u.test(after) ? ' ' : '';
    });
  }
  return t;
}
