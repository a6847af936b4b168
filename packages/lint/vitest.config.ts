import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@shipshape/source'] },
  ssr: { resolve: { conditions: ['@shipshape/source'] } },
  // Each test lints a whole service (Spectral + the AsyncAPI parser): seconds on a shared 2-core box.
  test: { include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
});
