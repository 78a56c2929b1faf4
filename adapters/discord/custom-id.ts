// Button and select-menu state, carried entirely in the component's custom_id (at most 100
// characters, version-prefixed) so that buttons keep working after a restart and no server
// state is needed. Anything that does not decode is "expired or unknown".
import { LIMITS } from './limits.js';

export const CUSTOM_ID_PREFIX = 'cp1';

/** The commands whose answers can be recomputed from a custom_id. */
export type ShareCommand = 'define' | 'quote' | 'related' | 'search' | 'help';
/** The commands a suggestion can run. */
export type SuggestCommand = 'define' | 'quote';

export type ComponentState =
  /** "Another quote": the quote at `index` among the matches for `query`. */
  | { kind: 'quote'; query: string; index: number }
  /** "Related": /related for `term`, as a new message. */
  | { kind: 'related'; term: string }
  /** "Definition": /define for `term`, as a new message. */
  | { kind: 'define'; term: string }
  /** A "did you mean" button: runs the command for `term` in place of the suggestion list. */
  | { kind: 'suggest'; command: SuggestCommand; term: string }
  /** The "did you mean" select menu; the term is the selected value. */
  | { kind: 'suggest-menu'; command: SuggestCommand }
  /** "Post in channel": re-runs the command publicly. */
  | { kind: 'post'; command: ShareCommand; term: string; index?: number };

const SHARE_CODES: Record<ShareCommand, string> = { define: 'd', quote: 'q', related: 'r', search: 's', help: 'h' };
const SUGGEST_CODES: Record<SuggestCommand, string> = { define: 'd', quote: 'q' };
const byCode = <T extends string>(codes: Record<T, string>, code: string): T | undefined =>
  (Object.keys(codes) as T[]).find((k) => codes[k] === code);

/** Encodes a state; undefined when it does not fit in a custom_id (the button is then left out). */
export function encodeState(state: ComponentState): string | undefined {
  let body: string;
  switch (state.kind) {
    case 'quote':
      body = `q:${state.index}:${state.query}`;
      break;
    case 'related':
      body = `r:${state.term}`;
      break;
    case 'define':
      body = `d:${state.term}`;
      break;
    case 'suggest':
      body = `s:${SUGGEST_CODES[state.command]}:${state.term}`;
      break;
    case 'suggest-menu':
      body = `sm:${SUGGEST_CODES[state.command]}`;
      break;
    case 'post':
      body =
        state.command === 'quote'
          ? `p:q:${state.index ?? 0}:${state.term}`
          : `p:${SHARE_CODES[state.command]}:${state.term}`;
      break;
  }
  const id = `${CUSTOM_ID_PREFIX}:${body}`;
  return id.length <= LIMITS.customId && !/[\r\n]/.test(id) ? id : undefined;
}

const INDEX = /^(0|[1-9]\d{0,5})$/;

/** Decodes a custom_id; undefined for anything expired, unknown or malformed. */
export function decodeState(customId: string): ComponentState | undefined {
  if (typeof customId !== 'string' || customId.length > LIMITS.customId) return undefined;
  const prefix = `${CUSTOM_ID_PREFIX}:`;
  if (!customId.startsWith(prefix)) return undefined;
  const rest = customId.slice(prefix.length);
  const [kind, tail = ''] = splitN(rest, 2);
  const text = (s: string | undefined) => (s !== undefined && s.trim() !== '' ? s : undefined);
  switch (kind) {
    case 'q': {
      const [index, query] = splitN(tail, 2);
      if (!index || !INDEX.test(index) || !text(query)) return undefined;
      return { kind: 'quote', index: Number(index), query: query! };
    }
    case 'r':
    case 'd': {
      const term = text(tail);
      if (!term) return undefined;
      return kind === 'r' ? { kind: 'related', term } : { kind: 'define', term };
    }
    case 's': {
      const [code, term] = splitN(tail, 2);
      const command = byCode(SUGGEST_CODES, code ?? '');
      if (!command || !text(term)) return undefined;
      return { kind: 'suggest', command, term: term! };
    }
    case 'sm': {
      const command = byCode(SUGGEST_CODES, tail);
      return command ? { kind: 'suggest-menu', command } : undefined;
    }
    case 'p': {
      const [code, state] = splitN(tail, 2);
      const command = byCode(SHARE_CODES, code ?? '');
      if (!command) return undefined;
      if (command === 'quote') {
        const [index, query] = splitN(state ?? '', 2);
        if (!index || !INDEX.test(index) || !text(query)) return undefined;
        return { kind: 'post', command, index: Number(index), term: query! };
      }
      if (command === 'help') return { kind: 'post', command, term: '' };
      if (!text(state)) return undefined;
      return { kind: 'post', command, term: state! };
    }
    default:
      return undefined;
  }
}

/** Splits on ':' into at most n parts (the last keeps any further colons). */
function splitN(s: string, n: number): string[] {
  const out: string[] = [];
  let rest = s;
  while (out.length < n - 1) {
    const i = rest.indexOf(':');
    if (i < 0) break;
    out.push(rest.slice(0, i));
    rest = rest.slice(i + 1);
  }
  out.push(rest);
  return out;
}
