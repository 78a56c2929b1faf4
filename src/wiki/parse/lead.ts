// A page's summary, from the blocks before its first heading. What a reader should get is the
// lead's first whole sentences, and nothing that only sits at the top of a page:
// - hatnotes ("Not to be confused with …", "Main article: …", a line all in italics at the top)
//   are set aside, and the first one is kept as the page's hatnote;
// - an epigraph (a quotation at the top, with or without its "— Name" line) is a quotation of
//   the page, not the start of its summary;
// - a sentence that introduces what follows ("From An Anarchist FAQ:", "It has three traits:")
//   comes with it: the blockquote quoted ("…: “passage”", cut at a sentence), the list's
//   items inline when they fit; otherwise the sentence goes, since alone it says nothing.
// With no sentence left, the page's first paragraph that stands on its own is the summary.
import { cutAtSentence, cutAtWord, endsUnfinished, QuoteTracker, sentenceSpans } from '../../text/sentences.js';
import { looksLikeAttribution } from './attribution.js';
import type { TextBlock } from './block-text.js';

export type LeadBlock =
  | { kind: 'paragraph'; block: TextBlock }
  | { kind: 'list'; items: string[] }
  | { kind: 'quote'; text: string }
  | { kind: 'other' };

// English hatnotes: MediaWiki's usual templates as they read once rendered.
const HATNOTE = new RegExp(
  '^(?:' +
    [
      'not to be confused with',
      'for (?:other uses|other meanings|the [^,.]{1,80}, see|an? (?:broader|more (?:detailed|general)|general|related|full|similar)\\b[^.]{0,80}?\\bsee)',
      'for more (?:information|details)\\b[^.]{0,80}?\\bsee',
      'this (?:article|page) is about',
      '(?:main|parent) (?:article|page)s?\\s*:',
      'see also\\s*:',
      'also known as\\s*:',
      'further information\\s*:',
      '(?:content|trigger) warning\\b',
      'redirected from\\b',
      '["“][^"”]{1,80}["”] redirects here',
    ].join('|') +
    ')',
  'i',
);

// Headings of sections that list sources and reading rather than say something (English; as a
// heading, or as a lead's "Further reading:" line).
const READING =
  /^(?:(?:further|recommended|suggested|additional|selected|other)\s+)?(?:reading|readings|reading lists?|literature|bibliography|bibliographies|sources|references|notes|footnotes|citations|external links?|web links|links|works cited|works|writings|publications)$/i;

/** Whether a heading (or a line introducing a list) names a list of sources or reading. */
export function isReadingList(heading: string): boolean {
  return READING.test(heading.trim().replace(/\s*:$/, ''));
}

/** Whether a paragraph is a hatnote by what it says. */
export function isHatnote(text: string): boolean {
  return HATNOTE.test(text);
}

/** Whether a block's text is all in italics: a note set apart from the text (MediaWiki
 *  renders its hatnote templates that way). */
function allItalic(block: TextBlock): boolean {
  if (block.emphasis.length === 0) return false;
  const covered = new Uint8Array(block.text.length);
  for (const s of block.emphasis) covered.fill(1, s.start, s.end);
  for (let i = 0; i < block.text.length; i++) if (!covered[i] && /[\p{L}\p{N}]/u.test(block.text[i]!)) return false;
  return true;
}

