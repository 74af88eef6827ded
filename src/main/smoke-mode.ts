// `Engram --smoke-test`: the packaged app checks itself once (release workflow) and exits, without a window.
import type { App } from 'electron';
import { openEngramInWorker } from '../core/engine/engram-worker-client';
import { runSmokeTest } from '../core/smoke/smoke-test';

/** The command-line switch that runs the smoke test instead of the app. */
export const SMOKE_TEST_SWITCH = '--smoke-test';

/** Runs the smoke test on a temporary memory, prints its report as JSON, and exits 0 when every step held, else 1. */
export async function runSmokeMode(app: App): Promise<void> {
  await app.whenReady();
  const report = await runSmokeTest((dataDir) => openEngramInWorker({ dataDir, autoEmbed: false }));
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  app.exit(report.ok ? 0 : 1);
}
