// The renderer contract for Slack: reply → Block Kit message.
import { LIMITS } from '../../adapters/slack/limits.js';
import { renderReply, type SlackMessage } from '../../adapters/slack/render.js';
import { allText } from '../doubles/slack/requests.js';
import { assertWithinSlackLimits } from '../slack/limits.js';
import { rendererContract } from './renderer.js';

// A shared picture's comment is a message of its own, read as mrkdwn.
const texts = (m: SlackMessage) => [m.text, allText(m.blocks), ...(m.image ? [m.image.comment] : [])];

rendererContract<SlackMessage>({
  name: 'Slack',
  render: (reply) => renderReply(reply, { wikiName: 'AnarWiki' }),
  assertWithinLimits: assertWithinSlackLimits,
  texts,
  // Mention and broadcast syntax, and broadcast words not defused by a word joiner.
  liveMention: /<[!@#]|@(channel|here|everyone)\b/i,
  // <url|label>, with `&` escaped as Slack expects.
  urls: (m) => texts(m).flatMap((t) => [...t.matchAll(/<([^|<>]*)\|/g)].map((x) => x[1]!.replace(/&amp;/g, '&'))),
  isPrivate: (m) => m.response_type === 'ephemeral',
  actions: {
    values: (m) => m.blocks.flatMap((b) => (b.type === 'actions' ? b.elements.map((e) => e.value) : [])),
    maxLength: LIMITS.buttonValue,
  },
});
