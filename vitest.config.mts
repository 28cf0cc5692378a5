import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/azurite.globalSetup.ts', 'test/support/tab.globalSetup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Surface a forgotten await as a failure, not a silent pass.
    dangerouslyIgnoreUnhandledErrors: false,
  },
});
