// npm run clean-replies -- --content DIR [--examples N] [--json]
// Asks the wiki what a user would ask about every page, through the commands themselves, and
// checks each reply against the rules of "saying it cleanly": /define of every article, /quote
// of every speaker (every quotation of each) and of every quotation without one, /related of
// every article. Prints, rule by rule, how many replies break it and the share of clean ones.
// The invariant tests (test/wiki/clean-replies.test.ts) run the same checks.
//
// The rules read only the reply and the page's source file; none of them knows a page, a
// person or a word of any wiki. The English words below (hatnote openers, citation words,
// namespaces) are language data, written here apart from the parser's on purpose: a checker
// that reused the parser's patterns could not catch what they miss.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { quoteReply } from '../commands/quote.js';
import { runCommand } from '../commands/index.js';
import type { CommandDeps } from '../commands/types.js';
import { loadConfig } from '../src/config.js';
import { toolArgs } from './tool-args.js';
import { Library } from '../src/library/library.js';
import type { Reply, ReplyItem, ReplyQuote } from '../src/reply.js';
import { loadContent } from '../src/wiki/load/load-folder.js';
import type { Article, Content } from '../src/wiki/model.js';

/** What each rule means, in the order reports list them. */
export const RULES = {
  // /define
  'dangling-intro': 'the summary ends with ":" (what it introduces was dropped)',
  hatnote: 'the summary is a hatnote ("Not to be confused with …", "Main article: …")',
  leftover: "markup or encoding leftovers: [[ ]] '' ** \\[ entities, mojibake, raw URLs, a doubled ellipsis, a word glued to a bracket",
  glued: 'two words run together where the source has a bold, italic or link boundary',
  'not-whole-sentences': 'a summary that does not end at a sentence end or stops inside a quotation; a quotation that stops mid-clause',
  'no-summary': 'the page has text but /define gives no summary',
  'other-page': '/define of the title answers another page (resolver, reported only)',
  // /quote
  fragment: 'a quotation of fewer than six words',
  'starts-mid-sentence': 'a quotation that starts inside a sentence without "…"',
  'too-long': 'a quotation longer than ~600 characters',
  'speaker-is-a-source': 'the speaker is a work, series, publisher or editor',
  // /related
  'namespace-page': 'a related item that is a User:, File:, Category:, Wikipedia:… page, from a link or a list',
  'namespace-article': 'a related item that is a page of the wiki in a User:, Category:… namespace (library, reported only)',
  external: 'a related item that is an external address',
  'missing-page': 'a related item whose link names no page of the wiki nor a section of one (library, reported only)',
} as const;

export type Rule = keyof typeof RULES;
export type Command = 'define' | 'quote' | 'related';

/** Rules reported for information only: not what the parser decides. */
export const REPORTED_ONLY: ReadonlySet<Rule> = new Set(['other-page', 'missing-page', 'namespace-article']);

// ── text rules ───────────────────────────────────────────────────────────────────────────

const HATNOTE =
  /^(?:not to be confused with|for (?:other uses|the [^,.]{1,80}, see|a (?:broader|more detailed|general) [^,.]{0,60}see)|this article is about|main articles?:|see also:|also known as:|further information:|content warning|trigger warning|for more (?:information|details)[^.]{0,40}, see)/i;
const LEFTOVER = new RegExp(
  [
    '\\[\\[',
    '\\]\\]',
    "''",
    '\\*\\*',
    '\\\\[[\\]*_`#]',
    '__',
    '&(?:[a-z][a-z0-9]{1,31}|#\\d{1,7}|#x[0-9a-f]{1,6});',
    // UTF-8 read as Windows-1252/Latin-1: a lead byte's character before a continuation byte's.
    '[\\u00c2-\\u00f4][\\u0080-\\u00bf\\u20ac\\u201a\\u0192\\u201e\\u2026\\u2020\\u2021\\u02c6\\u2030\\u0160\\u2039\\u0152\\u017d\\u2018\\u2019\\u201c\\u201d\\u2022\\u2013\\u2014\\u02dc\\u2122\\u0161\\u203a\\u0153\\u017e\\u0178]',
    '\\ufffd',
    '[\\ue000-\\ue002]',
    '[\\u0080-\\u009f]',
    '\\b(?:https?|ftp)://',
    '\\bwww\\.',
    '</?[a-z][a-z0-9]*[\\s/>]',
    // An ellipsis doubled where a cut meets the page's own, and a word glued to a bracketed date.
    '(?:\\.\\.\\.|…)\\s*…',
    '\\p{L}{2}\\(\\d',
  ].join('|'),
  'iu',
);

