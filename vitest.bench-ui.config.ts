import { defineConfig } from 'vitest/config';

// `npm run bench:ui`: the browser-harness performance measurements (10k notes; minutes). Not part of `npm test`.
export default defineConfig({
  test: {
    include: ['test/e2e/ui-perf.bench-test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 3_600_000,
    hookTimeout: 3_600_000,
    pool: 'forks',
    env: { ENGRAM_WORKER_DIR: new URL('./out/node', import.meta.url).pathname },
  },
});
