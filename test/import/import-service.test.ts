import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engram } from '../../src/core/engine/engram';
import { BuiltinProvider } from '../../src/core/embedding/builtin/builtin-provider';
import type { ImportProgress } from '../../src/core/import/import-models';
import { ImportService } from '../../src/core/import/import-service';
import { measureThroughput } from '../../src/core/import/throughput-probe';
import { openTempEngram, tempDir } from '../support/temp-engram';
import { makeVault } from './support/vault';

describe('importing an Obsidian vault', () => {
  let engram: Engram;
  let closeEngram: () => Promise<void>;
  let service: ImportService;
  let vault: string;
  const files = tempDir('engram-vault-');
  beforeAll(async () => {
    ({ engram, cleanup: closeEngram } = await openTempEngram());
    service = new ImportService({ db: engram.database, onQueued: () => undefined });
    vault = makeVault(files.dir);
  });
  afterAll(async () => {
    await closeEngram();
    files.cleanup();
  });

  it('previews without writing: counts by kind, five notes as stored, skipped files and why, an embedding estimate', async () => {
    const preview = await service.preview({ path: vault }, { chunksPerSecond: 2 });
    expect(preview.source).toEqual({ path: vault, format: 'obsidian' });
    expect(preview.counts).toMatchObject({ files: 6, byKind: { obsidian: 4 }, imported: 4, updated: 0, unchanged: 0, attachments: 1 });
    expect(preview.samples.map((s) => s.title)).toEqual(['2024-03-01', 'Garden plan', 'Books', 'Pesto']);
    expect(preview.samples[1]).toMatchObject({ tags: ['garden', 'garden/irrigation', 'projects/home'], links: ['beds.png'], truncated: false });
    const why = Object.fromEntries(preview.skipped.map((s) => [path.relative(vault, s.path), s.reason]));
    expect(why).toEqual({ '.obsidian': 'hidden folder', '.trash': 'hidden folder', 'beds.png': 'attachment (not imported)', 'Recipes/Empty front matter only.md': 'no text to import' });
    expect(preview.estimate.chunks).toBeGreaterThanOrEqual(4);
    expect(preview.estimate).toMatchObject({ chunksPerSecond: 2, seconds: Math.ceil(preview.estimate.chunks / 2) });
    expect((await engram.status()).notes).toBe(0);
  });

  it('estimates from a measured throughput of the real built-in model', async () => {
    const provider = new BuiltinProvider();
    try {
      const probing = new ImportService({ db: engram.database, onQueued: () => undefined, measureThroughput: (texts) => measureThroughput(provider, texts) });
      const { estimate } = await probing.preview({ path: vault });
      expect(estimate.chunksPerSecond).toBeGreaterThan(0);
      expect(estimate.seconds).toBe(Math.ceil(estimate.chunks / estimate.chunksPerSecond!));
    } finally {
      await provider.close();
    }
  });

  it('imports: keyword-searchable at once, embedded after the queue drains, with progress and a JSON report', async () => {
    const events: ImportProgress[] = [];
    const report = await service.run({ path: vault }, { onProgress: (p) => events.push(p) });
    expect(report).toMatchObject({ version: 1, state: 'completed', resumed: false, counts: { files: 6, imported: 4, updated: 0, unchanged: 0, failed: 0, attachments: 1, missing: 0 } });
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(events[0]!.phase).toBe('scanning');
    expect(events.at(-1)).toMatchObject({ phase: 'done', value: 1, filesParsed: 6, notesStored: 4 });
    expect(events.map((e) => e.filesParsed)).toEqual([...events.map((e) => e.filesParsed)].sort((a, b) => a - b));
    expect(report.embeddingsPending).toBeGreaterThan(0);

    const hit = await engram.recall('drip line timer', { mode: 'keyword' });
    expect(hit.results[0]).toMatchObject({ title: 'Garden plan', tags: ['garden', 'garden/irrigation', 'projects/home'], source: { kind: 'obsidian', path: path.join(vault, 'Garden plan.md') } });
    const alias = await engram.recall('veg patch', { mode: 'keyword' });
    expect(alias.results[0]?.title).toBe('Garden plan');
    const daily = (await engram.listNotes({ tags: ['daily'] })).notes[0]!;
    expect(daily.createdAt).toBe('2024-03-01T00:00:00.000Z');
    expect(daily.body).toContain('[[Garden plan]]');
    await engram.drainQueue();
    expect((await engram.status()).embeddings.pending).toBe(0);
    expect((await engram.recall('herbs for a green sauce', { mode: 'vector' })).results.length).toBeGreaterThan(0);
  });

  it('re-imports idempotently: unchanged left alone, edits update in place, new files added, vanished files reported, forgotten (restorably) only when asked', async () => {
    const again = await service.run({ path: vault });
    expect(again.counts).toMatchObject({ imported: 0, updated: 0, unchanged: 4, missing: 0 });
    expect(again.unchanged[0]!.reason).toBe('already imported, identical');

    const pesto = path.join(vault, 'Recipes/Pesto.md');
    const before = (await engram.listNotes({ sourceKind: 'obsidian', limit: 50 })).notes.find((n) => n.source.path === pesto)!;
    fs.appendFileSync(pesto, '\nAdd lemon zest. #recipes/sauce\n');
    fs.rmSync(path.join(vault, 'Reading/Books.md'));
    fs.writeFileSync(path.join(vault, 'New idea.md'), 'Compost bin next to the shed.');
    const changed = await service.run({ path: vault });
    expect(changed.counts).toMatchObject({ imported: 1, updated: 1, unchanged: 2, missing: 1, forgotten: 0 });
    expect(changed.updated).toEqual([{ path: pesto, title: 'Pesto', noteId: before.id, reason: 'text changed' }]);
    expect(changed.missing).toEqual([{ path: path.join(vault, 'Reading/Books.md'), title: 'Books', noteId: expect.any(Number), forgotten: false }]);
    const updated = await engram.getNote(before.id);
    expect(updated.body).toContain('lemon zest');
    expect(updated.tags).toContain('recipes/sauce');
    expect((await engram.status()).notes).toBe(5);

    const pruned = await service.run({ path: vault, deleteMissing: true });
    expect(pruned.counts).toMatchObject({ imported: 0, updated: 0, unchanged: 4, missing: 1, forgotten: 1 });
    expect(pruned.forgetHeld).toBeNull();
    // forgotten, not deleted: still there and restorable, and no longer missing (the person's forgotten notes are theirs)
    expect((await engram.getNote(changed.missing[0]!.noteId)).deletedAt).not.toBeNull();
    expect((await engram.listNotes({ sourceKind: 'obsidian', limit: 50 })).notes).toHaveLength(4);
    const last = await service.run({ path: vault });
    expect(last.counts.missing).toBe(0);
    await engram.restoreNote(changed.missing[0]!.noteId);
  });
});

