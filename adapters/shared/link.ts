// link(label, url): a labelled link in a platform's syntax, or the label alone when the URL is
// not one a message may carry. One argument order for every platform.
import { oneLine } from '../../src/text/sentences.js';
import { fitEscaped } from './fit.js';

export interface LinkSyntax {
  /** Plain text → the platform's escaped text. */
  escape(text: string): string;
  /** The URL as the link syntax holds it, or undefined for a URL it must not link. */
  target(url: string | undefined): string | undefined;
  /** The link itself, from the escaped label and the target. */
  format(label: string, target: string): string;
}

export type Link = (label: string, url: string | undefined, maxLabel?: number) => string;

/** A link builder for one platform's syntax; labels go on one line, within `maxLabel` once escaped. */
export function linkWith(syntax: LinkSyntax): Link {
  return (label, url, maxLabel = 200) => {
    const text = fitEscaped(oneLine(label), maxLabel, { escape: syntax.escape }).text;
    const target = syntax.target(url);
    return target ? syntax.format(text, target) : text;
  };
}
