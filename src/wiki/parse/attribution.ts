// Who said a quote, in which work and when, read from three places: an attribution line inside
// the quote ("— Errico Malatesta"), the sentence that introduces it ("As Peter Kropotkin
// warned,"), and the citation in its footnote ("Kropotkin, Peter. Modern Science and Anarchy,
// 1914"). All pure string heuristics. Each one would rather return nothing than a wrong name:
// a quote without a speaker is fine, a quote put in the wrong mouth is not.

export interface Attribution {
  speaker?: string;
  work?: string;
  year?: string;
}

/** A wiki link inside the analysed text (offsets into that text). */
export interface NamedSpan {
  start: number;
  end: number;
  target: string;
  label: string;
}

export interface OffsetSpan {
  start: number;
  end: number;
}

// ── names ────────────────────────────────────────────────────────────────────────────────

const NAME_WORD = /^(?:\p{Lu}[\p{L}\p{M}'’-]*\.?|\p{Lu}\.(?:\p{Lu}\.)*)$/u;
const PARTICLES = new Set([
  'de',
  'da',
  'del',
  'della',
  'di',
  'du',
  'des',
  'van',
  'von',
  'der',
  'den',
  'ter',
  'la',
  'le',
  'y',
  'bin',
  'ibn',
  'al',
  'el',
  'of',
  'the',
  'and',
  '&',
]);
// Capitalised words that start a sentence or clause but are never part of the speaker's name.
const CLAUSE_WORDS = new Set([
  'As',
  'In',
  'According',
  'When',
  'While',
  'Whilst',
  'But',
  'And',
  'Or',
  'Yet',
  'So',
  'Thus',
  'Then',
  'Later',
  'Here',
  'There',
  'Also',
  'However',
  'Indeed',
  'Similarly',
  'Meanwhile',
  'After',
  'Before',
  'Once',
  'Since',
  'Though',
  'Although',
  'Because',
  'If',
  'Where',
  'Whereas',
  'Still',
  'Hence',
  'Finally',
  'First',
  'Moreover',
  'Likewise',
  'Notably',
  'Famously',
  'For',
  'To',
  'At',
  'On',
  'By',
  'Of',
  'From',
  'With',
  'Even',
  'Perhaps',
  'Today',
  'During',
  'Under',
  'Following',
  'Elsewhere',
  'Earlier',
  'Now',
  'The',
  'A',
  'An',
  'Writing',
  'Speaking',
  'Responding',
  'Commenting',
  'Quoting',
  'Citing',
  'Indeed',
  'Instead',
  'Rather',
  'Ultimately',
  'Subsequently',
  'Afterwards',
]);
// Subjects that are not a speaker one could name.
const NOT_A_NAME = new Set([
  'He',
  'She',
  'They',
  'It',
  'This',
  'That',
  'These',
  'Those',
  'We',
  'I',
  'You',
  'One',
  'Some',
  'Many',
  'Most',
  'Several',
  'Both',
  'Others',
  'Another',
  'Each',
  'All',
  'Few',
  'Who',
  'Which',
  'What',
  'His',
  'Her',
  'Their',
  'Its',
  'Our',
  'My',
  'Your',
  'Everyone',
  'Someone',
  'Nobody',
  'People',
  'Wikipedia',
  'YouTube',
  'Twitter',
  'Facebook',
  'Reddit',
  'Libcom',
  'Archive',
]);
const MONTHS =
  /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Winter|Spring|Summer|Autumn|Fall)$/;
// Plural group nouns ("Critics", "Anarchists", "Historians") are a crowd, not a speaker.
const PLURAL_GROUP = /(?:ists|ians|ers|ors|ics|ents|ants|ives|ites|ars|ies|ions|iks)$/;
// Ranks and honorifics before a name in an attribution ("Fleet Admiral Chester Nimitz").
const HONORIFIC =
  /^(?:(?:Fleet |Rear |Vice )?Admiral|(?:Major |Lieutenant |Brigadier )?General|Colonel|Major|Captain|Lieutenant|Sergeant|President|Vice President|Prime Minister|Senator|Governor|Chancellor|Chairman|Comrade|Dr\.?|Doctor|Professor|Prof\.|Sir|Dame|Lord|Lady|Rev\.?|Reverend|Father|Mr\.?|Mrs\.?|Ms\.?)\s+(?=\p{Lu}[\p{L}'’.-]*\s+\p{Lu})/u;

function words(s: string): string[] {
  return s.split(/\s+/).filter(Boolean);
}

/** Whether `name` reads as the name of a person or organisation that could be quoted. */
export function isPlausibleName(name: string, opts: { allowSingle?: boolean } = {}): boolean {
  const ws = words(name);
  if (ws.length === 0 || ws.length > 7 || name.length > 60) return false;
  if (/\d/.test(name)) return false;
  if (!NAME_WORD.test(ws[0]!) || !NAME_WORD.test(ws[ws.length - 1]!)) return false;
  if (ws.some((w) => !NAME_WORD.test(w) && !PARTICLES.has(w))) return false;
  if (NOT_A_NAME.has(ws[0]!) || CLAUSE_WORDS.has(ws[0]!) || MONTHS.test(ws[0]!)) return false;
  if (ws.length === 1) {
    if (opts.allowSingle === false) return false;
    const w = ws[0]!;
    if (w.length < 3 || /\.$/.test(w)) return false;
    if (PLURAL_GROUP.test(w) && !/^\p{Lu}{2,}$/u.test(w)) return false;
  }
  return true;
}

/** Trims honorifics, possessives and trailing punctuation off a name. */
export function cleanName(name: string): string {
  let n = name
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s,;:]+$/, '');
  // A final period belongs to an initial or "Jr." but not to the name otherwise.
  if (n.endsWith('.') && !/(?:^|\s)(?:\p{Lu}|Jr|Sr|St)\.$/u.test(n)) n = n.slice(0, -1);
  n = n.replace(/['’]s$/u, '');
  n = n.replace(HONORIFIC, '');
  return n.trim();
}

/** A person-like page name: two to five words, each capitalised or a name particle. */
export function isPersonLike(name: string): boolean {
  const ws = words(name);
  return ws.length >= 2 && ws.length <= 5 && !/[\d()]/.test(name) && isPlausibleName(name, { allowSingle: false });
}

function lastWord(name: string): string {
  const ws = words(name);
  return (ws[ws.length - 1] ?? '').replace(/[.,]$/, '').toLowerCase();
}

export function sameSurname(a: string, b: string): boolean {
  return lastWord(a) !== '' && lastWord(a) === lastWord(b);
}

/** "Lenin" → "Vladimir Lenin" when exactly one person-like name among `people` ends with it. */
export function expandName(name: string, people: readonly string[]): string {
  if (words(name).length !== 1) return name;
  const hits = new Set(people.filter((p) => isPersonLike(p) && sameSurname(p, name)));
  return hits.size === 1 ? [...hits][0]! : name;
}

/** The person a link stands for: its target when the label is a short form of it
 *  ([Kropotkin](Peter_Kropotkin.md)), else the label. */
function linkName(link: NamedSpan): string {
  const label = cleanName(link.label);
  const target = link.target.replace(/\s*\([^)]*\)$/, '').trim();
  if (label && target && target.toLowerCase() !== label.toLowerCase() && target.toLowerCase().endsWith(label.toLowerCase())) return target;
  return label || target;
}

/** The name that ends at `end` in `text` (walking back over capitalised words and particles). */
function nameEndingAt(text: string, end: number, links: readonly NamedSpan[]): string | undefined {
  const before = text.slice(0, end).replace(/\s+$/, '');
  const stop = before.length;
  const link = links.find((l) => l.end >= stop - 1 && l.end <= stop + 1 && l.start < stop);
  if (link) {
    const n = linkName(link);
    if (isPlausibleName(n)) return n;
  }
  const ws = before.split(/\s+/);
  const taken: string[] = [];
  for (let i = ws.length - 1; i >= 0; i--) {
    const w = ws[i]!;
    if (NAME_WORD.test(w)) taken.unshift(w);
    else if (PARTICLES.has(w) && taken.length > 0) taken.unshift(w);
    else break;
  }
  while (taken.length && (CLAUSE_WORDS.has(taken[0]!) || PARTICLES.has(taken[0]!))) taken.shift();
  while (taken.length && PARTICLES.has(taken[taken.length - 1]!)) taken.pop();
  const name = cleanName(taken.join(' '));
  return name && isPlausibleName(name) ? name : undefined;
}

/** The name that starts at `start` in `text` ("according to Peter Kropotkin, …"). */
function nameStartingAt(text: string, start: number, links: readonly NamedSpan[]): string | undefined {
  const rest = text.slice(start);
  const lead = rest.length - rest.trimStart().length;
  const link = links.find((l) => Math.abs(l.start - (start + lead)) <= 1);
  if (link) {
    const n = linkName(link);
    if (isPlausibleName(n)) return n;
  }
  const taken: string[] = [];
  for (const raw of rest.trim().split(/\s+/)) {
    const w = raw.replace(/[,;:)]+$/, '');
    if (NAME_WORD.test(w) || (PARTICLES.has(w) && taken.length > 0)) taken.push(w);
    else break;
    if (w !== raw) break;
  }
  while (taken.length && PARTICLES.has(taken[0]!)) taken.shift();
  while (taken.length && PARTICLES.has(taken[taken.length - 1]!)) taken.pop();
  const name = cleanName(taken.join(' '));
  return name && isPlausibleName(name) ? name : undefined;
}

// ── years and works ──────────────────────────────────────────────────────────────────────

const YEAR = '(1[0-9]{3}|20[0-9]{2})';
const MONTH_NAMES = '(?:January|February|March|April|May|June|July|August|September|October|November|December)';
const INTRO_YEAR = new RegExp(
  `\\b(?:[Ii]n|[Bb]y|[Dd]uring|[Ss]ince|[Oo]n)\\s+(?:(?:early|late|mid-?|the)\\s*)?(?:${MONTH_NAMES}\\s+)?(?:\\d{1,2},?\\s+)?${YEAR}\\b(?!\\s*[-–]\\s*\\d)|\\(${YEAR}\\)`,
);
const ANY_YEAR = new RegExp(`\\b${YEAR}\\b`, 'g');

/** The year an introducing sentence dates the quote to ("In 1851, …", "in April 1917"). */
export function yearFromSentence(sentence: string): string | undefined {
  const m = INTRO_YEAR.exec(sentence);
  return m ? (m[1] ?? m[2]) : undefined;
}

function lastYear(text: string): string | undefined {
  let year: string | undefined;
  for (const m of text.matchAll(ANY_YEAR)) year = m[1];
  return year;
}

function trimWork(work: string | undefined): string | undefined {
  if (!work) return undefined;
  const w = work
    .replace(/\s+/g, ' ')
    .replace(/^[\s"“”'‘’*_,:;-]+|[\s"“”'‘’*_,:;.-]+$/gu, '')
    .trim();
  // Longer than a title usually is: more likely a quoted sentence than a name.
  if (w.length < 2 || w.length > 160 || w.split(' ').length > 15) return undefined;
  if (/^\d+$/.test(w) || !/\p{L}/u.test(w)) return undefined;
  return w;
}

const QUOTED_TITLE = /["“]([^"“”]{3,200}?)["”]/;

// ── introducing sentences ────────────────────────────────────────────────────────────────

const SPEECH_VERBS = [
  'argues',
  'argued',
  'argue',
  'writes',
  'wrote',
  'write',
  'says',
  'said',
  'say',
  'states',
  'stated',
  'notes',
  'noted',
  'observes',
  'observed',
  'explains',
  'explained',
  'warns',
  'warned',
  'claims',
  'claimed',
  'describes',
  'described',
  'declares',
  'declared',
  'asserts',
  'asserted',
  'insists',
  'insisted',
  'contends',
  'contended',
  'maintains',
  'maintained',
  'suggests',
  'suggested',
  'remarks',
  'remarked',
  'emphasizes',
  'emphasized',
  'emphasises',
  'emphasised',
  'stresses',
  'stressed',
  'articulates',
  'articulated',
  'proclaims',
  'proclaimed',
  'recalls',
  'recalled',
  'adds',
  'added',
  'concludes',
  'concluded',
  'answers',
  'answered',
  'replies',
  'replied',
  'responds',
  'responded',
  'asks',
  'asked',
  'points out',
  'pointed out',
  'puts it',
  'put it',
  'summarizes',
  'summarized',
  'summarises',
  'summarised',
  'characterizes',
  'characterized',
  'characterises',
  'characterised',
  'defines',
  'defined',
  'told',
  'tells',
  'reflects',
  'reflected',
  'laments',
  'lamented',
  'concedes',
  'conceded',
  'admits',
  'admitted',
  'acknowledges',
  'acknowledged',
  'objects',
  'objected',
  'counters',
  'countered',
  'predicts',
  'predicted',
  'announces',
  'announced',
  'exclaims',
  'exclaimed',
  'testifies',
  'testified',
  'declares',
  'proposes',
  'proposed',
  'calls for',
  'called for',
  'puts forward',
  'put forward',
  'criticizes',
  'criticized',
  'criticises',
  'criticised',
  'complains',
  'complained',
  'comments',
  'commented',
  'affirms',
  'affirmed',
];
const SPEECH = new RegExp(`\\b(?:${SPEECH_VERBS.map((v) => v.replace(' ', '\\s+')).join('|')})\\b`, 'g');
// The same verbs as participles after a name and a comma: "Durruti, arguing:", "Kropotkin,
// writing in 1892:".
const PARTICIPLES = [
  'arguing',
  'writing',
  'saying',
  'stating',
  'noting',
  'observing',
  'explaining',
  'warning',
  'claiming',
  'describing',
  'declaring',
  'asserting',
  'insisting',
  'contending',
  'maintaining',
  'suggesting',
  'remarking',
  'emphasizing',
  'emphasising',
  'stressing',
  'proclaiming',
  'recalling',
  'adding',
  'concluding',
  'answering',
  'replying',
  'responding',
  'asking',
  'pointing out',
  'summarizing',
  'summarising',
  'reflecting',
  'lamenting',
  'conceding',
  'admitting',
  'acknowledging',
  'objecting',
  'countering',
  'predicting',
  'announcing',
  'exclaiming',
  'testifying',
  'proposing',
  'criticizing',
  'criticising',
  'complaining',
  'commenting',
  'affirming',
  'telling',
  'putting it',
  'speaking',
];
const NAME_THEN_PARTICIPLE = new RegExp(`,\\s+(?:${PARTICIPLES.map((v) => v.replace(' ', '\\s+')).join('|')})\\b`, 'g');
// Words between a quotation and the verb that attributes it: `"…," wrote Paul Krugman`,
// `"…," Krugman wrote`, `"…", according to Krugman`.
const VERB_THEN_NAME = new RegExp(
  `^["”’]?\\s*[,.]?\\s*(?:${SPEECH_VERBS.map((v) => v.replace(' ', '\\s+')).join('|')}|according\\s+to)\\s+`,
);
const NAME_THEN_VERB = new RegExp(`^\\s+(?:${SPEECH_VERBS.map((v) => v.replace(' ', '\\s+')).join('|')})\\b`);
// Words allowed between the speaker and the verb: "Matt Crossin similarly argues".
const ADVERB =
  /(?:\s+(?:\p{Ll}+ly|also|later|once|then|famously|himself|herself|themselves|itself|too|again|even|further|still|rightly|correctly|memorably|succinctly|explicitly|repeatedly|would|had|has|have|did|does|once|later|soon|often|has\s+also|would\s+later))+$/u;
const WORK_NOUN =
  '(?:book|books|essay|article|pamphlet|newspaper|journal|paper|letter|work|speech|text|manifesto|treatise|novel|poem|magazine|column|editorial|piece|report|address|lecture|memoir|memoirs|autobiography|diary|preface|introduction|study)';
const WORK_AFTER_VERB = new RegExp(
  `^\\s+in\\s+(?:(?:his|her|their|its|the|a|an|one)\\s+)?(?:(?:famous|classic|seminal|last|first|early|later|influential|own)\\s+)?(?:(${WORK_NOUN})\\s+)?,?\\s*`,
  'u',
);

function workAfterVerb(sentence: string, verbEnd: number, emphasis: readonly OffsetSpan[]): string | undefined {
  const rest = sentence.slice(verbEnd);
  const m = WORK_AFTER_VERB.exec(rest);
  if (!m) return undefined;
  const at = verbEnd + m[0].length;
  const em = emphasis.find((e) => e.start >= at - 1 && e.start <= at + 1);
  if (em) return trimWork(sentence.slice(em.start, em.end));
  const tail = sentence.slice(at);
  const quoted = /^["“]([^"“”]{2,160})["”]/.exec(tail);
  if (quoted) return trimWork(quoted[1]);
  // Without italics or quotes, only trust a title after an explicit noun ("in his book …").
  if (m[1]) {
    const t = /^(\p{Lu}[^:;,]{1,120}?)\s*(?:[:;,]|\bthat\b|$)/u.exec(tail);
    if (t) return trimWork(t[1]);
  }
  return undefined;
}

/** Reads speaker, work and year from the sentence that introduces a quote. */
export function attributionFromIntro(
  sentence: string,
  links: readonly NamedSpan[] = [],
  emphasis: readonly OffsetSpan[] = [],
): Attribution {
  const out: Attribution = {};
  const s = sentence;
  // "According to X," / "In the words of X," / "As X put it" (caught by the verb list).
  const according = /\b(?:[Aa]ccording to|[Ii]n the words of|[Qq]uoting)\s+/.exec(s);
  if (according) out.speaker = nameStartingAt(s, according.index + according[0].length, links);
  if (!out.speaker) {
    NAME_THEN_PARTICIPLE.lastIndex = 0;
    for (let m = NAME_THEN_PARTICIPLE.exec(s); m && !out.speaker; m = NAME_THEN_PARTICIPLE.exec(s))
      out.speaker = nameEndingAt(s, m.index, links);
  }
  if (!out.speaker) {
    SPEECH.lastIndex = 0;
    for (let m = SPEECH.exec(s); m; m = SPEECH.exec(s)) {
      let before = s.slice(0, m.index).replace(/\s+$/, '');
      const adverbs = ADVERB.exec(before);
      if (adverbs) before = before.slice(0, adverbs.index);
      // An appositive between subject and verb: "Bakunin, the Russian revolutionary, wrote".
      let name = nameEndingAt(s, before.length, links);
      if (!name && before.endsWith(',')) {
        const comma = before.lastIndexOf(',', before.length - 2);
        if (comma > 0 && before.length - comma < 90) name = nameEndingAt(s, comma, links);
      }
      if (name) {
        out.speaker = name;
        out.work = workAfterVerb(s, m.index + m[0].length, emphasis);
        break;
      }
    }
  }
  const year = yearFromSentence(s);
  if (year) out.year = year;
  return out;
}

/** The speaker the words right after a quotation name (`text` from just after its closing
 *  mark): `, wrote Paul Krugman`, `, said Krugman`, `, according to Krugman`, `, Krugman wrote`. */
export function speakerAfterQuote(text: string, at: number, links: readonly NamedSpan[] = []): string | undefined {
  const rest = text.slice(at, at + 200);
  const verb = VERB_THEN_NAME.exec(rest);
  if (verb) return nameStartingAt(text, at + verb[0].length, links);
  // `"…," Krugman wrote`: a name right after the quotation, then the verb, only when a comma
  // says the sentence goes on (`"…." Kennedy commented` starts a new one).
  const comma = /^["”’]?\s*,?\s*/.exec(rest)!;
  if (!comma[0].includes(',') && text.charAt(at - 2) !== ',') return undefined;
  const name = nameStartingAt(text, at + comma[0].length, links);
  if (!name) return undefined;
  const after = text.slice(at + comma[0].length).trimStart();
  const end = after.indexOf(name) === 0 ? name.length : -1;
  return end > 0 && NAME_THEN_VERB.test(after.slice(end)) ? name : undefined;
}

// ── attribution lines ────────────────────────────────────────────────────────────────────

/** A dash or tilde that opens an attribution line: "— Errico Malatesta", "-- Emma Goldman". */
export const ATTRIBUTION_DASH = /^\s*(?:[-–—―~]{1,3})\s*/;

/** Reads "Errico Malatesta", "Errico Malatesta, Anarchy (1891)" or "Winston Churchill, Prime
 *  Minister of the UK" (a description, not a work) from an attribution line. */
export function attributionFromLine(line: string, emphasis: readonly OffsetSpan[] = []): Attribution {
  const text = line.replace(ATTRIBUTION_DASH, '');
  const offset = line.length - text.length;
  const out: Attribution = {};
  const head = /^([^,(;]+)/.exec(text);
  const name = head ? cleanName(head[1]!) : '';
  if (name && isPlausibleName(name)) out.speaker = name;
  else return out;
  const rest = text.slice(head![0].length);
  const em = emphasis.find((e) => e.start - offset >= head![0].length);
  const quoted = QUOTED_TITLE.exec(rest);
  const work = em ? line.slice(em.start, em.end) : quoted?.[1];
  if (work) out.work = trimWork(work);
  const year = /\(\s*(1[0-9]{3}|20[0-9]{2})\s*\)|,\s*(1[0-9]{3}|20[0-9]{2})\s*\.?$/.exec(rest);
  if (year) out.year = year[1] ?? year[2];
  return out;
}

/** Whether a short line is an attribution ("— Errico Malatesta") rather than quoted text. */
export function looksLikeAttribution(line: string, requireDash: boolean): boolean {
  const hasDash = ATTRIBUTION_DASH.test(line);
  if (requireDash && !hasDash) return false;
  const text = line.replace(ATTRIBUTION_DASH, '');
  if (text.length === 0 || text.length > 160) return false;
  const head = /^([^,(;]+)/.exec(text);
  return !!head && isPlausibleName(cleanName(head[1]!));
}

// ── citations ────────────────────────────────────────────────────────────────────────────

const URL_RE = /\b(?:https?:\/\/|ftp:\/\/|www\.)\S+/gi;
const CAP = "\\p{Lu}[\\p{L}\\p{M}'’-]*";
const INITIAL = '\\p{Lu}\\.';
const PERSON = `(?:${CAP}|${INITIAL})(?:\\s+(?:${CAP}|${INITIAL}|(?:de|da|del|di|du|van|von|der|den|la|le|y|bin|ibn|al)(?=\\s)))*`;
// "Kropotkin, Peter. …" / "Kropotkin, Peter A. …"
const LAST_FIRST = new RegExp(`^(${CAP}(?:\\s+${CAP})?),\\s+(${CAP}(?:\\s+${CAP})*(?:\\s+\\p{Lu})?)\\.\\s+(.+)$`, 'u');
// 'Lenin, "The Dual Power," …'
const NAME_QUOTED = new RegExp(`^(${PERSON}),\\s*(?=["“])`, 'u');
// One author or a short list: "Davy Castel, Claude Lemoine and Annick Durand-Delvigne".
const AUTHORS = `${PERSON}(?:(?:,\\s*|,?\\s+(?:and|&)\\s+)${PERSON}){0,4}`;
// "Mikhail Bakunin (1842) The Reaction in Germany" / "Sam Dolgoff (1974) - The Anarchist Collectives"
const NAME_YEAR = new RegExp(`^(${AUTHORS})\\s*\\(\\s*${YEAR}\\s*\\)\\s*[-–—:.,]?\\s*(.*)$`, 'u');
// "John A. Rothchild - Introduction to …"
const NAME_DASH = new RegExp(`^(${PERSON})\\s+[-–—]\\s+(.+)$`, 'u');
// "Isaac Deutscher, The Prophet Armed, p. 76."
const NAME_COMMA = new RegExp(`^(${PERSON}),\\s+(.+)$`, 'u');
// "Noam Chomsky and Edward Herman, Manufacturing Consent" / "A. Castel, C. Lemoine and A. Durand, …"
// "Fay Editor (ed.), Collected Essays" / "Ann Editor and Bo Editor, eds. Essays"
const EDITED = new RegExp(`^${AUTHORS}\\s*(?:\\(\\s*eds?\\.?\\s*\\)|,\\s*eds?\\.)\\s*[,.:]?\\s*(.+)$`, 'u');
const NAMES_COMMA = new RegExp(`^(${PERSON}(?:,\\s*${PERSON})*,?\\s+(?:and|&)\\s+${PERSON}),\\s+(.+)$`, 'u');
// "Industrial Workers of the World Constitution Preamble, 1905"
const WORK_YEAR = new RegExp(`^([^,]{3,160}),\\s*(?:[\\p{L}.]+\\s+){0,3}(?:\\d{1,2},?\\s+)?${YEAR}\\.?$`, 'u');

/** The title at the start of what follows the author: up to a dash, a full stop, a bracket
 *  or (when `commas`) a comma. Titles after "(year)" keep their commas ("Federalism,
 *  Socialism and Anti-Theologism"); after "Last, First." a comma ends them ("…, 1914"). */
function firstSegment(s: string, commas = true): string | undefined {
  const quoted = /^["“]([^"“”]{2,200})["”]/.exec(s.trim());
  if (quoted) return quoted[1];
  const cut = (commas ? /^(.+?)(?:\s+[-–—]\s+|,\s|\.\s|\s\(|$)/ : /^(.+?)(?:\s+[-–—]\s+|\.\s|\s\(|$)/).exec(s.trim());
  return cut?.[1];
}

function isAuthorList(s: string): boolean {
  return s.split(/,\s*|\s+(?:and|&)\s+/).every((p) => isPlausibleName(cleanName(p)));
}

/** Reads author, work and year from a footnote's citation text. URLs are ignored. */
export function parseCitation(text: string): Attribution {
  // URLs say nothing about the author; literal asterisks are emphasis micromark could not
  // close ("*The Forest People,*page 28").
  let t = text
    .replace(URL_RE, ' ')
    .replace(/\*+/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.;:])/g, '$1')
    .trim();
  t = t
    .replace(/^(?:see(?:\s+also)?|cf\.?|quoted\s+in|~)\s+/i, '')
    .replace(/[\s\-–—:,;]+$/u, '')
    .trim();
  if (!t) return {};
  const out: Attribution = {};
  const quoted = QUOTED_TITLE.exec(t)?.[1];
  const yearInParens = new RegExp(`\\(\\s*${YEAR}\\s*\\)`).exec(t)?.[1];
  const year = yearInParens ?? lastYear(t);
  if (year) out.year = year;

  if (BY_SOMEONE_ELSE.test(t)) return out; // "Edited by …", "Translated by …": not the author
  let m: RegExpExecArray | null;
  // "Fay Editor (ed.), Collected Essays": the editor's book is the source; nobody is the speaker.
  if ((m = EDITED.exec(t))) {
    const work = trimWork(quoted ?? firstSegment(m[1]!));
    if (work) out.work = work;
    return out;
  }
  /** What follows the author in the citation. */
  let rest = '';
  if ((m = LAST_FIRST.exec(t))) {
    const first = /\s\p{Lu}$/u.test(m[2]!) ? `${m[2]}.` : m[2]!; // "Peter A" lost its period to the split
    out.speaker = `${first} ${m[1]}`;
    out.work = trimWork(quoted ?? firstSegment(m[3]!));
    rest = m[3]!;
  } else if ((m = NAME_QUOTED.exec(t)) && isPlausibleName(cleanName(m[1]!))) {
    out.speaker = cleanName(m[1]!);
    out.work = trimWork(quoted);
    rest = t.slice(m[0].length);
  } else if ((m = NAME_YEAR.exec(t)) && isAuthorList(m[1]!)) {
    out.speaker = cleanName(m[1]!);
    out.work = trimWork(firstSegment(m[3] ?? '', false));
    rest = m[3] ?? '';
  } else if ((m = NAME_DASH.exec(t)) && isPersonLike(cleanName(m[1]!))) {
    out.speaker = cleanName(m[1]!);
    out.work = trimWork(firstSegment(m[2]!));
    rest = m[2]!;
  } else if (((m = NAMES_COMMA.exec(t)) && isAuthorList(m[1]!)) || ((m = NAME_COMMA.exec(t)) && isPersonLike(cleanName(m[1]!)))) {
    // "Isaac Deutscher, The Prophet Armed" or "Noam Chomsky and Edward Herman, Manufacturing Consent"
    out.speaker = cleanName(m[1]!);
    out.work = trimWork(firstSegment(m[2]!));
    rest = m[2]!;
    // "Mutual Aid, chapter 3": what stood as the author is the work.
    if (LOCATOR.test(rest)) {
      out.work = trimWork(out.speaker);
      delete out.speaker;
    }
  } else if (quoted) {
    out.work = trimWork(quoted);
  } else if ((m = WORK_YEAR.exec(t))) {
    out.work = trimWork(m[1]);
  }
  if (out.speaker && !isSpeakerOfCitation(out.speaker, rest)) delete out.speaker;
  if (out.work === undefined) delete out.work;
  return out;
}

// A citation of a book's editor, translator or compiler rather than of its author.
const BY_SOMEONE_ELSE =
  /^(?:edited|translated|compiled|selected|introduced|transcribed|reprinted|published)\s+by\b|^(?:introduction|foreword|preface|afterword)\s+(?:by|to)\b/i;
const EDITOR_MARK = /^\s*[,(]?\s*(?:eds?\b\.?|editors?\b|editor\(s\)|comp\.|compiler\b|trans\.|translators?\b|\(?eds?\.\)?)/i;
// "chapter 3", "p. 76", "section A.2": what comes after a work's name, not an author's.
const LOCATOR =
  /^\s*(?:[Cc]hapter|[Cc]hap\.|[Cc]h\.|[Pp]p?\.|[Pp]ages?|[Ss]ection|[Ss]ec\.|[Pp]art|[Vv]ol\.|[Vv]olume|[Nn]o\.|[Ii]ssue|[Bb]ook\s+[\dIVX]|[Aa]ppendix|§)\s*[\dIVXivx\p{Lu}]/u;
// Words that make a name an organisation, a publication or a series (English): such a citation
// names the source, not someone who said the words.
const SOURCE_NAME =
  /\b(?:press|books|publish(?:ing|ers?)|publications?|journal|review|magazine|times|post|news|quarterly|gazette|herald|tribune|institute|university|college|committee|party|union|federation|confederation|association|collective|foundation|group|society|league|council|congress|movement|network|library|archives?|series|project|centre|center|museum|agency|company|corporation|inc|ltd|media|radio|television|channel|organi[sz]ation|front|government|ministry|department|office|bureau|commission|alliance|coalition|conference|international|records|studios|films|pictures|faq|wiki)\b/i;
// An all-capitals word (an acronym, not a roman numeral or an initial) is an organisation's name.
const ACRONYM = /(?:^|\s)(?!(?:[IVXLC]+)(?:\s|$))\p{Lu}{2,}(?:\s|$)/u;

/** Whether the author read from a citation is someone who could have said the quoted words:
 *  people (one or several, all named), not an editor, an organisation or a publication. */
function isSpeakerOfCitation(speaker: string, rest: string): boolean {
  if (!isAuthorList(speaker) || /^\p{Lu}{2,}$/u.test(speaker)) return false;
  if (EDITOR_MARK.test(rest)) return false;
  return !SOURCE_NAME.test(speaker) && !ACRONYM.test(speaker);
}

// ── putting it together ──────────────────────────────────────────────────────────────────

export interface AttributionSources {
  /** From an attribution line inside (or right after) the quote. */
  line?: Attribution;
  /** From the introducing sentence. */
  intro?: Attribution;
  /** From the footnote's citation. */
  citation?: Attribution;
  /** Person-like names the page links to (and its own title), to complete a bare surname. */
  people?: readonly string[];
}

/** One attribution from all sources: the attribution line wins, then the introducing
 *  sentence, then the citation. The citation's work and year are used only when its author is
 *  the speaker (or unknown): a footnote citing a secondary source must not make the work
 *  look like the speaker's. A surname is completed from the citation or the page's links. */
export function combineAttribution(src: AttributionSources): Attribution {
  const people = src.people ?? [];
  const line = src.line ?? {};
  const intro = src.intro ?? {};
  const cite = src.citation ?? {};
  let speaker = line.speaker ?? intro.speaker ?? cite.speaker;
  const citeSpeaker = cite.speaker ? expandName(cite.speaker, people) : undefined;
  if (speaker) speaker = expandName(speaker, people);
  const citeAgrees = !citeSpeaker || !speaker || sameSurname(speaker, citeSpeaker);
  if (speaker && citeSpeaker && citeAgrees && words(citeSpeaker).length > words(speaker).length) speaker = citeSpeaker;
  const out: Attribution = {};
  if (speaker) out.speaker = speaker;
  const work = line.work ?? intro.work ?? (citeAgrees ? cite.work : undefined);
  if (work) out.work = work;
  const year = line.year ?? intro.year ?? (citeAgrees ? cite.year : undefined);
  if (year) out.year = year;
  return out;
}
