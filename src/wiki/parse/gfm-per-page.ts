// remark plugin, used after remark-gfm: parses each page with remark-gfm's syntax minus the
// constructs that cannot match anywhere in that page. The tree is the same as remark-gfm's
// (test/wiki/gfm-per-page.test.ts compares them on every page of both wikis); only
// attempts that were bound to fail are skipped.
//
// Why: micromark tries GFM's email autolink at the start of every word and its table at the
// start of every line, and mdast-util-gfm then searches every text node for literal links
// again. Most wiki pages have no `@`, no bare URL and no table, and for them those attempts
// are a large share of the parse (bench/README.md, "Loading"). remark-gfm has no option for it, and micromark's extensions are fixed per processor, so this plugin replaces
// remark-parse's parser with the same `fromMarkdown` call over a per-page choice of syntax.
import type { Root } from 'mdast';
import { fromMarkdown, type Extension as TreeExtension, type Options } from 'mdast-util-from-markdown';
import type { Extension as SyntaxExtension } from 'micromark-util-types';
import type { Processor } from 'unified';

interface Skippable {
  /** The micromark construct's name (`Construct.name`) in remark-gfm's syntax. */
  construct: string;
  /** Whether the page's source holds what the construct cannot match without. */
  present: (source: string) => boolean;
}

/** The GFM constructs worth skipping, each with the text it cannot match without. */
export const SKIPPABLE: readonly Skippable[] = [
  // `a@b.c`: tried at every word start, the costliest.
  { construct: 'emailAutolink', present: (s) => s.includes('@') },
  { construct: 'wwwAutolink', present: (s) => /www\./i.test(s) },
  { construct: 'protocolAutolink', present: (s) => /https?:/i.test(s) },
  // Tried at every line start. The delimiter row holds a `|`, or is one cell with an
  // alignment colon and no pipe at all (`a` over `:-` is a table too).
  { construct: 'table', present: (s) => s.includes('|') || s.includes(':-') || s.includes('-:') },
];

/** mdast-util-gfm's literal-link search runs over decoded text, where a character reference
 *  (`&#64;`, `&#119;ww.`) can spell what the source does not. A backslash escape cannot: only
 *  punctuation is escapable, and the letters and `@` it would need stay in the source. */
const treeSearchMayMatch = (s: string): boolean => /[@&]|www|http/i.test(s);

type ConstructLike = { name?: string } | number | string | null;

/** `ext` without the constructs named in `drop`; every other field and construct as it was. */
function withoutConstructs(ext: SyntaxExtension, drop: ReadonlySet<string>): SyntaxExtension {
  const out: Record<string, unknown> = {};
  for (const [field, record] of Object.entries(ext)) {
    if (!record || typeof record !== 'object') {
      out[field] = record;
      continue;
    }
    const kept: Record<string, unknown> = {};
    for (const [code, value] of Object.entries(record as Record<string, unknown>)) {
      const list = (Array.isArray(value) ? value : [value]) as ConstructLike[];
      const left = list.filter((c) => !(c && typeof c === 'object' && c.name !== undefined && drop.has(c.name)));
      if (left.length === list.length) kept[code] = value;
      else if (left.length > 0) kept[code] = left;
    }
    out[field] = kept;
  }
  return out as SyntaxExtension;
}

/** The tree extensions with mdast-util-gfm's literal-link search taken out. */
function withoutLiteralLinkSearch(exts: readonly (TreeExtension | TreeExtension[])[]): (TreeExtension | TreeExtension[])[] {
  const strip = (e: TreeExtension): TreeExtension => {
    // The literal-autolink extension is the one that handles `literalAutolink` tokens.
    if (!e.enter || !('literalAutolink' in e.enter)) return e;
    const { transforms: _skipped, ...rest } = e;
    return rest;
  };
  return exts.map((e) => (Array.isArray(e) ? e.map(strip) : strip(e)));
}

/** Bit i set: SKIPPABLE[i] cannot match in `source`; the top bit: neither can the tree search. */
export function absentMask(source: string): number {
  let mask = 0;
  SKIPPABLE.forEach((s, i) => {
    if (!s.present(source)) mask |= 1 << i;
  });
  if (!treeSearchMayMatch(source)) mask |= 1 << SKIPPABLE.length;
  return mask;
}

export default function remarkGfmPerPage(this: Processor): void {
  const byMask = new Map<number, Options>();

  const optionsFor = (mask: number): Options => {
    let options = byMask.get(mask);
    if (options) return options;
    const drop = new Set(SKIPPABLE.filter((_, i) => mask & (1 << i)).map((s) => s.construct));
    const syntax = (this.data('micromarkExtensions') ?? []) as SyntaxExtension[];
    const tree = (this.data('fromMarkdownExtensions') ?? []) as (TreeExtension | TreeExtension[])[];
    options = {
      ...(this.data('settings') as Options | undefined),
      extensions: syntax.map((e) => withoutConstructs(e, drop)),
      mdastExtensions: mask & (1 << SKIPPABLE.length) ? withoutLiteralLinkSearch(tree) : tree,
    };
    byMask.set(mask, options);
    return options;
  };

  this.parser = (doc: string): Root => fromMarkdown(doc, optionsFor(absentMask(doc)));
}
