// Runs the real Slack adapter (startSlack → Bolt) against the local Slack double, over the
// real Library and commands built from content/. Captures logs, and guards fetch so that
// any request not aimed at 127.0.0.1 fails loudly and is remembered.
import { startSlack, type SlackHandle } from '../../adapters/slack/index.js';
import type { CommandDeps } from '../../commands/types.js';
import type { Config } from '../../src/config.js';
import type { Store } from '../../src/store/types.js';
import { SlackDouble } from '../doubles/slack/double.js';
import { testConfig, testDeps } from '../helpers/library.js';
import { APP_TOKEN, BOT_TOKEN, captureLog, freePort, guardNetwork, SIGNING_SECRET, type CapturedLog } from './support.js';

export * from './support.js';

export interface Harness {
  double: SlackDouble;
  slack: SlackHandle;
  config: Config;
  deps: CommandDeps;
  logs: CapturedLog;
  network: ReturnType<typeof guardNetwork>;
  /** HTTP mode: the app's /slack/events URL. */
  eventsUrl: string;
  stop(): Promise<void>;
}

export async function startHarness(
  mode: 'http' | 'socket',
  env: Record<string, string> = {},
  opts: { requestStore?: () => Store | undefined; double?: SlackDouble } = {},
): Promise<Harness> {
  const network = guardNetwork();
  const double = opts.double ?? (await SlackDouble.start({ botToken: BOT_TOKEN, appToken: APP_TOKEN }));
  const port = mode === 'http' ? await freePort() : 3000;
  const config = testConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    ...(mode === 'socket' ? { SLACK_APP_TOKEN: APP_TOKEN } : { SLACK_SIGNING_SECRET: SIGNING_SECRET }),
    SLACK_API_URL: double.apiUrl,
    PORT: String(port),
    LOG_LEVEL: 'debug',
    ...env,
  });
  const logs = captureLog('debug');
  const deps = await testDeps(env);
  deps.config = config;
  deps.log = logs.log;
  const slack = await startSlack({ config, deps, log: logs.log, requestStore: opts.requestStore });
  return {
    double,
    slack,
    config,
    deps,
    logs,
    network,
    eventsUrl: `http://127.0.0.1:${slack.port ?? port}/slack/events`,
    async stop() {
      await slack.stop();
      if (!opts.double) await double.close();
      network.restore();
    },
  };
}
