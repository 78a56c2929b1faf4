import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests start real servers on 127.0.0.1 and real clients; separate processes keep them apart.
    pool: 'forks',
    // Fails the run if a test leaves a file in the repository (./data/cache, say).
    globalSetup: ['test/helpers/no-stray-files.ts'],
  },
});
