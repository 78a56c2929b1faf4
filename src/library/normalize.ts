// Lookup keys: what "the same term" means when a user types it. Case, accents,
// punctuation, `_` and invisible characters are ignored, so "Dual_Power", "dual power",
// "DUAL POWER!" and "dúal power" all meet on one key.

const INVISIBLE =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: each joiner and variation selector is stripped on its own, wherever it stands.
  /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]/g;
const MARKS = /\p{M}+/gu;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

export function normalizeKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(INVISIBLE, '')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(/['’‘ʼ`´′]/g, '')
    .replace(NOT_WORD, ' ')
    .trim();
}

/** Removes characters that render as nothing or reorder text (zero-width, bidi controls, C0/C1 controls). */
export function stripInvisible(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(INVISIBLE, '').replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, '');
}
