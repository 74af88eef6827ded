// End-to-end: Settings (Ollama doctor against the stand-in server, agents), the re-embed wizard (built-in -> a
// stand-in Ollama model, switch, undo, purge), the import wizard (a generated markdown folder, preview, report), and
// an agent's note arriving live over the memory socket with its author shown. Screenshots go to test-artifacts/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMemorySocket } from '../../src/mcp/memory-socket-client';
import { MemorySocketServer } from '../../src/mcp/memory-socket-server';
import { startFakeOllamaServer, type FakeOllamaServer } from '../support/fake-ollama-server';
import { screenshot, startHarness, type Harness } from './harness';

const SEED_NOTES = [
  { title: 'Sourdough starter', body: 'Feed the sourdough starter twice a day with equal weights of flour and water.', tags: ['cooking'] },
  { title: 'Bike maintenance', body: 'Oil the bicycle chain every two weeks and check the brake pads before long rides.', tags: ['bike'] },
  { title: 'Chess openings', body: 'Practise the Italian game and the Queen’s gambit; review the endgames on Sunday.', tags: ['games'] },
];

describe('Settings, re-embed, import and agents in Chromium, bridged to the real core', () => {
  let harness: Harness;
  let page: Page;
  let ollama: FakeOllamaServer;
  let socket: MemorySocketServer | null = null;
  let vault: string;

  beforeAll(async () => {
    ollama = await startFakeOllamaServer();
    harness = await startHarness();
    for (const note of SEED_NOTES) await harness.engram.addNote(note);
    await harness.waitForEmbeddings();
    vault = fs.mkdtempSync(path.join(os.tmpdir(), 'engram-e2e-vault-'));
    const topics = ['garden planning', 'tax paperwork', 'guitar practice', 'travel packing list', 'reading notes', 'team retro', 'bread recipes'];
    topics.forEach((topic, i) => {
      const body = `---\ntitle: ${topic[0]!.toUpperCase()}${topic.slice(1)}\ntags: [imported, topic${i}]\n---\n\n# ${topic}\n\nSome thoughts about ${topic}, written on day ${i + 1}. #inline/tag\n\n- first point about ${topic}\n- second point\n`;
      fs.writeFileSync(path.join(vault, `${String(i + 1).padStart(2, '0')} ${topic}.md`), body);
    });
    fs.mkdirSync(path.join(vault, 'sub'));
    fs.writeFileSync(path.join(vault, 'sub', 'nested.md'), '# Nested note\n\nA note in a subfolder about sailing knots.\n');
    fs.writeFileSync(path.join(vault, 'empty.md'), '');
    fs.writeFileSync(path.join(vault, 'photo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    page = await harness.newPage({ width: 1280, height: 860 });
  }, 180_000);

  afterAll(async () => {
    await socket?.close();
    await harness?.close();
    await ollama?.close();
    if (vault) fs.rmSync(vault, { recursive: true, force: true });
  });

  it('opens the Ollama doctor from the first-run card and reports the stand-in server', async () => {
    await page.getByRole('button', { name: 'Check Ollama and choose a model' }).click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    // Nothing listens on the default host here, and the built-in model needs nothing: Ollama is just not detected.
    await page.getByRole('button', { name: 'Check again' }).waitFor();
    await page.waitForFunction(() => document.querySelector('.doctor-summary')?.textContent?.includes('not detected'));
    await page.locator('.doctor-detail').getByText('ollama serve').waitFor();
    await screenshot(page, '20-settings-ollama-unreachable');

    await page.getByLabel('Ollama host').fill(ollama.url);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const table = page.getByRole('table', { name: 'Installed embedding models' });
    await table.waitFor();
    const names = await table.locator('tbody th').allTextContents();
    expect(names.map((n) => n.replace(/unknown to Engram|in use/g, '').trim()).sort()).toEqual(['nomic-embed-text', 'paraphrase-tiny', 'qwen3-embedding']);
    const tinyRow = table.locator('tr', { hasText: 'paraphrase-tiny' });
    await expect(tinyRow.locator('td').first().textContent()).resolves.toBe('256');
    await expect(tinyRow.locator('td').nth(1).textContent()).resolves.toBe('128 tokens');
    expect(await page.getByText('Not embedding models (not offered): llama3.2:latest').isVisible()).toBe(true);
    expect((await harness.engram.getSettings()).ollamaHost).toBe(ollama.url);
    await expect(page.getByTestId('model-health').textContent()).resolves.toBe('Working');
    await screenshot(page, '21-settings-ollama-doctor');
  });

  it('re-embeds from the built-in model to a stand-in Ollama model through the wizard, then undoes the switch', async () => {
    await page.getByRole('button', { name: 'Use paraphrase-tiny' }).click();
    const dialog = page.getByRole('dialog', { name: 'Re-embed your notes' });
    await dialog.waitFor();
    const plan = dialog.getByRole('definition').filter({ hasText: /^\d+$/ });
    await plan.first().waitFor();
    await dialog.getByText(/passages will be embedded with paraphrase-tiny/).waitFor();
    await screenshot(page, '22-reembed-plan');
    // A slow stand-in keeps the build visible long enough to pause and resume it.
    ollama.setSlow(1500);
    await dialog.getByRole('button', { name: 'Start re-embed' }).click();
    const progress = dialog.getByRole('progressbar', { name: 'Re-embed progress' });
    await progress.waitFor();
    await dialog.getByText(/of 3 passages/).waitFor();
    await dialog.getByRole('button', { name: 'Pause' }).click();
    await dialog.getByText(/· paused/).waitFor();
    expect((await harness.engram.reembedStatus()).phase).toBe('paused');
    await screenshot(page, '23-reembed-paused');
    ollama.setSlow(0);
    await dialog.getByRole('button', { name: 'Resume' }).click();
    await dialog.getByText(/Switched to/).waitFor({ timeout: 60_000 });
    await dialog.getByRole('button', { name: 'Undo switch' }).waitFor();
    expect((await harness.engram.status()).activeSpace).toMatchObject({ provider: 'ollama', model: 'paraphrase-tiny', dimensions: 256 });
    await screenshot(page, '24-reembed-switched');

    await dialog.getByRole('button', { name: 'Undo switch' }).click();
    await page.waitForFunction(() => document.querySelector('.toasts')?.textContent?.includes('Switched back'));
    expect((await harness.engram.status()).activeSpace).toMatchObject({ provider: 'builtin' });
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });

    const spaces = page.getByRole('table', { name: 'Embedding spaces' });
    await spaces.locator('tr', { hasText: 'paraphrase-tiny' }).getByText('retired').waitFor();
    await page.getByRole('button', { name: 'Purge retired now' }).click();
    await page.getByText(/^Purged \d+ spaces?, reclaimed /).waitFor();
    await spaces.locator('tr', { hasText: 'paraphrase-tiny' }).getByText('purged').waitFor();
    await screenshot(page, '25-settings-spaces-purged');
  });

  it('imports a generated markdown folder through the wizard and shows the report', async () => {
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { name: 'Import notes' }).waitFor();
    await page.getByLabel('Source path').fill(vault);
    expect(await page.getByLabel('Format').inputValue()).toBe('auto');
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    const preview = page.getByRole('region', { name: 'Preview' });
    await preview.waitFor();
    await expect(preview.locator('[data-count="imported"]').textContent()).resolves.toBe('8');
    expect(await preview.getByRole('list', { name: 'Sample notes' }).getByRole('listitem').count()).toBe(5);
    await preview.getByText('Files that will be skipped (2)').waitFor();
    await preview.getByText(/empty/i).first().waitFor();
    await screenshot(page, '26-import-preview');

    await preview.getByRole('button', { name: 'Import 8 notes' }).click();
    const report = page.getByRole('region', { name: 'Import report' });
    await report.waitFor({ timeout: 60_000 });
    await expect(report.locator('[data-count="imported"]').textContent()).resolves.toBe('8');
    await expect(report.locator('[data-count="skipped"]').textContent()).resolves.toBe('2');
    await report.getByRole('button', { name: 'Save report…' }).click(); // no native dialog here: nothing is written
    await report.getByText('Report as JSON').click();
    const json = JSON.parse((await report.getByLabel('Report JSON').textContent()) ?? '{}') as { counts?: { imported?: number } };
    expect(json.counts?.imported).toBe(8);
    expect((await harness.engram.status()).notes).toBe(SEED_NOTES.length + 8);
    await screenshot(page, '27-import-report');
  });

  it('shows a note an agent writes over the memory socket live, with its author', async () => {
    socket = await MemorySocketServer.start({ dataDir: harness.dataDir, api: harness.engram });
    socket.on('notes-changed', (event) => harness.emit('notes:changed', event));
    await page.getByRole('button', { name: 'Recall' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.row').length > 0);

    const agent = await connectMemorySocket({ dataDir: harness.dataDir });
    expect(agent).not.toBeNull();
    const added = await agent!.addNote({ title: 'Meeting summary from Claude', body: 'The team agreed to ship the import wizard on Friday.', author: 'claude' });
    await agent!.close();
    expect(added.note.author).toBe('claude');

    const row = page.locator('.row', { hasText: 'Meeting summary from Claude' });
    await row.waitFor({ timeout: 10_000 });
    await expect(row.locator('.row-author').textContent()).resolves.toBe('claude');
    await row.click();
    await page.locator('.note-meta .author', { hasText: 'claude' }).waitFor();

    // Results of a search show the author too.
    await page.getByRole('combobox', { name: 'Search your memory' }).fill('import wizard friday');
    await page.locator('.row', { hasText: 'Meeting summary from Claude' }).locator('.row-author').waitFor();
    await screenshot(page, '28-agent-note-author');

    await page.getByRole('button', { name: 'Settings' }).click();
    const agents = page.getByRole('list', { name: 'Agents' });
    await agents.getByText('claude', { exact: true }).waitFor();
    await agents.getByRole('radiogroup', { name: 'Access for claude' }).getByRole('radio', { name: 'Read only' }).click();
    await page.waitForFunction(() => document.querySelector('[aria-label="Access for claude"] [aria-checked="true"]')?.textContent === 'Read only');
    expect((await harness.engram.listAgents()).agents.find((a) => a.name === 'claude')?.access).toBe('read-only');
    await page.getByRole('heading', { name: 'Agents' }).scrollIntoViewIfNeeded();
    await screenshot(page, '29-settings-agents');
  });

  it('says "a new agent wants access" when an unknown agent connects, and lets the person decide in one click', async () => {
    socket ??= await MemorySocketServer.start({ dataDir: harness.dataDir, api: harness.engram });
    socket.on('agents-changed', () => harness.emit('agents:changed', null));
    await page.getByRole('button', { name: 'Recall' }).click();
    const agent = await connectMemorySocket({ dataDir: harness.dataDir });
    expect(await agent!.agentAccess('cursor-vscode')).toBe('read-only'); // what engram mcp asks before each tool call
    await agent!.close();

    const banner = page.getByRole('alert').filter({ hasText: 'A new agent wants access' });
    await banner.waitFor({ timeout: 10_000 });
    await expect(banner.textContent()).resolves.toMatch(/cursor-vscode connected through engram mcp\. It can read your notes but not change them until you decide\./);
    await screenshot(page, '29b-new-agent-wants-access');
    await banner.getByRole('button', { name: 'Allow read & write' }).click();
    await banner.waitFor({ state: 'detached' });
    expect(await harness.engram.agentAccess('cursor-vscode')).toBe('read-write');

    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('list', { name: 'Agents' }).getByText('cursor-vscode', { exact: true }).waitFor();
    await page.getByRole('heading', { name: 'Agents' }).scrollIntoViewIfNeeded();
    await screenshot(page, '29c-settings-agents-default');
  });

  it('offers a re-embed when the Ollama model drifts, and the banner goes once the new vectors are in', async () => {
    await page.getByRole('button', { name: 'Use nomic-embed-text' }).click();
    const dialog = page.getByRole('dialog', { name: 'Re-embed your notes' });
    await dialog.getByRole('button', { name: 'Start re-embed' }).click();
    await dialog.getByText(/Switched to/).waitFor({ timeout: 60_000 });
    await dialog.getByRole('button', { name: 'Done' }).click();

    ollama.redigest('nomic-embed-text:latest'); // as if the model was pulled again in a new version
    const banner = page.getByRole('alert').filter({ hasText: 'nomic-embed-text changed' });
    await banner.waitFor({ timeout: 20_000 });
    await expect(page.getByTestId('model-health').textContent()).resolves.toMatch(/changed since your notes were embedded/);
    await screenshot(page, '30-drift-banner');

    await banner.getByRole('button', { name: 'Re-embed…' }).click();
    await dialog.getByText(/passages will be embedded with nomic-embed-text/).waitFor();
    await dialog.getByRole('button', { name: 'Start re-embed' }).click();
    await dialog.getByText(/Switched to/).waitFor({ timeout: 60_000 });
    await dialog.getByRole('button', { name: 'Done' }).click();
    expect((await harness.engram.status()).activeSpace?.digest?.replace(/^sha256:/, '')).toBe(ollama.digestOf('nomic-embed-text:latest')?.replace(/^sha256:/, ''));
    await banner.waitFor({ state: 'detached', timeout: 20_000 });
    expect(harness.problems).toEqual([]);
  });
});
