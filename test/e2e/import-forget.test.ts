// End-to-end: the import wizard asks before forgetting more than a small share of a source's notes (issue 13, point
// 2), and refuses for an emptied folder. Chromium, bridged to the real core; screenshots go to test-artifacts/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startHarness, type Harness } from './harness';

describe('the import wizard and notes whose files are gone', () => {
  let harness: Harness;
  let page: Page;
  let vault: string;

  beforeAll(async () => {
    harness = await startHarness();
    vault = fs.mkdtempSync(path.join(os.tmpdir(), 'engram-e2e-forget-'));
    for (let i = 0; i < 10; i++) fs.writeFileSync(path.join(vault, `note ${i}.md`), `# Field note ${i}\n\nObservation number ${i} from the marsh.\n`);
    page = await harness.newPage({ width: 1280, height: 900 });
  }, 180_000);

  afterAll(async () => {
    await harness?.close();
    if (vault) fs.rmSync(vault, { recursive: true, force: true });
  });

  async function preview(): Promise<ReturnType<Page['getByRole']>> {
    await page.getByLabel('Source path').fill(vault);
    await page.getByRole('button', { name: /^Preview/ }).click();
    const panel = page.getByRole('region', { name: 'Preview' });
    await panel.waitFor();
    return panel;
  }

  it('asks before forgetting 8 of 10 notes; "Keep them" keeps them, confirming forgets them (restorably)', async () => {
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { name: 'Import notes' }).waitFor();
    let panel = await preview();
    await panel.getByRole('button', { name: 'Import 10 notes' }).click();
    await page.getByRole('region', { name: 'Import report' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Import more' }).click();

    for (let i = 0; i < 8; i++) fs.rmSync(path.join(vault, `note ${i}.md`));
    panel = await preview();
    await panel.getByText('8 notes came from files that are gone').waitFor();
    await panel.getByRole('checkbox', { name: /Forget them as part of this import/ }).check();
    await panel.getByRole('button', { name: 'Forget the missing notes' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Forget 8 notes?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('8 notes of the 10 from');
    // the safe choice has the focus: Enter or Escape keeps the notes
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Keep them');
    await screenshot(page, '40-import-forget-confirm');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect((await harness.engram.listNotes({ limit: 50 })).notes).toHaveLength(10);

    await panel.getByRole('button', { name: 'Forget the missing notes' }).click();
    await dialog.getByRole('button', { name: 'Forget 8 notes and import' }).click();
    const report = page.getByRole('region', { name: 'Import report' });
    await report.waitFor({ timeout: 60_000 });
    await report.getByText('No longer in the source (8)').waitFor();
    expect((await harness.engram.listNotes({ limit: 50 })).notes).toHaveLength(2);
    expect((await harness.engram.listNotes({ limit: 50, includeForgotten: true })).notes.filter((n) => n.deletedAt !== null)).toHaveLength(8);
    await screenshot(page, '41-import-forget-report');
    await page.getByRole('button', { name: 'Import more' }).click();
  });

  it('does not offer to forget anything when the folder is empty (an unmounted drive looks like that)', async () => {
    for (const name of fs.readdirSync(vault)) fs.rmSync(path.join(vault, name));
    const panel = await preview();
    await panel.getByText('2 notes came from files that are gone').waitFor();
    await panel.getByText(/is empty, but 2 notes came from it, so none of them is forgotten/).waitFor();
    expect(await panel.getByRole('checkbox').count()).toBe(0);
    await screenshot(page, '42-import-forget-refused');
  });
});
