import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@shipshape/source'] },
  ssr: { resolve: { conditions: ['@shipshape/source'] } },
  // The example tests lint and judge whole services (Spectral, the AsyncAPI parser) several times:
  // tens of seconds on a shared 2-core machine.
  test: {
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
    testTimeout: 240_000,
    hookTimeout: 240_000,
  },
});
