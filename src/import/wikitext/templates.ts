// Template expansion. A call is, in order: a parser function (#if and #ifeq only: anything
// more is programming, not text), a magic word ({{PAGENAME}}), a template the wiki world knows
// by name (families.ts), a template defined in the dump whose body is plain text with
// parameters, or a few formatting wrappers; anything else is dropped and reported as missing,
// so an importer can come back to the page once the dump has shown its definition.
import { braceSpanAt, splitPipes, TemplateArgs } from './braces.js';
import { familyCall } from './families.js';
import { extractTags, transcludedPart, type Extensions } from './tags.js';
import { NS, type SiteNames, upperFirst } from './site-names.js';

/** Templates the dump defines, by normalised name (no namespace prefix). */
export interface TemplateSource {
  /** The transcluded body when it is plain text; null when the template exists but is not
   *  (an infobox, a table, a Lua module call); undefined when the dump does not define it. */
  body(name: string): string | null | undefined;
}

export interface ExpandContext {
  title: string;
  site: SiteNames;
  templates?: TemplateSource;
  ext: Extensions;
  /** Names of templates called but neither known nor defined (so far). */
  missing: Set<string>;
}

const MAX_DEPTH = 24;
const MAX_OUTPUT = 4_000_000;

// Parser functions that are programming (#switch, #expr, #invoke …): a template using them is not text.
const PROGRAMMING = /\{\{\s*#(?!if\s*:|ifeq\s*:)[a-z]+\s*:/i;
const BOX = /<infobox|^\s*\{\||\n\s*\{\||class\s*=\s*["']?[^"'>]*\b(?:infobox|navbox|ambox|mbox|metadata|sidebar|navigation)/i;

/** Whether a template body is plain text this expander can render. */
export function isPlainTemplate(body: string): boolean {
  return !PROGRAMMING.test(body) && !BOX.test(body);
}

/** Templates collected from a dump. Plain bodies are kept up to `maxBytes` in all; past that
 *  (a dump of a huge wiki), further ones count as not plain, so memory stays bounded. */
export class TemplateStore implements TemplateSource {
  private readonly bodies = new Map<string, string | null>();
  private bytes = 0;
  /** Plain templates not kept because the budget was spent. */
  dropped = 0;

  constructor(
    private readonly site: SiteNames,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  get size(): number {
    return this.bodies.size;
  }

  /** Adds a Template-namespace page (`title` with or without its prefix). */
  add(title: string, wikitext: string): void {
    const name = this.site.normalize(this.site.stripNamespace(title));
    const body = transcludedPart(wikitext);
    if (!isPlainTemplate(body)) {
      this.bodies.set(name, null);
      return;
    }
    if (this.bytes + body.length > this.maxBytes) {
      this.dropped++;
      this.bodies.set(name, null);
      return;
    }
    this.bytes += body.length;
    this.bodies.set(name, body);
  }

  body(name: string): string | null | undefined {
    return this.bodies.get(this.site.normalize(name));
  }
}

// Small formatting templates whose meaning is their text, used where the dump does not define them.
const WRAPPERS: Record<string, (a: TemplateArgs) => string> = {
  '!': () => '|',
  '=': () => '=',
  "'": () => "'",
  '·': () => ' · ',
  dot: () => ' · ',
  ndash: () => '–',
  mdash: () => '—',
  snd: () => ' – ',
  'spaced ndash': () => ' – ',
  nbsp: () => ' ',
  sic: (a) => `${a.get('1') ?? ''} [sic]`,
  nowrap: (a) => a.get('1') ?? '',
  nobr: (a) => a.get('1') ?? '',
  small: (a) => a.get('1') ?? '',
  smaller: (a) => a.get('1') ?? '',
  big: (a) => a.get('1') ?? '',
  larger: (a) => a.get('1') ?? '',
  em: (a) => `''${a.get('1') ?? ''}''`,
  strong: (a) => `'''${a.get('1') ?? ''}'''`,
  abbr: (a) => a.get('1') ?? '',
  'small caps': (a) => a.get('1') ?? '',
  sc: (a) => a.get('1') ?? '',
  center: (a) => a.get('1') ?? '',
  'visible anchor': (a) => a.get('1') ?? '',
  lang: (a) => a.positional[a.positional.length - 1] ?? '',
  transl: (a) => a.positional[a.positional.length - 1] ?? '',
  'native name': (a) => a.get('2') ?? '',
  ill: (a) => (a.get('1') ? `[[${a.get('1')}]]` : ''),
  'interlanguage link': (a) => (a.get('1') ? `[[${a.get('1')}]]` : ''),
  convert: (a) => [a.get('1'), a.get('2')].filter(Boolean).join(' '),
  circa: (a) => `c. ${a.get('1') ?? ''}`.trim(),
  'c.': (a) => `c. ${a.get('1') ?? ''}`.trim(),
  'as of': (a) => `As of ${[a.get('1'), a.get('2'), a.get('3')].filter(Boolean).join(' ')}`,
  isbn: (a) => `ISBN ${a.get('1') ?? ''}`.trim(),
  url: (a) => a.get('1') ?? '',
  'columns-list': (a) => a.get('1') ?? '',
  plainlist: (a) => a.get('1') ?? '',
  flatlist: (a) => a.get('1') ?? '',
  'poem quote': (a) => a.get('1') ?? '',
};

const MAGIC_VARIABLES = /^(?:PAGENAME|FULLPAGENAME|BASEPAGENAME|ROOTPAGENAME|SUBPAGENAME|ARTICLEPAGENAME|SUBJECTPAGENAME)E?$/;

/** Expands templates and parameters in `text`. `frame` holds the arguments when `text` is a
 *  template's body; on a page, `{{{x}}}` is text. */
export function expandTemplates(text: string, ctx: ExpandContext, frame?: TemplateArgs, depth = 0, stack: readonly string[] = []): string {
  if (!text.includes('{{')) return text;
  let out = '';
  let last = 0;
  let i = text.indexOf('{{');
  while (i !== -1) {
    const span = braceSpanAt(text, i);
    if (!span) {
      i = text.indexOf('{{', i + 2);
      continue;
    }
    out += text.slice(last, span.start);
    if (span.kind === 3) out += parameter(span.inner, ctx, frame, depth, stack, text.slice(span.start, span.end));
    else out += call(span.inner, ctx, frame, depth, stack);
    if (out.length > MAX_OUTPUT) return out;
    last = span.end;
    i = text.indexOf('{{', last);
  }
  return out + text.slice(last);
}

function parameter(
  inner: string,
  ctx: ExpandContext,
  frame: TemplateArgs | undefined,
  depth: number,
  stack: readonly string[],
  literal: string,
): string {
  if (!frame) return literal;
  const parts = splitPipes(inner);
  const name = expandTemplates(parts[0]!, ctx, frame, depth, stack).trim().toLowerCase();
  if (frame.has(name)) return frame.named.get(name)!;
  return parts.length > 1 ? expandTemplates(parts[1]!, ctx, frame, depth, stack) : '';
}

function call(inner: string, ctx: ExpandContext, frame: TemplateArgs | undefined, depth: number, stack: readonly string[]): string {
  if (depth > MAX_DEPTH) return '';
  const parts = splitPipes(inner);
  const expand = (s: string) => expandTemplates(s, ctx, frame, depth, stack);
  let name = expand(parts[0]!)
    .trim()
    .replace(/^(?:safesubst|subst|msgnw|msg|raw)\s*:/i, '')
    .trim();

  // Parser functions and magic words with an argument after a colon.
  const colon = name.indexOf(':');
  if (name.startsWith('#') && colon > 0)
    return parserFunction(name.slice(1, colon).trim().toLowerCase(), name.slice(colon + 1), parts.slice(1), ctx, expand);
  if (colon > 0) {
    const head = name.slice(0, colon).trim();
    const arg = name.slice(colon + 1).trim();
    switch (head.toLowerCase()) {
      case 'lc':
        return arg.toLowerCase();
      case 'uc':
        return arg.toUpperCase();
      case 'lcfirst':
        return arg.charAt(0).toLowerCase() + arg.slice(1);
      case 'ucfirst':
        return upperFirst(arg);
      case 'formatnum':
      case 'urlencode':
      case 'anchorencode':
      case 'padleft':
      case 'padright':
        return arg;
      case 'defaultsort':
      case 'defaultsortkey':
      case 'displaytitle':
      case 'int':
      case 'ns':
      case 'fullurl':
      case 'localurl':
      case 'filepath':
        return '';
    }
    const ns = ctx.site.namespace(head);
    if (name.startsWith(':') || (ns !== undefined && ns !== NS.template)) return ''; // a transcluded page
    if (ns === NS.template) name = arg;
  }
  if (MAGIC_VARIABLES.test(name)) return ctx.title;
  if (name === 'SITENAME') return ctx.site.facts.name ?? '';
  if (/^(?:NAMESPACE|TALKSPACE|CURRENT[A-Z]+|LOCAL[A-Z]+|NUMBEROF[A-Z]+|REVISION[A-Z]+|PAGEID|SERVER|SERVERNAME|SCRIPTPATH)$/.test(name))
    return '';
  name = ctx.site.normalize(name);
  if (!name) return '';

  const args = new TemplateArgs(parts.slice(1).map(expand));
  const family = familyCall(name, args, {
    title: ctx.title,
    footnote: (content) => ctx.ext.add({ name: 'ref', attrs: {}, content }),
  });
  if (family !== undefined) return family;

  const body = ctx.templates?.body(name);
  if (typeof body === 'string') {
    if (stack.includes(name)) return ''; // a template that calls itself
    // Tags in the body (<ref>, <nowiki>) become placeholders like the page's own.
    return expandTemplates(extractTags(body, ctx.ext), ctx, args, depth + 1, [...stack, name]);
  }
  if (body === null) return '';
  const wrapper = WRAPPERS[name.toLowerCase()];
  if (wrapper) return wrapper(args);
  ctx.missing.add(name);
  return '';
}

function parserFunction(fn: string, first: string, rest: string[], ctx: ExpandContext, expand: (s: string) => string): string {
  switch (fn) {
    case 'if':
      return expand(first).trim() ? expand(rest[0] ?? '').trim() : expand(rest[1] ?? '').trim();
    case 'ifeq':
      return expand(first).trim() === expand(rest[0] ?? '').trim() ? expand(rest[1] ?? '').trim() : expand(rest[2] ?? '').trim();
    case 'tag': {
      // {{#tag:ref|content|name=x}}: a ref like <ref name="x">content</ref>.
      const tag = expand(first).trim().toLowerCase();
      if (tag !== 'ref') return '';
      const args = new TemplateArgs(rest.map(expand));
      return ctx.ext.add({
        name: 'ref',
        attrs: { ...(args.get('name') ? { name: args.get('name')! } : {}) },
        content: args.get('1') ?? '',
      });
    }
    default:
      return '';
  }
}
