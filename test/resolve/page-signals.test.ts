import { describe, expect, it } from 'vitest';
import { baseTitle, isPersonPage, leadAcronyms, leadSubject, titleAcronyms } from '../../src/library/resolve/page-signals.js';

describe('isPersonPage', () => {
  it.each([
    [
      'life dates after the name',
      { title: 'Adolph Lessig', lead: 'Adolph Lessig (1869 - 1935) was the business agent of a union.', categories: [] },
    ],
    [
      'born',
      { title: 'Peter Gelderloos', lead: 'Peter Gelderloos (born 1982) is an anarchist philosopher and historian.', categories: [] },
    ],
    [
      'initials before the dates',
      { title: 'Alexander Schapiro', lead: 'Alexander M. Schapiro (1883 - 1946) was an anarcho-syndicalist.', categories: [] },
    ],
    ['a category of people', { title: 'Andrej Grubacic', lead: 'Andrej Grubacic is a sociology professor.', categories: ['Anarchists'] }],
    [
      'a pronoun and a name as subject',
      { title: 'John Dewey', lead: 'John Dewey was a psychologist and philosopher. He wrote on education.', categories: [] },
    ],
    [
      'a nickname in quotes',
      { title: 'Arthur "Slim" Evans', lead: 'Arthur Herbert "Slim" Evans (1890 - 1944) was a trade unionist.', categories: [] },
    ],
  ])('a person: %s', (_, page) => expect(isPersonPage(page)).toBe(true));

  it.each([
    [
      'an event with dates later',
      {
        title: 'Alcatraz Occupation',
        lead: 'The Occupation of Alcatraz was a 19-month long protest occupation (1969 - 1971).',
        categories: [],
      },
    ],
    [
      'an event whose lead says his',
      {
        title: 'Brisbane General Strike',
        lead: 'The Brisbane General Strike of 1912 was a general strike. Workers wore red ribbons at his call.',
        categories: [],
      },
    ],
    [
      'a title with "of"',
      {
        title: 'History of the Makhnovist Movement',
        lead: 'History of the Makhnovist Movement (1918 - 1921) is a 1923 book.',
        categories: [],
      },
    ],
    ['one word', { title: 'Anarchism', lead: 'Anarchism (from Greek) is a philosophy. He who…', categories: ['Philosophers'] }],
    ['a list', { title: 'List of Strikes', lead: 'A list of strikes by date.', categories: ['Lists'] }],
    [
      'a category that is not people',
      { title: 'Social Centre', lead: 'A social centre is a building.', categories: ['Social Centers', 'Lists'] },
    ],
  ])('not a person: %s', (_, page) => expect(isPersonPage(page)).toBe(false));
});

describe('leadAcronyms', () => {
  it.each([
    ['The Black Panther Party (BPP), originally the Black Panther Party for Self-Defense, was a party.', ['bpp']],
    ['The Industrial Workers of the World or IWW is an international trade union.', ['iww']],
    ['John Fitzgerald Kennedy (called Jack or JFK) was the 35th President.', ['jfk']],
    ['The Democratic Republic of the Congo (or DR Congo, the DRC, DROC, or simply the Congo) is a state.', ['drc', 'droc']],
    ['The Industrial Workers of the World (I.W.W.) is a union.', ['iww']],
    ['The Evergreen Cooperatives are a network of cooperatives in Cleveland, Ohio, USA.', []],
    ['Green Bans are strikes. They were done by the Builders Labourers Federation (BLF).', []],
    ['J.5.2 Why do anarchists support unionism? (An Anarchist FAQ) is the 2nd entry of Section J.', []],
    ['Kaiserreich (Hearts of Iron IV) is a mod.', []],
    ['The IWW Couriers Network is an IWW group.', []],
  ])('%j gives %j', (lead, acronyms) => expect(leadAcronyms(lead)).toEqual(acronyms));

  it.each([
    ['Industrial Workers of the World', 'A union of all workers. The IWW was founded in 1905.', ['iww']],
    ['Confederación Nacional del Trabajo', 'A Spanish union federation; the CNT had a million members.', ['cnt']],
    ['Ejército Zapatista de Liberación Nacional', 'The E.Z.L.N. rose in 1994.', ['ezln']],
    ['Anarcho-Syndicalist Review', 'A magazine. ASR is published quarterly.', ['asr']],
    ['Builders Labourers Federation (New South Wales)', 'A union. The BLF led green bans.', ['blf']],
    // Initials the lead never writes are not a name of the page; nor a word in capitals by chance.
    ['Aerial Bombing of Cities', 'Bombing cities from the air began in 1911.', []],
    ['Aboriginal Tent Embassy', 'A protest camp. The ATE was set up in 1972 by activists.', ['ate']],
    ['Direct Action', 'Action taken by people themselves, not through a DAO.', []],
    ['Anarchism', 'ANARCHISM is a philosophy.', []],
  ])('%j is also %j when its lead says so', (title, lead, acronyms) => expect(titleAcronyms(title, lead)).toEqual(acronyms));

  it('reads only the subject of the first sentence', () => {
    expect(leadSubject('The Black Panther Party (BPP) was a party. It had members.')).toBe('The Black Panther Party (BPP) ');
    expect(baseTitle('John Smith (activist)')).toBe('John Smith');
  });
});
