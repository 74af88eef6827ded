import { defineConfig } from 'vitest/config';

// Tests run under plain Node against real PGlite and the real built-in model. The global setup bundles the worker
// entry points (esbuild, ~1 s) and prepares a migrated template database so each test skips initdb.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
    env: { ENGRAM_WORKER_DIR: new URL('./out/node', import.meta.url).pathname },
  },
});
