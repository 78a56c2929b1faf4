// Every command on the seed page (content/Dual_power.md), asserted as a user would read it.
import { beforeAll, describe, expect, it } from 'vitest';
import { commands, runAction, runText } from '../../commands/index.js';
import type { CommandDeps } from '../../commands/types.js';
import type { Reply } from '../../src/reply.js';
import { testDeps } from '../helpers/library.js';

let deps: CommandDeps;
const ask = (line: string): Promise<Reply> => runText(deps, line, { platform: 'shell' });

beforeAll(async () => {
  deps = await testDeps();
});

const SUMMARY =
  'Dual power refers to a situation where autonomous institutions and official institutions compete against each other for legitimacy and popular allegiance. While the term was coined by Vladimir Lenin in 1917 to describe conditions during the Russian Revolution, the underlying concept and strategy had been articulated by anarchist and socialist theorists decades earlier.';

describe('/define', () => {
  it('answers the article lead as a summary with its link and first citations', async () => {
    const r = await ask('/define dual power');
    expect(r.kind).toBe('definition');
    expect(r.title).toBe('Dual power');
    expect(r.url).toBe('https://anarwiki.org/wiki/Dual_power');
    expect(r.text).toBe(SUMMARY);
    expect(r.matched).toBeUndefined();
    expect(r.citations?.[0]).toEqual({ label: 'panarchy.org', url: 'https://www.panarchy.org/proudhon/economy.html' });
    expect(r.citations?.[1]?.label).toBe('Industrial Workers of the World Constitution Preamble, 1905');
    expect(r.citations).toHaveLength(3);
  });

  it.each(['Dual Power', 'DUAL_POWER', '  dual   power!! ', 'dúal pówer', 'dual\u200bpower'.replace('\u200b', ' \u200b')])(
    'ignores case, accents, punctuation and underscores: %j',
    async (term) => {
      const r = await ask(`/define ${term}`);
      expect(r.kind).toBe('definition');
      expect(r.title).toBe('Dual power');
      // The user typed the name itself: no "showing Dual power for …" note.
      expect(r.matched).toBeUndefined();
    },
  );

  it('finds the right article for a misspelling and says what it matched', async () => {
    const r = await ask('/define dual powr');
    expect(r.kind).toBe('definition');
    expect(r.title).toBe('Dual power');
    expect(r.matched).toEqual({ query: 'dual powr', title: 'Dual power', how: 'fuzzy' });
  });

  it('defines a concept that has no page from the list that names it', async () => {
    const r = await ask('/define counterpower');
    expect(r.kind).toBe('definition');
    expect(r.title).toBe('Counterpower');
    expect(r.text).toBe('A term sometimes used instead of "dual power" to distinguish anarchist strategy from Leninist origins.');
    expect(r.url).toBe('https://anarwiki.org/wiki/Dual_power#Related_Concepts');
    expect(r.items?.[0]?.title).toBe('Dual power');
  });

  it('says when nothing matches, privately, with at most 5 suggestions', async () => {
    const r = await ask('/define zqxv wombat');
    expect(r.kind).toBe('notfound');
    expect(r.private).toBe(true);
    expect(r.text).toContain('zqxv wombat');
    expect(r.suggestions!.length).toBeLessThanOrEqual(5);
  });

  it('suggests close titles for a near miss', async () => {
    const r = await ask('/define prefigurative');
    // Prefiguration is a concept listed on the page: close enough to suggest or to match.
    const named = r.kind === 'notfound' ? r.suggestions : [r.title];
    expect(named).toContain('Prefiguration');
  });
});

describe('/quote', () => {
  it('finds a quotation by surname with speaker, work, year, page and section', async () => {
    const r = await ask('/quote Kropotkin');
    expect(r.kind).toBe('quote');
    expect(r.quote).toMatchObject({
      speaker: 'Peter Kropotkin',
      work: 'Modern Science and Anarchy',
      year: '1914',
      page: 'Dual power',
      pageUrl: 'https://anarwiki.org/wiki/Dual_power',
      section: 'Modern Anarchist Interpretations › Alternate Institution Building',
      sectionUrl: 'https://anarwiki.org/wiki/Dual_power#Alternate_Institution_Building',
    });
    expect(r.quote!.text).toMatch(/^Work for us, poor creature who thinks you can improve your lot by co-operatives/);
    expect(r.quote!.text).not.toMatch(/\[\^?\d\]/);
    expect(r.total).toBe(1);
  });

  it('gives Lenin his full name, the work and the source link from the footnote', async () => {
    const r = await ask('/quote Lenin');
    expect(r.kind).toBe('quote');
    expect(r.quote?.speaker).toBe('Vladimir Lenin');
    expect(r.quote?.source).toBe('https://www.marxists.org/archive/lenin/works/1917/apr/09.htm');
    expect(r.quote?.text).toContain('growing—the Soviets');
  });

  it('matches a full name and a misspelt surname', async () => {
    expect((await ask('/quote Peter Kropotkin')).quote?.speaker).toBe('Peter Kropotkin');
    expect((await ask('/quote kropotkn')).quote?.speaker).toBe('Peter Kropotkin');
  });

  it('falls back to quotations about a topic', async () => {
    const r = await ask('/quote cooperatives');
    expect(r.kind).toBe('quote');
    expect(r.matched?.how).toBe('topic');
    expect(r.quote!.text.toLowerCase()).toMatch(/co-?operatives/);
  });

  it('rotates through several matches with the "another quote" action', async () => {
    const first = await ask('/quote dual power');
    expect(first.total).toBeGreaterThan(1);
    const next = first.actions!.find((a) => a.type === 'another-quote')!;
    expect(next).toMatchObject({ type: 'another-quote', index: 1 });
    const second = await runAction(deps, next, { platform: 'shell' });
    expect(second.index).toBe(1);
    expect(second.quote!.text).not.toBe(first.quote!.text);
  });

  it('says privately when no quotation matches', async () => {
    const r = await ask('/quote Zzyzx Qwerty');
    expect(r.kind).toBe('notfound');
    expect(r.private).toBe(true);
  });
});

