// The section and quote indexes are filled by postings.ts instead of flexsearch's add(): the
// lists must be exactly the ones add() makes, so that search ranks as flexsearch would, and
// they must survive the saved-index encoding unchanged. A broken chunk must be refused.
import flexsearch from 'flexsearch';
import { describe, expect, it } from 'vitest';
import {
  decodePostings,
  encodePostings,
  importPostings,
  PostingsBuilder,
  searchAll,
  type PostingEntries,
} from '../../src/library/postings.js';

const { Index } = flexsearch;
type FlexIndex = InstanceType<typeof Index>;
const PRE_ENCODED = { encode: (t: string) => (t ? t.split(' ') : []) } as unknown as InstanceType<typeof flexsearch.Encoder>;

/** Deterministic pseudo-random documents: a Zipf-ish vocabulary, repeats, empty terms (double
 *  spaces), wide characters, lengths on both sides of the resolution, some empty documents. */
function documents(count: number, seed = 1): string[] {
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const vocabulary = [
    'power',
    'soviet',
    'dual',
    'council',
    'kropotkin',
    'mutual',
    'aid',
    'грамота',
    'العمال',
    '労働',
    'e\u0301cole',
    '__proto__',
    'constructor',
  ];
  for (let i = 0; i < 300; i++) vocabulary.push(`w${i}`);
  const docs: string[] = [];
  for (let d = 0; d < count; d++) {
    const length = d % 17 === 0 ? 0 : Math.floor(rand() * (d % 3 === 0 ? 60 : 9)) + 1;
    const terms: string[] = [];
    for (let i = 0; i < length; i++) terms.push(rand() < 0.05 ? '' : vocabulary[Math.floor(rand() ** 3 * vocabulary.length)]!);
    docs.push(terms.join(' '));
  }
  return docs;
}

function flexIndex(resolution: number): FlexIndex {
  return new Index({ tokenize: 'strict', encoder: PRE_ENCODED, resolution });
}

function exported(index: FlexIndex): string[] {
  const out: string[] = [];
  index.export((key: string, data: string) => void out.push(`${key}=${data}`));
  return out;
}

function built(docs: string[], resolution: number): FlexIndex {
  const builder = new PostingsBuilder(resolution);
  for (const [id, doc] of docs.entries()) builder.add(id, doc);
  const index = flexIndex(resolution);
  importPostings(index, builder.finish());
  return index;
}

function added(docs: string[], resolution: number): FlexIndex {
  const index = flexIndex(resolution);
  for (const [id, doc] of docs.entries()) index.add(id, doc);
  return index;
}

describe('posting lists built outside flexsearch', () => {
  for (const resolution of [1, 3, 9, 20]) {
    it(`are the lists flexsearch's own add() makes (resolution ${resolution})`, () => {
      const docs = documents(600, resolution);
      const ours = exported(built(docs, resolution));
      expect(ours.some((chunk) => chunk.includes('"kropotkin"'))).toBe(true);
      expect(ours).toEqual(exported(added(docs, resolution)));
    });
  }

  it('rank search results as flexsearch would', () => {
    const docs = documents(800, 5);
    const ours = built(docs, 9);
    const theirs = added(docs, 9);
    const queries = ['power', 'dual power', 'kropotkin mutual aid', 'w3 w7', 'грамота', 'e\u0301cole', 'constructor', 'nothing-here'];
    for (const q of queries) {
      const hits = ours.search(q, { limit: 20 });
      expect(hits).toEqual(theirs.search(q, { limit: 20 }));
      expect(ours.search(q, { limit: 20, suggest: true })).toEqual(theirs.search(q, { limit: 20, suggest: true }));
    }
    expect(ours.search('power', { limit: 20 }) as number[]).toHaveLength(20);
  });

  it('leave documents without terms out of the register, as add() does', () => {
    const builder = new PostingsBuilder(9);
    builder.add(0, '');
    builder.add(1, 'a');
    builder.add(2, ' ');
    const { reg, entries } = builder.finish();
    expect(reg).toEqual([1]);
    expect(entries).toEqual([['a', [[1]]]]);
  });
});

