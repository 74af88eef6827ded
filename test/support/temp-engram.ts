import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { openEngram, type OpenEngramOptions } from '../../src/core/engine/open-engram';
import type { Engram } from '../../src/core/engine/engram';

let seed: Blob | null = null;

/** The migrated template database prepared by the global setup, as a Blob PGlite can load. */
export function testSeed(): Blob {
  seed ??= new Blob([fs.readFileSync(inject('seedPath'))]);
  return seed;
}

/** A new empty temporary directory, removed by the returned cleanup. */
export function tempDir(prefix = 'engram-test-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Opens a real Engram (real PGlite, real built-in model) on a fresh temporary data directory. */
export async function openTempEngram(options: Partial<OpenEngramOptions> = {}): Promise<{ engram: Engram; dataDir: string; cleanup: () => Promise<void> }> {
  const { dir, cleanup } = tempDir();
  const engram = await openEngram({ dataDir: dir, seed: testSeed(), ...options });
  return {
    engram,
    dataDir: dir,
    cleanup: async () => {
      await engram.close();
      cleanup();
    },
  };
}
