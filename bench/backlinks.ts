// The backlinks part of `npm run bench`: a memory of N notes (CISI abstracts as bodies, each with wikilinks and a
// Markdown link to other notes, popular notes linked far more often, as in a real vault), written through the core's
// repositories and link index; then `noteLinks(id)` (links resolved + backlinks) timed over repeated queries.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openEngram } from '../src/core/engine/open-engram';
import { ImportNotesRepository } from '../src/core/db/repositories/import-notes-repository';
import { LinksRepository } from '../src/core/db/repositories/links-repository';
import { indexLinks } from '../src/core/links/link-index';
import { summarize, type Summary } from './stats';
import { seededRandom } from './synthetic-vectors';

/** What the backlinks part measured. */
export interface BacklinksResult {
  readonly notes: number;
  readonly links: number;
  /** Backlinks of the most linked note. */
  readonly maxBacklinks: number;
  readonly queries: number;
  readonly buildMs: number;
  /** The whole `noteLinks(id)` call: the note, its links resolved, its backlinks. */
  readonly noteLinks: Summary;
  /** The backlinks query alone (LinksRepository.backlinks). */
  readonly backlinksQuery: Summary;
}

/** Notes written per transaction while building. */
const BATCH = 500;
/** Links per note: wikilinks plus one Markdown link. */
const LINKS_PER_NOTE = 5;

/** Builds a memory of `noteCount` linked notes from a copy of `emptyDir` and times noteLinks over it. */
export async function measureBacklinks(emptyDir: string, texts: readonly string[], noteCount: number, runs: number, seed: number, log: (msg: string) => void): Promise<BacklinksResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'engram-bench-links-'));
  fs.cpSync(emptyDir, dataDir, { recursive: true });
  const engram = await openEngram({ dataDir, holder: 'engram bench (backlinks)' });
  try {
    const random = seededRandom(seed);
    // cubed uniform: low ids are linked far more often (hubs with thousands of backlinks, a long tail)
    const popular = (): number => Math.floor(random() ** 3 * noteCount);
    const folder = (i: number): string => `folder ${i % 40}`;
    const started = performance.now();
    for (let from = 0; from < noteCount; from += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, noteCount - from) }, (_, k) => {
        const i = from + k;
        const targets = Array.from({ length: LINKS_PER_NOTE - 1 }, () => popular());
        const md = popular();
        const body = `${texts[i % texts.length]}\n\nSee ${targets.map((t) => `[[Note ${t}]]`).join(', ')}.\n\nAlso [this one](../${encodeURIComponent(folder(md))}/Note%20${md}.md).\n`;
        return { title: `Note ${i}`, body, tags: [], sourceKind: 'markdown', sourcePath: `/vault/${folder(i)}/Note ${i}.md`, contentHash: `bench-${i}`, createdAt: null };
      });
      await engram.database.transaction(async (tx) => {
        const ids = await new ImportNotesRepository(tx).insertNotes(batch);
        await indexLinks(tx, batch.map((n) => ({ note: { id: ids.get(n.sourcePath)!, title: n.title, body: n.body, sourceKind: n.sourceKind, sourcePath: n.sourcePath } })), true);
      });
    }
    await engram.database.exec('analyze');
    const buildMs = performance.now() - started;
    const counts = await engram.database.query<{ links: number; min_id: number }>(
      'select (select count(*)::int from note_links) as links, (select min(id)::int from notes) as min_id',
    );
    const { links, min_id: firstId } = counts.rows[0]!;
    log(`backlinks: ${noteCount} notes, ${links} links built in ${(buildMs / 1000).toFixed(1)} s`);

    // queries: the 20 most linked notes and 180 spread over the rest, each asked `runs` times after a warm-up pass
    const ids = [...Array.from({ length: 20 }, (_, i) => firstId + i), ...Array.from({ length: 180 }, (_, i) => firstId + Math.floor(((i + 1) * noteCount) / 181))];
    const repo = new LinksRepository(engram.database);
    const max = (await engram.noteLinks(firstId)).backlinks.length; // note 0 is the most linked
    for (const id of ids) await engram.noteLinks(id);
    const whole: number[] = [];
    const query: number[] = [];
    for (let run = 0; run < runs; run++) {
      for (const id of ids) {
        let t = performance.now();
        await engram.noteLinks(id);
        whole.push(performance.now() - t);
        t = performance.now();
        await repo.backlinks(id);
        query.push(performance.now() - t);
      }
    }
    return { notes: noteCount, links, maxBacklinks: max, queries: whole.length, buildMs, noteLinks: summarize(whole), backlinksQuery: summarize(query) };
  } finally {
    await engram.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
