// Test runner settings for mutation testing (npm run mutate): the fast test files that import the engine
// directly (their searches pass workers: 1 where the thread count shows). Stryker runs the tests that cover a
// mutant once per mutant, so a slow test here costs its time on every mutant it covers; tests that spawn the
// command line cannot see a mutant at all.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { cutcheck: fileURLToPath(new URL('./src/index.ts', import.meta.url)) } },
  test: {
    include: [
      'test/mutation/**/*.test.ts',
      'test/checks.test.ts',
      'test/check-registry.test.ts',
      'test/writeup.test.ts',
      'test/semantics-doc.test.ts',
    ],
    testTimeout: 60_000,
    // Each test file in a fresh module context (vitest's default), so that a mutant in code run at import (the
    // registry, a variant's construction) is imported afresh with the mutant active.
    pool: 'threads',
  },
});
