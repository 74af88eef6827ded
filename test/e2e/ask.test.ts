// End to end: Ask in the built renderer (Chromium), window.api bridged to the real core, answering through the
// stand-in Ollama on 127.0.0.1. The answer streams in, its citations open the note at the cited passage, and the
// unavailable / stop / save / thread paths work from the window. Screenshots go to test-artifacts/.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOllamaServer, type FakeOllamaServer } from '../support/fake-ollama-server';
import { screenshot, startHarness, type Harness } from './harness';

const NOTES = [
  { title: 'Boiler decision', body: '# Boiler decision\n\nWe decided to replace the boiler in March. The plumber quoted 2,400 euros for a condensing boiler.\n\nInstallation is booked for the first week of April.', tags: ['home'] },
  { title: 'Boiler service', body: 'The boiler gets its yearly service every October; the plumber checks the pressure valve and bleeds the radiators.', tags: ['home'] },
  { title: 'Sourdough hydration', body: 'Sourdough hydration: 75% water works best for my starter. At 80% the dough gets too slack to shape.', tags: ['kitchen/bread'] },
  { title: 'Running plan', body: 'Three easy runs a week, one long run on Sunday; increase distance by ten percent at most.', tags: ['health'] },
];

async function askQuestion(page: Page, question: string): Promise<void> {
  const box = page.getByRole('textbox', { name: /Ask (your notes a question|a follow-up question)/ });
  await box.fill(question);
  await box.press('Enter');
}

async function waitForAnswer(page: Page, turns: number): Promise<void> {
  await page.waitForFunction((n) => document.querySelectorAll('.turn:not(.turn-running)').length === n && !document.querySelector('.turn-running'), turns);
}

