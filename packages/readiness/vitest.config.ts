import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@shipshape/source'] },
  ssr: { resolve: { conditions: ['@shipshape/source'] } },
  // The integration tests lint a whole service copy (Spectral + the AsyncAPI parser): seconds on a shared box.
  test: { include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'], testTimeout: 90_000, hookTimeout: 120_000 },
});
