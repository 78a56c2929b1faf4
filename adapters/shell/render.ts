// Reply → terminal text. Every string is cleaned of control characters first, so neither
// content nor input can move the cursor or recolour the terminal (ANSI injection).
import { matchedNote, type Reply } from '../../src/reply.js';
import { wellFormed } from '../../src/text/graphemes.js';
import { safeUrl } from '../shared/urls.js';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
const clean = (s: string | undefined): string => wellFormed(s ?? '').replace(CONTROL, '');

/** Only absolute http(s) URLs are printed (safeUrl), which a terminal may make clickable. */
export function renderText(reply: Reply): string {
  const out: string[] = [];
  const title = clean(reply.title);
  if (title) out.push(reply.kind === 'error' || reply.kind === 'notfound' ? `! ${title}` : title);
  const link = safeUrl(reply.url);
  if (link) out.push(link);
  const note = matchedNote(reply);
  if (note) out.push(`(${clean(note)})`);
  if (reply.text) out.push('', clean(reply.text));
  if (reply.quote) {
    const q = reply.quote;
    out.push('', `“${clean(q.text)}”`);
    const by = [q.speaker, q.work, q.year && `(${q.year})`].filter(Boolean).map(clean).join(', ').replace(', (', ' (');
    if (by) out.push(`  — ${by}`);
    const source = safeUrl(q.source);
    if (source) out.push(`  Source: ${source}`);
    const where = [q.page, q.section].filter(Boolean).map(clean).join(' › ');
    const at = safeUrl(q.sectionUrl) ?? safeUrl(q.pageUrl);
    out.push(`  In: ${where}${at ? ` <${at}>` : ''}`);
    if (reply.total && reply.total > 1) out.push(`  (quote ${(reply.index ?? 0) + 1} of ${reply.total})`);
  }
  if (reply.items?.length) {
    out.push('');
    for (const item of reply.items) {
      const at = safeUrl(item.url);
      out.push(`- ${clean(item.title)}${item.why ? ` — ${clean(item.why)}` : ''}${at ? ` <${at}>` : ''}`);
      if (item.excerpt) out.push(`  ${clean(item.excerpt)}`);
    }
  }
  if (reply.suggestions?.length) {
    out.push('', 'Did you mean:', ...reply.suggestions.map((s) => `- ${clean(s)}`));
  }
  if (reply.image) {
    out.push(
      '',
      `Concept map (${reply.image.width}×${reply.image.height} PNG; save it with: commonplace ask --png FILE "…"): ${clean(reply.image.alt)}`,
    );
  }
  if (reply.citations?.length) {
    out.push('', 'Sources:');
    reply.citations.forEach((c, i) => {
      const at = safeUrl(c.url);
      out.push(`  [${i + 1}] ${clean(c.label)}${at && c.url !== c.label ? ` <${at}>` : ''}`);
    });
  }
  return out.join('\n').trim();
}

/** The reply model as JSON (`--json`): a picture's bytes are given as their count. */
export function replyJson(reply: Reply): string {
  return JSON.stringify(reply, (_key, value: unknown) => (value instanceof Uint8Array ? { bytes: value.byteLength } : value));
}

/** One answer on one line, for answering a stream of commands. */
export function renderLine(reply: Reply): string {
  return renderText(reply).replace(/\s*\n+\s*/g, ' | ');
}
