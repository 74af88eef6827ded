// Runs once before the suite: bundles the worker entry points (the core starts them as .js files) and prepares a
// migrated template database so tests start from a tarball instead of paying initdb (~4 s) each time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
// @ts-expect-error plain ESM build script without type declarations
import { buildNode, runtimeEntries } from '../scripts/build-node.mjs';
import { migrate } from '../src/core/db/migrate';
import { openDatabase } from '../src/core/db/open-database';

declare module 'vitest' {
  export interface ProvidedContext {
    seedPath: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const outdir: string = await buildNode({ quiet: true, only: runtimeEntries });
  process.env.ENGRAM_WORKER_DIR = outdir;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engram-seed-'));
  const db = await openDatabase(dir);
  await migrate(db);
  const dump = await db.dumpDataDir('gzip');
  await db.close();
  const seedPath = path.join(dir, 'seed.tar.gz');
  fs.writeFileSync(seedPath, Buffer.from(await dump.arrayBuffer()));
  project.provide('seedPath', seedPath);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
