import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 600_000,
    // e2e tests build the site once; run files one by one on 2 cores to keep memory predictable.
    fileParallelism: false,
  },
});
