// A process with the bot's last-resort policy, told by its argument what goes wrong.
import { installLastResort } from '../../adapters/last-resort.js';
import { createLogger } from '../../src/log.js';

installLastResort(createLogger('info'));
const what = process.argv[2];
if (what === 'rejection') {
  void Promise.reject(new Error('an async step failed with nobody waiting'));
  setTimeout(() => {
    process.stdout.write('still serving\n');
    process.exit(0);
  }, 200);
} else if (what === 'exception') {
  setTimeout(() => {
    throw new Error('thrown out of an event handler');
  }, 10);
  setTimeout(() => process.stdout.write('should not get here\n'), 500);
}
