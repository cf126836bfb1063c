import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Whole-report suppression audits (linear programmes) run in hooks; CI has 2 cores.
    testTimeout: 120000,
    hookTimeout: 120000,
  },
});