const OPENING_QUOTE = /^["“„«]/;
// A paragraph that is one quotation (its opening mark closed only at its end), with or without
// an attribution after it; not `"Dual power" is a "term"`.
const WHOLE_QUOTATION = /^(?:"[^"]*"|“[^”]*”|„[^“”]*[“”]|«[^»]*»)(?:\s*[.!?…])?(?:\s*[-–—―~]{1,3}\s*\S[\s\S]{0,160})?$/u;

/** Whether a paragraph is a quotation standing alone (an epigraph's shape). */
export function isQuotationParagraph(block: TextBlock): boolean {
  return WHOLE_QUOTATION.test(block.text) || (OPENING_QUOTE.test(block.text) && allItalic(block));
}

/** Whether a paragraph is only an attribution line ("— Errico Malatesta, Anarchy"). */
export function isAttributionParagraph(text: string): boolean {
  return /^[-–—―~]{1,3}\s*\S/.test(text) && looksLikeAttribution(text, true);
}

/** Whether a paragraph after the lead could be a page's summary on its own: whole sentences
 *  of a few words, not a hatnote, a quotation or an attribution line. */
export function standsAlone(block: TextBlock): boolean {
  const text = block.text;
  return (
    SENTENCE_END.test(text) &&
    text.split(' ').length >= MIN_FALLBACK_WORDS &&
    !isHatnote(text) &&
    !isQuotationParagraph(block) &&
    !isAttributionParagraph(text)
  );
}
const MIN_FALLBACK_WORDS = 6;

export interface Lead {
  summary: string;
  /** The first hatnote at the top of the page ("Not to be confused with …"). */
  hatnote?: string;
  /** Indexes of the blocks that are the lead's own text (not hatnotes or an epigraph). */
  body: number[];
}

/** The summary of a page from its lead blocks, at most `max` characters; `fallback` is the
 *  first paragraph of the rest of the page that stands on its own. */
export function composeLead(blocks: readonly LeadBlock[], fallback: string | undefined, max: number): Lead {
  const lead: Lead = { summary: '', body: [] };
  let i = 0;
  // A paragraph that an attribution line ("— Name") follows is a quotation, and so is the line.
  const quotation = (j: number) => {
    const b = blocks[j];
    const next = blocks[j + 1];
    return (
      b?.kind === 'paragraph' &&
      (isAttributionParagraph(b.block.text) || (next?.kind === 'paragraph' && isAttributionParagraph(next.block.text)))
    );
  };
  // Top matter: hatnotes and an epigraph, in any order, before the first paragraph of text.
  for (; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.kind === 'quote') continue;
    if (b.kind !== 'paragraph') break;
    const text = b.block.text;
    if (quotation(i) || isQuotationParagraph(b.block)) continue;
    if (isHatnote(text) || (allItalic(b.block) && !OPENING_QUOTE.test(text))) {
      lead.hatnote ??= text;
      continue;
    }
    break;
  }
  const out: string[] = [];
  let used = 0;
  /** How many of `out` end outside any quotation: where the summary may stop. */
  let safe = 0;
  const room = () => max - used - (out.length ? 1 : 0);
  const add = (s: string, closed: boolean) => {
    used += s.length + (out.length ? 1 : 0);
    out.push(s);
    if (closed) safe = out.length;
  };
  let full = false;
  for (; i < blocks.length && !full; i++) {
    const b = blocks[i]!;
    if (b.kind !== 'paragraph' || quotation(i)) continue;
    const text = b.block.text;
    if (isHatnote(text)) {
      lead.hatnote ??= text;
      continue;
    }
    lead.body.push(i);
    const spans = sentenceSpans(text);
    const next = blocks[i + 1];
    const last = spans[spans.length - 1];
    const lastText = last ? text.slice(last.start, last.end) : '';
    // The last sentence introduces what follows: "…three major traits:", "…advances, including".
    const introduces = /:["”’)]*$/.test(lastText) || (!SENTENCE_END.test(lastText) && (next?.kind === 'list' || next?.kind === 'quote'));
    const intro = introduces ? spans.pop() : undefined;
    // A paragraph that stops without a sentence end: a title line, or a sentence the export
    // cut short ("It was a"). A sentence missing only its period still says something.
    const end = spans[spans.length - 1];
    let ending: string | undefined;
    if (!intro && end && !SENTENCE_END.test(text.slice(end.start, end.end))) {
      spans.pop();
      ending = out.length === 0 && spans.length === 0 ? unfinished(text.slice(end.start, end.end)) : undefined;
    }
    const quotes = new QuoteTracker(text);
    // A sentence that points at a link ("You can read it here.") says nothing in plain text.
    const pointing = (s: { start: number; end: number }) => b.block.pointers.some((p) => p.start >= s.start && p.end <= s.end);
    const sentences = spans
      .filter((s, k) => out.length + k === 0 || !pointing(s))
      .map((s) => ({ text: withoutUrls(text.slice(s.start, s.end)), closed: !quotes.openAt(s.end) }))
      .filter((s) => s.text);
    if (ending) sentences.push({ text: ending, closed: true });
    for (const s of sentences) {
      if (s.text.length > room()) {
        // A first sentence longer than the summary: cut at a word, as a last resort.
        if (out.length === 0) add(cutAtWord(s.text, max), true);
        full = true;
        break;
      }
      add(s.text, s.closed);
    }
    if (full || !intro) continue;
    const introText = text.slice(intro.start, intro.end);
    const passage = next && out.length === safe ? introduced(introText, next, room(), out.length === 0) : '';
    if (passage) {
      add(passage, true);
      i++;
    } else if (out.length > 0) full = true; // what follows would read as if it were introduced
  }
  // Never stop inside a quotation that the page closes later.
  out.length = safe;
  lead.summary = out.join(' ') || (fallback ? cutAtSentence(fallback, max) : '');
  return lead;
}

const SENTENCE_END = /[.!?…]["'”’»)\]]*$/u;
const TITLE_LINE_WORDS = 6;
/** A sentence the export cut short still says enough to be a summary from this many words. */
const CUT_SENTENCE_WORDS = 8;

const URL = '<?\\b(?:(?:https?|ftp):\\/\\/|www\\.)[^\\s<>]*[^\\s<>.,;:!?)]>?';
// An address with the word that leads to it ("see …", "at …"), or in brackets of its own.
const RAW_URL = new RegExp(`\\s*\\((?:(?:see|at|on|via|from)\\s+)?${URL}\\)|(?:\\s+(?:see|at|on|via|from|here:?))?\\s*${URL}`, 'gi');

/** A sentence without the addresses written out in it ("see https://…"): a reader cannot
 *  follow them from a summary. '' when nothing but addresses was left. */
function withoutUrls(sentence: string): string {
  if (!sentence.includes('://') && !/\bwww\./i.test(sentence)) return sentence;
  const t = sentence
    .replace(RAW_URL, '')
    .replace(/\s+([.,;:!?])/g, '$1')
    .trim();
  return /[\p{L}]{2}.*[.!?…]/u.test(t) ? t : '';
}

/** What a summary can say of a paragraph's only sentence when it has no sentence end: the
 *  sentence with its period; a sentence cut short ("…, cooperative and"), marked "…", when
 *  enough of it is left; nothing for a title line. */
function unfinished(sentence: string): string | undefined {
  const s = sentence.trim();
  if (s.split(/\s+/).length <= TITLE_LINE_WORDS) return undefined;
  if (!endsUnfinished(s) && !/(?<!\d)\d$/.test(s)) return `${s}.`;
  const trim = (t: string) => t.replace(/[\s,;:(\-–—]+$/u, '');
  let cut = trim(s);
  while (cut && (endsUnfinished(cut) || /(?<!\d)\d$/.test(cut))) cut = trim(cut.replace(/\s*\S+$/u, ''));
  return cut.split(/\s+/).length >= CUT_SENTENCE_WORDS ? `${cut}…` : undefined;
}

/** The introducing sentence with what it introduces, within `room`; '' when it does not fit
 *  (`alone`: nothing else is in the summary, so a passage cut at a word will do). */
function introduced(intro: string, next: LeadBlock, room: number, alone: boolean): string {
  if (next.kind === 'quote') {
    const passage = next.text
      .replace(/^["“](.*)["”]$/su, '$1')
      .replace(/\s+/g, ' ')
      .trim();
    const budget = room - intro.length - 3; // the space and the two quotation marks
    if (!passage || budget < 20) return '';
    const cut = cutAtSentence(passage, budget);
    // Cut at a word only when the passage is all the summary has.
    return cut.endsWith('…') && cut.length < passage.length && !alone ? '' : `${intro} “${cut}”`;
  }
  if (next.kind === 'list' && next.items.length > 0 && !isReadingList(intro)) {
    const items = next.items.map((s) => s.replace(/[\s.;,:]+$/u, '').trim()).filter(Boolean);
    let sentence = `${intro} ${items.join('; ')}.`;
    if (sentence.length <= room || !alone) return sentence.length <= room ? sentence : '';
    // The list is all the lead has: as many whole items as fit, and "…" for the rest.
    sentence = intro;
    for (const item of items) {
      if (sentence.length + item.length + 4 > room) break;
      sentence += `${sentence === intro ? ' ' : '; '}${item}`;
    }
    return sentence === intro ? '' : `${sentence}; …`;
  }
  return '';
}
