// Citation templates ({{cite web}}, {{cite book}}, {{cite journal}}, {{citation}} …) as one line
// of wikitext a reader can follow and the citation reader (src/wiki/parse/attribution.ts) can
// take apart: `Authors (Year). "Title". ''Work''. Publisher. URL` — the authors first and the
// year in brackets, the way it recognises "Name (1842) Title"; without a year, `Authors, Title`.
import type { TemplateArgs } from './braces.js';

const MAX_AUTHORS = 5;

/** "George Woodcock" from last=Woodcock, first=George; the numbered forms (last2, author3 …). */
function authors(args: TemplateArgs): string[] {
  const out: string[] = [];
  for (let i = 1; i <= 9 && out.length < MAX_AUTHORS; i++) {
    const n = i === 1 ? ['', '1'] : [String(i)];
    const whole = args.get(...n.flatMap((k) => [`author${k}`, `authors${k === '1' ? '' : k}`]).filter(Boolean));
    const last = args.get(...n.flatMap((k) => [`last${k}`, `surname${k}`]));
    const first = args.get(...n.flatMap((k) => [`first${k}`, `given${k}`]));
    const name = whole ?? (last ? (first ? `${first} ${last}` : last) : undefined);
    if (name) out.push(name);
    else if (i > 1) break;
  }
  if (out.length === 0) {
    const list = args.get('vauthors', 'people', 'editor', 'editor1', 'editor-last', 'host');
    if (list) out.push(list);
  }
  return out;
}

function joinAuthors(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The four-digit year of a date in any of the forms the templates take. */
export function yearOf(date: string | undefined): string | undefined {
  return date ? /\b(1\d{3}|20\d{2})\b/.exec(date)?.[1] : undefined;
}

/** `s` ending with a full stop, unless its last visible character already ends a sentence
 *  (closing quotes and italics marks do not count). */
function sentence(s: string): string {
  const t = s.trim();
  return /[.!?]$/.test(t.replace(/['"”’)\]]+$/, '')) ? t : `${t}.`;
}

/** A citation template's text, as wikitext. `kind` is what follows "cite " (`web`, `book` …). */
export function citationText(kind: string, args: TemplateArgs): string {
  const who = joinAuthors(authors(args));
  const year = yearOf(args.get('year', 'date', 'publication-date', 'orig-year', 'origyear'));
  const title = args.get('title', 'script-title', 'trans-title', 'chapter', 'contribution', 'entry', 'episode') ?? '';
  const chapter = args.get('chapter', 'contribution', 'section');
  const work = args.get('work', 'website', 'journal', 'newspaper', 'magazine', 'periodical', 'encyclopedia', 'series', 'site');
  const publisher = args.get('publisher', 'agency', 'institution', 'network', 'station');
  const url = args.get('url', 'chapter-url', 'chapterurl', 'archive-url', 'archiveurl', 'website-url', 'transcript-url');
  const pages = args.get('page', 'pages', 'at');
  const isBook = /^book|^thesis|^encyclopedia/.test(kind) || (!work && !!publisher && kind !== 'web');

  const parts: string[] = [];
  // Book titles in italics; articles, chapters and web pages in quotes, their container in italics.
  const bookTitle = chapter && args.get('title') ? args.get('title')! : title;
  const titled = isBook
    ? [chapter && chapter !== bookTitle ? `"${chapter}"` : '', bookTitle ? `''${bookTitle}''` : ''].filter(Boolean).join(' in ')
    : title
      ? `"${title}"`
      : '';
  if (who && year) parts.push(`${who} (${year}).`, titled ? sentence(titled) : '');
  else if (who) parts.push(titled ? `${who}, ${sentence(titled)}` : sentence(who));
  else if (titled) parts.push(sentence(titled));
  if (work && !isBook) parts.push(sentence(`''${work}''`));
  if (publisher) parts.push(sentence(publisher));
  if (!who && year) parts.push(sentence(year));
  if (pages) parts.push(sentence(/^\d/.test(pages) ? `p. ${pages}` : pages));
  if (url) parts.push(url);
  return parts.filter(Boolean).join(' ');
}

/** `{{sfn|Woodcock|1962|p=12}}`, `{{harvnb|…}}`: short citations by author and year. */
export function shortCitationText(args: TemplateArgs): string {
  const names: string[] = [];
  let year: string | undefined;
  for (const p of args.positional) {
    if (!year && /^(1\d{3}|20\d{2})[a-z]?$/.test(p)) year = p;
    else if (!year && p) names.push(p);
  }
  const pages = args.get('p', 'pp', 'page', 'pages', 'loc');
  const head = [joinAuthors(names), year ? `(${year})` : ''].filter(Boolean).join(' ');
  return pages ? `${head}, p. ${pages}.` : `${head}.`;
}