describe('Ask in Chromium, bridged to the real core and the stand-in Ollama', () => {
  let harness: Harness;
  let server: FakeOllamaServer;
  let page: Page;

  beforeAll(async () => {
    server = await startFakeOllamaServer({ chatPieceDelayMs: 25 });
    harness = await startHarness();
    for (const note of NOTES) await harness.engram.addNote(note);
    await harness.engram.updateSettings({ ollamaHost: server.url });
    await harness.waitForEmbeddings();
    page = await harness.newPage();
  }, 240_000);

  afterAll(async () => {
    await harness?.close();
    await server?.close();
  });

  it('switches the box to Ask with Ctrl+J and shows what Ask does', async () => {
    await page.keyboard.press('Control+J');
    await page.getByRole('radio', { name: 'Ask', checked: true }).waitFor();
    await page.getByRole('heading', { name: 'Ask your notes' }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Search your memory' }).isVisible()).toBe(false);
    await screenshot(page, 'ask-01-empty');
  });

  it('streams an answer with citations that open the note at the cited passage', async () => {
    await askQuestion(page, 'What did I decide about the boiler in March?');
    // streaming: the answer is on screen while the model is still writing it
    await page.waitForFunction(() => (document.querySelector('.turn-running .answer-text')?.textContent ?? '').length > 5);
    const partial = await page.locator('.turn-running .answer-text').textContent();
    await screenshot(page, 'ask-02-streaming');
    await waitForAnswer(page, 1);
    const full = await page.locator('.turn .answer-text').first().textContent();
    expect(full!.length).toBeGreaterThan(partial!.length);
    expect(full).toContain('We decided to replace the boiler in March');
    const citation = page.locator('.turn .answer-text .citation').first();
    expect(await citation.getAttribute('aria-label')).toBe('Source 1: Boiler decision');
    await citation.click();
    await page.getByRole('heading', { name: 'Boiler decision', level: 1 }).waitFor();
    await page.getByRole('complementary', { name: 'Cited passage' }).waitFor();
    await page.waitForFunction(() => document.querySelector('.markdown .cited-block')?.textContent?.includes('We decided to replace the boiler in March'));
    await screenshot(page, 'ask-03-citation-opened');
    expect(harness.problems).toEqual([]);
  });

  it('shows a made-up citation as plain text and marks a sentence without a citation', async () => {
    server.setChatReply('The boiler was replaced in March [1]. It cost 2,400 euros [7]. The installer also serviced the radiators.');
    try {
      await askQuestion(page, 'How much did the new boiler cost?');
      await waitForAnswer(page, 2);
    } finally {
      server.setChatReply(null);
    }
    const last = page.locator('.turn').nth(1);
    expect(await last.locator('.citation-invalid').textContent()).toBe('[7]');
    expect(await last.locator('button.citation').count()).toBe(1);
    expect(await last.locator('.uncited:not(.legend-sample)').count()).toBe(2);
    expect(await last.locator('.answer-legend').textContent()).toContain('no note is cited for these sentences');
    expect(await last.locator('.ask-notices').textContent()).toContain('cited [7], which is not a passage it was given');
    await screenshot(page, 'ask-04-invented-citation');
  });

  it('stops an answer mid-stream and keeps what streamed', async () => {
    server.setChatTiming({ pieceDelayMs: 120 });
    try {
      await askQuestion(page, 'When is the boiler serviced?');
      await page.waitForFunction(() => (document.querySelector('.turn-running .answer-text')?.textContent ?? '').length > 3);
      await page.getByRole('button', { name: 'Stop' }).first().click();
      await waitForAnswer(page, 3);
    } finally {
      server.setChatTiming({ pieceDelayMs: 25 });
    }
    const stopped = page.locator('.turn').nth(2);
    expect(await stopped.locator('.turn-state').textContent()).toBe('Stopped.');
    const text = (await stopped.locator('.answer-text').textContent()) ?? '';
    expect(text.length).toBeGreaterThan(0);
    expect(text.length).toBeLessThan('Your notes say: The boiler gets its yearly service every October'.length);
  });

  it('saves an answer as a note', async () => {
    await page.locator('.turn').first().getByRole('button', { name: 'Save as note' }).click();
    await page.getByText('Saved as a note: “What did I decide about the boiler in March?”').waitFor();
    await page.locator('.turn').first().getByRole('button', { name: 'Saved as note' }).waitFor();
    const saved = await harness.engram.listNotes({ tags: ['ask'] });
    expect(saved.notes.map((n) => n.title)).toEqual(['What did I decide about the boiler in March?']);
  });

  it('says when the notes do not cover a question, and shows the closest notes', async () => {
    await page.getByRole('button', { name: 'New thread' }).click();
    await askQuestion(page, 'What is the capital of France?');
    await waitForAnswer(page, 1);
    await page.getByText("Your notes don't seem to cover this").waitFor();
    expect(await page.getByRole('list', { name: 'Closest notes' }).getByRole('listitem').count()).toBeGreaterThan(0);
  });

  it('explains what to do without a chat model, pulls one with progress, then answers', async () => {
    server.remove('llama3.2');
    await page.getByRole('button', { name: 'New thread' }).click();
    await askQuestion(page, 'What did I decide about the boiler?');
    const problem = page.getByRole('alert').filter({ hasText: 'Ask needs a chat model' });
    await problem.waitFor();
    expect(await problem.locator('code.command').textContent()).toBe('ollama pull llama3.2');
    expect(await problem.getByText('Search keeps working without a chat model.').isVisible()).toBe(true);
    await screenshot(page, 'ask-05-no-chat-model');
    await problem.getByRole('button', { name: 'Pull llama3.2' }).click();
    await waitForAnswer(page, 1); // pulled, then asked again
    expect(await page.locator('.turn .answer-text').first().textContent()).toContain('We decided to replace the boiler in March');
  });

  it('explains how to start Ollama when it is not running', async () => {
    await server.setDown(true);
    try {
      await askQuestion(page, 'When is the boiler serviced?');
      const problem = page.getByRole('alert').filter({ hasText: 'Ollama isn’t running' });
      await problem.waitFor();
      expect(await problem.locator('code.command').textContent()).toBe('ollama serve');
      await screenshot(page, 'ask-06-ollama-down');
    } finally {
      await server.setDown(false);
    }
  });

  it('lists threads and deletes one', async () => {
    await page.getByRole('button', { name: 'Threads' }).click();
    const list = page.getByRole('list', { name: 'Threads' });
    await list.waitFor();
    const before = await list.getByRole('listitem').count();
    expect(before).toBeGreaterThanOrEqual(3);
    await screenshot(page, 'ask-07-threads');
    await list.getByRole('button', { name: 'Delete thread: What is the capital of France?' }).click();
    await page.waitForFunction((n) => document.querySelectorAll('.thread-list li').length === n, before - 1);
    expect((await harness.engram.listAskThreads()).map((t) => t.title)).not.toContain('What is the capital of France?');
  });

  it('looks right in dark mode', async () => {
    const dark = await harness.newPage({ colorScheme: 'dark' });
    await dark.keyboard.press('Control+J');
    const threads = await harness.engram.listAskThreads();
    await dark.getByRole('button', { name: 'Threads' }).click();
    await dark.locator('.thread-popover').getByRole('button', { name: new RegExp(`^${threads.at(-1)!.title.replace(/[?]/g, '\\?')}`) }).click();
    await dark.locator('.turn').first().waitFor();
    await screenshot(dark, 'ask-08-dark');
    await dark.close();
    expect(harness.problems).toEqual([]);
  });
});
