// What the live sync needs from the wikitext importer: one page's wikitext in, the text of the
// page file the bot reads out. The dump importer (src/wiki/import/) provides the real one;
// placeholder-converter.ts stands in until it lands.

/** Site facts a conversion may need: the wiki's name, the base of its page URLs, and its
 *  title case rule. */
export interface SiteInfo {
  name: string;
  baseUrl: string;
  /** MediaWiki's $wgCapitalLinks: 'first-letter' (the default) or 'case-sensitive'. */
  case?: string;
}

export type PageConverter = (title: string, wikitext: string, site: SiteInfo) => string;
