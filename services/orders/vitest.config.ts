import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
    // Integration tests share one in-memory PGlite per file; start-up takes a few seconds on a busy machine.
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
