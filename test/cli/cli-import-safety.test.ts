// `engram import` against folders and files a person might receive or end up with (issue 13): a folder that vanished
// or emptied, an export with a million records, odd ChatGPT exports, over-long PDFs and links out of a vault. Each
// case drives the built CLI as a shell would and failed before its fix.
import fs from 'node:fs';
import { MAX_PDF_PAGES } from '../../src/core/importers/pdf-importer';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportPreview, ImportReport } from '../../src/core/import/import-models';
import type { Note, NotePage } from '../../src/shared/models';
import { chatgptExport, minimalPdf, writeTree } from '../import/support/fixtures';
import { prepareDataDir, runJson as runJsonCli, spawnCli as spawnCliRun, tempDir, type RunOptions } from './cli-process';

/** A CLI run with room for a loaded machine (the import itself takes seconds; starting the CLI may not). */
const SLOW: RunOptions = { timeoutMs: 240_000 };
const runJson = <T>(dataDir: string, args: readonly string[]): Promise<T> => runJsonCli<T>(dataDir, args, SLOW);
const spawnCli = (args: readonly string[]) => spawnCliRun(args, SLOW);

let root: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ dir: root, remove: cleanup } = await tempDir('engram-cli-import-safety-'));
});

afterAll(async () => {
  await cleanup?.();
});

/** A fresh data directory for one case. */
async function freshData(name: string): Promise<string> {
  const dataDir = path.join(root, `data-${name}`);
  await prepareDataDir(dataDir);
  return dataDir;
}

async function notes(dataDir: string, forgotten = false): Promise<readonly Note[]> {
  return (await runJson<NotePage>(dataDir, ['list', '--limit', '500', ...(forgotten ? ['--forgotten'] : [])])).notes;
}

describe('engram import: nothing a folder does can wipe notes', { timeout: 900_000 }, () => {
  it('--delete-missing on an empty (unmounted) folder is an error and forgets nothing (before: 20 of 20 hard-deleted)', async () => {
    const dataDir = await freshData('empty');
    const vault = path.join(root, 'mnt', 'notes');
    writeTree(vault, Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`note-${i}.md`, `# Note ${i}\n\nText ${i}.`])));
    expect((await runJson<ImportReport>(dataDir, ['import', vault])).counts.imported).toBe(20);
    fs.rmSync(vault, { recursive: true });
    fs.mkdirSync(vault); // the mount point stays, empty
    const run = await spawnCli(['--data-dir', dataDir, 'import', vault, '--delete-missing']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `engram: ${vault} is empty, but 20 notes came from it, so none of them is forgotten: if it is a drive or a synced folder, make sure it is mounted and synced, then import again. Notes that should go can be forgotten one by one.\n`,
    );
    expect(await notes(dataDir)).toHaveLength(20);
    expect((await spawnCli(['--data-dir', dataDir, 'import', vault, '--delete-missing', '--yes'])).stderr).toBe(run.stderr); // no override
    expect(await notes(dataDir)).toHaveLength(20);
    const gone = await spawnCli(['--data-dir', dataDir, 'import', path.join(root, 'mnt', 'nothing-here'), '--delete-missing']);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/there is nothing there/);
    expect(await notes(dataDir)).toHaveLength(20);
  });

  it('forgets (restorably) a few missing notes, and more than a small share only with --yes', async () => {
    const dataDir = await freshData('share');
    const vault = path.join(root, 'share-vault');
    writeTree(vault, Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`n${String(i).padStart(2, '0')}.md`, `Note number ${i}.`])));
    await runJson<ImportReport>(dataDir, ['import', vault]);
    fs.rmSync(path.join(vault, 'n00.md'));
    const one = await runJson<ImportReport>(dataDir, ['import', vault, '--delete-missing']);
    expect(one.counts).toMatchObject({ missing: 1, forgotten: 1 });
    expect(one.forgetHeld).toBeNull();
    for (let i = 1; i < 18; i++) fs.rmSync(path.join(vault, `n${String(i).padStart(2, '0')}.md`));
    const preview = await runJson<ImportPreview>(dataDir, ['import', vault, '--dry-run', '--delete-missing']);
    expect(preview.forget).toEqual({ action: 'confirm', reason: expect.stringContaining('17 notes of the 19 from') });
    const held = await spawnCli(['--data-dir', dataDir, '--json', 'import', vault, '--delete-missing']);
    expect(held.code).toBe(1);
    expect(held.stderr).toMatch(/^engram: 17 notes of the 19 from .* \(89%\) came from files that are gone; .* To confirm, run the import again with --yes\.\n$/);
    const heldReport = JSON.parse(held.stdout) as ImportReport;
    expect(heldReport.counts).toMatchObject({ missing: 17, forgotten: 0 });
    expect(await notes(dataDir)).toHaveLength(19);
    const confirmed = await runJson<ImportReport>(dataDir, ['import', vault, '--delete-missing', '--yes']);
    expect(confirmed.counts).toMatchObject({ missing: 17, forgotten: 17 });
    expect(await notes(dataDir)).toHaveLength(2);
    const forgotten = (await notes(dataDir, true)).filter((n) => n.deletedAt !== null);
    expect(forgotten).toHaveLength(18); // soft: still there, restorable
    const restored = await runJson<Note>(dataDir, ['restore', String(forgotten[0]!.id)]);
    expect(restored.deletedAt).toBeNull();
  });
});

