// The only URLs a renderer puts in a message: absolute http(s), as the WHATWG parser writes
// them. Each platform then encodes what its own link syntax cannot hold.

/** `url` normalized, when it is an absolute http(s) URL of at most `maxLength` characters. */
export function safeUrl(url: string | undefined, maxLength = 2048): string | undefined {
  if (!url) return undefined;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
  return u.href.length <= maxLength ? u.href : undefined;
}