describe('searchAll, the intersection of several terms', () => {
  const vocabulary = [
    'power',
    'soviet',
    'dual',
    'council',
    'kropotkin',
    'mutual',
    'aid',
    'грамота',
    '__proto__',
    'w3',
    'w40',
    'w250',
    'absent',
  ];
  for (const resolution of [1, 9, 20]) {
    it(`finds the ids flexsearch's search finds, in its order (resolution ${resolution})`, () => {
      const docs = documents(800, resolution + 7);
      const index = built(docs, resolution);
      const marks = new Uint8Array(docs.length);
      let s = resolution;
      const rand = (n: number) => (s = (s * 48271) % 2147483647) % n;
      let nonEmpty = 0;
      let cutAtLimit = 0;
      for (let q = 0; q < 600; q++) {
        const terms = Array.from({ length: 2 + rand(3) }, () => vocabulary[rand(vocabulary.length)]!);
        const limit = [1, 5, 15, 100][q % 4]!;
        const expected = index.search(terms.join(' '), { limit }) as number[];
        const ours = searchAll(index, terms, limit, marks) ?? expected;
        expect(ours, terms.join(' ')).toEqual(expected);
        if (expected.length) nonEmpty++;
        if (expected.length === limit) cutAtLimit++;
      }
      // The queries exercised matches, misses and the limit.
      expect(nonEmpty).toBeGreaterThan(100);
      expect(cutAtLimit).toBeGreaterThan(50);
      expect(marks.every((m) => m === 0)).toBe(true);
    });
  }

  it('leaves one distinct term to flexsearch, and finds nothing for a term no document has', () => {
    const index = built(documents(100), 9);
    const marks = new Uint8Array(100);
    expect(searchAll(index, ['power', 'power'], 5, marks)).toBeUndefined();
    expect(searchAll(index, ['power', 'absent'], 5, marks)).toEqual([]);
  });
});

describe('the binary form of posting lists', () => {
  const sample = (): PostingEntries => {
    const builder = new PostingsBuilder(9);
    for (const [id, doc] of documents(2000, 3).entries()) builder.add(id, doc);
    return builder.finish().entries;
  };

  it('round-trips every term, slot and id', () => {
    const entries = sample();
    const { count, chunks } = encodePostings(entries);
    const back = Array.from(chunks, (chunk) => decodePostings(chunk)).flat();
    expect(count).toBe(1);
    expect(back).toEqual(entries.map(([term, slots]) => [term, slots.map((s) => s ?? null)]));
  });

  it('splits a big index into several chunks that decode to the same lists', () => {
    // ~400,000 postings: more than one chunk's worth.
    const builder = new PostingsBuilder(9);
    for (let id = 0; id < 40_000; id++) builder.add(id, Array.from({ length: 10 }, (_, i) => `t${(id * 7 + i * 13) % 5000}`).join(' '));
    const { entries } = builder.finish();
    const { count, chunks } = encodePostings(entries);
    // Each chunk is decoded before the next is made: they share one buffer.
    const decoded = Array.from(chunks, (chunk) => decodePostings(chunk));
    expect(count).toBeGreaterThan(1);
    expect(decoded).toHaveLength(count);
    expect(decoded.flat()).toEqual(entries);
  });

  it('refuses a truncated chunk, trailing bytes and a broken term list', () => {
    const chunk = Buffer.from(encodePostings(sample()).chunks.next().value!);
    expect(() => decodePostings(chunk!.subarray(0, chunk!.length - 3))).toThrow(/truncated/);
    expect(() => decodePostings(Buffer.concat([chunk!, Buffer.from([0, 0, 0, 0])]))).toThrow(/trailing/);
    expect(() => decodePostings(Buffer.from('{"a":1}\n'))).toThrow(/term list/);
    expect(() => decodePostings(Buffer.from('no newline'))).toThrow(/term list/);
  });
});
