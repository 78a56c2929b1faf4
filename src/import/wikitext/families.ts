// Templates known by name on most MediaWiki wikis (the conventions come from Wikipedia and are
// copied everywhere), turned into what they mean rather than expanded: quotations become
// blockquotes with an attribution line, hatnotes a line the page parser knows as a hatnote,
// citations a line of citation text, infoboxes, navboxes and maintenance boxes nothing.
// A wiki's own definition of one of these (its Template:Quote) is not used: its markup is
// styling around the same parameters.
import type { TemplateArgs } from './braces.js';
import { citationText, shortCitationText, yearOf } from './citation.js';

export interface FamilyContext {
  title: string;
  /** Makes a footnote of wikitext (for {{efn}}, {{refn}}, {{sfn}}): returns its placeholder. */
  footnote(content: string): string;
}

// Boxes and markers with nothing to say in a chat answer: infoboxes, navigation boxes and
// sidebars, maintenance and cleanup notices, stubs, reference-list wrappers, layout helpers.
const DROPPED = new RegExp(
  '^(?:' +
    [
      'infobox.*',
      '.*\\binfobox',
      'navbox.*',
      '.*\\bnavbox',
      '.*\\bsidebar',
      'sidebar.*',
      'succession.*',
      's-.*',
      'taxobox',
      'speciesbox',
      'automatic taxobox',
      'portal.*',
      'commons.*',
      'wiktionary.*',
      'wikiquote.*',
      'wikisource.*',
      'sister project.*',
      'authority control',
      'coord',
      'reflist.*',
      'references',
      'refbegin',
      'refend',
      'notelist.*',
      'toc.*',
      'clear.*',
      'stub',
      '.*-stub',
      'citation needed',
      'cn',
      'fact',
      'clarify',
      'when',
      'who',
      'dubious',
      'by whom',
      'which',
      'verify.*',
      'unreferenced.*',
      'refimprove.*',
      'more citations needed.*',
      'multiple issues',
      'cleanup.*',
      'orphan',
      'pov.*',
      'npov.*',
      'use .* dates',
      'use .* english',
      'good article',
      'featured article',
      'short description',
      'pp-.*',
      'italic title',
      'lowercase title',
      'disambiguation.*',
      'dab',
      'disambig.*',
      'expand.*',
      'update.*',
      'merge.*',
      'split.*',
      'delete.*',
      'speedy.*',
      'copyvio.*',
      'ambox.*',
      'mbox.*',
      'tmbox',
      'imbox',
      'cmbox',
      'ombox',
      'fmbox',
      'dead link',
      'failed verification',
      'page needed',
      'year needed',
      'original research',
      'peacock.*',
      'weasel.*',
      'wikify.*',
      'copy ?edit.*',
      'under construction',
      'in use',
      'construction',
      'spoiler.*',
      'documentation.*',
      'gallery',
      'image.*',
      'multiple image',
      'listen',
      'wide image',
      'panorama',
      'external media',
      'youtube',
      'clade',
      'chart.*',
      'graph:.*',
      'location map.*',
      'flagicon.*',
      'flag icon',
      'dynamic list',
      'incomplete list',
      'expand list',
      'div col.*',
      'col-.*',
      'end',
      'anchor',
      'defaultsort',
      'displaytitle',
      'shortcut',
      'selfref',
      'self reference',
    ].join('|') +
    ')$',
  'i',
);

const QUOTE = /^(?:[a-z]?quote|block ?quote|quotation|quote ?box|(?:centered )?pull ?quote|quote frame|poem ?quote|bq|rquote)$/i;
const CITE = /^(?:cite(?: .*)?|citation|vcite .*|cite[a-z]+)$/i;
const SHORT_CITE = /^(?:sfn|sfnp|sfnm|harv|harvnb|harvp|harvtxt|harvard citation(?: no brackets)?)$/i;
const NOTE = /^(?:efn(?:-[a-z]+)?|refn|notetag|ref label|note)$/i;

const HATNOTE_MAIN = /^(?:main|main article|main articles)$/i;
const HATNOTE_SEE = /^(?:see also|seealso|also|further|further information|details|see)$/i;
const HATNOTE_FOR =
  /^(?:for|other uses|otheruses|other uses of|for other uses|about|redirect|redirect2|redirect-distinguish|about-distinguish|other people|other places|other ships)$/i;
const HATNOTE_DISTINGUISH = /^(?:distinguish|not to be confused with|confused)$/i;
const HATNOTE_TEXT = /^(?:hatnote|rellink|dablink|hatnote inline)$/i;