describe('stopping and resuming', () => {
  it('a cancel while the files are still being listed answers with a readable CANCELLED and leaves nothing behind', async () => {
    const { engram, cleanup } = await openTempEngram();
    const files = tempDir('engram-scan-cancel-');
    try {
      for (let i = 0; i < 5; i++) fs.writeFileSync(path.join(files.dir, `n${i}.md`), `# N${i}\n\nbody ${i}`);
      const service = new ImportService({ db: engram.database, onQueued: () => undefined });
      const controller = new AbortController();
      const run = service.run({ path: files.dir }, { signal: controller.signal, onProgress: (p) => p.phase === 'scanning' && controller.abort() });
      await expect(run).rejects.toMatchObject({ code: 'CANCELLED', message: expect.stringContaining('nothing was imported') });
      expect(await service.unfinished()).toEqual([]);
      expect((await engram.status()).notes).toBe(0);
    } finally {
      await cleanup();
      files.cleanup();
    }
  });

  it('a cancelled import resumes where it stopped, without duplicates', async () => {
    const { engram, cleanup } = await openTempEngram();
    const files = tempDir('engram-resume-');
    try {
      for (let i = 0; i < 30; i++) fs.writeFileSync(path.join(files.dir, `note-${String(i).padStart(2, '0')}.md`), `# Note ${i}\n\nBody number ${i} about topic ${i % 7}.`);
      const service = new ImportService({ db: engram.database, onQueued: () => undefined, batchSize: 5 });
      const controller = new AbortController();
      const first = await service.run({ path: files.dir }, { signal: controller.signal, onProgress: (p) => p.filesParsed >= 10 && controller.abort() });
      expect(first.state).toBe('cancelled');
      expect(first.counts.imported).toBe(10);
      expect(first.missing).toEqual([]);
      expect(await service.unfinished()).toEqual([expect.objectContaining({ jobId: first.jobId, state: 'cancelled', filesDone: 10, path: files.dir })]);
      expect((await engram.status()).notes).toBe(10);

      const second = await service.run({ path: files.dir });
      expect(second).toMatchObject({ jobId: first.jobId, state: 'completed', resumed: true, counts: { files: 30, imported: 30, unchanged: 0, failed: 0 } });
      expect((await engram.status()).notes).toBe(30);
      expect(await service.unfinished()).toEqual([]);
      expect(await service.report(first.jobId)).toEqual(second);
    } finally {
      await cleanup();
      files.cleanup();
    }
  });
});

describe('bulk-stored notes', () => {
  it('get exactly the chunks, search text and queue entries the notes service gives the same note', async () => {
    const { engram, cleanup } = await openTempEngram();
    const files = tempDir('engram-chunks-');
    try {
      const body = `# Heading one\n\n${'A paragraph about tides and moons. '.repeat(40)}\n\n## Second\n\n- a list item\n- another\n\n\`\`\`\ncode block\n\`\`\`\n`;
      fs.writeFileSync(path.join(files.dir, 'long.md'), body);
      const report = await new ImportService({ db: engram.database, onQueued: () => undefined }).run({ path: path.join(files.dir, 'long.md') });
      const imported = await engram.getNote(report.imported[0]!.noteId!);
      const { note: added } = await engram.addNote({ title: imported.title, body: imported.body, tags: [...imported.tags], source: { kind: 'manual', path: null } });
      const chunksOf = async (id: number) =>
        (await engram.database.query(`select ordinal, text, search_text, char_start, char_end, content_hash, (select count(*)::int from embedding_queue q where q.chunk_id = c.id) as queued from chunks c where note_id = $1 order by ordinal`, [id])).rows;
      const viaImport = await chunksOf(imported.id);
      expect(viaImport.length).toBeGreaterThan(1);
      expect(viaImport).toEqual(await chunksOf(added.id));
      // every other field of the note (hash, tags, author ...) matches too
      const comparable = ({ id: _id, source: _source, createdAt: _c, updatedAt: _u, ...rest }: typeof added) => rest;
      expect(comparable(imported)).toEqual(comparable(added));
    } finally {
      await cleanup();
      files.cleanup();
    }
  });
});
