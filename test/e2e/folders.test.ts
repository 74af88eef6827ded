// End-to-end: connecting a folder from the Folders page, a file written on disk appearing in the open results without
// a reload, a note from a folder with its file and a sync conflict, and editing it with a conflicting change on disk.
// Screenshots go to test-artifacts/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startHarness, type Harness } from './harness';

describe('Connected folders in Chromium, bridged to the real core and the real watcher', () => {
  let harness: Harness;
  let page: Page;
  let vault: string;

  beforeAll(async () => {
    harness = await startHarness();
    vault = fs.mkdtempSync(path.join(os.tmpdir(), 'engram-e2e-folder-'));
    fs.mkdirSync(path.join(vault, '.obsidian'));
    fs.mkdirSync(path.join(vault, 'Coast'));
    fs.writeFileSync(path.join(vault, 'Coast', 'Lighthouse keeper.md'), '---\ntags: [coast]\n---\nThe lighthouse keeper winds the lamp at dusk.\n');
    fs.writeFileSync(path.join(vault, 'Harbour.md'), 'Boats leave the harbour at high tide. #coast\n');
    fs.writeFileSync(path.join(vault, 'Garden.md'), 'Water the tomatoes every morning.\n');
    page = await harness.newPage({ width: 1280, height: 860 });
  }, 180_000);

  afterAll(async () => {
    await harness?.close();
    if (vault) fs.rmSync(vault, { recursive: true, force: true });
  });

  it('connects a folder from the Folders page: preview, then its notes, watched', async () => {
    await page.getByRole('button', { name: /^Folders/ }).click();
    await page.getByRole('heading', { name: 'Connected folders', level: 1 }).waitFor();
    await page.getByRole('textbox', { name: 'Folder path' }).fill(vault);
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByText('3 notes in 3 files').waitFor();
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.getByRole('status').getByText(/^Connected .*: 3 notes/).waitFor();
    const card = page.getByRole('list', { name: 'Connected folders' }).getByRole('listitem');
    await card.getByLabel('State: Watching').waitFor();
    await screenshot(page, '60-folders-connected');
  });

  it('a file written on disk appears in the results on screen, without a reload', async () => {
    await page.getByRole('button', { name: 'Recall' }).click();
    await page.getByRole('combobox', { name: 'Search your memory' }).fill('"lighthouse"');
    const results = page.getByRole('listbox').getByRole('option');
    await expect.poll(() => results.count(), { timeout: 30_000 }).toBe(1);
    fs.writeFileSync(path.join(vault, 'Coast', 'Lighthouse log.md'), 'Log: the lighthouse lamp was cleaned on Tuesday.\n');
    await page.getByRole('option', { name: /Lighthouse log/ }).waitFor();
    expect(await results.count()).toBe(2);
    await screenshot(page, '63-folder-file-appears-in-results');
  });

  it('a note from a folder shows its file, and a sync conflict beside it', async () => {
    await page.getByRole('option', { name: /Lighthouse keeper/ }).click();
    await page.getByRole('group', { name: 'File' }).getByText('Coast/Lighthouse keeper.md').waitFor();
    fs.writeFileSync(path.join(vault, 'Coast', 'Lighthouse keeper.sync-conflict-20260102-101500-ABCDEF1.md'), 'The keeper winds the lamp at dawn.\n');
    await page.getByText('Syncthing kept a conflicting copy').waitFor();
    await screenshot(page, '61-folder-note-with-conflict');
    await page.getByRole('button', { name: 'Keep this note (delete the copy)' }).click();
    await page.getByText('Syncthing kept a conflicting copy').waitFor({ state: 'detached' });
  });

  it('editing the note writes its file; a change on disk meanwhile is shown as a conflict, never overwritten', async () => {
    const file = path.join(vault, 'Coast', 'Lighthouse keeper.md');
    await page.getByRole('toolbar', { name: 'Note actions' }).getByRole('button', { name: 'Edit' }).click();
    const text = page.getByRole('textbox', { name: 'Note text (markdown)' });
    await expect.poll(() => text.inputValue(), { timeout: 30_000 }).toContain('winds the lamp at dusk');
    await text.fill('The lighthouse keeper winds the lamp at dusk and logs the ships.\n');
    fs.writeFileSync(file, '---\ntags: [coast]\n---\nThe lighthouse keeper winds the lamp at nine.\n'); // another editor
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('The file changed on disk while you were editing').waitFor();
    await screenshot(page, '62-folder-edit-conflict');
    expect(fs.readFileSync(file, 'utf8')).toContain('at nine'); // nothing was written
    await page.getByRole('button', { name: 'Keep my version' }).click();
    await page.getByRole('heading', { name: 'Lighthouse keeper', level: 1 }).waitFor();
    expect(fs.readFileSync(file, 'utf8')).toBe('---\ntags: [coast]\n---\nThe lighthouse keeper winds the lamp at dusk and logs the ships.\n');
    // the open note shows the kept text (the results list may show it in its snippet too, once the file is read again)
    await page.getByRole('region', { name: 'Note' }).getByText('logs the ships').waitFor();
    expect(harness.problems).toEqual([]);
  });
});
