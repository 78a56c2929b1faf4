// Public addresses of pages. MediaWiki percent-encodes page names but leaves a few characters
// readable (wfUrlencode); we do the same so links look like the ones people copy from the
// browser: /wiki/Workers'_Self-Management, /wiki/Paris_Commune_(1871).

// Characters encodeURIComponent escapes that MediaWiki keeps in paths.
const READABLE: Record<string, string> = { '%3A': ':', '%2C': ',', '%3B': ';', '%40': '@', '%24': '$', '%2F': '/' };

function encodePart(s: string): string {
  return encodeURIComponent(s.replace(/ /g, '_')).replace(/%(?:3A|2C|3B|40|24|2F)/g, (m) => READABLE[m]!);
}

/** `baseUrl` + page slug (+ `#anchor`). A base without a trailing `/` gets one, unless it ends
 *  in `=` (an `index.php?title=` style base). */
export function pageUrl(baseUrl: string, slug: string, anchor?: string): string {
  const base = /[/=]$/.test(baseUrl) ? baseUrl : `${baseUrl}/`;
  const page = encodePart(slug);
  return anchor ? `${base}${page}#${encodePart(anchor)}` : `${base}${page}`;
}

/** A page's URL with a section anchor, escaped like `pageUrl` does (`"` and `?` must not reach
 *  a Slack `<url|label>` or a Markdown link raw). */
export function withAnchor(url: string, anchor?: string): string {
  return anchor ? `${url}#${encodePart(anchor)}` : url;
}
