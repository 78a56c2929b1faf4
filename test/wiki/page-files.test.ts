import { describe, expect, it } from 'vitest';
import { decodePage } from '../../src/wiki/load/page-files.js';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('decodePage', () => {
  it('decodes UTF-8 and drops a leading BOM, with nothing to report', () => {
    expect(decodePage(bytes([0xef, 0xbb, 0xbf], 'café —'))).toEqual({ text: 'café —' });
  });

  it('reads bytes that are not UTF-8 as Windows-1252 and says where the first one was', () => {
    const decoded = decodePage(bytes('Caf', [0xe9], ' — don', [0x92], 't ', [0x81], ' é'));
    expect(decoded.text).toBe('Café — don’t \ufffd é');
    expect(decoded.repaired).toBe('not valid UTF-8 at byte 3 (and 2 more); read as Windows-1252 and loaded');
  });

  it('tells a truncated or overlong sequence from a valid one', () => {
    expect(decodePage(bytes('a', [0xe2, 0x80], 'b')).text).toBe('aâ€b');
    expect(decodePage(bytes([0xc0, 0xaf])).text).toBe('À¯');
    expect(decodePage(bytes([0xef, 0xbb, 0xbf], 'x', [0xff])).text).toBe('xÿ');
  });
});