describe('/related', () => {
  it('relates a concept with no page to the page that lists it and its neighbours', async () => {
    const r = await ask('/related counterpower');
    expect(r.kind).toBe('related');
    const titles = r.items!.map((i) => i.title);
    expect(titles[0]).toBe('Dual power');
    expect(titles).toEqual(expect.arrayContaining(['Prefiguration', 'Syndicalism', 'Platformism', "Workers' Self-Management"]));
    expect(r.items![0]!.why).toContain('lists Counterpower');
    expect(r.items!.find((i) => i.title === 'Syndicalism')!.why).toContain('listed together under "Related Concepts"');
    expect(r.items!.length).toBeLessThanOrEqual(10);
    expect(r.matched).toBeUndefined();
  });

  it('relates an article to its listed concepts, each with a reason, and never to a page the wiki lacks', async () => {
    const r = await ask('/related dual power');
    // content/ holds this one page: its links lead to pages it lacks, and the concepts it
    // lists have no page here, so each links to the list that describes it.
    expect(r.items!.map((i) => i.title).sort()).toEqual([
      'Counterpower',
      'Platformism',
      'Prefiguration',
      'Syndicalism',
      "Workers' Self-Management",
    ]);
    for (const item of r.items!) {
      expect(item.why).toBe('listed under "Related Concepts"; linked from Dual power');
      expect(item.url).toBe('https://anarwiki.org/wiki/Dual_power#Related_Concepts');
    }
  });

  it('links a concept with no page, in the header too, to the section that lists it', async () => {
    const r = await ask('/related counterpower');
    expect(r.url).toBe('https://anarwiki.org/wiki/Dual_power#Related_Concepts');
    expect(r.items!.find((i) => i.title === 'Syndicalism')!.url).toBe('https://anarwiki.org/wiki/Dual_power#Related_Concepts');
    expect(r.items![0]!.url).toBe('https://anarwiki.org/wiki/Dual_power');
  });
});

describe('/search', () => {
  it('returns the best sections with page, section and excerpt', async () => {
    const r = await ask('/search soviets');
    expect(r.kind).toBe('search');
    expect(r.items!.length).toBeGreaterThan(0);
    const first = r.items![0]!;
    expect(first.title).toMatch(/^Dual power/);
    expect(first.url).toMatch(/^https:\/\/anarwiki\.org\/wiki\/Dual_power/);
    expect(first.excerpt!.toLowerCase()).toContain('soviet');
    expect(first.excerpt!.length).toBeLessThanOrEqual(202);
    // Every section shown has the word: no note about partial matches.
    expect(r.text).toBeUndefined();
  });

  it('shows sections with some of the words, and says so, when none has them all', async () => {
    const r = await ask('/search soviets zeppelinocracy');
    expect(r.kind).toBe('search');
    expect(r.text).toBe(
      'No section mentions all of "soviets zeppelinocracy"; these mention some of the words. Nothing mentions "zeppelinocracy".',
    );
    expect(r.items!.length).toBeGreaterThan(0);
    expect(r.items![0]!.title).toMatch(/^Dual power/);
    expect(r.items![0]!.excerpt!.toLowerCase()).toContain('soviet');
  });

  it('takes the best section for each word in turn when no section has both', async () => {
    const both = await ask('/search kropotkin lenin');
    const kropotkin = await ask('/search kropotkin');
    const lenin = await ask('/search lenin');
    expect(both.text).toMatch(/^No section mentions all of/);
    const titles = both.items!.map((i) => i.title);
    expect(titles[0]).toBe(kropotkin.items![0]!.title);
    expect(titles).toContain(lenin.items![0]!.title);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it('says nothing was found, with close titles, when no section has any of the words', async () => {
    const r = await ask('/search zeppelinocracy quuxification');
    expect(r.kind).toBe('notfound');
    expect(r.text).toContain('No section of the wiki mentions "zeppelinocracy quuxification"');
  });
});

describe('/help and unknown commands', () => {
  it('lists every command with an example', async () => {
    const r = await ask('/help');
    expect(r.kind).toBe('help');
    for (const c of commands) expect(r.items!.some((i) => i.title.startsWith(`/${c.name}`))).toBe(true);
    expect(r.items!.every((i) => i.excerpt?.startsWith('e.g. /'))).toBe(true);
  });

  it('names the commands when the command is unknown', async () => {
    const r = await ask('/definee dual power');
    expect(r.kind).toBe('error');
    expect(r.text).toContain('/define');
    expect(r.text).toContain('/quote');
  });

  it('answers a line that is not a command', async () => {
    const r = await ask('hello');
    expect(r.kind).toBe('error');
    expect(r.text).toContain('/help');
  });
});
