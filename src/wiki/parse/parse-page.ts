// One page file → one ParsedPage. The source is parsed once into mdast (remark + gfm), after
// pandoc's wikilinks have been taken out of it (wikilink-prepass.ts); our wikilink plugin turns them
// back into links, strip-markdown removes what is not text, and a single walk over the tree
// (tree-walk.ts) derives everything else: lead, sections, quotes, concepts, links, categories and
// footnotes. Nothing is stringified or re-parsed along the way, which keeps parsing below the
// cost of remark's own parse of the same page.
import type { Root } from 'mdast';
import { remark } from 'remark';
import remarkGfm from 'remark-gfm';
import stripMarkdown from 'strip-markdown';
import { isPersonLike } from './attribution.js';
import { packSections } from '../cache/packed-text.js';
import { splitFrontMatter } from './front-matter.js';
import { capNesting, MAX_NESTING } from './nesting-guard.js';
import remarkGfmPerPage from './gfm-per-page.js';
import type { Article, ParsedPage } from '../model.js';
import { repairMojibake } from './mojibake.js';
import { isCaseClashFile, pageFileName, slugFromPermalink, titleFromFileName } from '../page-names.js';
import { encodeWikiLinks } from './wikilink-prepass.js';
import { isPersonPage, resolveQuotes } from './quotes.js';
import { redirectTarget } from './redirect.js';
import { composeLead } from './lead.js';
import { packTerms, pageTerms } from './search-terms.js';
import { walkPage } from './tree-walk.js';
import remarkWikiLinks from './wikilink-plugin.js';

export interface ParseOptions {
  summaryMaxChars: number;
}

const processor = remark()
  .use(remarkGfm)
  // remark-gfm's syntax, tried only where a page could use it: the same tree for less of
  // remark's work.
  .use(remarkGfmPerPage)
  .use(remarkWikiLinks)
  .use(stripMarkdown, {
    // Keep the structure the walk needs; strip-markdown drops raw HTML, code, images and
    // definitions, and flattens the rest of the inline formatting.
    keep: [
      'heading',
      'blockquote',
      'list',
      'listItem',
      'link',
      'strong',
      'emphasis',
      'footnoteReference',
      'footnoteDefinition',
      'table',
      'tableCell',
      'text',
    ],
    remove: ['image', 'imageReference'],
  })
  .freeze();

const MAX_ALIAS = 80;

function cleanAlias(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .replace(/^[\s"“”'‘’(\-–—,.;:]+|[\s"“”'‘’),.;:\-–—]+$/gu, '')
    .trim();
}

function aliasesFor(title: string, strong: readonly string[], extra: readonly string[]): string[] {
  const key = (s: string) =>
    s
      .toLowerCase()
      .replace(/[_\s]+/g, ' ')
      .trim();
  const seen = new Set([key(title)]);
  const out: string[] = [];
  for (const raw of [...strong, ...extra]) {
    const a = cleanAlias(raw);
    if (!a || a.length > MAX_ALIAS || a.split(' ').length > 8 || !/\p{L}/u.test(a) || seen.has(key(a))) continue;
    seen.add(key(a));
    out.push(a);
  }
  return out;
}

/** Parses one page. Pure and synchronous; throws with a reason when the page is unusable. */
export function parsePage(relPath: string, source: string, opts: ParseOptions): ParsedPage {
  const path = relPath.replace(/\\/g, '/');
  if (source.includes('\u0000')) throw new Error('not a text file (contains NUL bytes)');
  const { frontMatter, body, warnings } = splitFrontMatter(repairMojibake(source));
  const title = frontMatter?.title ?? titleFromFileName(path);
  if (!title) throw new Error('page has no title (empty file name and no front matter title)');
  // Kept (other pages may link to it, and its title still answers), but its author should know.
  if (body.trim() === '') warnings.push(frontMatter ? 'empty page: no text after the front matter' : 'empty page: no text');
  let slug = (frontMatter?.permalink ? slugFromPermalink(frontMatter.permalink) : '') || pageFileName(path);
  // A case clash's file may carry its "(1)" into the permalink as well.
  if (isCaseClashFile(path) && slug.endsWith(')') && !title.endsWith(')')) slug = slug.replace(/\(\d{1,3}\)$/, '');

  const capped = capNesting(body);
  if (capped.lines > 0)
    warnings.push(`${capped.lines} line(s) nested deeper than ${MAX_NESTING} levels were flattened to ${MAX_NESTING}; their text is kept`);
  const encoded = encodeWikiLinks(capped.source);
  const file = { value: encoded.source, data: { wikiLinks: encoded.links } };
  const tree = processor.runSync(processor.parse(file), file) as Root;

  const redirect = redirectTarget(tree);
  if (redirect !== null) return withWarnings({ kind: 'redirect', redirect: { from: title, ...redirect, path } }, warnings);

  const walk = walkPage(tree);
  const { sections } = walk;
  const lead = composeLead(walk.leadBlocks, walk.firstParagraph, opts.summaryMaxChars);
  // Bold terms of the lead's own paragraphs (not of a hatnote or an epigraph) are its aliases.
  const strong: string[] = [];
  for (const i of lead.body) {
    const b = walk.leadBlocks[i]!;
    if (b.kind === 'paragraph') for (const s of b.block.strong) strong.push(b.block.text.slice(s.start, s.end));
  }
  const people = walk.linkedPages.filter(isPersonLike);
  if (isPersonLike(title)) people.push(title);
  const quotes = resolveQuotes(walk.candidates, {
    footnotes: walk.footnotes,
    people,
    personTitle: isPersonPage(title, walk.categories) ? title : undefined,
  });

  const packed = packSections(sections);
  const article: Article = {
    title,
    slug,
    url: '',
    aliases: aliasesFor(title, strong, frontMatter?.aliases ?? []),
    lead: walk.lead,
    summary: lead.summary,
    sections: packed.sections,
    packedText: packed.packedText,
    quotes,
    links: walk.links,
    categories: walk.categories,
    footnotes: walk.footnotes,
    concepts: walk.concepts,
    path,
  };
  if (lead.hatnote) article.hatnote = lead.hatnote;
  return withWarnings(
    {
      kind: 'article',
      article,
      terms: packTerms(
        pageTerms(
          article,
          sections.map((s) => s.text),
        ),
      ),
    },
    warnings,
  );
}

function withWarnings(page: ParsedPage, warnings: string[]): ParsedPage {
  if (warnings.length > 0) page.warnings = warnings;
  return page;
}
