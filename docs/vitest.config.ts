import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@shipshape/source'] },
  ssr: { resolve: { conditions: ['@shipshape/source'] } },
  test: {
    include: ['src/**/*.spec.ts', 'e2e/**/*.spec.ts'],
    // The browser walk builds the whole site first: minutes on a busy 2-core machine.
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
