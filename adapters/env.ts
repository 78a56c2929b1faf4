// Entry-point plumbing shared by the CLI, `npm start` and the scripts: read `.env`,
// validate settings, and stop with one clear line when a setting is wrong.
import dotenv from 'dotenv';
import { ConfigError, loadConfig, type Config } from '../src/config.js';
import { withSiteFacts } from '../src/site-facts.js';

export function configFromEnvironment(overrides: Record<string, string | undefined> = {}): Config {
  // quiet: dotenv would otherwise print a banner on stdout, where answers go.
  dotenv.config({ quiet: true });
  const env = { ...process.env, ...overrides };
  try {
    // An imported or synced wiki names itself (CONTENT_DIR/_site.json) unless WIKI_NAME or
    // WIKI_BASE_URL say otherwise.
    return withSiteFacts(loadConfig(env), env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`commonplace: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}
