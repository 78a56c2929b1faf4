// Extension tags (<ref>, <nowiki>, <pre>, <gallery>, <math>, <poem> …) are cut out of the
// wikitext before templates are expanded and replaced by placeholders, as MediaWiki's
// preprocessor does: their content is not wikitext (nowiki, pre, math) or is read on its own
// (a ref's content becomes a footnote). Comments go at the same time.

/** Placeholder delimiters: private-use characters no wiki text contains. */
const OPEN = '\uE000';
const CLOSE = '\uE001';
export const PLACEHOLDER = /\uE000(\d+)\uE001/g;

export interface ExtensionTag {
  name: string;
  attrs: Record<string, string>;
  /** null for a self-closing tag (`<ref name="a"/>`). */
  content: string | null;
}

// Tags whose content MediaWiki hands to an extension. Any other unknown tag is text.
const EXTENSION_TAGS = [
  'nowiki',
  'pre',
  'ref',
  'references',
  'gallery',
  'math',
  'chem',
  'ce',
  'source',
  'syntaxhighlight',
  'poem',
  'score',
  'timeline',
  'imagemap',
  'graph',
  'mapframe',
  'maplink',
  'templatedata',
  'templatestyles',
  'inputbox',
  'categorytree',
  'charinsert',
  'hiero',
  'indicator',
  'section',
  'infobox',
  'dynamicpagelist',
  'dpl',
  'youtube',
  'tabber',
  'choose',
  'activityfeed',
  'mainpage',
  'mainpage-leftcolumn-start',
  'mainpage-rightcolumn-start',
  'mainpage-endcolumn',
  'rss',
  'languages',
  'translate',
  'tvar',
  'ogg',
  'includeonly',
];
const TAG_NAMES = EXTENSION_TAGS.join('|');
// An opening tag (maybe self-closing). Names are matched whole: <references> is not <ref>.
const OPEN_TAG = new RegExp(`<(${TAG_NAMES})(?=[\\s/>])((?:[^>"']|"[^"]*"|'[^']*')*?)(/?)>`, 'gi');

const ATTR = /([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/g;

export function tagAttributes(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(s); m; m = ATTR.exec(s)) out[m[1]!.toLowerCase()] = (m[2] ?? m[3] ?? m[4] ?? '').trim();
  return out;
}

/** The extension tags of one page, each behind a placeholder in the text. */
export class Extensions {
  readonly tags: ExtensionTag[] = [];

  add(tag: ExtensionTag): string {
    this.tags.push(tag);
    return `${OPEN}${this.tags.length - 1}${CLOSE}`;
  }

  get(index: number): ExtensionTag | undefined {
    return this.tags[index];
  }
}

/** Removes `<!-- comments -->` (an unclosed one runs to the end, as in MediaWiki). */
export function stripComments(text: string): string {
  if (!text.includes('<!--')) return text;
  return text.replace(/<!--[\s\S]*?(?:-->|$)/g, '');
}

/** Cuts the extension tags out of `text` into `ext`, leaving placeholders. An opening tag
 *  without its closing tag is left as text. On a page (not a template) `<noinclude>` and
 *  `<onlyinclude>` only mark what a transclusion would take: their tags go, their content stays;
 *  `<includeonly>` content is only for transclusion and goes. */
export function extractTags(text: string, ext: Extensions): string {
  text = stripComments(text);
  if (!text.includes('<')) return text;
  text = text.replace(/<\/?(?:noinclude|onlyinclude)\s*>/gi, '');
  let out = '';
  let last = 0;
  OPEN_TAG.lastIndex = 0;
  for (let m = OPEN_TAG.exec(text); m; m = OPEN_TAG.exec(text)) {
    const name = m[1]!.toLowerCase();
    const attrs = tagAttributes(m[2] ?? '');
    let end = m.index + m[0].length;
    let content: string | null = null;
    if (!m[3]) {
      const close = new RegExp(`</${name}\\s*>`, 'ig');
      close.lastIndex = end;
      const c = close.exec(text);
      if (!c) {
        // <ref> and friends left open are text in MediaWiki; a stray <nowiki> too.
        continue;
      }
      content = text.slice(end, c.index);
      end = c.index + c[0].length;
    }
    out += text.slice(last, m.index);
    if (name !== 'includeonly') out += ext.add({ name, attrs, content });
    last = end;
    OPEN_TAG.lastIndex = end;
  }
  return out + text.slice(last);
}

/** What a template's page contributes when it is transcluded: the `<onlyinclude>` parts when
 *  there are any, else everything outside `<noinclude>`, with `<includeonly>` tags unwrapped. */
export function transcludedPart(body: string): string {
  body = stripComments(body);
  const only = [...body.matchAll(/<onlyinclude>([\s\S]*?)<\/onlyinclude>/gi)];
  if (only.length > 0) body = only.map((m) => m[1]).join('');
  body = body.replace(/<noinclude>[\s\S]*?(?:<\/noinclude>|$)/gi, '');
  return body.replace(/<\/?includeonly\s*>/gi, '');
}
