// End-to-end: the built renderer in Chromium, window.api bridged to the real core. Screenshots go to test-artifacts/.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/main/security';
import { screenshot, startHarness, type Harness } from './harness';

const NOTES = [
  {
    title: 'Tomato care',
    body: 'Water the tomato plants every morning and stake them in June.\n\n- pinch side shoots\n- feed with **seaweed** weekly',
    tags: 'home/garden',
  },
  { title: 'Budget review', body: 'Quarterly budget review with the finance team on Thursday. Bring the spreadsheet.', tags: 'work, meetings' },
  { title: 'Apple pie', body: "Grandma's apple pie needs cinnamon, cold butter and a lattice crust. Bake at 190 °C for 50 minutes.", tags: 'recipes' },
  { title: 'Deploy checklist', body: 'Before each release: run the migrations, tag the build, and notify the on-call engineer.', tags: 'work' },
  { title: 'Running plan', body: 'Three easy runs a week, one long run on Sunday; increase distance by ten percent at most.', tags: 'health' },
];

async function addNoteViaUi(page: Page, note: { title: string; body: string; tags: string }): Promise<void> {
  await page.keyboard.press('Control+N');
  const form = page.getByRole('form', { name: 'New note' });
  await form.waitFor();
  await form.getByLabel('Title (optional)').fill(note.title);
  await form.getByLabel('Note text (markdown)').fill(note.body);
  await form.getByLabel('Tags, separated by commas').fill(note.tags);
  await form.getByLabel('Tags, separated by commas').press('Control+Enter');
  await page.getByRole('status').filter({ hasText: `Saved “${note.title}”` }).waitFor();
}

async function search(page: Page, query: string): Promise<void> {
  const box = page.getByRole('combobox', { name: 'Search your memory' });
  await box.fill(query);
  await page.waitForFunction((q) => {
    const summary = document.querySelector('.list-summary')?.textContent ?? '';
    const input = document.querySelector<HTMLInputElement>('input[type=search]');
    return input?.value === q && summary.startsWith('Results') && !document.querySelector('.search-box.loading');
  }, query);
}

async function resultTitles(page: Page): Promise<string[]> {
  return page.locator('.row .row-title').allTextContents();
}

