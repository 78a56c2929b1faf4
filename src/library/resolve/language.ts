// Language data for understanding what people type: how a question or a request wraps a name,
// which words carry no meaning alone, how a plural or a spelling variant comes back to one form,
// and the few words that mark a person or an acronym in a page's lead. Everything the resolver
// knows about English is here; another language is another object of this shape.

export interface Language {
  /** Questions and requests around a name, tried in order on the whole query (case ignored,
   *  apostrophes as '): group 1 is what was asked about. "what is mutual aid" → "mutual aid". */
  requests: readonly RegExp[];
  /** Articles a name may be typed with or without: "the paris commune" → "paris commune". */
  articles: ReadonlySet<string>;
  /** Words too common to identify a page alone ("of", "the"). Lower case, without accents. */
  stopWords: ReadonlySet<string>;
  /** Requests for a quotation around a person, a topic or words someone said, tried in order
   *  when the whole query names no quoted person: groups `person`, `topic` and `said`. The last
   *  one (`person` on `topic`) counts only when `person` is a quoted person's name itself. */
  quoteRequests: readonly RegExp[];
  /** Words an acronym skips in a name: "of the" in "Industrial Workers of the World" (IWW), and
   *  the particles of names borrowed from other languages ("del" in CNT, "de" in EZLN). */
  initialsSkip: ReadonlySet<string>;
  /** The word without a plural ending, so a singular and its plural meet ("councils" and
   *  "council" → "council", "communities" → "community"). Not always a word: "status" →
   *  "statu" on both sides. Lower case. */
  stem(word: string): string;
  /** One spelling for words whose regional spellings differ only in the ending
   *  (organise/organize, labour/labor). Lower case. */
  spelling(word: string): string;
  /** Every regional spelling of a word (itself included), for finding it in text. Lower case. */
  spellings(word: string): string[];
  /** Verbs that end the subject of a lead's first sentence ("X (IWW) is a union"). */
  copulas: RegExp;
  /** Words that introduce another name for the subject: "X or IWW". */
  nameIntroducers: ReadonlySet<string>;
  /** Pronouns of a person, as the lead of a biography uses them. */
  personPronouns: RegExp;
  /** Words after a surname that are not the surname ("Jr", "III"). Lower case. */
  nameSuffixes: ReadonlySet<string>;
  /** Joins two people in one attribution: "Ben Craig and John Pencavel". */
  nameJoiners: RegExp;
}

/** The end of a word for the English rules below: plural and spelling endings. */
const PLURAL_ES = /(?:ss|x|ch|sh|zz)es$/;
const NOT_PLURAL_S = /ss$/;
const OUR = /^([a-z]{3,})our(s|ed|ing|er|ers|ist|ists|ism|ite|ites|able|ful|less|hood|hoods|ly)?$/;
const OR = /^([a-z]*[aeiou][bdlmnrv])or(s|ed|ing|er|ers|ist|ists|ite|ites|able|ful|less|hood|hoods|ly)?$/;
const ISE_END = /[iy]s(?:e|es|ed|ing|er|ers|ation|ations|ational)$/;
const ISE = /^([a-z]{3,})(i|y)s(e|es|ed|ing|er|ers|ation|ations|ational)$/;

