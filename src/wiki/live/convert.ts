// Live pages go through the dump importer's wikitext converter (src/import/wikitext), so a
// wiki followed through its API reads exactly as one imported from a dump.
import { convertPage } from '../../import/wikitext/page.js';
import { SiteNames } from '../../import/wikitext/site-names.js';
import type { SiteFacts } from '../../site-facts.js';

/** One page's wikitext → the text of the page file the bot reads. */
export type PageConverter = (title: string, wikitext: string, site: SiteFacts) => string;

const names = new WeakMap<SiteFacts, SiteNames>();

/** The importer's converter. Unlike a dump, the API gives no template definitions here, so only
 *  the templates the converter knows (quotations, citations, hatnotes) come through. */
export const wikitextConverter: PageConverter = (title, wikitext, site) => {
  let siteNames = names.get(site);
  if (!siteNames) names.set(site, (siteNames = new SiteNames(site)));
  return convertPage({ title, wikitext }, { site: siteNames }).text;
};
