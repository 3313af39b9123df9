import { defineConfig } from 'vitest/config';

// One file at a time: the browser and VS Code suites each start Chromium (and code-server) and would
// starve each other on a 2-core machine. Unit and CLI tests are quick either way.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 300_000,
  },
});
