import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/{unit,api,browser}/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    // The embedded database serves one connection at a time: test files take turns.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 300_000,
    reporters: process.env.CI ? ['verbose'] : ['default'],
  },
});
