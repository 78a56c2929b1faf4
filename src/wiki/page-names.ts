// Page names: how a link's href, a file name or a permalink becomes the name of a page.
// MediaWiki names use spaces; the export writes them with `_`, sometimes percent-encoded,
// sometimes with HTML entities (`workers&#39;_cooperatives.md`).

// The few named entities pandoc and MediaWiki emit in attributes and file names. Markdown
// text itself is decoded by micromark; only raw HTML attributes reach this function.
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  hellip: '…',
  eacute: 'é',
  egrave: 'è',
  aacute: 'á',
  agrave: 'à',
  iacute: 'í',
  oacute: 'ó',
  uacute: 'ú',
  ntilde: 'ñ',
  ccedil: 'ç',
  ouml: 'ö',
  uuml: 'ü',
  auml: 'ä',
  szlig: 'ß',
};

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/g, (whole, dec, hex, name) => {
    if (name !== undefined) return NAMED[name] ?? whole;
    const cp = dec !== undefined ? Number(dec) : parseInt(hex, 16);
    return cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : whole;
  });
}

function safeDecodeURIComponent(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Whether a link destination leaves the wiki (has a scheme such as `https:` or `mailto:`).
 *  `Category:Foo.md` has no `//` and is a page, not a scheme. */
export function isExternalUrl(url: string): boolean {
  return /^(?:[a-z][a-z0-9+.-]*:\/\/|mailto:|tel:|data:|javascript:|www\.)/i.test(url.trim());
}

/** Whether a relative link destination names a Markdown page (`Other_page.md`, `Other_page.md#Anchor`). */
export function isMarkdownPageUrl(url: string): boolean {
  return !isExternalUrl(url) && /\.md(?:[#?].*)?$/i.test(url.trim());
}

/** The page a wiki link's href names: no `.md`, no anchor, `_` as spaces, entities and
 *  percent-escapes decoded. Returns '' when the href names no page (a bare `#anchor`). */
export function pageNameFromHref(href: string): string {
  let s = decodeEntities(href.trim());
  s = s.replace(/[#?].*$/s, '');
  s = s.replace(/^(?:\.\/)+/, '').replace(/^\/+/, '');
  s = s.replace(/\.md$/i, '');
  s = safeDecodeURIComponent(s);
  return s.replace(/_/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The page name a bare target (`Leon Trotsky`, `Leon_Trotsky`, `Category:Foo`) stands for. */
export function pageNameFromTarget(target: string): string {
  return decodeEntities(target).replace(/_/g, ' ').replace(/\s+/g, ' ').trim();
}

/** A file path's base name without `.md`. */
export function baseName(relPath: string): string {
  const file = relPath.slice(Math.max(relPath.lastIndexOf('/'), relPath.lastIndexOf('\\')) + 1);
  return file.replace(/\.md$/i, '');
}

// An export to a case-insensitive file system writes the second of two titles that differ only
// by case as `Title(1).md` ("Dual_power.md" and "Dual_Power(1).md"). A title of the wiki that
// really ends in a number in brackets has a space before them ("Paris Commune (1871)").
const CASE_CLASH_SUFFIX = /(?<=[^\s_(])\(\d{1,3}\)$/;

/** Whether a page file is the second (third, …) of titles that differ only by case. */
export function isCaseClashFile(relPath: string): boolean {
  return CASE_CLASH_SUFFIX.test(baseName(relPath));
}

/** A page file's base name without `.md` and without a case clash's `(1)`: the page's name as
 *  its URLs spell it. */
export function pageFileName(relPath: string): string {
  return baseName(relPath).replace(CASE_CLASH_SUFFIX, '');
}

/** The title a page gets from its file name when its front matter gives none. */
export function titleFromFileName(relPath: string): string {
  return pageNameFromTarget(safeDecodeURIComponent(pageFileName(relPath)));
}

/** `/Can_Masdeu_Uprising/` → `Can_Masdeu_Uprising`. */
export function slugFromPermalink(permalink: string): string {
  return permalink.trim().replace(/^\/+|\/+$/g, '');
}

/** The `Category:` prefix MediaWiki uses for category pages; returns the category name, or
 *  null for any other page. A leading `:` (`:Category:Foo`) links to the category page
 *  instead of filing the page under it. */
export function categoryName(page: string): string | null {
  const m = /^category\s*:\s*(.+)$/i.exec(page);
  return m ? m[1]!.trim() : null;
}

// MediaWiki's namespaces (and the ones wiki farms add) as they prefix page names: pages of
// the wiki's machinery, its people and its files, never a subject a page is related to.
// Interwiki prefixes (`w:`, `wikipedia:`) lead out of the wiki altogether.
const NAMESPACE =
  /^(?:user|user talk|talk|file|file talk|image|image talk|media|category|category talk|template|template talk|help|help talk|special|project|project talk|wikipedia|wikipedia talk|mediawiki|mediawiki talk|module|module talk|portal|portal talk|draft|draft talk|message wall|message wall greeting|user blog|user blog comment|blog|board|board thread|thread|topic|forum|w|wikt|wiktionary|commons|meta|mw)\s*:/i;

/** Whether a page name is in one of MediaWiki's namespaces other than the articles'. */
export function isNamespacePage(page: string): boolean {
  return NAMESPACE.test(page.trim());
}

/** Whether a page name is a file or an image: a link to one shows a picture, and its label is
 *  a caption rather than text. */
export function isMediaPage(page: string): boolean {
  return /^(?:file|image|media)\s*:/i.test(page.trim());
}

/** A title as MediaWiki tells titles apart: one space for each run of spaces or underscores,
 *  the first letter in upper case, the rest as written. */
export function mediaWikiTitle(text: string): string {
  const t = text.replace(/[\s_]+/g, ' ').trim();
  return t.charAt(0).toUpperCase() + t.slice(1);
}