/** The leftover a text contains, if any. */
export function leftoverIn(text: string): string | undefined {
  return LEFTOVER.exec(text)?.[0];
}

const SENTENCE_END = /(?:[.!?…]|\.\.\.)["'”’»)\]]*$/u;

/** Whether quotation marks are left open: curly ones counted, straight ones paired. */
export function openQuotation(text: string): boolean {
  const opens = (text.match(/“/g) ?? []).length;
  const closes = (text.match(/”/g) ?? []).length;
  const straight = (text.match(/"/g) ?? []).length;
  return opens > closes || straight % 2 === 1;
}

/** Words of the page glued at a bold, italic or link boundary in its source ("Sweden**is",
 *  "the<a …>dictatorship</a>"), as they would read if the boundary were lost: "swedenis". A
 *  form that also stands as a word of the source elsewhere is a real word and not listed. */
export function gluedForms(source: string): Set<string> {
  const out = new Set<string>();
  const add = (before: string, after: string) => {
    const b = /([\p{L}\p{N}]+)$/u.exec(before)?.[1];
    const a = /^([\p{L}\p{N}]+)/u.exec(after)?.[1];
    if (b && a) out.add(`${b}${a}`.toLowerCase());
  };
  // **Sweden**is · Communism**or** · *word*next
  for (const m of source.matchAll(/([\p{L}\p{N}]+[.,;:!?]?)(\*{1,3}|_{2,3})(?=[\p{L}\p{N}])/gu)) {
    const after = source.slice(m.index + m[0].length);
    const opening = !/[.,;:!?]$/.test(m[1]!) && countBefore(source, m.index, m[2]!) % 2 === 0;
    if (opening || /[\p{L}\p{N}]/u.test(after[0] ?? '')) add(m[1]!.replace(/[.,;:!?]$/, ''), after);
  }
  // [label](Target.md "wikilink")next · word[label](…)
  for (const m of source.matchAll(/([\p{L}\p{N}]*)\[([^\]\n]{1,200})\]\([^)\s]+(?:\s+"[^"]*")?\)([\p{L}\p{N}]*)/gu)) {
    if (m[1]) add(m[1], m[2]!);
    if (m[3]) add(m[2]!, m[3]);
  }
  // word"<a …>label</a>next
  for (const m of source.matchAll(/([\p{L}\p{N}]*)"?<a\s[^>]*>([^<]{1,200})<\/a>([\p{L}\p{N}]*)/giu)) {
    if (m[1]) add(m[1], m[2]!);
    if (m[3]) add(m[2]!, m[3]);
  }
  // A form the source also writes as one word is not a gluing.
  const plain = source.toLowerCase();
  for (const form of [...out])
    if (new RegExp(`(?<![\\p{L}\\p{N}*_\\]>])${escapeRegExp(form)}(?![\\p{L}\\p{N}])`, 'u').test(plain)) out.delete(form);
  return out;
}

function countBefore(source: string, at: number, marker: string): number {
  const lineStart = source.lastIndexOf('\n\n', at);
  return source.slice(Math.max(lineStart, 0), at).split(marker).length - 1;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The first glued form found in `text`. */
export function gluedIn(text: string, forms: ReadonlySet<string>): string | undefined {
  if (forms.size === 0) return undefined;
  for (const w of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) if (forms.has(w)) return w;
  return undefined;
}

/** The rules a /define summary breaks. `lead` is the page's lead: a quotation it never closes
 *  cannot be closed by the summary either. */
export function summaryProblems(text: string, glued: ReadonlySet<string> = new Set(), lead = ''): Map<Rule, string> {
  const out = new Map<Rule, string>();
  const t = text.trim();
  if (/:["”’)]*$/.test(t)) out.set('dangling-intro', t.slice(-80));
  if (HATNOTE.test(t)) out.set('hatnote', t.slice(0, 80));
  const left = leftoverIn(t);
  if (left) out.set('leftover', around(t, left));
  const g = gluedIn(t, glued);
  if (g) out.set('glued', g);
  if (!out.has('dangling-intro') && (!SENTENCE_END.test(t) || (openQuotation(t) && !openQuotation(lead))))
    out.set('not-whole-sentences', t.slice(-80));
  return out;
}

// Words that make a citation's "author" a source rather than a person who said something.
const SOURCE_WORDS =
  /\beds?\.|\(eds?\)|\b(?:editors?|edited|trans\.|translated|vol\.|press|publish(?:er|ers|ing)|publications?|books|journal|magazine|review|series|quarterly|gazette|newsletter)(?!\p{L})|\d/iu;

/** The rules a quotation as /quote shows it breaks. */
export function quoteProblems(q: ReplyQuote, glued: ReadonlySet<string> = new Set()): Map<Rule, string> {
  const out = new Map<Rule, string>();
  const t = q.text.trim();
  const words = t.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  if (words < 6) out.set('fragment', t.slice(0, 80));
  const start = t.replace(/^["'“‘«([]+/u, '');
  if (!/^(?:…|\.\.\.|[\p{Lu}\p{N}])/u.test(start)) out.set('starts-mid-sentence', t.slice(0, 60));
  if (t.length > 620) out.set('too-long', `${t.length} characters`);
  // Quoted words need no final period of their own; one that stops on a comma or on a word no
  // sentence ends with was cut mid-clause.
  if (/[,;:\-–—]["'”’]*$|\b(?:a|an|the|of|to|and|or|but|with|by|for|in|is|was)$/i.test(t)) out.set('not-whole-sentences', t.slice(-60));
  const left = leftoverIn(t) ?? (q.speaker ? leftoverIn(q.speaker) : undefined) ?? (q.work ? leftoverIn(q.work) : undefined);
  if (left) out.set('leftover', around(t, left));
  const g = gluedIn(t, glued);
  if (g) out.set('glued', g);
  if (q.speaker && SOURCE_WORDS.test(q.speaker)) out.set('speaker-is-a-source', q.speaker);
  return out;
}

const NAMESPACE =
  /^(?:user|user talk|talk|file|image|media|category|template|help|special|project|wikipedia|mediawiki|module|portal|draft|message wall|user blog|board|thread|forum)(?: talk)?\s*:/i;

/** The rules a /related item breaks. `pages` holds the wiki's page URLs. */
export function relatedProblems(item: ReplyItem, pages: ReadonlySet<string>, baseUrl: string): Map<Rule, string> {
  const out = new Map<Rule, string>();
  const isPage = !!item.url && pages.has(item.url.replace(/#.*$/, ''));
  // A namespace page the wiki holds as an article is related by category or links (library).
  if (NAMESPACE.test(item.title)) out.set(isPage ? 'namespace-article' : 'namespace-page', item.title);
  if (/:\/\/|^www\./i.test(item.title) || (item.url && !item.url.startsWith(baseUrl))) out.set('external', item.url ?? item.title);
  const left = leftoverIn(item.title);
  if (left) out.set('leftover', item.title);
  if (!isPage) out.set('missing-page', `${item.title} (${item.why ?? ''})`);
  return out;
}

function around(text: string, hit: string): string {
  const at = text.indexOf(hit);
  return text.slice(Math.max(0, at - 30), at + hit.length + 30);
}

// ── running the commands over a wiki ────────────────────────────────────────────────────────

export interface Failure {
  command: Command;
  rule: Rule;
  page: string;
  detail: string;
}

export interface CommandTally {
  replies: number;
  /** Replies that break no rule (reported-only rules aside). */
  clean: number;
  byRule: Partial<Record<Rule, number>>;
}

export interface CleanReport {
  dir: string;
  articles: number;
  define: CommandTally;
  quote: CommandTally;
  related: CommandTally & { items: number; missingItems: number };
  failures: Failure[];
}

const BASE_URL = 'https://wiki.invalid/wiki/';

/** A page counts for /define when its source has something to summarise: a paragraph (not a
 *  list, a quotation, a table or a heading) with a sentence of six words or more. */
export function hasParagraph(source: string): boolean {
  const body = source.replace(/^---\r?\n[\s\S]*?\r?\n---[ \t]*\r?\n/, '');
  return body.split(/\n[ \t]*\n/).some((block) => {
    const b = block.trim();
    if (/^(?:[-*+]\s|[>#|]|\d+[.)]\s|\[\^|\[Category:|<(?!a\s))/i.test(b)) return false;
    if (/^([*_])(?!\1)[\s\S]*[^*_]\1$/.test(b)) return false; // a note all in italics
    return /(?:\S+\s+){5,}\S*[\p{L}\p{N}"”')\]*_][.!?]/u.test(b);
  });
}

/** Checks every reply over the wiki in `dir` (or over already loaded content). */
export async function checkWiki(dir: string, loaded?: Content): Promise<CleanReport> {
  const content = loaded ?? (await loadContent(dir, { baseUrl: BASE_URL, summaryMaxChars: 600, cacheDir: null }));
  const baseUrl = content.articles[0]?.url.replace(/[^/]*$/, '') ?? BASE_URL;
  const library = Library.build({ ...content, terms: content.terms?.slice() }, { baseUrl });
  const config = loadConfig({ CONTENT_DIR: dir, LOG_LEVEL: 'silent', WIKI_BASE_URL: baseUrl });
  const deps: CommandDeps = { library, config };
  const ctx = { platform: 'shell' as const };
  const failures: Failure[] = [];
  const tally = (): CommandTally => ({ replies: 0, clean: 0, byRule: {} });
  const report: CleanReport = {
    dir,
    articles: content.articles.length,
    define: tally(),
    quote: tally(),
    related: { ...tally(), items: 0, missingItems: 0 },
    failures,
  };
  const record = (command: Command, page: string, problems: Map<Rule, string>) => {
    const t = report[command];
    t.replies++;
    let clean = true;
    for (const [rule, detail] of problems) {
      t.byRule[rule] = (t.byRule[rule] ?? 0) + 1;
      failures.push({ command, rule, page, detail });
      if (!REPORTED_ONLY.has(rule)) clean = false;
    }
    if (clean) t.clean++;
  };
  const sourceOf = (article: Article) => {
    try {
      return readFileSync(path.join(dir, article.path), 'utf8');
    } catch {
      return ''; // content handed in without its folder: no source to compare with
    }
  };
  const gluedByPath = new Map<string, Set<string>>();
  const glued = (article: Article) => {
    let forms = gluedByPath.get(article.path);
    if (!forms) gluedByPath.set(article.path, (forms = gluedForms(sourceOf(article))));
    return forms;
  };
  const pages = new Set(content.articles.map((a) => a.url));

  for (const article of content.articles) {
    if (!hasParagraph(sourceOf(article))) continue;
    const reply = await runCommand(deps, 'define', { term: article.title }, ctx);
    const problems = new Map<Rule, string>();
    if (reply.kind !== 'definition') problems.set('no-summary', reply.kind);
    else {
      if (reply.title !== article.title) problems.set('other-page', `${reply.title ?? ''}`);
      const text = reply.text ?? '';
      if (reply.title === article.title && !article.summary) problems.set('no-summary', text.slice(0, 60));
      else
        for (const [rule, detail] of summaryProblems(text, reply.title === article.title ? glued(article) : new Set(), article.lead))
          problems.set(rule, detail);
    }
    record('define', article.path, problems);
  }

  const byTitle = new Map(content.articles.map((a) => [a.title, a]));
  for (const speaker of library.complete('speakers', '', Number.MAX_SAFE_INTEGER)) {
    const first = await runCommand(deps, 'quote', { name: speaker }, ctx);
    const total = first.total ?? 0;
    for (let i = 0; i < total; i++) {
      const reply: Reply = i === 0 ? first : await runCommand(deps, 'quote', { name: speaker, index: i }, ctx);
      const q = reply.quote;
      if (!q) continue;
      const article = byTitle.get(q.page);
      record('quote', article?.path ?? q.page, quoteProblems(q, article ? glued(article) : new Set()));
    }
  }
  // Quotations without a speaker are reached by topic: each is one reply too.
  for (const article of content.articles) {
    for (const quote of article.quotes) {
      if (quote.speaker) continue;
      const reply = quoteReply({ quote, article }, { query: article.title, how: 'topic', index: 0, total: 1 });
      record('quote', article.path, quoteProblems(reply.quote!, glued(article)));
    }
  }

  for (const article of content.articles) {
    const reply = await runCommand(deps, 'related', { term: article.title }, ctx);
    const problems = new Map<Rule, string>();
    for (const item of reply.items ?? []) {
      report.related.items++;
      const itemProblems = relatedProblems(item, pages, baseUrl);
      if (itemProblems.has('missing-page')) report.related.missingItems++;
      for (const [rule, detail] of itemProblems) if (!problems.has(rule)) problems.set(rule, detail);
    }
    record('related', article.path, problems);
  }
  return report;
}

/** The report as a table: per command, per rule, and the share of clean replies. */
export function formatReport(report: CleanReport, examples = 3): string {
  const pct = (n: number, of: number) => (of ? `${((100 * n) / of).toFixed(1)}%` : '–');
  const lines = [`clean replies over ${report.dir} (${report.articles} articles)`];
  let all = 0;
  let clean = 0;
  for (const command of ['define', 'quote', 'related'] as const) {
    const t = report[command];
    all += t.replies;
    clean += t.clean;
    lines.push(`\n/${command}: ${t.clean}/${t.replies} clean (${pct(t.clean, t.replies)})`);
    for (const rule of Object.keys(RULES) as Rule[]) {
      const n = t.byRule[rule];
      if (!n) continue;
      const note = REPORTED_ONLY.has(rule) ? ' (reported only)' : '';
      lines.push(`  ${rule.padEnd(22)} ${String(n).padStart(5)}  ${pct(n, t.replies).padStart(6)}${note}  ${RULES[rule]}`);
      for (const f of report.failures.filter((f) => f.command === command && f.rule === rule).slice(0, examples)) {
        lines.push(`      ${f.page}: ${f.detail.replace(/\s+/g, ' ').slice(0, 140)}`);
      }
    }
  }
  const r = report.related;
  lines.push(
    `\n/related items linking to no page of the wiki nor a section: ${r.missingItems}/${r.items} (${pct(r.missingItems, r.items)})`,
  );
  lines.push(`all replies: ${clean}/${all} clean (${pct(clean, all)})`);
  return lines.join('\n');
}

export const USAGE = `Usage: npm run clean-replies -- [options]

Asks /define, /quote and /related about every page of a wiki folder and prints, rule by rule,
how many replies break each rule and the share of clean ones.

  --content DIR      the wiki folder (default: CONTENT_DIR, else ./content)
  --examples N       failing pages shown per rule (default 3)
  --json             the whole report as JSON
  -h, --help         this help`;

async function main(): Promise<void> {
  const values = toolArgs({ content: { type: 'string' }, examples: { type: 'string', default: '3' }, json: { type: 'boolean' } }, USAGE, [
    'examples',
  ]);
  if (!values) return;
  const dir = path.resolve(values.content ?? process.env.CONTENT_DIR ?? 'content');
  const report = await checkWiki(dir);
  if (values.json) console.log(JSON.stringify(report));
  else console.log(formatReport(report, Number(values.examples)));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
