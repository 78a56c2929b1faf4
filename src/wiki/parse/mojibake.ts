// Repairs text that was UTF-8 but got decoded as Windows-1252 somewhere on its way into the
// wiki ("growingâ€”the Soviets" for "growing—the Soviets").
//
// Hand-written because nothing maintained fits: the JS ports of ftfy are unmaintained, and
// iconv-lite (only present here as a transitive dependency of express) converts whole
// strings but cannot tell mojibake from correct text. The rule below is narrow on purpose:
// only a sequence of characters that maps, through the cp1252 table, to one complete and
// valid UTF-8 sequence (lead byte plus the right number of continuation bytes, no overlongs,
// no surrogates) is replaced. Correct text almost never contains such sequences, so "café",
// "naïve", "Çayönü" or a lone "Ã" next to ordinary letters are left alone.

/** cp1252 bytes 0x80–0x9F by the character cp1252 gives them. 0xA0–0xFF are Latin-1 and map
 *  to themselves. */
const HIGH: ReadonlyMap<number, number> = new Map([
  [0x20ac, 0x80],
  [0x201a, 0x82],
  [0x0192, 0x83],
  [0x201e, 0x84],
  [0x2026, 0x85],
  [0x2020, 0x86],
  [0x2021, 0x87],
  [0x02c6, 0x88],
  [0x2030, 0x89],
  [0x0160, 0x8a],
  [0x2039, 0x8b],
  [0x0152, 0x8c],
  [0x017d, 0x8e],
  [0x2018, 0x91],
  [0x2019, 0x92],
  [0x201c, 0x93],
  [0x201d, 0x94],
  [0x2022, 0x95],
  [0x2013, 0x96],
  [0x2014, 0x97],
  [0x02dc, 0x98],
  [0x2122, 0x99],
  [0x0161, 0x9a],
  [0x203a, 0x9b],
  [0x0153, 0x9c],
  [0x017e, 0x9e],
  [0x0178, 0x9f],
]);

/** The cp1252 byte a character would have been read from, or -1. C1 controls (U+0080–U+009F)
 *  count as their own byte: Latin-1 decoders (Node's 'windows-1252' among them) produce them
 *  instead of the cp1252 punctuation, and they never occur in correct text. */
function cp1252Byte(code: number): number {
  if (code >= 0x80 && code <= 0xff) return code;
  return HIGH.get(code) ?? -1;
}

// A quick filter so clean text (nearly all of it) costs one regex test: a possible lead byte
// (Â..ô) followed by a character that reads as a continuation byte (0x80–0xBF).
const SUSPECT = new RegExp(
  `[\\u00C2-\\u00F4][\\u0080-\\u00BF${[...HIGH.keys()].map((c) => `\\u${c.toString(16).padStart(4, '0')}`).join('')}]`,
);

function isContinuation(b: number): boolean {
  return b >= 0x80 && b <= 0xbf;
}

/** Decodes the UTF-8 sequence that starts at `i`, or returns null if the characters there do
 *  not form exactly one valid sequence. */
function decodeAt(text: string, i: number): { char: string; length: number } | null {
  const b0 = cp1252Byte(text.charCodeAt(i));
  let n: number;
  if (b0 >= 0xc2 && b0 <= 0xdf) n = 2;
  else if (b0 >= 0xe0 && b0 <= 0xef) n = 3;
  else if (b0 >= 0xf0 && b0 <= 0xf4) n = 4;
  else return null;
  if (i + n > text.length) return null;
  const bytes = [b0];
  for (let k = 1; k < n; k++) {
    const b = cp1252Byte(text.charCodeAt(i + k));
    if (!isContinuation(b)) return null;
    bytes.push(b);
  }
  const b1 = bytes[1]!;
  // Overlong forms, UTF-16 surrogates and code points above U+10FFFF are not valid UTF-8.
  if (b0 === 0xe0 && b1 < 0xa0) return null;
  if (b0 === 0xed && b1 > 0x9f) return null;
  if (b0 === 0xf0 && b1 < 0x90) return null;
  if (b0 === 0xf4 && b1 > 0x8f) return null;
  let cp = b0 & (n === 2 ? 0x1f : n === 3 ? 0x0f : 0x07);
  for (let k = 1; k < n; k++) cp = (cp << 6) | (bytes[k]! & 0x3f);
  return { char: String.fromCodePoint(cp), length: n };
}

function repairOnce(text: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0xc2 || code > 0xf4) continue;
    const hit = decodeAt(text, i);
    if (!hit) continue;
    out += text.slice(last, i) + hit.char;
    i += hit.length - 1;
    last = i + 1;
  }
  return last === 0 ? text : out + text.slice(last);
}

/** cp1252's character for each byte 0x80–0x9F, by byte. */
const CP1252_BY_BYTE = new Map([...HIGH].map(([char, byte]) => [byte, String.fromCharCode(char)]));
const C1_CONTROL = /[\u0080-\u009f]/g;

/** Returns `text` with cp1252-mojibake sequences turned back into the characters they stood
 *  for. Text decoded wrongly twice ("Ã¢â‚¬â€") is repaired too (one pass per layer). A C1
 *  control left alone (text once read as Latin-1: "don\u0092t") becomes the cp1252 character
 *  its byte stands for ("don’t"); correct text never holds one. */
export function repairMojibake(text: string): string {
  let current = text;
  for (let pass = 0; pass < 3 && SUSPECT.test(current); pass++) {
    const next = repairOnce(current);
    if (next === current) break;
    current = next;
  }
  C1_CONTROL.lastIndex = 0;
  if (C1_CONTROL.test(current)) current = current.replace(C1_CONTROL, (c) => CP1252_BY_BYTE.get(c.charCodeAt(0)) ?? '');
  return current;
}
