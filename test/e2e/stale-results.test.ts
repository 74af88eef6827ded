// Results answered while passages still waited for their embeddings catch up by themselves once the backlog is
// embedded: the "still being embedded" notice goes, meaning matches appear, and the selected note stays selected.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startHarness, type Harness } from './harness';

const NOTES = [
  'Water the tomato plants every morning and stake them in June.',
  'Feed the tomato plants with seaweed every week in summer.',
  'The courgettes need a deep watering twice a week when it is dry.',
  'Quarterly budget review with the finance team on Thursday.',
  'Three easy runs a week and one long run on Sunday.',
];

describe('results refresh when the embeddings behind them arrive', () => {
  let harness: Harness;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness({ autoEmbed: false }); // the test decides when the backlog is embedded
    for (const body of NOTES) await harness.engram.addNote({ body });
    await harness.engram.recall('load the model', { mode: 'vector' }); // autoEmbed off: the model is not warmed up at open
    page = await harness.newPage();
  }, 180_000);

  afterAll(async () => {
    await harness?.close();
  });

  it('re-answers the query on screen in place, keeping the selected note, without the person typing again', async () => {
    await page.getByRole('combobox', { name: 'Search your memory' }).fill('tomato plants in the vegetable garden');
    const waiting = page.getByRole('note').filter({ hasText: /still (being embedded|waiting for embeddings)/ });
    await waiting.waitFor();
    await page.locator('.row').nth(1).waitFor();
    await page.locator('.row').nth(1).click();
    const selected = await page.locator('.row[aria-selected="true"]').getAttribute('data-note-id');
    expect(await page.locator('.why-meaning').count()).toBe(0); // words only so far
    await screenshot(page, 'stale-results-before');

    await harness.engram.drainQueue(); // progress events reach the window as they would from the app's embedder

    await waiting.waitFor({ state: 'detached' });
    await page.locator('.why-meaning').first().waitFor();
    expect(await page.locator('.row[aria-selected="true"]').getAttribute('data-note-id')).toBe(selected);
    expect(await page.getByRole('combobox', { name: 'Search your memory' }).inputValue()).toBe('tomato plants in the vegetable garden');
    await screenshot(page, 'stale-results-after');
  }, 120_000);
});
