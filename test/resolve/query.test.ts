import { describe, expect, it } from 'vitest';
import { cleanQuery } from '../../src/library/resolve/query.js';

describe('cleanQuery', () => {
  it.each([
    ['mutual aid', 'mutual aid', 'mutual aid'],
    ['what is mutual aid', 'mutual aid', 'mutual aid'],
    ['What is Mutual Aid?', 'Mutual Aid', 'Mutual Aid'],
    ["what's anarchism", 'anarchism', 'anarchism'],
    ['what’s anarchism', 'anarchism', 'anarchism'],
    ['whats anarchism', 'anarchism', 'anarchism'],
    ['who was Emma Goldman', 'Emma Goldman', 'Emma Goldman'],
    ['Who is Peter Kropotkin?', 'Peter Kropotkin', 'Peter Kropotkin'],
    ['what are workers councils', 'workers councils', 'workers councils'],
    ['Dual Power?', 'Dual Power', 'Dual Power'],
    ['dual power ?!', 'dual power', 'dual power'],
    ['tell me about syndicalism', 'syndicalism', 'syndicalism'],
    ['Tell me more about the IWW', 'the IWW', 'IWW'],
    ['please tell me about anarcho-syndicalism', 'anarcho-syndicalism', 'anarcho-syndicalism'],
    ['can you explain dual power please', 'dual power', 'dual power'],
    ['what does EZLN stand for', 'EZLN', 'EZLN'],
    ['what does mutual aid mean?', 'mutual aid', 'mutual aid'],
    ['define dual power', 'dual power', 'dual power'],
    ['meaning of solidarity', 'solidarity', 'solidarity'],
    ['the zapatistas', 'the zapatistas', 'zapatistas'],
    ['The Paris Commune', 'The Paris Commune', 'Paris Commune'],
    ['what is the conquest of bread', 'the conquest of bread', 'conquest of bread'],
    ['an anarchist FAQ', 'an anarchist FAQ', 'anarchist FAQ'],
    ['define: dual power', 'dual power', 'dual power'],
    ['explain mutual aid to me', 'mutual aid', 'mutual aid'],
    ['tell me what dual power is', 'dual power', 'dual power'],
    ['tell me who Emma Goldman was', 'Emma Goldman', 'Emma Goldman'],
    ['what is meant by counterpower', 'counterpower', 'counterpower'],
    ['where is Rojava?', 'Rojava', 'Rojava'],
    ['when was the Paris Commune', 'the Paris Commune', 'Paris Commune'],
    ['how does mutual aid work?', 'mutual aid', 'mutual aid'],
    ['tell me something about syndicalism', 'syndicalism', 'syndicalism'],
    ['i want to learn about the IWW', 'the IWW', 'IWW'],
    ['anything on dual power?', 'dual power', 'dual power'],
    ['dual power meaning', 'dual power', 'dual power'],
    ['Mutual aid, definition', 'Mutual aid', 'Mutual aid'],
  ])('%j asks about %j (bare %j)', (typed, asked, bare) => {
    expect(cleanQuery(typed)).toEqual({ asked, bare });
  });

  it.each(['what', 'who is', 'the', 'tell me about', 'please', 'the?'])('leaves %j alone when nothing would be left', (typed) => {
    const { asked } = cleanQuery(typed);
    expect(asked.length).toBeGreaterThan(0);
  });

  it('keeps words that only look like a request inside a name', () => {
    expect(cleanQuery('golden mean').asked).toBe('golden mean');
    expect(cleanQuery('people please').asked).toBe('people');
    expect(cleanQuery('theory of value').bare).toBe('theory of value');
    expect(cleanQuery('learning').asked).toBe('learning');
    expect(cleanQuery('definition').asked).toBe('definition');
  });
});
