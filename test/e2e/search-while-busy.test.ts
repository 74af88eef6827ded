// While the model is slow to answer (busy, loading, or a slow Ollama), a search shows its keyword matches at once,
// never "0 matches" while it runs, and merges the meaning matches in without moving the note the person is on.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOllamaServer, type FakeOllamaServer } from '../support/fake-ollama-server';
import { screenshot, startHarness, type Harness } from './harness';

const NOTES = [
  'Water the tomato plants every morning and stake them in June.',
  'Feed the tomato plants with seaweed every week in summer.',
  'Tomato blight: remove the lower leaves and keep the foliage dry.',
  'The courgettes need a deep watering twice a week when it is dry.',
  'Quarterly budget review with the finance team on Thursday.',
];

describe('search while the model is slow', () => {
  let harness: Harness;
  let ollama: FakeOllamaServer;
  let page: Page;

  beforeAll(async () => {
    ollama = await startFakeOllamaServer();
    harness = await startHarness();
    await harness.engram.updateSettings({ ollamaHost: ollama.url });
    // the stand-in's model is the active space: its latency is the test's to set (it is not Ollama, see its header)
    expect((await harness.engram.chooseEmbedding({ provider: 'ollama', model: 'paraphrase-tiny' })).outcome).toBe('switched');
    for (const body of NOTES) await harness.engram.addNote({ body });
    await harness.waitForEmbeddings();
    page = await harness.newPage();
  }, 180_000);

  afterAll(async () => {
    await harness?.close();
    await ollama?.close();
  });

  it('shows words-only matches first, then merges meaning in, keeping the selected note and never saying 0 matches', async () => {
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __summaries: string[] }).__summaries = seen;
      new MutationObserver(() => {
        const text = document.querySelector('.list-summary')?.textContent ?? '';
        if (seen.at(-1) !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    ollama.setSlow(3000); // every query embedding now takes 3 s
    await page.getByRole('combobox', { name: 'Search your memory' }).fill('tomato plants');
    const summary = page.locator('.list-summary');
    await summary.filter({ hasText: 'by words · adding meaning…' }).waitFor();
    expect(await page.locator('.row').count()).toBe(3); // the three notes that say "tomato"
    await screenshot(page, 'search-busy-words-first');
    await page.getByRole('combobox', { name: 'Search your memory' }).press('ArrowDown');
    const chosen = await page.locator('.row[aria-selected="true"]').getAttribute('data-note-id');

    await summary.filter({ hasText: /(\d+ match(es)?|No matches)( · \d+ less related)? · \d+ ms/ }).waitFor({ timeout: 30_000 });
    ollama.setSlow(0);
    expect(await page.locator('.row[aria-selected="true"]').getAttribute('data-note-id')).toBe(chosen);
    expect(await page.locator('.why-meaning').count()).toBeGreaterThan(0);
    const summaries = await page.evaluate(() => (window as unknown as { __summaries: string[] }).__summaries);
    expect(summaries.filter((s) => /^Results0 matches/.test(s))).toEqual([]);
    await screenshot(page, 'search-busy-merged');
  }, 120_000);
});
