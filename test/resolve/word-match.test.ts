import { describe, expect, it } from 'vitest';
import { wordMatcher } from '../../src/library/resolve/word-match.js';

describe('wordMatcher', () => {
  it.each([
    ['Lingg', 'He followed the link to the page.', false],
    ['Lingg', 'Louis Lingg was one of the Haymarket martyrs.', true],
    ['quux', 'Chaos and cows in the quarry.', false],
    ['cooperatives', 'Worker co-operatives spread.', true],
    ['co-operatives', 'Worker cooperatives spread.', true],
    ['durruti', 'Buenaventura Durrutí led the column.', true],
    ['Çayönü', 'Excavations at Cayonu began.', true],
    ['organisation', 'The organization of labor.', true],
    ['organization', 'The organisation of labour.', true],
    ['labor', 'A labour movement.', true],
    ['workers', "The workers' council met.", true],
    ['mutual aid', 'Aid that is mutual.', true],
    ['mutual aid', 'Mutual respect only.', false],
    ['council', 'A councillor spoke.', false],
    ['council', 'The councils met.', true],
    ['company', 'The company’s workers.', true],
    ['commun', 'The common good of the community.', false],
    ['power', 'Empowerment is not the word.', false],
    ['what is dual power', 'Dual power is a strategy.', true],
    ['C.1.1', 'Section C.1.1 asks whether economics is value free.', true],
    ['McDonalds', "The McDonald's strike of 1979.", true],
    ['WORKERS', 'The workers met.', true],
  ])('%j in %j: %s', (query, text, found) => expect(wordMatcher(query)(text)).toBe(found));

  it('passes everything for a query without words', () => expect(wordMatcher('?!')('x')).toBe(true));
});
