// /insights: for the people who manage a server or workspace, what its members ask the wiki
// (the most asked pages, the names the wiki lacks, the commands used) and a weekly digest. The
// work is done by the InsightsService (src/insights), present where the bot runs with its store.
import { platformNames } from '../src/platform.js';
import { defineCommand, subcommand, text } from './define-command.js';
import { parseDailyText } from './daily.js';

const EXAMPLE = '/insights subscribe monday 09:00 Europe/Paris';

export const insights = defineCommand({
  name: 'insights',
  description: 'What members ask the wiki, and what it lacks (for those who manage the server)',
  usage: '[show] | subscribe [day] [HH:MM] [time zone] | unsubscribe | status',
  examples: ['/insights', EXAMPLE, '/insights status'],
  requires: 'manage-workspace',
  private: true,
  options: {
    show: subcommand('The last 7 and 30 days: most asked pages, names the wiki lacks, commands', {}),
    subscribe: subcommand('A weekly digest of the insights in this channel (or change when)', {
      days: text({ description: 'Which day (default monday)', max: 80, label: 'day' }),
      time: text({ description: 'Local time, 24-hour HH:MM (default 09:00)', max: 10 }),
      timezone: text({ description: "IANA time zone such as Europe/Paris (default: the workspace's)", max: 64, label: 'time zone' }),
    }),
    unsubscribe: subcommand('Stop the weekly digest in this channel', {}),
    status: subcommand('When the next digest comes', {}),
  },
  parseText: (line) => (line.trim() ? parseDailyText(line) : { subcommand: 'show' }),
  async run(input, { insights: service, request, profiles = [] }) {
    if (!service) {
      return {
        kind: 'notice',
        private: true,
        title: 'Insights are not available here',
        text: `Insights need the bot running with its database (the default SQLite file, or DATABASE_URL), as the ${platformNames(profiles, 'and')} bots and the interactive terminal shell do. They do not work in one-off questions.`,
      };
    }
    return service.handle(input, request);
  },
});
