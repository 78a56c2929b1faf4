import { describe, expect, it } from 'vitest';
import { english } from '../../src/library/resolve/language.js';
import { significantWords, surnameKeys, typoKey, variantKey, wordSetKey } from '../../src/library/resolve/keys.js';
import { normalizeKey } from '../../src/library/normalize.js';

const v = (text: string) => variantKey(normalizeKey(text));

describe('English plural and spelling rules', () => {
  it.each([
    ['councils', 'council'],
    ['communities', 'community'],
    ['classes', 'class'],
    ['churches', 'church'],
    ['zapatistas', 'zapatista'],
    ['states', 'state'],
    ['malis', 'mali'],
    ['class', 'class'],
    ['status', 'statu'],
    ['bus', 'bus'],
    ['aid', 'aid'],
  ])('stem(%j) is %j', (word, stem) => expect(english.stem(word)).toBe(stem));

  it.each([
    ['organisation', 'organization'],
    ['organise', 'organize'],
    ['organising', 'organizing'],
    ['analyse', 'analyze'],
    ['labour', 'labor'],
    ['labourers', 'laborers'],
    ['colour', 'color'],
    ['neighbourhood', 'neighborhood'],
    ['anarchism', 'anarchism'],
    ['four', 'four'],
    ['hour', 'hour'],
    ['wise', 'wise'],
  ])('spelling(%j) is %j', (word, one) => expect(english.spelling(word)).toBe(one));
});

describe('variantKey', () => {
  it.each([
    ['anarcho-syndicalism', 'anarchosyndicalism', 'anarcho syndicalism'],
    ['Workers’ Councils', "workers' council", 'workers council'],
    ['the Zapatistas', 'Zapatista', 'zapatistas'],
    ['Labour Organisation', 'labor organization', 'Labor organizations'],
    ['Anarcho–Syndicalism', 'Anarcho—Syndicalism', 'anarcho syndicalism'],
    ['Çayönü Tepesi', 'Cayonu Tepesi', 'cayonu tepesi'],
    ['The Conquest of Bread', 'conquest of bread', 'Conquest of Bread'],
  ])('%j, %j and %j meet', (a, b, c) => {
    expect(v(a)).toBe(v(b));
    expect(v(b)).toBe(v(c));
  });

  it.each([
    ['dual power', 'dual powers of india'],
    ['anarchism', 'anarchist'],
    ['a', 'the'],
  ])('%j and %j stay apart', (a, b) => expect(v(a)).not.toBe(v(b)));

  it('keeps a lone article', () => expect(v('the')).toBe('the'));

  it('keeps the letters of a name as typed for typos', () => {
    expect(typoKey('the conquest of bread')).toBe('conquestofbread');
    expect(typoKey('decolonisation')).toBe('decolonisation');
    expect(typoKey('the')).toBe('the');
  });
});

describe('surnameKeys and wordSetKey', () => {
  it.each([
    ['peter kropotkin', ['kropotkin']],
    ['emma goldman', ['goldman']],
    ['ricardo flores magon', ['magon', 'flores magon']],
    ['voltairine de cleyre', ['cleyre', 'de cleyre']],
    ['martin luther king jr', ['king', 'luther king']],
    ['malcolm x', []],
    ['kropotkin', []],
  ])('%j is found by %j', (name, keys) => expect(surnameKeys(name)).toEqual(keys));

  it('orders the words of a name', () => {
    expect(wordSetKey('durruti buenaventura')).toBe(wordSetKey('buenaventura durruti'));
    expect(wordSetKey('kropotkin')).toBe('kropotkin');
  });

  it('drops stop words unless nothing else is left', () => {
    expect(significantWords('industrial workers of the world')).toEqual(['industrial', 'workers', 'world']);
    expect(significantWords('of the')).toEqual(['of', 'the']);
  });
});
