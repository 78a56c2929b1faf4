// Where redirects end: a redirect to a redirect is followed to the page at the end of the
// chain; a chain that comes back on itself, or ends at a page that does not exist, ends
// nowhere (and the loop is kept, to say so).

export interface RedirectLike {
  from: string;
  to: string;
  anchor?: string;
}

export type RedirectEnd<T> = { page: T; anchor?: string } | { loop: string[] } | { missing: string };

/** For each redirect, in order, where it ends. `keyOf` is the name key; `pageOf(key)` the page
 *  a key names, if any (a page wins over a redirect of the same name). */
export function followRedirects<T>(
  redirects: readonly RedirectLike[],
  keyOf: (name: string) => string,
  pageOf: (key: string) => T | undefined,
): RedirectEnd<T>[] {
  const byFrom = new Map<string, RedirectLike>();
  for (const r of redirects) {
    const key = keyOf(r.from);
    if (!byFrom.has(key)) byFrom.set(key, r);
  }
  return redirects.map((first) => {
    const seen = [keyOf(first.from)];
    const names = [first.from];
    let hop = first;
    // The section the reader was sent to: the first one named along the chain.
    let anchor = first.anchor;
    for (;;) {
      const key = keyOf(hop.to);
      const page = pageOf(key);
      if (page !== undefined) return anchor ? { page, anchor } : { page };
      const next = byFrom.get(key);
      if (!next) return { missing: hop.to };
      if (seen.includes(key)) return { loop: [...names, next.from] };
      seen.push(key);
      names.push(next.from);
      anchor ??= next.anchor;
      hop = next;
    }
  });
}
