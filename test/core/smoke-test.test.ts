// The smoke path installers run once before they are published (`Engram --smoke-test`), here under plain Node with
// the app's own way of opening the memory: the engine in a worker thread, the real built-in model.
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { openEngramInWorker } from '../../src/core/engine/engram-worker-client';
import { runSmokeTest } from '../../src/core/smoke/smoke-test';
import { tempDir } from '../support/temp-engram';

const root = tempDir('engram-smoke-root-');
afterAll(root.cleanup);

describe('smoke test', () => {
  it('opens a new memory, stores, embeds and recalls a note by meaning and keyword, then removes it', async () => {
    const report = await runSmokeTest((dataDir) => openEngramInWorker({ dataDir, autoEmbed: false }), root.dir);
    expect(report.steps.map((s) => [s.name, s.ok, s.detail])).toEqual([
      ['open a new memory', true, null],
      ['store a note', true, null],
      ['embed it with the built-in model', true, null],
      ['recall it by meaning', true, null],
      ['recall it by keyword', true, null],
      ['close the memory', true, null],
    ]);
    expect(report.ok).toBe(true);
    expect(fs.readdirSync(root.dir)).toEqual([]);
  });

  it('reports the step that failed, with its reason, and still cleans up', async () => {
    const report = await runSmokeTest(async () => {
      throw new Error('the database files are missing from the package');
    }, root.dir);
    expect(report.ok).toBe(false);
    expect(report.steps).toEqual([{ name: 'open a new memory', ok: false, ms: expect.any(Number), detail: 'the database files are missing from the package' }]);
    expect(fs.readdirSync(root.dir)).toEqual([]);
  });
});
