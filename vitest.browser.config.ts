import { defineConfig } from 'vitest/config';

/** The console in a real browser: `npm run test:browser` (needs Debian's chromium). */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    globalSetup: ['test/browser/support/build-console.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { SIYU_LOG_LEVEL: 'silent' },
  },
});
