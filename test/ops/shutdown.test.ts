// SIGTERM while an answer is on its way: the bot stops being ready, waits for the answer to be
// delivered, then stops (exit 0). Slack HTTP mode in a child process, with a Slack double whose
// response_url is slow, so the answer is still in flight when the signal comes.
import { afterAll, expect, it } from 'vitest';
import { SlackDouble } from '../doubles/slack/double.js';
import { formBody, postSigned, slashCommandPayload } from '../doubles/slack/requests.js';
import { startBotProcess } from '../helpers/bot-process.js';
import { tempDirs } from '../helpers/temp.js';
import { BOT_TOKEN, freePort, SIGNING_SECRET } from '../slack/support.js';

const temp = tempDirs();
afterAll(() => temp.removeAll());

it('drains an answer in flight before it stops, and says it is not ready meanwhile', async () => {
  const slack = await SlackDouble.start({ botToken: BOT_TOKEN });
  const port = await freePort();
  const bot = await startBotProcess(
    temp,
    { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: String(port) },
    'daily scheduler started',
  );
  try {
    slack.responseDelayMs = 1_500;
    const { url, id } = slack.responseUrl();
    const ack = await postSigned(
      `http://127.0.0.1:${port}/slack/events`,
      formBody(slashCommandPayload({ command: '/define', text: 'dual power', response_url: url })),
      SIGNING_SECRET,
    );
    expect(ack.status).toBe(200);
    const exited = bot.stop('SIGTERM');
    await bot.waitFor('shutting down', 5_000);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(503);
    expect((await ready.json()).checks.process).toEqual({ ok: false, detail: 'shutting down' });
    expect(await exited).toBe(0);
    // The answer was delivered before the process ended.
    expect(slack.responsesTo(id)).toHaveLength(1);
    const messages = bot.logs().map((l) => l.msg);
    expect(messages.indexOf('command answered')).toBeGreaterThan(messages.indexOf('shutting down'));
    expect(bot.logs().find((l) => l.msg === 'shutting down')).toMatchObject({ signal: 'SIGTERM', inFlight: 1 });
  } finally {
    await bot.stop('SIGKILL');
    await slack.close();
  }
}, 60_000);
