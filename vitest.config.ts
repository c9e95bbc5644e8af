// Test runner settings: every test file under test/, run in forked workers.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Model files import the API as 'cutcheck'; in this repository that is the sources.
  resolve: { alias: { cutcheck: fileURLToPath(new URL('./src/index.ts', import.meta.url)) } },
  test: {
    include: ['test/**/*.test.ts'],
    // The command-line tests run the compiled CLI: built here first when the sources are newer.
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 120_000,
    // Hooks build traces and launch headless Chromium; with two files at once that can pass vitest's default 10 s.
    hookTimeout: 120_000,
    pool: 'forks',
    // Two test files at once, on two cores too (vitest's default there is one): most files wait on child
    // processes, and the suite takes about two thirds of the time (353 s to 235 s on the reference machine).
    maxWorkers: 2,
  },
});
