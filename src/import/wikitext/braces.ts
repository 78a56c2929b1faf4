// Finding `{{template|…}}` calls and `{{{parameters}}}` in wikitext, and splitting their
// arguments at the pipes that belong to them (not those inside a nested call or a [[link|label]]).
// A simplified form of MediaWiki's preprocessor: braces nest, an unclosed run is literal text.

export interface BraceSpan {
  /** Index of the first `{`. */
  start: number;
  /** Index just after the last `}`. */
  end: number;
  /** 2 for a template call, 3 for a parameter. */
  kind: 2 | 3;
  /** The text between the braces. */
  inner: string;
}

const MAX_NESTING = 100;

/** The construct whose braces open at `at` (a run of at least two `{`), or null when it is
 *  never closed. A run of four or more opens its last two or three braces; the rest are text. */
export function braceSpanAt(text: string, at: number): BraceSpan | null {
  return spanAt(text, at, 0);
}

function spanAt(text: string, at: number, depth: number): BraceSpan | null {
  let run = 0;
  while (text.charCodeAt(at + run) === 123 /* { */) run++;
  if (run < 2 || depth > MAX_NESTING) return null;
  // Prefer a parameter for three braces, as MediaWiki does, then fall back to a template.
  const kinds: (2 | 3)[] = run >= 3 ? [3, 2] : [2];
  for (const kind of kinds) {
    const open = at + run - kind;
    const end = closeOf(text, open + kind, kind, depth);
    if (end !== -1) return { start: open, end, kind, inner: text.slice(open + kind, end - kind) };
  }
  return null;
}

/** Index just after the braces that close a construct of `kind` whose content starts at `from`,
 *  or -1. Nested constructs are skipped whole. */
function closeOf(text: string, from: number, kind: 2 | 3, depth: number): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 123 && text.charCodeAt(i + 1) === 123) {
      const nested = spanAt(text, i, depth + 1);
      if (nested) {
        i = nested.end;
        continue;
      }
      while (text.charCodeAt(i) === 123) i++;
      continue;
    }
    if (c === 125 /* } */ && text.charCodeAt(i + 1) === 125) {
      let run = 0;
      while (text.charCodeAt(i + run) === 125) run++;
      if (kind === 3 && run >= 3) return i + 3;
      if (kind === 2) return i + 2;
      i += run; // `}}` cannot close a parameter: text
      continue;
    }
    i++;
  }
  return -1;
}

/** Indexes of `char` in `inner` that belong to it, not to a nested `{{…}}` or `[[…]]`. */
function* topLevel(inner: string, char: number): Generator<number> {
  let links = 0;
  let i = 0;
  while (i < inner.length) {
    const c = inner.charCodeAt(i);
    if (c === 123 && inner.charCodeAt(i + 1) === 123) {
      const span = braceSpanAt(inner, i);
      i = span ? span.end : i + 2;
      continue;
    }
    if (c === 91 /* [ */ && inner.charCodeAt(i + 1) === 91) {
      links++;
      i += 2;
      continue;
    }
    if (c === 93 /* ] */ && inner.charCodeAt(i + 1) === 93 && links > 0) {
      links--;
      i += 2;
      continue;
    }
    if (c === char && links === 0) yield i;
    i++;
  }
}

/** Splits a construct's inner text at its own pipes. */
export function splitPipes(inner: string): string[] {
  const parts: string[] = [];
  let last = 0;
  for (const at of topLevel(inner, 124 /* | */)) {
    parts.push(inner.slice(last, at));
    last = at + 1;
  }
  parts.push(inner.slice(last));
  return parts;
}

/** Index of the `=` that makes an argument named (`name=value`), or -1 for a positional one.
 *  An `=` inside a nested call or a link does not count. */
export function namedArgEquals(arg: string): number {
  for (const at of topLevel(arg, 61 /* = */)) return at;
  return -1;
}

/** A template call's arguments: positional ones numbered from 1, named ones by name; values
 *  trimmed (MediaWiki trims named values only, but nothing here needs the spaces). */
export class TemplateArgs {
  readonly positional: string[] = [];
  readonly named = new Map<string, string>();

  constructor(parts: readonly string[]) {
    let n = 0;
    for (const part of parts) {
      const eq = namedArgEquals(part);
      if (eq === -1) {
        n++;
        this.named.set(String(n), part.trim());
        this.positional.push(part.trim());
      } else {
        this.named.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
      }
    }
  }

  /** The first non-empty value among the given names (numbers for positional arguments). */
  get(...names: string[]): string | undefined {
    for (const name of names) {
      const v = this.named.get(name);
      if (v !== undefined && v !== '') return v;
    }
    return undefined;
  }

  /** Whether the argument is present at all (even empty), as `{{{x|default}}}` asks. */
  has(name: string): boolean {
    return this.named.has(name);
  }
}
