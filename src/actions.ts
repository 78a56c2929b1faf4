// What a button under an answer does, and the one codec that carries it through a platform.
// An action holds all its state, so a click works after a restart and on any instance; an
// adapter only stores `encodeAction(action, itsLimit)` in a component (Discord's custom_id,
// 100 characters; Slack's button value, 2,000) and hands `decodeAction(text)` to runAction.
//
// The encoding is versioned, compact and readable in logs: `cp2:<code>:<fields>`, fields
// separated by ":", the last one free text (it may hold ":"). A post's input is `key=value`
// pairs joined by "&", with "%" and "&" in values escaped. Nothing here knows a command's
// options: a command is a name, and an input is what the core gave.

/** Option values a post re-runs its command with, by option name; strings, as typed. */
export type ActionInput = Readonly<Record<string, string>>;

export type Action =
  /** "Another quote": the quote at `index` among the matches for `query`. */
  | { type: 'another-quote'; query: string; index: number }
  /** "Related": the pages related to `term`. */
  | { type: 'related'; term: string }
  /** "Map": the pages related to `term`, as a concept map. */
  | { type: 'map'; term: string }
  /** "Define": the definition of `term`. */
  | { type: 'define'; term: string }
  /** A "did you mean" answer: `command` run for the suggested `term`, in place of the suggestions. */
  | { type: 'suggest'; command: string; term: string }
  /** The "did you mean" menu: the term is the option the user picks (see chooseSuggestion). */
  | { type: 'suggest-menu'; command: string }
  /** "Post in channel": `command` re-run publicly with `input`. */
  | { type: 'post'; command: string; input: ActionInput }
  /** "Post X": `command` run publicly for `term`, one of several a private answer offers. */
  | { type: 'share'; command: string; term: string };

export type ActionType = Action['type'];

export const ACTION_VERSION = 'cp2';
/** Buttons made before this codec (Discord custom_ids `cp1:…`): read where they still mean something. */
const LEGACY_VERSION = 'cp1';
/** Longer text is not one of ours, whatever the platform. */
const MAX_ENCODED = 4000;

const CODES: Record<ActionType, string> = {
  'another-quote': 'q',
  related: 'r',
  map: 'g',
  define: 'd',
  suggest: 's',
  'suggest-menu': 'm',
  post: 'p',
  share: 'h',
};

const INDEX = /^(0|[1-9]\d{0,5})$/;
const COMMAND = /^[a-z][a-z0-9_-]{0,31}$/;
const KEY = /^[a-z][a-z0-9_]{0,31}$/;
// Control characters, and lone surrogates (a Slack client throws on a button value with one).
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001F\u007F\u2028\u2029]|[\uD800-\uDFFF]/u;

/** The label a button for this action carries, in plain words. Renderers may shorten it. */
export function actionLabel(action: Action): string {
  switch (action.type) {
    case 'another-quote':
      return 'Another quote';
    case 'related':
      return 'Related';
    case 'map':
      return 'Map';
    case 'define':
      return `Define ${action.term}`;
    case 'suggest':
      return action.term;
    case 'suggest-menu':
      return 'Did you mean…';
    case 'post':
      return 'Post in channel';
    case 'share':
      return `Post ${action.term}`;
  }
}

/**
 * The action as text of at most `maxLength` characters, or undefined when it does not fit or
 * holds something a component cannot carry (line breaks, lone surrogates, blank text). What it
 * returns always decodes to an equal action.
 */
export function encodeAction(action: Action, maxLength: number): string | undefined {
  const text = encodeUnchecked(action);
  if (text === undefined || text.length > maxLength) return undefined;
  return sameAction(decodeAction(text), action) ? text : undefined;
}

function encodeUnchecked(action: Action): string | undefined {
  const code = CODES[action.type];
  let fields: string[];
  switch (action.type) {
    case 'another-quote':
      fields = [String(action.index), action.query];
      break;
    case 'related':
    case 'map':
    case 'define':
      fields = [action.term];
      break;
    case 'suggest':
    case 'share':
      fields = [action.command, action.term];
      break;
    case 'suggest-menu':
      fields = [action.command];
      break;
    case 'post':
      fields = [action.command, encodeInput(action.input)];
      break;
    default:
      return undefined;
  }
  return [ACTION_VERSION, code, ...fields].join(':');
}

/** The action in `text`, or undefined for anything expired, unknown, forged or malformed. */
export function decodeAction(text: unknown): Action | undefined {
  if (typeof text !== 'string' || text.length > MAX_ENCODED || UNSAFE.test(text)) return undefined;
  const [version, code, rest = ''] = splitN(text, 3);
  if (version === ACTION_VERSION) return decodeCurrent(code ?? '', rest);
  if (version === LEGACY_VERSION) return decodeLegacy(code ?? '', rest);
  if (text.startsWith('{')) return decodeLegacyJson(text);
  return undefined;
}