describe('Engram in Chromium, bridged to the real core', () => {
  let harness: Harness;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness();
    page = await harness.newPage();
  }, 180_000);

  afterAll(async () => {
    await harness?.close();
  });

  it('loads under the strict CSP and shows the first-run message', async () => {
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toBe(CONTENT_SECURITY_POLICY);
    await expect(page.getByRole('heading', { name: 'Welcome to Engram' }).isVisible()).resolves.toBe(true);
    await expect(page.getByText('Search works offline, right now.').isVisible()).resolves.toBe(true);
    await page.waitForFunction(() => document.querySelector('.status-bar')?.textContent?.includes('Built-in model'));
    await screenshot(page, '01-first-run');
  });

  it('adds notes through the quick-add box', async () => {
    for (const note of NOTES) await addNoteViaUi(page, note);
    await page.waitForFunction((n) => document.querySelectorAll('.row').length === n, NOTES.length);
    expect(await resultTitles(page)).toEqual(NOTES.map((n) => n.title).reverse());
    await screenshot(page, '02-composer-after-adding');
    const status = await harness.engram.status();
    expect(status.notes).toBe(NOTES.length);
  });

  it('finds a note by a paraphrase (meaning mode)', async () => {
    await harness.waitForEmbeddings();
    await page.getByRole('radio', { name: 'Meaning' }).click();
    await search(page, 'how do I look after vegetables in my garden');
    expect((await resultTitles(page))[0]).toBe('Tomato care');
    await page.getByRole('radio', { name: 'Hybrid' }).click();
    await search(page, 'dessert with baked fruit');
    expect((await resultTitles(page))[0]).toBe('Apple pie');
    await expect(page.locator('.row').first().locator('.why-pill').first().textContent()).resolves.toContain('meaning');
    await screenshot(page, '03-results-paraphrase');
  });

  it('puts notes that are not close under a "Less related" divider, and says "No matches" when nothing is', async () => {
    await search(page, 'cinnamon');
    expect((await resultTitles(page))[0]).toBe('Apple pie');
    const classes = await page.locator('.row').evaluateAll((rows) => rows.map((r) => r.className));
    expect(classes[0]).not.toContain('less-related');
    expect(classes.filter((c) => c.includes('first-less-related'))).toHaveLength(1);
    expect(classes.findIndex((c) => c.includes('less-related'))).toBe(classes.findIndex((c) => c.includes('first-less-related')));
    await expect(page.locator('.list-summary').textContent()).resolves.toMatch(/^Results1 match · \d+ less related · \d+ ms$/);
    await expect(page.locator('.row.first-less-related').evaluate((row) => getComputedStyle(row, '::before').content)).resolves.toBe('"Less related"');
    await expect(page.locator('.row.first-less-related .why-pill').first().textContent()).resolves.toBe('loosely related');
    await screenshot(page, '03b-results-less-related');

    await search(page, 'xylophone quantum');
    await expect(page.locator('.list-summary').textContent()).resolves.toMatch(/^ResultsNo matches · \d+ less related/);
    await expect(page.getByRole('note').filter({ hasText: 'Nothing holds these words or comes close in meaning.' }).isVisible()).resolves.toBe(true);
    expect(await page.locator('.row.less-related').count()).toBe(await page.locator('.row').count());
    await screenshot(page, '03c-results-nothing-close');
  });

  it('finds a note by an exact phrase, with the match highlighted', async () => {
    await search(page, '"lattice crust"');
    expect(await resultTitles(page)).toEqual(['Apple pie']);
    await expect(page.locator('.row').first().locator('mark').first().textContent()).resolves.toMatch(/lattice/i);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Apple pie' }).waitFor();
    await screenshot(page, '04-note-view');
  });

  it('opens a result at the passage that matched, with every match highlighted and next / previous', async () => {
    const filler = Array.from({ length: 30 }, (_, i) => `Paragraph ${i + 1} is about the garden shed, its paint and its hinges.`).join('\n\n');
    const body = `${filler}\n\nThe plan runs for two full billing cycles before the switch.\n\nAfter that, billing moves to the new ledger.`;
    const { note } = await harness.engram.addNote({ title: 'Project Atlas', body });
    await search(page, 'billing cycles');
    await page.locator('.row', { hasText: 'Project Atlas' }).click();
    await page.getByRole('heading', { level: 1, name: 'Project Atlas' }).waitFor();
    const bar = page.getByRole('group', { name: 'Matches of your search in this note' });
    await expect(bar.textContent()).resolves.toMatch(/^Match 1 of 3/); // billing, cycles, billing
    await expect(page.evaluate(() => CSS.highlights.get('search-match')?.size)).resolves.toBe(3);
    // the matched passage is marked and scrolled into view: the note pane scrolled past 30 paragraphs
    const passage = page.locator('.markdown .matched-block', { hasText: 'two full billing cycles' });
    await expect(passage.count()).resolves.toBe(1);
    const visible = await passage.evaluate((el) => {
      const box = el.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight;
    });
    expect(visible).toBe(true);
    await screenshot(page, '04b-note-opened-at-match');
    await bar.getByRole('button', { name: 'Next match' }).click();
    await expect(bar.textContent()).resolves.toMatch(/^Match 2 of 3/);
    await page.keyboard.press('F3');
    await expect(bar.textContent()).resolves.toMatch(/^Match 3 of 3/);
    await page.keyboard.press('Shift+F3');
    await expect(bar.textContent()).resolves.toMatch(/^Match 2 of 3/);
    await harness.engram.forgetNote(note.id);
    await harness.engram.purgeNote(note.id); // the later tests count the notes and the forgotten ones
    await page.getByRole('combobox', { name: 'Search your memory' }).fill('');
  });

  it('shows snippets as plain text, the matched phrase whole and visible in the two lines', async () => {
    const body = [
      '## Milestones',
      '',
      'Kick-off in March with the whole team, then a long stretch of setup work that nobody enjoys but everyone needs.',
      '',
      '| Phase | When |',
      '| --- | --- |',
      '| **Pilot** | after two full billing cycles |',
      '',
      '> [!tip] Night guard',
      '> keep the **night guard** in the drawer',
    ].join('\n');
    const { note } = await harness.engram.addNote({ title: 'Rollout plan', body });
    await search(page, '"two full billing cycles"');
    const snippet = page.locator('.row', { hasText: 'Rollout plan' }).locator('.row-snippet');
    await expect(snippet.locator('mark').allTextContents()).resolves.toEqual(['two full billing cycles']);
    await expect(snippet.textContent()).resolves.not.toMatch(/##|\||\*\*|\[!tip\]/);
    const shown = await snippet.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const mark = el.querySelector('mark')!.getBoundingClientRect();
      return mark.top >= box.top && mark.bottom <= box.bottom + 1;
    });
    expect(shown).toBe(true);
    await page.locator('.row', { hasText: 'Rollout plan' }).click();
    await expect(page.locator('.markdown .matched-block').evaluateAll((blocks) => blocks.map((b) => b.tagName))).resolves.toEqual(['TR']);
    await screenshot(page, '03d-snippet-plain-text');
    await harness.engram.forgetNote(note.id);
    await harness.engram.purgeNote(note.id);
    await page.getByRole('combobox', { name: 'Search your memory' }).fill('');
  });

  it('filters by tag', async () => {
    await search(page, 'planning and meetings at work');
    const tagInput = page.getByLabel('Filter by tag');
    await tagInput.fill('work');
    await tagInput.press('Enter');
    await page.waitForFunction(() => [...document.querySelectorAll('.row')].length > 0 && [...document.querySelectorAll('.row')].every((r) => r.textContent?.includes('#work')));
    const titles = await resultTitles(page);
    expect(new Set(titles)).toEqual(new Set(['Budget review', 'Deploy checklist']));
    await screenshot(page, '05-tag-filter');
    await page.getByRole('button', { name: 'Remove tag filter work' }).click();
    await page.getByRole('combobox', { name: 'Search your memory' }).fill('');
  });

  it('forgets a note, lists it under Forgotten, and restores it', async () => {
    await search(page, 'running');
    await page.locator('.row', { hasText: 'Running plan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Running plan' }).waitFor();
    await page.getByRole('button', { name: 'Forget' }).click();
    await page.getByText('Forgot “Running plan”').waitFor();
    await page.waitForFunction(() => ![...document.querySelectorAll('.row-title')].some((r) => r.textContent === 'Running plan'));
    expect((await harness.engram.getNote((await harness.engram.listNotes({ includeForgotten: true })).notes.find((n) => n.title === 'Running plan')!.id)).deletedAt).not.toBeNull();

    await page.getByRole('button', { name: 'Forgotten' }).click();
    await page.locator('.row', { hasText: 'Running plan' }).click();
    await page.getByRole('button', { name: 'Restore' }).waitFor();
    await screenshot(page, '06-forgotten-view');
    await page.getByRole('button', { name: 'Restore' }).click();
    await page.getByText('Restored “Running plan”').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.row').length === 0);

    await page.getByRole('button', { name: 'Recall' }).click();
    await search(page, 'running');
    expect(await resultTitles(page)).toContain('Running plan');
  });

  it('undoes a forget from the toast', async () => {
    await page.locator('.row', { hasText: 'Running plan' }).click();
    await page.getByRole('button', { name: 'Forget' }).click();
    await page.getByRole('button', { name: 'Undo' }).last().click();
    await search(page, 'long run on Sunday');
    expect(await resultTitles(page)).toContain('Running plan');
  });

  it('works with the keyboard alone: capture, search, open, edit, forget', async () => {
    const kb = page.keyboard;
    await kb.press('Control+N');
    await kb.type('Passport renewal: book the appointment at the town hall before the summer trip.');
    await kb.press('Shift+Tab'); // to the title
    await kb.type('Passport');
    await kb.press('Tab');
    await kb.press('Tab'); // to the tags
    await kb.type('admin, travel');
    await kb.press('Control+Enter');
    await page.getByText('Saved “Passport”').waitFor();

    await kb.press('Control+F');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Search your memory');
    await kb.type('town hall appointment');
    await page.waitForFunction(() => document.querySelector('.row-title')?.textContent === 'Passport');
    await kb.press('ArrowDown');
    await kb.press('ArrowUp');
    await kb.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Passport' }).waitFor();
    // focus follows once the opened note has rendered (on a busy machine, a frame after its heading shows)
    await page.waitForFunction(() => document.activeElement?.classList.contains('note-view'), undefined, { timeout: 5000 });

    await kb.press('e');
    await page.getByRole('form', { name: 'Edit note' }).waitFor();
    await kb.press('Control+End');
    await kb.type(' Bring two photos.');
    await kb.press('Control+Enter');
    await page.getByText('Changes saved').waitFor();
    await page.getByText('Bring two photos.', { exact: false }).first().waitFor();
    await screenshot(page, '07-keyboard-edited');

    await page.getByRole('heading', { level: 1, name: 'Passport' }).click();
    await kb.press('Delete');
    await page.getByText('Forgot “Passport”').waitFor();
    await kb.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Search your memory');
    expect(harness.problems).toEqual([]);
  });

  it('keeps the draft when the composer is closed with Esc', async () => {
    await page.keyboard.press('Control+N');
    await page.keyboard.type('Half-written thought about sourdough');
    await page.keyboard.press('Escape');
    await page.getByRole('form', { name: 'New note' }).waitFor({ state: 'detached' });
    await page.keyboard.press('Control+N');
    expect(await page.getByRole('form', { name: 'New note' }).getByLabel('Note text (markdown)').inputValue()).toBe('Half-written thought about sourdough');
    await page.keyboard.press('Escape');
  });

  it('filters by date with words ("today") and shows the range applied', async () => {
    const old = new Date(Date.now() - 400 * 86_400_000).toISOString();
    await harness.engram.addNote({ title: 'Old diary', body: 'An old diary entry about the lighthouse trip.', createdAt: old });
    await search(page, 'lighthouse diary');
    expect(await resultTitles(page)).toContain('Old diary');
    const when = page.getByLabel('When');
    await when.fill('today');
    await page.waitForFunction(() => ![...document.querySelectorAll('.row-title')].some((r) => r.textContent === 'Old diary') && !document.querySelector('.search-box.loading'));
    await expect(page.locator('.range-text').textContent()).resolves.toMatch(/\d{4}/);
    await screenshot(page, '10-date-filter');
    await when.fill('');
    await page.waitForFunction(() => [...document.querySelectorAll('.row-title')].some((r) => r.textContent === 'Old diary'));
  });

  it('renders markdown without ever interpreting HTML or unsafe links', async () => {
    const body = [
      '# Hostile note',
      '<script>window.__pwned = 1</script>',
      '<img src="x" onerror="window.__pwned = 2">',
      '[click me](javascript:window.__pwned=3) and [docs](https://example.org/docs)',
      '',
      '```js',
      'const x = "<b>not bold</b>";',
      '```',
      '- [x] done item',
      '- plain **bold** item',
    ].join('\n');
    await harness.engram.addNote({ title: 'Hostile note', body, tags: ['security'] });
    await search(page, 'Hostile note');
    await page.locator('.row', { hasText: 'Hostile note' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Hostile note' }).waitFor();
    const md = page.locator('.markdown');
    expect(await md.locator('script, img, iframe, [onerror]').count()).toBe(0);
    await expect(md.textContent()).resolves.toContain('<script>window.__pwned = 1</script>');
    expect(await md.locator('a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('target')]))).toEqual([
      ['docs', 'https://example.org/docs', '_blank'],
    ]);
    expect(await md.locator('pre code').textContent()).toBe('const x = "<b>not bold</b>";');
    expect(await md.locator('li strong').textContent()).toBe('bold');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await screenshot(page, '09-markdown-hostile');
  });

  it('opens the note a [[wikilink]] names, and shows a link to no note as unresolved text', async () => {
    await harness.engram.addNote({ title: 'Lighthouse keeper', body: 'Keeps the lamp lit.' });
    await harness.engram.addNote({ title: 'Coastal walk', body: 'Passed the [[lighthouse keeper|keeper]] and [[Nobody here]].' });
    await search(page, 'Coastal walk');
    await page.locator('.row', { hasText: 'Coastal walk' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Coastal walk' }).waitFor();
    const md = page.locator('.markdown');
    await md.locator('button.wikilink', { hasText: 'keeper' }).waitFor();
    expect(await md.locator('.wikilink-unresolved').textContent()).toBe('Nobody here');
    await md.locator('button.wikilink', { hasText: 'keeper' }).click();
    await page.getByRole('heading', { level: 1, name: 'Lighthouse keeper' }).waitFor();
  });

  it('renders the dark theme when the OS asks for it', async () => {
    const dark = await harness.newPage({ colorScheme: 'dark' });
    await dark.getByRole('combobox', { name: 'Search your memory' }).fill('tomato');
    await dark.waitForFunction(() => document.querySelector('.row-title')?.textContent === 'Tomato care');
    await dark.locator('.row').first().click();
    await dark.getByRole('heading', { level: 1, name: 'Tomato care' }).waitFor();
    const bg = await dark.evaluate(() => getComputedStyle(document.querySelector('.main')!).backgroundColor);
    expect(bg).toBe('rgb(38, 38, 42)');
    await screenshot(dark, '08-dark-note-view');
    expect(harness.problems).toEqual([]);
  });

  it('fetches one page of hits per keystroke and the next as the list is scrolled to its end', async () => {
    for (let i = 0; i < 130; i++) await harness.engram.addNote({ title: `Zephyr log ${i}`, body: `Zephyr wind reading number ${i} from the balcony station.`, tags: ['weather'] });
    await page.getByRole('radio', { name: 'Words' }).click();
    await search(page, 'zephyr');
    const summary = page.locator('.list-summary');
    await page.waitForFunction(() => /^Results50\+ matches/.test(document.querySelector('.list-summary')?.textContent ?? ''));
    for (let scrolls = 0; scrolls < 20 && !/130 matches/.test((await summary.textContent()) ?? ''); scrolls++) {
      await page.locator('.vlist').evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await page.waitForTimeout(100);
    }
    expect(await summary.textContent()).toMatch(/^Results130 matches/);
    await page.waitForTimeout(200);
    // the page appended below; the view stays where the user scrolled to
    expect(await page.locator('.vlist').evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
    await screenshot(page, '11-results-scrolled-to-end');
    await page.getByRole('radio', { name: 'Hybrid' }).click();
    await page.getByRole('combobox', { name: 'Search your memory' }).fill('');
  });

  it('lists the most used tags first and the rest on request', async () => {
    for (let i = 0; i < 45; i++) await harness.engram.addNote({ title: `Tagged ${i}`, body: `A note filed under topic ${i}.`, tags: [`topic-${String(i).padStart(2, '0')}`] });
    const fresh = await harness.newPage();
    const tags = fresh.getByRole('region', { name: 'Tags' }).getByRole('listitem');
    await fresh.getByRole('button', { name: /^Show all \d+ tags$/ }).waitFor();
    expect(await tags.count()).toBe(40);
    await expect(tags.first().textContent()).resolves.toContain('weather'); // 130 notes: the most used
    await fresh.getByRole('button', { name: /^Show all \d+ tags$/ }).click();
    expect(await tags.count()).toBeGreaterThan(45);
    // all tags: a tree in path order, `home/garden` indented under `home`
    const garden = fresh.getByRole('button', { name: 'home/garden, 1 notes' });
    await expect(garden.getAttribute('data-depth')).resolves.toBe('1');
    await expect(garden.locator('.tag-name').textContent()).resolves.toBe('garden');
    const order = await tags.locator('.tag-link').evaluateAll((links) => links.map((l) => l.getAttribute('title')));
    expect(order.indexOf('home/garden')).toBe(order.indexOf('home') + 1);
    await garden.scrollIntoViewIfNeeded();
    await screenshot(fresh, '12a-sidebar-tag-tree');
    // the navigation stays in place while the long tag list scrolls
    const recallTop = await fresh.getByRole('button', { name: 'Recall' }).evaluate((b) => b.getBoundingClientRect().top);
    await fresh.locator('.tag-section').evaluate((section) => section.scrollTo(0, section.scrollHeight));
    await expect(fresh.getByRole('button', { name: 'Recall' }).evaluate((b) => b.getBoundingClientRect().top)).resolves.toBe(recallTop);
    await expect(fresh.locator('.tag-section').evaluate((section) => section.scrollTop)).resolves.toBeGreaterThan(0);
    await screenshot(fresh, '12-sidebar-all-tags');
    await fresh.close();
  });
});
