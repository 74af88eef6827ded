// End-to-end (issue 18): open a note and see what it connects to: the notes close to it in meaning, the notes it
// links to (unresolved ones as such) and the notes that link to it, each one click away; and the panel follows the
// memory when a missing link target appears. Chromium, bridged to the real core and the real built-in model.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startHarness, type Harness } from './harness';

describe('a note and its connections (issue 18)', () => {
  let harness: Harness;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness();
    await harness.engram.addNote({
      title: 'Tomato care',
      body: '# Tomato care\n\nWater the tomato plants deeply every morning and stake them in June. See [[Garden plan]] for the beds and [[Seed catalogue#Tomatoes]] for varieties.\n\n`[[Not a link]]` in code stays code.',
      tags: ['garden'],
    });
    await harness.engram.addNote({ title: 'Garden plan', body: 'Raised beds: tomatoes and basil in the sunny bed, courgettes by the fence.', tags: ['garden'] });
    await harness.engram.addNote({
      title: 'Feeding tomatoes',
      body: 'Feed the tomato plants with seaweed every week in summer; water them at the roots, never the leaves. Notes on watering are in [[Tomato care]].',
    });
    await harness.engram.addNote({ title: 'Quarterly budget', body: 'Quarterly budget review with the finance team on Thursday: travel costs are over plan.' });
    await harness.waitForEmbeddings();
    page = await harness.newPage({ width: 1500, height: 900 });
  }, 180_000);

  afterAll(async () => {
    await harness?.close();
  });

  async function openFromList(title: string, on: Page = page): Promise<void> {
    await on.locator('.row').filter({ has: on.locator('.row-title', { hasText: new RegExp(`^${title}$`) }) }).click();
    await on.locator('#note-title', { hasText: title }).waitFor();
  }

  it('shows related notes, links and backlinks, and opens each', async () => {
    await openFromList('Tomato care');
    const panel = page.getByRole('complementary', { name: 'Connections' });
    const related = panel.getByRole('region', { name: /^Related/ });
    await related.getByRole('button', { name: /Feeding tomatoes/ }).waitFor();
    expect(await related.locator('.connection-title').allTextContents()).not.toContain('Tomato care'); // never itself

    const links = panel.getByRole('region', { name: /^Links/ });
    await links.getByRole('button', { name: 'Garden plan' }).waitFor();
    await expect.poll(() => links.locator('.connection-unresolved').allTextContents()).toEqual(['Seed catalogue › Tomatoesnot found']);
    expect(await links.getByText('Not a link').count()).toBe(0);

    const backlinks = panel.getByRole('region', { name: /^Backlinks/ });
    const from = backlinks.getByRole('button', { name: /Feeding tomatoes/ });
    await from.waitFor();
    expect(await from.textContent()).toContain('Notes on watering are in');
    await screenshot(page, '18-connections-wide');

    await from.click();
    await page.locator('#note-title', { hasText: 'Feeding tomatoes' }).waitFor();
    await panel.getByRole('region', { name: /^Links/ }).getByRole('button', { name: 'Tomato care' }).waitFor();
    await panel.getByRole('region', { name: /^Related/ }).getByRole('button', { name: /^Tomato care/ }).click();
    await page.locator('#note-title', { hasText: 'Tomato care' }).waitFor();
  }, 120_000);

  it('resolves a link once its note appears, without reopening the note', async () => {
    await openFromList('Tomato care');
    const links = page.getByRole('complementary', { name: 'Connections' }).getByRole('region', { name: /^Links/ });
    await links.locator('.connection-unresolved').first().waitFor();
    const added = await harness.engram.addNote({ title: 'Seed catalogue', body: '## Tomatoes\n\nSan Marzano and Gardener’s Delight.' });
    harness.emit('notes:changed', { method: 'add_note', noteId: added.note.id }); // as an agent's write reaches the window
    await links.getByRole('button', { name: 'Seed catalogue › Tomatoes' }).waitFor({ timeout: 15_000 });
    expect(await links.locator('.connection-unresolved').count()).toBe(0);
  }, 60_000);

  it('sits below the note in a narrow window, keyboard reachable', async () => {
    const narrow = await harness.newPage({ width: 1100, height: 800 });
    await openFromList('Garden plan', narrow);
    const backlink = narrow.getByRole('complementary', { name: 'Connections' }).getByRole('region', { name: /^Backlinks/ }).getByRole('button', { name: /Tomato care/ });
    await backlink.waitFor();
    await backlink.focus();
    await narrow.keyboard.press('Enter');
    await narrow.locator('#note-title', { hasText: 'Tomato care' }).waitFor();
    await narrow.getByRole('complementary', { name: 'Connections' }).scrollIntoViewIfNeeded();
    await screenshot(narrow, '18-connections-narrow');
    await narrow.close();
  }, 60_000);

  it('follows a backlog embedding elsewhere every few seconds, not at every status poll', async () => {
    await openFromList('Tomato care');
    await page.getByRole('complementary', { name: 'Connections' }).getByRole('region', { name: /^Related/ }).getByRole('button', { name: /Feeding tomatoes/ }).waitFor();
    // count the panel's related-notes reads from here on
    await page.evaluate(() => {
      const notes = window.api.notes;
      const read = notes.related.bind(notes);
      (window as unknown as { relatedReads: number }).relatedReads = 0;
      notes.related = (request) => {
        (window as unknown as { relatedReads: number }).relatedReads++;
        return read(request);
      };
    });
    // a backlog of other notes: passages are embedded, and the status moves, every couple of seconds throughout
    for (let at = 0; at < 1_500; at += 100) {
      await Promise.all(Array.from({ length: 100 }, (_, k) => harness.engram.addNote({ title: `Backlog ${at + k}`, body: `Passage ${at + k} about the quarterly figures and the travel plan.` })));
    }
    const waitingAtStart = (await harness.engram.status()).embeddings.pending;
    await page.waitForTimeout(500); // the burst of added notes settles into one read
    const before = await page.evaluate(() => (window as unknown as { relatedReads: number }).relatedReads);
    await page.waitForTimeout(11_000);
    const reads = (await page.evaluate(() => (window as unknown as { relatedReads: number }).relatedReads)) - before;
    const waitingAtEnd = (await harness.engram.status()).embeddings.pending;
    expect(waitingAtEnd).toBeGreaterThan(0); // the backlog ran the whole time (else this test proves nothing)
    expect(waitingAtEnd).toBeLessThan(waitingAtStart); // and moved
    expect(reads).toBeGreaterThanOrEqual(1); // the panel still follows it
    expect(reads).toBeLessThanOrEqual(3); // every ~5 s over 11 s, where every status poll (~2 s) would be 5 or more
  }, 180_000);
});
