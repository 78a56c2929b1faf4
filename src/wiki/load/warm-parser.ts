// Getting the parser ready before a reload needs it. A warm start never loads the parser, so
// the first edit after a start would pay for loading remark and its plugins and for V8
// compiling them on the first page (most of that reload's parse). The folder watcher calls
// this at the first sign of a change, while it waits for the writes to settle: the wait then
// does that work instead of the reload. A bot that is never edited never pays it.
import { limitInliningForParsing } from './v8-inlining-budget.js';

/** A small page in the pandoc exports' forms (both kinds of wikilink), using what most pages
 *  use (a lead with bold and links, sections, a quotation with its speaker and footnote, a list
 *  of terms, categories), so that parsing it compiles the code a real page takes. */
const SAMPLE = `The **sample page** is a [concept](Concept.md "wikilink") of
"<a   href="Other_page.md" class="wikilink"
title="Other page">another page</a>, with *emphasis*.[^1]

## History

> A quotation, as a page quotes one.

— A. Person, *A Work* (1900)[^2]

## Related Concepts

- [Mutual aid](Mutual_aid.md "wikilink") - a term and its description
- Another term - described

[Category:Samples](Category:Samples "wikilink")

[^1]: <https://example.org/source>

[^2]: A. Person, [A Work](https://example.org/work), 1900.
`;

let warming: Promise<void> | undefined;

/** Loads the parser and parses a sample page once per process; later calls return the same
 *  promise. Never rejects: a failure here only means the reload does the work itself. */
export function warmParser(): Promise<void> {
  warming ??= (async () => {
    try {
      const { parsePage } = await import('../parse/parse-page.js');
      const done = limitInliningForParsing(); // compiled as the reload's parse will run it
      try {
        parsePage('Sample.md', SAMPLE, { summaryMaxChars: 300 });
      } finally {
        done();
      }
    } catch {
      // the reload's own parse reports what is wrong with the parser
    }
  })();
  return warming;
}
