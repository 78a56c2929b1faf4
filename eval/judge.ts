// Whether a reply is what the case expects: only what a user sees counts (the kind of answer,
// the page it links to, the suggestions it offers, the quotation it shows).
import type { Reply } from '../src/reply.js';
import type { EvalCase } from './cases.js';
import { fold, regional, stripAnchor, wordsOf } from './wiki.js';

export function judge(c: EvalCase, reply: Reply): boolean {
  const e = c.expect;
  const suggested = new Set((reply.suggestions ?? []).map(fold));
  if ('page' in e) return (reply.kind === 'definition' || reply.kind === 'related') && stripAnchor(reply.url) === e.page;
  if ('choice' in e) {
    const offered = e.choice.filter((t) => suggested.has(fold(t))).length;
    return reply.kind === 'notfound' && offered >= Math.min(e.choice.length, 5);
  }
  if ('suggest' in e) return reply.kind === 'notfound' && suggested.has(fold(e.suggest));
  if ('notFound' in e) return reply.kind === 'notfound';
  if ('top3' in e) return reply.kind === 'search' && (reply.items ?? []).slice(0, 3).some((i) => stripAnchor(i.url) === e.top3);
  if ('speaker' in e) return reply.kind === 'quote' && e.speaker.includes(fold(reply.quote?.speaker ?? ''));
  if ('suggestSpeaker' in e) return reply.kind === 'notfound' && e.suggestSpeaker.some((s) => suggested.has(s));
  const q = reply.quote;
  const word = regional(e.quoteWith);
  return reply.kind === 'quote' && !!q && wordsOf([q.text, q.speaker, q.work].filter(Boolean).join(' ')).some((w) => regional(w) === word);
}

/** One line saying what the reply showed, for the list of failures. */
export function describeReply(reply: Reply): string {
  const parts: string[] = [reply.kind];
  if (reply.title) parts.push(JSON.stringify(reply.title));
  if (reply.matched) parts.push(`(${reply.matched.how})`);
  if (reply.quote?.speaker) parts.push(`speaker ${JSON.stringify(reply.quote.speaker)}`);
  if (reply.suggestions?.length)
    parts.push(
      `suggests ${reply.suggestions
        .slice(0, 5)
        .map((s) => JSON.stringify(s))
        .join(', ')}`,
    );
  if (reply.kind === 'search')
    parts.push(
      `top ${(reply.items ?? [])
        .slice(0, 3)
        .map((i) => JSON.stringify(i.title))
        .join(', ')}`,
    );
  return parts.join(' ');
}
