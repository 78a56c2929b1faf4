// The source pre-pass for wikilinks. pandoc's two link forms, `[label](Target.md "wikilink")`
// and `<a href="Target.md" class="wikilink" …>label</a>`, are taken out of the Markdown before
// micromark sees it: the destination, title and tags are replaced by private-use marker
// characters around the label, and the links are handed to the remark plugin through the
// vfile (`file.data.wikiLinks`). That spares micromark its link and HTML tokenizers, about a
// quarter of its time on a wiki page. The label stays in place and is parsed as usual; the
// plugin turns each marked span back into a link. Anything the pre-pass leaves alone (links
// across a blank line, odd destinations) is still handled on the tree.
import { htmlAnchorTarget, wikiTarget, type WikiLinkData } from './link-targets.js';

/** A wiki link taken out of the source by encodeWikiLinks. */
export interface EncodedLink {
  wiki: WikiLinkData;
  url: string;
}

// Private-use characters: OPEN label CLOSE <index> END. A source that already contains any of
// them is parsed without the pre-pass.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const END = '\uE002';
export const ANY_MARK = /[\uE000-\uE002]/;
/** Marker characters (and a close marker's index) that must never reach the text. */
export const STRAY_MARKS = /\uE001\d*\uE002|[\uE000-\uE002]/g;

// [label](Target.md "wikilink"): a label without brackets, a destination with balanced
// parentheses ("Columbine_Massacre_(1927).md"), an optional title. Not an image, not escaped.
const MD_LINK = /(?<![!\\])\[([^[\]]*)\]\(([^\s"'<>()]+(?:\([^\s"'<>()]*\)[^\s"'<>()]*)*)(?:[ \t]+"([^"\n]*)")?\)/g;
// An opening tag may wrap over lines, and inside a blockquote those lines start with `>`.
const HTML_OPEN = /"?<a\s(?:[^<>"'\n]|\n[ \t]*(?:>[ \t]?)*|"[^"]*"|'[^']*')*>/gi;
const HTML_CLOSE = /<\/a\s*>/gi;
const HTML_ANY_OPEN = /<a\s/gi;
const BLANK_LINE = /\n[ \t>]*\n/;

/** Replaces pandoc's Markdown and raw-HTML wikilinks in `source` with markers around their
 *  labels (see the top of this file). Pass `links` to the plugin as `file.data.wikiLinks`. */
export function encodeWikiLinks(source: string): { source: string; links: EncodedLink[] } {
  const links: EncodedLink[] = [];
  if (ANY_MARK.test(source)) return { source, links };
  const mark = (label: string, link: EncodedLink) => `${OPEN}${label}${CLOSE}${links.push(link) - 1}${END}`;
  let s = source;
  if (s.includes('](')) {
    s = s.replace(MD_LINK, (whole, label: string, url: string, title: string | undefined) => {
      if (BLANK_LINE.test(label)) return whole;
      const wiki = wikiTarget(url, title === 'wikilink');
      return wiki ? mark(label, { wiki, url }) : whole;
    });
  }
  if (/<a\s/i.test(s)) {
    let out = '';
    let last = 0;
    HTML_OPEN.lastIndex = 0;
    for (let m = HTML_OPEN.exec(s); m; m = HTML_OPEN.exec(s)) {
      const tag = m[0].startsWith('"') ? m[0].slice(1) : m[0];
      const hit = htmlAnchorTarget(tag);
      if (!hit) continue;
      const after = m.index + m[0].length;
      HTML_CLOSE.lastIndex = after;
      const close = HTML_CLOSE.exec(s);
      HTML_ANY_OPEN.lastIndex = after;
      const nextOpen = HTML_ANY_OPEN.exec(s);
      if (!close || (nextOpen && nextOpen.index < close.index)) continue;
      const label = s.slice(after, close.index);
      if (BLANK_LINE.test(label)) continue;
      // The stray `"` the export puts before the tag goes with the tag.
      out += s.slice(last, m.index) + mark(label || hit.title, { wiki: hit.wiki, url: hit.url });
      last = close.index + close[0].length;
      HTML_OPEN.lastIndex = last;
    }
    s = out + s.slice(last);
  }
  return { source: s, links };
}
