// A small wiki in wikitext: links, a redirect, a category, a quotation with its footnote, a
// "Related Concepts" list, and a template the converter drops.
export const FIXTURE_PAGES: Record<string, string> = {
  'Quokka federation': `{{Infobox|name=Quokka federation}}
A '''quokka federation''' is a free union of [[Quokka council|quokka councils]] that coordinate without a centre.

== History ==
The first federation met in 1921. As [[Ada Quokka]] wrote, "Quokkas federate freely, or not at all."<ref>Quokka, Ada. ''On Federation'', 1921. [https://example.org/federation On Federation]</ref>

== Related Concepts ==
* [[Quokka council]] - a local assembly of quokkas
* Mutual grooming - care given in return

[[Category:Quokka theory]]`,
  'Quokka council': `A '''quokka council''' is the local assembly of a [[Quokka federation]].

== Practice ==
Councils meet at dusk and decide by consensus.

[[Category:Quokka theory]]`,
  'Ada Quokka': `'''Ada Quokka''' (1870–1950) was a theorist of the [[Quokka federation]].`,
  'Federation of quokkas': `#REDIRECT [[Quokka federation]]`,
  'Dusk meeting': `A '''dusk meeting''' is when a [[Quokka council]] meets.`,
};
