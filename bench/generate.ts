// A synthetic wiki in the seed page's format (pandoc MediaWiki export: raw-HTML wikilinks
// with the stray quote, blockquotes introduced by a speaker, footnotes with URLs,
// "Related Concepts" lists and category links), sized like real pages (about 10 KB on average, as the
// wiki's 926 real pages: 9.2 MB).
// Deterministic for a given seed, so runs compare.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

const SYLLABLES = [
  'an',
  'ar',
  'chi',
  'co',
  'de',
  'di',
  'fe',
  'ga',
  'lo',
  'ma',
  'ni',
  'po',
  'ra',
  'se',
  'ta',
  've',
  'xo',
  'zu',
  'mu',
  'tri',
];
const WORDS = (
  'the of and a to in is was that for as with by on are from this which be or an were their have has its' +
  ' power workers council state society movement revolution strategy organization anarchist socialist federation' +
  ' cooperative assembly union struggle history theory practice institution mutual aid direct action commune' +
  ' collective autonomy solidarity property labour capital freedom authority community network'
).split(' ');
const FIRSTS = ['Peter', 'Emma', 'Errico', 'Lucy', 'Rudolf', 'Voltairine', 'Murray', 'Nestor', 'Louise', 'Mikhail', 'Ricardo', 'Ursula'];
const SURNAMES = [
  'Kravetz',
  'Lindqvist',
  'Moreau',
  'Okafor',
  'Petrenko',
  'Quiroga',
  'Rasmussen',
  'Sato',
  'Tanaka',
  'Valdez',
  'Weber',
  'Zeller',
];
const CATEGORIES = ['Concepts', 'People', 'History', 'Strategy', 'Organizations', 'Economics', 'Events', 'Theory', 'Movements', 'Places'];

/** Mulberry32: small, fast, seedable. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function titles(n: number, seed = 1): string[] {
  const r = rng(seed);
  const out = new Set<string>();
  while (out.size < n) {
    const words = 1 + Math.floor(r() * 3);
    const name = Array.from({ length: words }, () => {
      const syl = 2 + Math.floor(r() * 3);
      const w = Array.from({ length: syl }, () => SYLLABLES[Math.floor(r() * SYLLABLES.length)]).join('');
      return w;
    }).join(' ');
    out.add(name.charAt(0).toUpperCase() + name.slice(1));
  }
  return [...out];
}

const slug = (t: string) => t.replace(/ /g, '_');
const link = (t: string, label = t) => `"<a   href="${slug(t)}.md" class="wikilink"\ntitle="${t}">${label}</a>`;

export function page(title: string, all: string[], r: () => number): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const sentence = (links = 1) => {
    const n = 12 + Math.floor(r() * 14);
    const words = Array.from({ length: n }, () => pick(WORDS));
    for (let i = 0; i < links; i++) words.splice(1 + Math.floor(r() * (n - 1)), 0, link(pick(all)));
    const s = words.join(' ');
    return `${s.charAt(0).toUpperCase() + s.slice(1)}.`;
  };
  const para = (k: number) => Array.from({ length: k }, () => sentence(r() < 0.5 ? 1 : 0)).join(' ');
  let note = 0;
  const notes: string[] = [];
  const footnote = () => {
    note++;
    const person = `${pick(SURNAMES)}, ${pick(FIRSTS)}`;
    notes.push(
      r() < 0.5
        ? `[^${note}]: <https://example.org/${slug(title).toLowerCase()}/${note}.html>`
        : `[^${note}]: ${person}. ${pick(WORDS)} and ${pick(WORDS)}, ${1850 + Math.floor(r() * 170)}`,
    );
    return `[^${note}]`;
  };
  const out: string[] = [`**${title}** ${para(3)}`, ''];
  const sections = 3 + Math.floor(r() * 6);
  for (let s = 0; s < sections; s++) {
    out.push(`## ${pick(WORDS).replace(/^./, (c) => c.toUpperCase())} ${pick(WORDS)} ${s + 1}`, '');
    for (let p = 0; p < 1 + Math.floor(r() * 3); p++) out.push(para(3 + Math.floor(r() * 3)), '');
    if (r() < 0.45) {
      out.push(`As ${link(`${pick(FIRSTS)} ${pick(SURNAMES)}`)} argued:`, '');
      out.push(`> ${para(2).replace(/\n/g, ' ')}${footnote()}`, '');
    }
    if (r() < 0.3) out.push(`${pick(FIRSTS)} ${pick(SURNAMES)} wrote that "${sentence(0)}"${footnote()}`, '');
  }
  out.push('## Related Concepts', '');
  for (let i = 0; i < 3 + Math.floor(r() * 4); i++) out.push(`- ${link(pick(all))} - ${sentence(0).toLowerCase()}`);
  out.push('', '## References', '', '<references/>', '');
  out.push(
    Array.from({ length: 2 + Math.floor(r() * 3) }, () => {
      const c = pick(CATEGORIES);
      return `"<a   href="Category:${c}.md" class="wikilink"\ntitle="Category:${c}">Category:${c}</a>`;
    }).join('\n'),
  );
  out.push('', ...notes.flatMap((n) => [n, '']));
  return out.join('\n');
}

/** Writes `n` pages into `dir`; returns their total size in bytes. */
export async function generateWiki(dir: string, n: number, seed = 1): Promise<number> {
  await mkdir(dir, { recursive: true });
  const all = titles(n, seed);
  const r = rng(seed + 1);
  let bytes = 0;
  for (const t of all) {
    const text = page(t, all, r);
    bytes += Buffer.byteLength(text);
    await writeFile(path.join(dir, `${slug(t)}.md`), text);
  }
  return bytes;
}
