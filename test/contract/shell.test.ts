// The renderer contract for the terminal: reply → text. A terminal has one reader, nothing in
// it pings or is a button, so what applies is: no control character (which could move the
// cursor or recolour the terminal) and no lone surrogate; test/shell checks its URLs.
import { expect } from 'vitest';
import { renderText } from '../../adapters/shell/render.js';
import { rendererContract } from './renderer.js';

rendererContract<string>({
  name: 'shell',
  render: renderText,
  assertWithinLimits: (text) => {
    expect(text, 'no control character but line breaks and tabs').not.toMatch(
      /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/,
    );
  },
  texts: (text) => [text],
});
