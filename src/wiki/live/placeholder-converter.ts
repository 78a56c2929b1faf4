// PLACEHOLDER, to be replaced by the dump importer's converter (src/wiki/import/) when it
// lands: a minimal wikitext → page file conversion so that the live sync can be built and
// tested end to end. It handles redirects, headings, bold and italics, internal links (as
// [[Target|label]], which the parser reads), categories, external links, <ref> footnotes,
// lists and blockquotes, and drops templates, tables, files and comments. Everything else the
// importer does (citation templates, hatnotes, quotation templates, template expansion) is not
// here.
import type { PageConverter } from './convert.js';

export const placeholderConverter: PageConverter = (title, wikitext) => {
  const front = `---\ntitle: ${JSON.stringify(title)}\n---\n\n`;
  const redirect = /^\s*#REDIRECT\s*:?\s*\[\[([^\]|]+)(?:\|[^\]]*)?\]\]/i.exec(wikitext);
  if (redirect) return `${front}1. REDIRECT [[${redirect[1]!.trim()}]]\n`;
  const notes: string[] = [];
  let text = wikitext
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<ref[^>/]*\/>/gi, '')
    .replace(/<ref[^>]*>([\s\S]*?)<\/ref>/gi, (_m, note: string) => {
      notes.push(note.replace(/\s+/g, ' ').trim());
      return `[^${notes.length}]`;
    })
    .replace(/<references\s*\/?>(?:<\/references>)?/gi, '');
  // Templates (innermost first, so nested ones go too), tables and files.
  for (let before = ''; before !== text; ) {
    before = text;
    text = text.replace(/\{\{[^{}]*\}\}/g, '');
  }
  text = text
    .replace(/^\{\|[\s\S]*?^\|\}/gm, '')
    .replace(/\[\[(?:File|Image):[^\]]*(?:\[\[[^\]]*\]\][^\]]*)*\]\]/gi, '')
    .replace(/^(={2,6})\s*(.*?)\s*\1\s*$/gm, (_m, eq: string, h: string) => `${'#'.repeat(eq.length)} ${h}`)
    .replace(/'''(.+?)'''/g, '**$1**')
    .replace(/''(.+?)''/g, '*$1*')
    .replace(/\[(https?:\/\/[^\s\]]+)\s+([^\]]+)\]/g, '[$2]($1)')
    .replace(/^\*+\s*/gm, '- ')
    .replace(/^#+\s*/gm, '1. ')
    .replace(/^:+\s*/gm, '> ')
    .replace(/<\/?blockquote>/gi, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  const footnotes = notes.map((n, i) => `[^${i + 1}]: ${n.replace(/\[(https?:\/\/[^\s\]]+)\s+([^\]]+)\]/g, '$2 <$1>')}`);
  return `${front}${text}\n${footnotes.length ? `\n${footnotes.join('\n')}\n` : ''}`;
};
