// Which page names can be related items at all. The parser keeps such names out of links and
// concepts too; /related checks again by these general rules, so a page an export gets wrong
// never becomes a related concept.
import { isExternalUrl } from '../wiki/page-names.js';

/** A name in a MediaWiki namespace (`User:Name`, `Category:Foo`, `File:X.jpg`,
 *  `Wikipedia:Policy`, a wiki's own `Some Wiki:About`) or an interwiki prefix (`w:c:other`).
 *  MediaWiki writes these as a prefix and a colon with nothing between the colon and the name,
 *  while article titles that hold a colon have a space after it ("Debt: The First 5000
 *  Years"). The prefix starts with a letter, so "10:15 Saturday Night" is no namespace. */
const NAMESPACED = /^\p{L}[^:]{0,39}:[^\s:]/u;
/** MediaWiki's namespaces that no article title starts with, which an export may write with a
 *  space after the colon ("Project: …" or "Talk: …" could be a title on a wiki of notes). */
const MEDIAWIKI_NAMESPACE = /^(?:user|file|image|category|template|special|wikipedia|mediawiki)(?:[ _]talk)?\s*:/i;

/** Whether a page or concept name can stand as a related item: not a URL, not a page of a
 *  namespace (users, files, categories, the wiki's own pages, other wikis). */
export function isArticleName(name: string): boolean {
  const s = name.trim();
  return s.length > 0 && !isExternalUrl(s) && !NAMESPACED.test(s) && !MEDIAWIKI_NAMESPACE.test(s);
}
