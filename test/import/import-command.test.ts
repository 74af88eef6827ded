import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliDeps } from '../../src/cli/cli-context';
import { runCli } from '../../src/cli/run-cli';
import type { ImportPreview, ImportReport } from '../../src/core/import/import-models';
import { tempDir } from '../support/temp-engram';
import { openEngram } from '../../src/core/engine/open-engram';
import { testSeed } from '../support/temp-engram';
import { makeVault } from './support/vault';

const work = tempDir('engram-import-cli-');
afterAll(work.cleanup);
const dataDir = path.join(work.dir, 'data');
const vault = makeVault(work.dir);

/** Runs the real `engram` program in-process on a seeded memory; returns its exit code and what it printed. */
async function engram(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  let stdout = '';
  let stderr = '';
  const deps: CliDeps = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    stdin: process.stdin,
    cwd: work.dir,
    env: {},
    defaultDataDir: () => dataDir,
    openEngram: (options) => openEngramForCli(options),
  };
  const code = await runCli(['node', 'engram', ...args], deps);
  return { stdout, stderr, code };
}

describe('engram import', () => {
  it('--dry-run --json prints the preview and changes nothing', async () => {
    const run = await engram(['--json', 'import', 'My Vault', '--dry-run']);
    expect(run.code).toBe(0);
    const preview = JSON.parse(run.stdout) as ImportPreview;
    expect(preview).toMatchObject({ source: { path: vault, format: 'obsidian' }, counts: { imported: 4, attachments: 1 } });
    expect(preview.samples).toHaveLength(4);
  });

  it('imports and prints the report; a second run finds everything unchanged', async () => {
    const first = await engram(['import', vault]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Imported ${vault} (obsidian)`);
    expect(first.stdout).toContain('4 new, 0 updated, 0 unchanged, 4 skipped, 0 failed, 1 attachments not imported.');
    expect(first.stdout).toContain('beds.png: attachment (not imported)');
    expect(first.stdout).toMatch(/chunks are queued for embedding/);
    const again = await engram(['--json', 'import', vault]);
    const report = JSON.parse(again.stdout) as ImportReport;
    expect(report.counts).toMatchObject({ imported: 0, unchanged: 4 });
    expect(report.unchanged.map((e) => e.title).sort()).toEqual(['2024-03-01', 'Books', 'Garden plan', 'Pesto']);
  });

  it('refuses an unknown format and a path that does not exist', async () => {
    const bad = await engram(['import', vault, '--format', 'docx']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Allowed choices are auto, markdown, obsidian, text, html, pdf, json, enex, chatgpt');
    const missing = await engram(['import', 'no-such-folder']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^engram: .*there is nothing there/);
  });
});

/** The real engine on a seeded data directory, as the CLI would open it. */
function openEngramForCli(options: { dataDir: string }) {
  return openEngram({ dataDir: options.dataDir, seed: testSeed() });
}
