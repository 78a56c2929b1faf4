// The load test's own machinery, at a trickle (its figures belong to `npm run bench -- --load`,
// not here): the bot starts as npm start runs it, every signed Slack command and every Discord
// interaction sent is acknowledged and answered, and the report counts them.
import { afterAll, expect, it } from 'vitest';
import { percentiles, runLoad, sustained } from '../../bench/load.js';
import { contentDir } from '../helpers/library.js';
import { tempDirs } from '../helpers/temp.js';

const temp = tempDirs();
afterAll(() => temp.removeAll());

it('sends, acknowledges and answers every command on both platforms, and reports them', async () => {
  const lines: string[] = [];
  const { steps, peakMb } = await runLoad(
    { content: contentDir, work: await temp.make('cp-load-'), platforms: ['slack', 'discord'], rates: [10], concurrency: 5, seconds: 1 },
    (l) => lines.push(l),
  );
  expect(steps.map((s) => [s.platform, s.sent, s.acked, s.answered, s.late])).toEqual([
    ['slack', 10, 10, 10, 0],
    ['discord', 10, 10, 10, 0],
  ]);
  for (const s of steps) expect(s.ack.p50).toBeLessThanOrEqual(s.ack.max);
  expect(peakMb).toBeGreaterThan(0);
  expect(lines[0]).toMatch(/^platform +target/);
  expect(lines).toHaveLength(3);
  expect(sustained(steps, 'slack')?.rate).toBe(10);
}, 90_000);

it('percentiles: p50, p99 and the maximum of what was measured', () => {
  const xs = Array.from({ length: 100 }, (_, i) => i + 1);
  expect(percentiles(xs)).toEqual({ p50: 51, p99: 100, max: 100 });
  expect(percentiles([])).toEqual({ p50: NaN, p99: NaN, max: NaN });
});
