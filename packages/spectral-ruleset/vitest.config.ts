import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@shipshape/source'] },
  ssr: { resolve: { conditions: ['@shipshape/source'] } },
  // Sized for a shared, loaded machine: the OWASP ruleset makes each full-ruleset lint heavier.
  test: { include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'], testTimeout: 60_000, hookTimeout: 120_000 },
});