// Style arguments of quotation boxes that are not text: widths, colours, alignments.
const STYLE_VALUE = /^(?:\d+(?:\.\d+)?(?:px|%|em)?|#?[0-9a-f]{3,6}|left|right|center|none|yes|no)$/i;

/** The wikitext a known template stands for, or undefined when `name` is not one of them. */
export function familyCall(name: string, args: TemplateArgs, ctx: FamilyContext): string | undefined {
  const n = name.trim();
  if (QUOTE.test(n)) return quotation(args);
  if (CITE.test(n)) return citationText(n.replace(/^cite\s*/i, '').toLowerCase(), args);
  if (SHORT_CITE.test(n)) return ctx.footnote(shortCitationText(args));
  if (NOTE.test(n)) {
    const text = args.get('1', 'text', 'content');
    return text ? ctx.footnote(text) : '';
  }
  if (HATNOTE_MAIN.test(n)) return hatnote(`Main article${pages(args).length > 1 ? 's' : ''}: ${linkList(args)}`);
  if (HATNOTE_SEE.test(n)) return hatnote(`See also: ${linkList(args)}`);
  if (HATNOTE_DISTINGUISH.test(n)) {
    const text = args.get('text');
    return hatnote(`Not to be confused with ${text ?? linkList(args, ' or ')}.`);
  }
  if (HATNOTE_FOR.test(n)) return forHatnote(n.toLowerCase(), args, ctx.title);
  if (HATNOTE_TEXT.test(n)) {
    const text = args.get('1', 'text');
    return text ? hatnote(text) : '';
  }
  if (DROPPED.test(n)) return '';
  return undefined;
}

function hatnote(text: string): string {
  return `\n\n${text}\n\n`;
}

/** The page arguments of a hatnote (positional ones), with their labels (l1, l2 …). */
function pages(args: TemplateArgs): { page: string; label?: string }[] {
  return args.positional.map((page, i) => ({ page, label: args.get(`l${i + 1}`, `label ${i + 1}`) })).filter((p) => p.page !== '');
}

function link(page: string, label?: string): string {
  if (/\[\[/.test(page)) return page;
  // "Page#Section" reads "Page § Section", as MediaWiki writes it.
  const shown = label ?? page.replace(/#/, ' § ');
  return shown === page ? `[[${page}]]` : `[[${page}|${shown}]]`;
}

function linkList(args: TemplateArgs, last = ' and '): string {
  const items = pages(args).map((p) => link(p.page, p.label));
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')}${last}${items[items.length - 1]}`;
}

/** {{about|USE|OTHER|PAGE}}, {{for|OTHER|PAGE}}, {{redirect|R|OTHER|PAGE}}, {{other uses|PAGE}}:
 *  worded so the page parser recognises a hatnote ("This article is about", "For the …, see",
 *  "For other uses, see"). */
function forHatnote(kind: string, args: TemplateArgs, title: string): string {
  const p = args.positional;
  let use: string | undefined;
  let pairs: string[];
  if (kind.startsWith('about')) {
    use = p[0];
    pairs = p.slice(1);
  } else if (kind.startsWith('redirect')) {
    pairs = p.slice(1);
  } else if (kind === 'for') {
    pairs = p;
  } else {
    // {{other uses|PAGE}}, {{other people|NAME|PAGE}}: the target is the last argument.
    pairs = p.length > 0 ? ['', p[p.length - 1]!] : [];
  }
  const sentences: string[] = [];
  if (use) sentences.push(`This article is about ${use}.`);
  for (let i = 0; i < pairs.length; i += 2) {
    const other = pairs[i]?.trim();
    const target = pairs[i + 1]?.trim() || (i === 0 ? `${title} (disambiguation)` : '');
    if (!target) continue;
    if (other && /^the\s/i.test(other)) sentences.push(`For ${other}, see ${link(target)}.`);
    else if (other) sentences.push(`For other uses (${other}), see ${link(target)}.`);
    else sentences.push(`For other uses, see ${link(target)}.`);
  }
  return sentences.length ? hatnote(sentences.join(' ')) : '';
}

/** A quotation template as a blockquote whose last line is its attribution
 *  ("— Author, ''Work'' (1902)"), the form the page parser reads speakers from. */
function quotation(args: TemplateArgs): string {
  const text = args.get('text', 'quote', 'quotetext', 'content', '1');
  if (!text) return '';
  // Positional arguments after the text, without the box's style values: author, then source.
  const rest = args.positional.slice(1).filter((v) => v !== '' && !STYLE_VALUE.test(v));
  const author = args.get('author', 'sign', 'speaker', 'cite', 'person', 'by', 'character', 'attribution') ?? rest[0];
  const title = args.get('title', 'work', 'publication', 'book');
  const source = args.get('source', 'ref') ?? (title ? undefined : rest[1]);
  const year = yearOf(args.get('year', 'date'));
  const attribution: string[] = [];
  if (author) attribution.push(author);
  for (const w of [title, source]) {
    if (!w) continue;
    // A bare page name or title reads as a work; a link or a URL stays as written.
    attribution.push(/\[|''|https?:\/\//.test(w) ? w : `''${w}''`);
  }
  let line = attribution.join(', ');
  if (line && year && !line.includes(year)) line += ` (${year})`;
  return `\n<blockquote>\n${text}\n${line ? `\n— ${line}\n` : ''}</blockquote>\n`;
}
