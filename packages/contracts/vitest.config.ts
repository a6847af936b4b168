import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@shipshape/source'] },
  ssr: { resolve: { conditions: ['@shipshape/source'] } },
  // The schema spec builds a TypeScript program of the report types: seconds on a shared machine.
  test: { include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'], testTimeout: 120_000, hookTimeout: 120_000 },
});
