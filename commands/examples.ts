// Examples that answer on the loaded wiki, for /help, the hints of a reply that found nothing
// and the shell's banner. A command's own examples name the sample wiki's pages; on any other
// wiki they would send people to pages it does not have.
import type { Library } from '../src/library/library.js';
import type { Article } from '../src/wiki/model.js';
import { english } from '../src/library/resolve/language.js';
import { isPersonLike } from '../src/wiki/parse/attribution.js';
import type { Command } from './types.js';

/** Names that answer on one wiki: its most linked-from page with a summary, a long word of that
 *  title (to search), its most quoted person and that person's surname. */
export interface WikiExamples {
  page?: string;
  word?: string;
  person?: string;
  surname?: string;
}

const memo = new WeakMap<Library, WikiExamples>();

export function wikiExamples(library: Library): WikiExamples {
  let found = memo.get(library);
  if (found) return found;
  let best: Article | undefined;
  for (const a of library.articles) if (a.summary && (!best || a.links.length > best.links.length)) best = a;
  // The most quoted speaker shaped like one person's name (a citation may name an organisation).
  const speakers = library.complete('speakers', '', 25);
  const person =
    speakers.find((s) => isPersonLike(s) && !s.split(/\s+/).some((w) => english.stopWords.has(w.toLowerCase()))) ?? speakers[0];
  const surname = person === undefined || !isPersonLike(person) ? undefined : person.split(/\s+/).pop();
  found = {
    page: best?.title,
    word: best?.title.split(/\s+/).sort((a, b) => b.length - a.length)[0],
    person,
    // A surname is the shorter example, when it finds the same person.
    surname: surname && library.quotes(surname).total > 0 ? surname : person,
  };
  memo.set(library, found);
  return found;
}

/** A command's examples on this wiki: its own for the wiki, else the ones it was written with. */
export function examplesOn(command: Command, library: Library): string[] {
  const own = command.examplesFor?.(wikiExamples(library)) ?? [];
  return own.length ? own : command.examples;
}