function decodeCurrent(code: string, rest: string): Action | undefined {
  switch (code) {
    case 'q': {
      const [index, query] = splitN(rest, 2);
      return anotherQuote(index, query);
    }
    case 'r':
      return present(rest) ? { type: 'related', term: rest } : undefined;
    case 'g':
      return present(rest) ? { type: 'map', term: rest } : undefined;
    case 'd':
      return present(rest) ? { type: 'define', term: rest } : undefined;
    case 's':
    case 'h': {
      const [command, term] = splitN(rest, 2);
      if (!command || !COMMAND.test(command) || !present(term)) return undefined;
      return { type: code === 's' ? 'suggest' : 'share', command, term: term! };
    }
    case 'm':
      return COMMAND.test(rest) ? { type: 'suggest-menu', command: rest } : undefined;
    case 'p': {
      const [command, input] = splitN(rest, 2);
      if (!command || !COMMAND.test(command)) return undefined;
      const decoded = decodeInput(input ?? '');
      return decoded ? { type: 'post', command, input: decoded } : undefined;
    }
    default:
      return undefined;
  }
}

/** The command codes of `cp1` suggestions. */
const LEGACY_COMMANDS = new Map([
  ['d', 'define'],
  ['q', 'quote'],
]);

/**
 * `cp1` custom_ids, still on Discord messages: the same actions, with one-letter command codes.
 * Their "Post in channel" (`p`) named its input only by position, so it reads as expired; it
 * stood only under private answers, which do not outlive the client's session anyway.
 */
function decodeLegacy(code: string, rest: string): Action | undefined {
  switch (code) {
    case 'q':
    case 'r':
    case 'd':
      return decodeCurrent(code, rest);
    case 's': {
      const [c, term] = splitN(rest, 2);
      const command = LEGACY_COMMANDS.get(c ?? '');
      return command && present(term) ? { type: 'suggest', command, term: term! } : undefined;
    }
    case 'sm': {
      const command = LEGACY_COMMANDS.get(rest);
      return command ? { type: 'suggest-menu', command } : undefined;
    }
    default:
      return undefined;
  }
}

/** Slack button values made before this codec: JSON of the three actions that outlive a session. */
function decodeLegacyJson(text: string): Action | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  const str = (x: unknown) => (typeof x === 'string' && present(x) ? x : undefined);
  if (o.type === 'another-quote' && typeof o.index === 'number') return anotherQuote(String(o.index), str(o.query));
  if (o.type === 'related' && str(o.term)) return { type: 'related', term: o.term as string };
  if (o.type === 'define' && str(o.term)) return { type: 'define', term: o.term as string };
  return undefined;
}

function anotherQuote(index: string | undefined, query: string | undefined): Action | undefined {
  if (!index || !INDEX.test(index) || !present(query)) return undefined;
  return { type: 'another-quote', index: Number(index), query: query! };
}

/** The menu's action with the option the user picked, or undefined when none fits. */
export function chooseSuggestion(menu: Extract<Action, { type: 'suggest-menu' }>, value: unknown): Action | undefined {
  if (typeof value !== 'string' || !present(value) || value.length > 200 || UNSAFE.test(value)) return undefined;
  return { type: 'suggest', command: menu.command, term: value };
}

function encodeInput(input: ActionInput): string {
  return Object.entries(input)
    .map(([k, v]) => `${k}=${escapeValue(v)}`)
    .join('&');
}

function decodeInput(text: string): ActionInput | undefined {
  const out: Record<string, string> = {};
  if (text === '') return out;
  for (const pair of text.split('&')) {
    const eq = pair.indexOf('=');
    if (eq < 0) return undefined;
    const key = pair.slice(0, eq);
    const value = unescapeValue(pair.slice(eq + 1));
    if (!KEY.test(key) || Object.hasOwn(out, key) || value === undefined) return undefined;
    out[key] = value;
  }
  return out;
}

function escapeValue(v: string): string {
  return v.replace(/%/g, '%25').replace(/&/g, '%26');
}

function unescapeValue(v: string): string | undefined {
  if (/%(?!25|26)/.test(v)) return undefined;
  return v.replace(/%26/g, '&').replace(/%25/g, '%');
}

/** Field by field: key order does not matter, and an input is compared pair by pair. */
function sameAction(a: Action | undefined, b: Action): boolean {
  if (!a) return false;
  const x = a as unknown as Record<string, unknown>;
  const y = b as unknown as Record<string, unknown>;
  const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
  for (const k of keys) {
    if (k === 'input') {
      if (!sameInput(x.input as ActionInput | undefined, y.input as ActionInput | undefined)) return false;
    } else if (x[k] !== y[k]) return false;
  }
  return true;
}

function sameInput(a: ActionInput | undefined, b: ActionInput | undefined): boolean {
  if (!a || !b) return a === b;
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}

function present(s: string | undefined): boolean {
  return s !== undefined && s.trim() !== '';
}

/** Splits on ":" into at most n parts; the last keeps any further colons. */
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