describe('engram import: unbounded and odd input', { timeout: 900_000 }, () => {
  it('imports the one good record of a 300,000-record JSON file and reports the rest (before: stack overflow, exit 2)', async () => {
    const dataDir = await freshData('records');
    const file = path.join(root, 'records.json');
    const records: unknown[] = [{ id: 'good', title: 'The good one', body: 'Only this record has text.' }];
    for (let i = 0; i < 299_999; i++) records.push({ n: i });
    fs.writeFileSync(file, JSON.stringify(records));
    const report = await runJson<ImportReport>(dataDir, ['import', file]);
    expect(report.counts).toMatchObject({ imported: 1, failed: 299_999 });
    expect(report.failed.length).toBeLessThanOrEqual(150); // listed one by one up to 100, then summed up by reason
    expect(report.failed.at(-1)).toEqual({ path: file, reason: expect.stringMatching(/^299,899 more records: no text/), records: 299_899 });
    expect((await notes(dataDir)).map((n) => n.title)).toEqual(['The good one']);
  });

  it('imports the good conversations of a ChatGPT export with odd shapes and reports the bad ones (before: the whole file failed)', async () => {
    const dataDir = await freshData('chatgpt');
    const file = path.join(root, 'conversations.json');
    const good = JSON.parse(chatgptExport([
      { id: 'c1', title: 'Good one', created: 1690000000, turns: [['user', 'What is rye?'], ['assistant', 'A grain.']] },
      { id: 'c2', title: 'Numbered', created: 1690000000, turns: [['user', 'Title is a number'], ['assistant', 'Still readable.']] },
      { id: 'c4', title: 'Looped', created: 1690000000, turns: [['user', 'Loop me'], ['assistant', 'Looping back.']] },
    ])) as Record<string, unknown>[];
    good[1]!.title = 42;
    const looped = good[2]!.mapping as Record<string, { parent: string | null }>;
    looped.root!.parent = 'm1'; // root -> m1 -> m0 -> root: a cycle
    const exported = [good[0], good[1], { id: 'c3', title: 'No mapping', mapping: null }, good[2], null, 'not a conversation'];
    fs.writeFileSync(file, JSON.stringify(exported));
    const report = await runJson<ImportReport>(dataDir, ['import', file]);
    expect(report.source.format).toBe('chatgpt');
    expect(report.imported.map((e) => e.title).sort()).toEqual(['Conversation 2', 'Good one', 'Looped']);
    expect(report.failed).toEqual([
      { path: `${file}#c3`, reason: 'conversation 3 cannot be read: its "mapping" (the messages) is missing or not an object' },
      { path: `${file}#conversation-5`, reason: 'conversation 5 cannot be read: it is null, not a conversation' },
      { path: `${file}#conversation-6`, reason: 'conversation 6 cannot be read: it is a string, not a conversation' },
    ]);
    expect(report.warnings).toEqual([
      { path: `${file}#c2`, reason: 'its title is not text (a number); it was named "Conversation 2"' },
      { path: `${file}#c4`, reason: 'its messages link back in a loop; the messages up to the loop were imported' },
    ]);
  });

  it('refuses a PDF over the page limit at once, with the limit named (before: minutes of CPU, no progress)', async () => {
    const dataDir = await freshData('pdf');
    const file = path.join(root, 'long.pdf');
    fs.writeFileSync(file, minimalPdf(Array.from({ length: MAX_PDF_PAGES + 1 }, (_, i) => `Page ${i + 1} text`)));
    const report = await runJson<ImportReport>(dataDir, ['import', file]);
    expect(report.failed).toEqual([{ path: file, reason: `the PDF has ${(MAX_PDF_PAGES + 1).toLocaleString('en')} pages; Engram imports PDFs of up to ${MAX_PDF_PAGES.toLocaleString('en')} pages (split it, e.g. by chapter, and import the parts)` }]);
  });

  it('does not follow a link out of the folder unless asked, and detects loops (before: imported the linked file)', async () => {
    const dataDir = await freshData('links');
    const vault = path.join(root, 'shared-vault');
    const elsewhere = path.join(root, 'private');
    writeTree(vault, { 'note.md': 'A vault note.', 'assets/inside.md': 'Linked from inside.', '.obsidian/app.json': '{}' });
    writeTree(elsewhere, { 'bank.md': 'Account number 12345678.', 'folder/deep.md': 'Deep private note.' });
    fs.symlinkSync(path.join(elsewhere, 'bank.md'), path.join(vault, 'assets', 'bank.md'));
    fs.symlinkSync(path.join(elsewhere, 'folder'), path.join(vault, 'outside-folder'));
    fs.symlinkSync(path.join(vault, 'assets', 'inside.md'), path.join(vault, 'alias.md'));
    fs.symlinkSync(vault, path.join(vault, 'assets', 'loop'));
    const report = await runJson<ImportReport>(dataDir, ['import', vault]);
    expect(report.imported.map((e) => path.relative(vault, e.path)).sort()).toEqual(['alias.md', 'assets/inside.md', 'note.md']);
    const why = Object.fromEntries(report.skipped.map((s) => [path.relative(vault, s.path), s.reason]));
    expect(why['assets/bank.md']).toBe(`symbolic link leading outside the folder being imported (to ${path.join(elsewhere, 'bank.md')}); not followed unless links may lead out (engram import --follow-links)`);
    expect(why['outside-folder']).toMatch(/^symbolic link leading outside the folder being imported/);
    expect(why['assets/loop']).toMatch(/symlink loop/);
    const followed = await runJson<ImportReport>(dataDir, ['import', vault, '--follow-links']);
    expect(followed.imported.map((e) => path.relative(vault, e.path)).sort()).toEqual(['assets/bank.md', 'outside-folder/deep.md']);
  });
});
