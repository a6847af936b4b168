import { defineConfig } from 'vitest/config';

// The machine running these tests is usually shared and loaded: timeouts are sized for that, not for an
// idle laptop. Nothing here asserts on speed (that is bench/); a test that needs longer says so itself.
export default defineConfig({
  resolve: { conditions: ['@shipshape/source'] },
  ssr: { resolve: { conditions: ['@shipshape/source'] } },
  test: {
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    teardownTimeout: 60_000,
  },
});
