// The REST base from DISCORD_API_URL, as discord.js's REST takes it.

/** DISCORD_API_URL without a trailing slash or API version (discord.js appends /v10). */
export function apiBase(url: string): string {
  return url.replace(/\/+$/, '').replace(/\/v\d+$/, '');
}
