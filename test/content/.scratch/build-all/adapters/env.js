// Entry-point plumbing shared by the CLI, `npm start` and the scripts: read `.env`,
// validate settings, and stop with one clear line when a setting is wrong.
import dotenv from 'dotenv';
import { ConfigError, loadConfig } from '../src/config.js';
export function configFromEnvironment(overrides = {}) {
    // quiet: dotenv would otherwise print a banner on stdout, where answers go.
    dotenv.config({ quiet: true });
    try {
        return loadConfig({ ...process.env, ...overrides });
    }
    catch (err) {
        if (err instanceof ConfigError) {
            process.stderr.write(`commonplace: ${err.message}\n`);
            process.exit(2);
        }
        throw err;
    }
}
