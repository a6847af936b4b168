import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@shipshape/source'] },
  ssr: { resolve: { conditions: ['@shipshape/source'] } },
  // The CLI specs run git in temporary repositories: generous on a busy shared machine.
  test: { include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'], testTimeout: 30_000, hookTimeout: 30_000 },
});
