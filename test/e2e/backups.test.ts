// End-to-end: Settings → Backups in Chromium, bridged to the real core: back up now, the list, the automatic
// setting, and the restore confirmation (Escape and Cancel leave the memory alone). Screenshots go to test-artifacts/.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startHarness, type Harness } from './harness';

describe('Settings → Backups in Chromium, bridged to the real core', () => {
  let harness: Harness;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness({ autoEmbed: false });
    await harness.engram.addNote({ title: 'Garlic', body: 'Plant garlic in October, pointy end up.', tags: ['garden'] });
    await harness.engram.addNote({ title: 'Passport', body: 'The passport expires in May; renew it in March.' });
    page = await harness.newPage({ width: 1280, height: 900 });
  }, 180_000);

  afterAll(async () => {
    await harness?.close();
  });

  it('backs up now, lists the backup, and turns the automatic backup off and on', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    const card = page.locator('section#backups');
    await card.getByText('No backups yet.').waitFor();
    await card.getByRole('button', { name: 'Back up now' }).click();
    await card.getByRole('status').getByText('Backed up 2 notes.').waitFor({ timeout: 60_000 });
    const rows = card.getByRole('table', { name: 'Backups' }).locator('tbody tr');
    expect(await rows.count()).toBe(1);
    await expect.poll(() => rows.first().textContent()).toContain('Manual');
    const automatic = card.getByRole('checkbox', { name: /Back up automatically once a day/ });
    expect(await automatic.isChecked()).toBe(true);
    // The box follows the saved setting: it changes once main has stored it.
    await automatic.click();
    await expect.poll(() => automatic.isChecked()).toBe(false);
    expect((await harness.engram.listBackups()).automatic).toBe(false);
    await automatic.click();
    await expect.poll(() => automatic.isChecked()).toBe(true);
    expect((await harness.engram.listBackups()).automatic).toBe(true);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, '40-settings-backups');
  });

  it('asks before restoring, says what happens to the current memory, and Escape or Cancel change nothing', async () => {
    const card = page.locator('section#backups');
    await card.getByRole('button', { name: /^Restore the backup from / }).first().click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText('What you have now is first kept as a backup').waitFor();
    expect(await dialog.textContent()).toContain('(2 notes)');
    // The safe choice has the focus: Enter on an open dialog does not restore.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await screenshot(page, '41-settings-restore-confirm');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await card.getByRole('button', { name: /^Restore the backup from / }).first().click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('alertdialog').waitFor({ state: 'detached' });
    expect((await harness.engram.listNotes()).total).toBe(2);
    expect(harness.problems).toEqual([]);
  });
});
