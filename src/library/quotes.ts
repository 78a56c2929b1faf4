// Quotations: by a speaker (full name, surname, or a misspelling of either), or else about a
// topic; and the speakers, for completion.
import type { Article } from '../wiki/model.js';
import { searchTerms } from '../wiki/parse/search-terms.js';
import { searchEncoded, type FlexIndex, type SearchIndexes } from './indexes.js';
import type { ContentKeys } from './keys.js';
import { byCodeUnits, DistinctNames, pushTo } from './lists.js';
import { normalizeKey } from './normalize.js';
import { Scratch } from './scratch.js';
import { nameScore } from './similarity.js';
import type { QuoteHit, QuoteResult } from './types.js';

export interface Speaker {
  display: string;
  key: string;
  /** How many quotations are attributed to this speaker. */
  count: number;
}

/** Every quotation of the content and who said it. A hit's position is its id in the quote
 *  index, a speaker's its id in the speaker index. */
export class QuoteTable {
  readonly hits: readonly QuoteHit[];
  /** Most quoted first, then by key: the order completion offers them in. */
  readonly speakers: readonly Speaker[];
  /** Quote ids by a speaker's full key and by its last word, best quotations first. */
  readonly bySpeakerKey: ReadonlyMap<string, readonly number[]>;

  constructor(articles: readonly Article[], keys: ContentKeys) {
    const hits: QuoteHit[] = [];
    for (const article of articles) for (const quote of article.quotes) hits.push({ quote, article });
    const bySpeakerKey = new Map<string, number[]>();
    const bySpeaker = new Map<string, Speaker>();
    hits.forEach((hit, id) => {
      const speaker = hit.quote.speaker;
      if (!speaker) return;
      const full = keys.of(speaker);
      if (!full) return;
      const tokens = full.split(' ');
      for (const key of new Set([full, tokens[tokens.length - 1]!])) pushTo(bySpeakerKey, key, id);
      const s = bySpeaker.get(full) ?? { display: speaker, key: full, count: 0 };
      s.count++;
      bySpeaker.set(full, s);
    });
    // Sorted once here rather than per query: a prolific speaker can have thousands.
    for (const ids of bySpeakerKey.values()) ids.sort((a, b) => quality(hits[b]!) - quality(hits[a]!));
    this.hits = hits;
    this.bySpeakerKey = bySpeakerKey;
    this.speakers = [...bySpeaker.values()].sort((a, b) => b.count - a.count || byCodeUnits(a.key, b.key));
  }
}

export class QuoteFinder {
  private readonly index: FlexIndex;
  private readonly speakerSounds: FlexIndex;
  /** searchAll's scratch over the quote index, one byte per quotation. */
  private readonly marks: Scratch<Uint8Array>;

  constructor(
    private readonly table: QuoteTable,
    indexes: Pick<SearchIndexes, 'quotes' | 'speakers'>,
    private readonly keys: ContentKeys,
  ) {
    this.index = indexes.quotes;
    this.speakerSounds = indexes.speakers;
    this.marks = new Scratch(() => new Uint8Array(table.hits.length));
  }

  /** Quotations by a speaker (full name or surname), or else about a topic. Best first. */
  quotes(query: string): QuoteResult {
    const key = normalizeKey(query);
    if (!key) return this.result('topic', []);
    let ids = this.table.bySpeakerKey.get(key);
    if (!ids) {
      // A misspelt speaker ("kropotkn"): the closest speaker name by sound and spelling.
      const candidates = this.speakerSounds.search(key, { limit: 10 }) as number[];
      const best = candidates
        .map((id) => this.table.speakers[id]!)
        .map((s) => ({ s, score: Math.max(nameScore(key, s.key), nameScore(key, lastToken(s.key))) }))
        .sort((a, b) => b.score - a.score)[0];
      if (best && best.score >= 0.75) ids = this.table.bySpeakerKey.get(best.s.key);
    }
    if (ids) return this.result('speaker', ids);
    return this.result('topic', searchEncoded(this.index, searchTerms(query), 50, this.marks));
  }

  /** Speakers for autocomplete, most quoted first: exact or surname, then prefix, then
   *  word-prefix, then fuzzy; at most `limit`, no duplicates. */
  completeSpeaker(prefix: string, limit = 25): string[] {
    const key = normalizeKey(prefix);
    const out = new DistinctNames(limit, (display) => this.keys.of(display));
    const ranked = this.table.speakers;
    if (!key) for (const s of ranked) out.add(s.display);
    for (const s of ranked) if (s.key === key || lastToken(s.key) === key) out.add(s.display);
    for (const s of ranked) if (s.key.startsWith(key)) out.add(s.display);
    for (const s of ranked) if (s.key.split(' ').some((t) => t.startsWith(key))) out.add(s.display);
    if (!out.full && key.length >= 3) {
      const fuzzy = (this.speakerSounds.search(key, { limit }) as number[]).map((id) => ranked[id]!);
      for (const s of fuzzy) if (nameScore(key, s.key) >= 0.5 || nameScore(key, lastToken(s.key)) >= 0.6) out.add(s.display);
    }
    return out.list;
  }

  private result(how: QuoteResult['how'], ids: readonly number[]): QuoteResult {
    const hits = this.table.hits;
    return { how, total: ids.length, at: (i) => (i >= 0 && i < ids.length ? hits[ids[i]!] : undefined) };
  }
}

/** Best quotations first: a source link, a work, a year, a block quotation. */
function quality(hit: QuoteHit): number {
  const q = hit.quote;
  return (q.source ? 4 : 0) + (q.work ? 2 : 0) + (q.year ? 1 : 0) + (q.kind === 'blockquote' ? 1 : 0);
}

function lastToken(key: string): string {
  const i = key.lastIndexOf(' ');
  return i < 0 ? key : key.slice(i + 1);
}
