// HTML character references in wikitext (`&nbsp;`, `&mdash;`, `&#39;`, `&#x2014;`), decoded
// with the full HTML5 table (decode-named-character-reference, micromark's own).
import { decodeNamedCharacterReference } from 'decode-named-character-reference';

const REFERENCE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/g;

/** Decodes every character reference; an unknown name stays as written. A no-break space
 *  becomes a plain one, so text compares and searches as it reads. */
export function decodeCharacterReferences(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(REFERENCE, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name !== undefined) {
      const c = decodeNamedCharacterReference(name);
      return c === false ? whole : c === '\u00a0' ? ' ' : c;
    }
    const cp = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
    if (cp === 0xa0) return ' ';
    return cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : whole;
  });
}
