// End-to-end: Settings → Ollama (optional) with the built-in model active and no Ollama running (issue #20.6): a
// neutral "not detected", plain words for a closed port (never 'fetch failed'), no literal backticks, one line on
// each word of the embedding spaces table, and an invalid host explained under the field, not saved, no toast.
// Screenshots go to /tmp/settings-shots/.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOllamaServer, type FakeOllamaServer } from '../support/fake-ollama-server';
import { startHarness, type Harness } from './harness';

const SHOTS = '/tmp/settings-shots';

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });
}

/** A port nothing listens on: one the system just gave out and took back. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** What a person can read in the Ollama card. */
function cardText(page: Page): Promise<string> {
  return page.locator('section[aria-labelledby="doctor-heading"]').innerText();
}

describe('Settings → Ollama (optional) in Chromium, bridged to the real core', () => {
  let harness: Harness;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness();
    await harness.engram.addNote({ title: 'Garlic', body: 'Plant garlic in October, pointy end up.', tags: ['garden'] });
    await harness.waitForEmbeddings();
    page = await harness.newPage({ width: 1280, height: 900 });
  }, 180_000);

  afterAll(async () => {
    await harness?.close();
  });

  it('shows a missing Ollama as optional and not detected, in neutral colours and plain words', async () => {
    expect((await harness.engram.status()).activeSpace).toMatchObject({ provider: 'builtin' });
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Ollama (optional)', level: 2 }).waitFor();
    const summary = page.locator('.doctor-summary');
    await page.locator('.doctor-summary[data-state="not-detected"]').waitFor({ timeout: 20_000 });
    expect(await summary.innerText()).toMatch(/Ollama \(optional\):\s*not detected/);
    // Neutral: a grey dot, the ordinary text colour, no warning box.
    expect(await summary.locator('.dot').getAttribute('class')).toContain('dot-idle');
    expect(await page.locator('section[aria-labelledby="doctor-heading"] .dot-bad').count()).toBe(0);
    expect(await page.locator('section[aria-labelledby="doctor-heading"] .problem').count()).toBe(0);
    const colours = await summary.evaluate((el) => {
      const probe = document.createElement('span');
      probe.className = 'form-error';
      document.body.append(probe);
      const danger = getComputedStyle(probe).color;
      probe.remove();
      return { text: getComputedStyle(el).color, body: getComputedStyle(document.body).color, danger };
    });
    expect(colours.text).not.toBe(colours.danger);
    expect(colours.text).toBe(colours.body);
    const text = await cardText(page);
    expect(text).toContain('Nothing answers at http://127.0.0.1:11434 — Ollama is not running there (the default address)');
    expect(text).not.toContain('fetch failed');
    // The command once, as code, and no literal backticks anywhere on the page.
    expect(await page.locator('section[aria-labelledby="doctor-heading"] code', { hasText: 'ollama serve' }).count()).toBe(1);
    expect(await page.locator('body').innerText()).not.toContain('`');
    // One line on each word of the embedding spaces table.
    const meanings = await page.locator('dl.terms').innerText();
    for (const word of ['Embedding space', 'Dimensions', 'Coverage', 'Purge']) expect(meanings).toContain(word);
    await shot(page, '01-ollama-not-detected');
    await page.locator('dl.terms').scrollIntoViewIfNeeded();
    await shot(page, '02-spaces-terms');
  });

  it('explains an invalid host under the field, saves nothing and shows no toast', async () => {
    const field = page.getByLabel('Ollama host');
    await field.scrollIntoViewIfNeeded();
    await field.fill('ftp://example');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const error = page.locator('#ollama-host-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('Only addresses that start with http:// or https:// work');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect((await field.getAttribute('aria-describedby'))?.split(' ')).toContain('ollama-host-error');
    expect(await field.inputValue()).toBe('ftp://example');
    expect((await harness.engram.getSettings()).ollamaHost).toBeNull();
    expect(await page.locator('.toast').count()).toBe(0);
    await shot(page, '03-invalid-host');

    await field.fill('http://exa mple');
    expect(await error.count()).toBe(0); // typing clears the message
    expect(await field.getAttribute('aria-invalid')).toBeNull();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await error.waitFor();
    expect(await error.innerText()).toContain('That is not an address Engram can use');
    expect((await harness.engram.getSettings()).ollamaHost).toBeNull();
    expect(await page.locator('.toast').count()).toBe(0);
  });

  it('says in plain words that nothing answers at a closed port', async () => {
    const port = await closedPort();
    const host = `http://127.0.0.1:${port}`;
    await page.getByLabel('Ollama host').fill(host);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(async () => (await harness.engram.getSettings()).ollamaHost).toBe(host);
    await expect.poll(() => cardText(page), { timeout: 20_000 }).toContain(`Nothing answers at ${host} — Ollama is not running there (address set in Engram)`);
    expect(await page.locator('.doctor-summary[data-state="not-detected"]').count()).toBe(1);
    expect(await page.locator('#ollama-host-error').count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toMatch(/fetch failed|`/);
    await shot(page, '04-closed-port');

    // A port fetch refuses to use (X11's 6000) also reads in words, not 'fetch failed'.
    await page.getByLabel('Ollama host').fill('http://127.0.0.1:6000');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => cardText(page), { timeout: 20_000 }).toContain('Engram may not connect to port 6000');
    expect(await page.locator('body').innerText()).not.toContain('fetch failed');
    await shot(page, '05-blocked-port');
  });
});

describe('Settings → Ollama when the active model needs it and it stops', () => {
  let harness: Harness;
  let page: Page;
  let ollama: FakeOllamaServer;

  beforeAll(async () => {
    ollama = await startFakeOllamaServer();
    harness = await startHarness();
    await harness.engram.updateSettings({ ollamaHost: ollama.url });
    // An empty memory switches at once.
    expect((await harness.engram.chooseEmbedding({ provider: 'ollama', model: 'paraphrase-tiny' })).outcome).toBe('switched');
    page = await harness.newPage({ width: 1280, height: 900 });
  }, 180_000);

  afterAll(async () => {
    await harness?.close();
    await ollama?.close();
  });

  it('shows the failure as a failure, still in plain words and without backticks', async () => {
    await ollama.setDown(true);
    await page.getByRole('button', { name: 'Settings' }).click();
    const summary = page.locator('.doctor-summary[data-state="unreachable"]');
    await summary.waitFor({ timeout: 20_000 });
    // Not optional for this model: the heading drops the word.
    await page.getByRole('heading', { name: 'Ollama', exact: true, level: 2 }).waitFor();
    expect(await summary.locator('.dot').getAttribute('class')).toContain('dot-bad');
    const problem = page.locator('section[aria-labelledby="doctor-heading"] .problem');
    expect(await problem.count()).toBe(1);
    expect(await problem.innerText()).toContain(`Nothing answers at ${ollama.url} — Ollama is not running there (address set in Engram)`);
    // The command once, as code, not again after the words that already name it.
    expect(await problem.locator('code', { hasText: 'ollama serve' }).count()).toBe(1);
    await expect.poll(() => page.getByTestId('model-health').textContent(), { timeout: 20_000 }).toBe('Not reachable');
    const body = await page.locator('body').innerText();
    await shot(page, '06-ollama-needed-and-down');
    expect(body.split('\n').filter((line) => /fetch failed|`/.test(line))).toEqual([]);
    await shot(page, '06-ollama-needed-and-down');
  });
});
