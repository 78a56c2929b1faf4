// Plain-text strings cut out of a page that contains even one character above U+00FF (a dash,
// a curly quote) inherit V8's two-byte representation, so pure-ASCII sections cost twice the
// memory, twice the cache bytes and twice the worker-to-main copy. Re-creating such strings
// from Latin-1 bytes gives them the one-byte form. (No library does this: it is a V8 detail.)

const WIDE = /[^\x00-\xff]/;

/** The same string, stored one byte per character when every character allows it. */
export function compactString(s: string): string {
  if (s.length < 16 || WIDE.test(s)) return s;
  return Buffer.from(s, 'latin1').toString('latin1');
}

/** Compacts every string in plain data (objects and arrays), in place; returns `value`. */
export function compactStrings<T>(value: T): T {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v = value[i] as unknown;
      if (typeof v === 'string') value[i] = compactString(v);
      else if (isPlainData(v)) compactStrings(v);
    }
  } else if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    for (const key of Object.keys(obj)) {
      const v = obj[key];
      if (typeof v === 'string') obj[key] = compactString(v);
      else if (isPlainData(v)) compactStrings(v);
    }
  }
  return value;
}

/** Objects and arrays to descend into; byte arrays hold no strings. */
function isPlainData(v: unknown): v is object {
  return typeof v === 'object' && v !== null && !ArrayBuffer.isView(v);
}
