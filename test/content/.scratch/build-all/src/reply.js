// The neutral reply model. Commands return it; each adapter renders it within its
// platform's limits (Discord embeds, Slack Block Kit, terminal text). Nothing here knows
// about a platform: text is plain (no Markdown), and URLs are absolute.
export {};
