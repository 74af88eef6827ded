import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngram } from '../../src/core/engine/open-engram';
import { ImportService } from '../../src/core/import/import-service';
import { tempDir, testSeed } from '../support/temp-engram';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const childScript = path.join(repoRoot, 'out/test-import/import-child.mjs');
const FILES = 300;

/** Runs the child importer and SIGKILLs it once it reports `killAt` files parsed; resolves with what it printed. */
function importThenKill(dataDir: string, source: string, killAt: number): Promise<{ output: string; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript, dataDir, source], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let killed = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const parsed = [...output.matchAll(/^importing (\d+)$/gm)].map((m) => Number(m[1]));
      if (!killed && parsed.some((n) => n >= killAt)) {
        killed = child.kill('SIGKILL');
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', () => resolve({ output, killed }));
  });
}

describe('an import killed mid-way', () => {
  const work = tempDir('engram-crash-');
  beforeAll(async () => {
    await build({ entryPoints: [path.join(repoRoot, 'test/import/support/import-child.ts')], outfile: childScript, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'error' });
  });
  afterAll(() => work.cleanup());

  it('resumes on the next start without duplicates or lost files', async () => {
    const dataDir = path.join(work.dir, 'data');
    const source = path.join(work.dir, 'notes');
    fs.mkdirSync(source);
    for (let i = 0; i < FILES; i++) {
      fs.writeFileSync(path.join(source, `n${String(i).padStart(3, '0')}.md`), `# Note ${i}\n\n${'Some words about gardens and rivers. '.repeat(20)}${i}`);
    }
    await (await openEngram({ dataDir, seed: testSeed() })).close(); // a migrated memory the child reopens

    const run = await importThenKill(dataDir, source, 40);
    expect(run.killed).toBe(true);
    expect(run.output).not.toContain('finished');

    const engram = await openEngram({ dataDir }); // the dead child's lock is taken over
    try {
      const service = new ImportService({ db: engram.database, onQueued: () => undefined });
      const [job] = await service.unfinished();
      expect(job).toMatchObject({ path: source, state: 'running' });
      expect(job!.filesDone).toBeGreaterThanOrEqual(40);
      expect(job!.filesDone).toBeLessThan(FILES);
      // each batch commits with its checkpoint: exactly the finished files have notes
      expect((await engram.status()).notes).toBe(job!.filesDone);

      const report = await service.run({ path: source });
      expect(report).toMatchObject({ jobId: job!.jobId, resumed: true, state: 'completed', counts: { files: FILES, imported: FILES, updated: 0, unchanged: 0, failed: 0 } });
      const rows = await engram.database.query<{ notes: number; sources: number }>(`select count(*)::int as notes, count(distinct source_path)::int as sources from notes`);
      expect(rows.rows[0]).toEqual({ notes: FILES, sources: FILES });
    } finally {
      await engram.close();
    }
  });
});