export const english: Language = {
  requests: [
    /^(?:please[, ]+)?(?:can|could|would|will) you(?: please)? (?:tell (?:me|us)(?: more)? about|explain|define|describe|show me) (.+?)(?:[, ]+please)?$/i,
    /^(?:please[, ]+)?tell (?:me|us) (?:what|who) (.+?) (?:is|was|are|were|means?)$/i,
    /^(?:what|who) (?:is|was|are|were) (?:meant by|called) (.+)$/i,
    /^(?:what|who|where|when)(?:'s| is| was| are|'re| were) (.+)$/i,
    /^(?:what|who)s (.+)$/i,
    /^(?:what|who) (?:does|did|do) (.+?) (?:mean|stand for|say|do|think)$/i,
    /^how (?:does|did|do) (.+?) work$/i,
    /^(?:please[, ]+)?(?:tell|teach|show) (?:me|us)(?: more| something| anything)? about (.+)$/i,
    /^(?:what do you know|i want to know|i'd like to know|i would like to know|i want to learn|learn|info|information|more|anything|something) (?:about|on) (.+)$/i,
    /^(?:please[, ]+)?(?:explain|define|describe)(?: to me)?(?::\s*|\s+)(.+?)(?: to me)?$/i,
    /^(?:the )?(?:meaning|definition) of (.+)$/i,
    /^(.+?)[, ]+(?:meaning|definition|defined|explained)$/i,
    /^please[, ]+(.+)$/i,
    /^(.+?)[, ]+(?:please|thanks|thank you)$/i,
  ],
  articles: new Set(['the', 'a', 'an']),
  stopWords: new Set(
    'a an and are as at be by for from in into is it its of on or the to was were with who what which when where why how about'.split(' '),
  ),
  quoteRequests: [
    /^(?:(?:an?|some|the|any|all|more|other)\s+)?(?:quotes?|quotations?|sayings?|words)\s+(?:by|from|of)\s+(?<person>.+?)(?:\s+(?:about|on)\s+(?<topic>.+))?$/i,
    /^(?:(?:an?|some|the|any|all|more|other)\s+)?(?:quotes?|quotations?|sayings?)\s+(?:about|on)\s+(?<topic>.+)$/i,
    /^(?<person>.+?)(?:'s?)?\s+(?:quotes?|quotations?|sayings?)(?:\s+(?:about|on)\s+(?<topic>.+))?$/i,
    /^what (?:did|does|do|has|have|would|had) (?<person>.+?) (?:say|said|write|written|wrote|think|thought)(?:\s+(?:about|on|of)\s+(?<topic>.+))?$/i,
    /^(?:something|anything) (?<person>.+?) (?:said|wrote|says|writes)(?:\s+(?:about|on)\s+(?<topic>.+))?$/i,
    /^(?:who|which \p{L}+) (?:said|wrote|says|writes)(?::\s*|\s+)["'“”‘’]*(?<said>.+?)["'“”‘’]*$/iu,
    /^(?<person>.+?)\s+(?:on|about)\s+(?<topic>.+)$/i,
  ],
  initialsSkip: new Set(
    'a an and of the for in on to at by with de del della di da das do dos du des la las le les el los y e et von van der den'.split(' '),
  ),
  stem(word) {
    if (word.length <= 3 || !word.endsWith('s')) return word;
    if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
    if (PLURAL_ES.test(word)) return word.slice(0, -2);
    if (NOT_PLURAL_S.test(word)) return word;
    return word.slice(0, -1);
  },
  spelling(word) {
    // Cheap tests first: this runs on every word of every name when the Library is built.
    if (word.length < 6) return word;
    if (word.includes('our')) word = word.replace(OUR, '$1or$2');
    if (ISE_END.test(word)) word = word.replace(ISE, '$1$2z$3');
    return word;
  },
  spellings(word) {
    const out = [word];
    const one = this.spelling(word);
    if (one !== word) out.push(one);
    // The other way: organize → organise, labor → labour (a spelling no text uses is harmless).
    const british = word.replace(/^([a-z]{3,})(i|y)z(e|es|ed|ing|er|ers|ation|ations|ational)$/, '$1$2s$3').replace(OR, '$1our$2');
    if (british !== word) out.push(british);
    return out;
  },
  copulas: /\b(?:is|was|are|were|refers|referred|means|has been|had been)\b/,
  nameIntroducers: new Set(['or', 'aka', 'a.k.a.', 'abbreviated', 'called', 'known as']),
  personPronouns: /\b(?:he|she|his|her|him)\b/i,
  nameSuffixes: new Set(['jr', 'sr', 'ii', 'iii', 'iv']),
  nameJoiners: /\s+(?:and|&)\s+|\s*;\s*/i,
};
