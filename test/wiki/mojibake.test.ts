import { describe, expect, it } from 'vitest';
import { repairMojibake } from '../../src/wiki/parse/mojibake.js';

/** What a UTF-8 string looks like after being decoded as Windows-1252. */
function garble(s: string): string {
  return new TextDecoder('windows-1252').decode(new TextEncoder().encode(s));
}

describe('repairMojibake', () => {
  it('repairs the seed page em dash', () => {
    expect(repairMojibake('is growingâ€”the Soviets')).toBe('is growing—the Soviets');
  });

  it.each([
    ['â€™', '’'],
    ['â€œ', '“'],
    ['â€\u009d', '”'],
    ['â€“', '–'],
    ['â€¦', '…'],
    ['Ã©', 'é'],
    ['Ã¼', 'ü'],
    ['Ã‡', 'Ç'],
  ])('repairs %s → %s', (bad, good) => {
    expect(repairMojibake(`x${bad}y`)).toBe(`x${good}y`);
  });

  it('round-trips real text garbled through the cp1252 decoder', () => {
    for (const s of ['Çayönü', 'café au lait', 'naïve', 'Kōki Ishii', 'Łódź', 'Привет', '“quoted” – dash', 'Daniel Guérin', '€100 and ™']) {
      expect(repairMojibake(garble(s))).toBe(s);
    }
  });

  it('leaves correct text alone', () => {
    for (const s of [
      'café',
      'Çayönü',
      'naïve',
      'Ã and Õ stand alone here',
      'São Paulo',
      'Â¿',
      'plain ASCII text',
      'Über',
      'Ærø',
      '½ cup',
    ]) {
      // 'Â¿' is itself mojibake of '¿', so it is the one exception that changes.
      if (s === 'Â¿') expect(repairMojibake(s)).toBe('¿');
      else expect(repairMojibake(s)).toBe(s);
    }
  });

  it('reads a C1 control (text once decoded as Latin-1) as the Windows-1252 character of its byte', () => {
    expect(repairMojibake('don\u0092t \u0093quote\u0094 \u0097 dash')).toBe('don’t “quote” — dash');
  });

  it('does not touch a lone lead character followed by ordinary letters', () => {
    expect(repairMojibake('The letter Ã is rare; Ãa is not UTF-8.')).toBe('The letter Ã is rare; Ãa is not UTF-8.');
  });

  it('rejects overlong and surrogate sequences', () => {
    // C0/C1 leads are never valid; ED A0 80 would be a UTF-16 surrogate.
    expect(repairMojibake('Ã€x'.replace('Ã', 'À'))).toBe('À€x');
    expect(repairMojibake('í\u00a0€')).toBe('í\u00a0€');
  });

  it('repairs text garbled twice', () => {
    expect(repairMojibake(garble(garble('growing—the Soviets')))).toBe('growing—the Soviets');
  });

  it('returns the same string object when nothing is suspect', () => {
    const s = 'nothing to do here';
    expect(repairMojibake(s)).toBe(s);
  });
});
