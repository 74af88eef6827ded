// Accessibility (issue 20, point 8): axe-core's WCAG 2 A/AA rules (text contrast, names, roles) pass in every main
// view, light and dark; the search mode switch is one radio group (one Tab stop, arrow keys), and Import and Settings
// have shortcuts. axe runs inside the page through the DevTools protocol, so the app's CSP stays as shipped.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startHarness, type Harness } from './harness';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** One axe violation, as much as a failure message needs. */
interface Violation {
  readonly id: string;
  readonly help: string;
  readonly nodes: readonly { target: string; summary: string }[];
}

/** Runs axe's WCAG 2 A and AA rules on the page as it is; returns the violations. */
async function axeViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: (n.failureSummary ?? '').split('\n').slice(0, 3).join(' ') })) }));
  });
}

async function search(page: Page, query: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Search your memory' }).fill(query);
  await page.waitForFunction((q) => (document.querySelector('.list-summary')?.textContent ?? '').includes('match') && document.querySelector<HTMLInputElement>('input[type=search]')?.value === q, query);
}

describe('accessibility of the window (axe-core, WCAG 2 AA)', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
    await harness.engram.addNote({ title: 'Tomato care', body: 'Water the tomato plants every morning and stake them in June.', tags: ['home/garden'] });
    await harness.engram.addNote({ title: 'Budget review', body: 'Quarterly budget review with the finance team on Thursday.', tags: ['work', 'work/meetings'] });
    await harness.engram.addNote({ title: 'Apple pie', body: "Grandma's apple pie needs cinnamon and a lattice crust.", tags: ['recipes'] });
    await harness.waitForEmbeddings();
  }, 180_000);

  afterAll(async () => {
    await harness?.close();
  });

  it('makes the search mode switch one Tab stop that arrow keys move, and opens Import and Settings by shortcut', async () => {
    const page = await harness.newPage();
    const modes = page.getByRole('radiogroup', { name: 'Search mode' });
    await modes.getByRole('radio', { name: 'Hybrid' }).focus();
    expect(await modes.getByRole('radio').evaluateAll((radios) => radios.map((r) => (r as HTMLElement).tabIndex))).toEqual([0, -1, -1]);
    await page.keyboard.press('ArrowRight');
    await expect(modes.getByRole('radio', { name: 'Meaning' }).getAttribute('aria-checked')).resolves.toBe('true');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Meaning');
    await page.keyboard.press('End');
    await expect(modes.getByRole('radio', { name: 'Words' }).getAttribute('aria-checked')).resolves.toBe('true');
    await page.keyboard.press('ArrowRight'); // wraps round
    await expect(modes.getByRole('radio', { name: 'Hybrid' }).getAttribute('aria-checked')).resolves.toBe('true');
    await page.keyboard.press('Tab'); // from the checked choice out of the group: one stop, not three
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).not.toBe('radio');
    await page.keyboard.press('Control+O');
    await page.getByRole('heading', { name: 'Import notes' }).waitFor();
    await page.keyboard.press('Control+Comma');
    await page.getByRole('heading', { name: 'Settings' }).first().waitFor();
    await page.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`passes in the main views (${colorScheme})`, async () => {
      const page = await harness.newPage({ colorScheme });
      const seen: Record<string, Violation[]> = {};
      await page.locator('.row').first().waitFor();
      seen['recent'] = await axeViolations(page);
      await search(page, 'tomato');
      await page.locator('.row').first().click();
      await page.getByRole('heading', { level: 1, name: 'Tomato care' }).waitFor();
      await page.getByRole('complementary', { name: 'Connections' }).locator('.connection').first().waitFor(); // the note's connections, loaded
      seen['results and note'] = await axeViolations(page);
      await screenshot(page, `a11y-results-${colorScheme}`);
      await search(page, 'cinnamon');
      seen['results with less related'] = await axeViolations(page);
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByRole('heading', { name: 'Settings' }).first().waitFor();
      seen['settings'] = await axeViolations(page);
      await screenshot(page, `a11y-settings-${colorScheme}`);
      await page.getByRole('button', { name: 'Import' }).click();
      await page.getByRole('heading', { name: 'Import notes' }).waitFor();
      seen['import'] = await axeViolations(page);
      await page.getByRole('button', { name: 'Forgotten' }).click();
      seen['forgotten'] = await axeViolations(page);
      await page.keyboard.press('Control+N');
      await page.getByRole('form', { name: 'New note' }).waitFor();
      seen['composer'] = await axeViolations(page);
      await page.close();
      const failures = Object.entries(seen).flatMap(([view, violations]) => violations.map((v) => `${view}: ${v.id} (${v.help}): ${v.nodes.map((n) => `${n.target} — ${n.summary}`).join(' | ')}`));
      expect(failures).toEqual([]);
    });
  }
});
