// `npm run bench:folders`: a generated 10,000-note vault connected as a folder, measured as a person would feel it:
// the catch-up when the memory opens (nothing changed; 100 files changed while it was closed), an edit saved in an
// editor until it is keyword-searchable, a folder of 1,000 notes moved (ids kept, nothing embedded again), what
// watching costs in memory and CPU, and an edit until it is searchable by meaning with the built-in model.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Engram } from '../src/core/engine/engram';
import { openEngram } from '../src/core/engine/open-engram';
import type { SourceEvent } from '../src/core/sources/source-models';
import { walkSource } from '../src/core/importers/walk-source';
import { generateVault, vaultMarker } from './import-vault';
import { summarize, median, type Summary } from './stats';

/** Options of one benchmark run. */
export interface FoldersBenchOptions {
  readonly notes: number;
  /** Notes in the folder that is moved (taken from the vault). */
  readonly moveNotes: number;
  /** Files changed while the memory is closed. */
  readonly offlineChanges: number;
  /** Edits timed to keyword-searchable, and to vector-searchable. */
  readonly edits: number;
  readonly vectorEdits: number;
  /** Repeats of the catch-up measurements (medians reported). */
  readonly runs: number;
  readonly workDir?: string;
  readonly log: (line: string) => void;
}

/** What the benchmark measured. */
export interface FoldersBenchResult {
  readonly environment: { node: string; cpus: number; loadAverageStart: number[]; loadAverageEnd: number[] };
  readonly notes: number;
  readonly firstPassMs: number;
  /** Catch-up at open with nothing changed: each run's ms. */
  readonly noChangeReconcileMs: readonly number[];
  /** The importers' walk of the same folder alone (listing and stat'ing every file), in the same runs: the floor. */
  readonly walkMs: readonly number[];
  /** Catch-up at open with files changed while closed, until every change is keyword-searchable: each run's ms. */
  readonly offlineChangesMs: readonly number[];
  readonly offlineChanges: number;
  /** An edit written to disk until keyword recall finds its new word. */
  readonly editToKeyword: Summary;
  /** An edit of a ~1,000-character note until vector recall finds it (built-in model, queue otherwise empty). */
  readonly editToVector: Summary;
  readonly move: { readonly notes: number; readonly ms: number; readonly keptIds: number; readonly chunksReplaced: number; readonly queued: number };
  readonly watching: { readonly rssBeforeMb: number; readonly rssAfterMb: number; readonly idleCpuPercent: number; readonly idleSeconds: number };
}

const gc = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

/** Resident memory after a full collection, in MB. */
function settledRssMb(): number {
  gc();
  gc();
  return process.memoryUsage.rss() / 1024 / 1024;
}

/** Resolves with the next settled change of a folder that satisfies `done` (checked after each one). */
function settledWhen(engram: Engram, done: (event: Extract<SourceEvent, { type: 'settled' }>) => Promise<boolean> | boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    let chain = Promise.resolve();
    const stop = engram.onSourceEvent((event) => {
      if (event.type !== 'settled') return;
      chain = chain.then(async () => {
        if (await done(event)) {
          stop();
          resolve();
        }
      }, reject);
    });
  });
}

async function keywordFinds(engram: Engram, word: string): Promise<boolean> {
  return (await engram.recall(word, { mode: 'keyword', limit: 3 })).results.length > 0;
}

/** Every note file of the generated vault, by its index. */
function noteFiles(root: string): Map<number, string> {
  const files = new Map<number, string>();
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    const match = /^Note (\d+)\.md$/.exec(entry.name);
    if (match && entry.isFile()) files.set(Number(match[1]), path.join(entry.parentPath, entry.name));
  }
  return files;
}

/** Runs every measurement in a fresh work directory and returns the numbers. */
export async function runFoldersBenchmark(options: FoldersBenchOptions): Promise<FoldersBenchResult> {
  const { log } = options;
  const loadAverageStart = os.loadavg();
  const work = options.workDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'engram-bench-folders-'));
  const vault = path.join(work, 'vault');
  const dataDir = path.join(work, 'data');
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  try {
    log(`generating a ${options.notes}-note vault in ${vault}`);
    generateVault(vault, options.notes);
    // one folder of `moveNotes` notes, made of whole generated areas (500 notes each at 10k)
    const projects = path.join(vault, 'Projects');
    fs.mkdirSync(projects);
    let moved = 0;
    for (let area = 0; moved < options.moveNotes && fs.existsSync(path.join(vault, `area-${area}`)); area++) {
      fs.renameSync(path.join(vault, `area-${area}`), path.join(projects, `area-${area}`));
      moved = [...noteFiles(projects).keys()].length;
    }
    const files = noteFiles(vault);

    let engram = await openEngram({ dataDir, watchSources: false });
    log('first pass (the import)');
    let t = performance.now();
    const { source } = await engram.addSource({ path: vault });
    const firstPassMs = performance.now() - t;
    log(`  ${Math.round(firstPassMs)} ms for ${source.notes} notes`);
    await engram.close();

    const noChangeReconcileMs: number[] = [];
    const walkMs: number[] = [];
    const offlineChangesMs: number[] = [];
    for (let run = 0; run < options.runs; run++) {
      t = performance.now();
      await walkSource(vault);
      walkMs.push(performance.now() - t);
      engram = await openEngram({ dataDir, watchSources: false });
      t = performance.now();
      await engram.syncSources(source.id);
      noChangeReconcileMs.push(performance.now() - t);
      await engram.close();
      // files changed while the memory is closed: an appended paragraph with a new word each
      const changed = [...files.values()].slice(run * options.offlineChanges, (run + 1) * options.offlineChanges);
      const words = changed.map((file, i) => {
        const word = `offline${run}x${i}q`;
        fs.appendFileSync(file, `\nChanged while closed: ${word}.\n`);
        return word;
      });
      engram = await openEngram({ dataDir, watchSources: false });
      t = performance.now();
      await engram.syncSources(source.id);
      const syncedMs = performance.now() - t;
      const missing = (await Promise.all(words.map((w) => keywordFinds(engram, w)))).filter((found) => !found).length;
      if (missing > 0) throw new Error(`${missing} offline changes were not keyword-searchable after the catch-up`);
      offlineChangesMs.push(syncedMs);
      log(`  run ${run + 1}: walk alone ${Math.round(walkMs[run]!)} ms; no change ${Math.round(noChangeReconcileMs[run]!)} ms; ${words.length} changed ${Math.round(syncedMs)} ms`);
      await engram.close();
    }

    log('watching the vault');
    engram = await openEngram({ dataDir, watchSources: false });
    const rssBeforeMb = settledRssMb();
    const caughtUp = settledWhen(engram, () => true);
    await engram.startSources();
    await caughtUp;
    const rssAfterMb = settledRssMb();
    const idleSeconds = 10;
    const cpu0 = process.cpuUsage();
    await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000));
    const cpu = process.cpuUsage(cpu0);
    const idleCpuPercent = ((cpu.user + cpu.system) / 1000 / (idleSeconds * 1000)) * 100;
    log(`  RSS ${rssBeforeMb.toFixed(1)} -> ${rssAfterMb.toFixed(1)} MB; idle CPU ${idleCpuPercent.toFixed(2)}%`);

    const editSamples: number[] = [];
    const indices = [...files.keys()].filter((i) => !files.get(i)!.startsWith(projects)).slice(-options.edits);
    for (const [n, i] of indices.entries()) {
      const word = `edited${n}w${i}k`;
      const file = files.get(i)!;
      const text = fs.readFileSync(file, 'utf8').replace(vaultMarker(i), `${vaultMarker(i)} ${word}`);
      const found = settledWhen(engram, () => keywordFinds(engram, word));
      const start = performance.now();
      fs.writeFileSync(file, text);
      await found;
      editSamples.push(performance.now() - start);
    }
    const editToKeyword = summarize(editSamples);
    log(`  edit -> keyword-searchable: p50 ${Math.round(editToKeyword.p50)} ms, p95 ${Math.round(editToKeyword.p95)} ms`);

    log(`moving a folder of ${moved} notes`);
    const before = await engram.database.query<{ id: number; chunk: number }>(
      `select n.id, c.id as chunk from notes n join chunks c on c.note_id = n.id where n.source_path like $1`,
      [`${projects}${path.sep}%`],
    );
    const noteIds = [...new Set(before.rows.map((r) => r.id))];
    const queuedBefore = await queuedFor(engram, noteIds);
    const archive = path.join(vault, 'Archive');
    fs.mkdirSync(archive);
    const allMoved = settledWhen(engram, async () => {
      const left = await engram.database.query<{ n: number }>('select count(*)::int as n from notes where id = any($1::int[]) and source_path like $2', [noteIds, `${archive}${path.sep}%`]);
      return left.rows[0]!.n === noteIds.length;
    });
    t = performance.now();
    fs.renameSync(projects, path.join(archive, 'Projects'));
    await allMoved;
    const moveMs = performance.now() - t;
    const after = await engram.database.query<{ id: number; chunk: number; deleted: boolean }>(
      'select n.id, c.id as chunk, n.deleted_at is not null as deleted from notes n join chunks c on c.note_id = n.id where n.id = any($1::int[])',
      [noteIds],
    );
    const beforeChunks = new Set(before.rows.map((r) => r.chunk));
    const move = {
      notes: noteIds.length,
      ms: moveMs,
      keptIds: new Set(after.rows.filter((r) => !r.deleted).map((r) => r.id)).size,
      chunksReplaced: after.rows.filter((r) => !beforeChunks.has(r.chunk)).length,
      queued: (await queuedFor(engram, noteIds)) - queuedBefore,
    };
    log(`  ${Math.round(moveMs)} ms; ${move.keptIds}/${move.notes} kept their id; ${move.chunksReplaced} chunks replaced; ${move.queued} newly queued`);
    await engram.close();

    const editToVector = await measureEditToVector(path.join(work, 'small'), options.vectorEdits, log);
    return {
      environment: { node: process.version, cpus: os.cpus().length, loadAverageStart, loadAverageEnd: os.loadavg() },
      notes: options.notes,
      firstPassMs,
      noChangeReconcileMs,
      walkMs,
      offlineChangesMs,
      offlineChanges: options.offlineChanges,
      editToKeyword,
      editToVector,
      move,
      watching: { rssBeforeMb, rssAfterMb, idleCpuPercent, idleSeconds },
    };
  } finally {
    if (!options.workDir) fs.rmSync(work, { recursive: true, force: true });
  }
}

async function queuedFor(engram: Engram, noteIds: readonly number[]): Promise<number> {
  const result = await engram.database.query<{ n: number }>('select count(*)::int as n from embedding_queue q join chunks c on c.id = q.chunk_id where c.note_id = any($1::int[])', [noteIds]);
  return result.rows[0]!.n;
}

/**
 * An edit until vector recall finds it, in a small vault whose queue is otherwise empty (the 10k vault's 25k chunks
 * would take half an hour to embed first): the app's setting (background embedding, live watching).
 */
async function measureEditToVector(root: string, edits: number, log: (line: string) => void): Promise<Summary> {
  log('edit -> vector-searchable (built-in model, empty queue)');
  generateVault(path.join(root, 'vault'), 40);
  const engram = await openEngram({ dataDir: path.join(root, 'data'), autoEmbed: true });
  try {
    const { source } = await engram.addSource({ path: path.join(root, 'vault') });
    await engram.drainQueue();
    const file = path.join(root, 'vault', 'Edited note.md');
    const topics = ['lighthouse keepers and their lamps', 'sourdough starters and rye flour', 'glacier hikes above the fjord', 'beekeeping in a city garden', 'repairing a vintage typewriter'];
    const samples: number[] = [];
    for (let n = 0; n < edits; n++) {
      const topic = topics[n % topics.length]!;
      const body = `# Edited note\n\n${Array.from({ length: 8 }, (_, k) => `A paragraph ${k} about ${topic}, written for edit ${n}.`).join(' ')}\n`.padEnd(1000, ' ');
      const start = performance.now();
      const settled = settledWhen(engram, (e) => e.sourceId === source.id && e.noteIds.length > 0);
      fs.writeFileSync(file, body);
      await settled;
      await engram.drainQueue(); // joins the background runner: resolves once nothing is due
      const hit = (await engram.recall(topic, { mode: 'vector', limit: 1 })).results[0];
      samples.push(performance.now() - start);
      if (!hit?.source.path?.endsWith('Edited note.md')) log(`  (edit ${n}: vector recall's first hit was ${hit?.title ?? 'nothing'})`);
    }
    const summary = summarize(samples);
    log(`  p50 ${Math.round(summary.p50)} ms, p95 ${Math.round(summary.p95)} ms`);
    return summary;
  } finally {
    await engram.close();
  }
}

/** The report as lines for people. */
export function formatFoldersReport(r: FoldersBenchResult): string {
  const ms = (v: number): string => `${Math.round(v).toLocaleString('en')} ms`;
  const load = (l: number[]): string => l.map((v) => v.toFixed(2)).join(' ');
  return [
    `bench:folders (${r.notes.toLocaleString('en')}-note vault, Node ${r.environment.node}, ${r.environment.cpus} cores; load ${load(r.environment.loadAverageStart)} -> ${load(r.environment.loadAverageEnd)})`,
    `first pass (import):                         ${ms(r.firstPassMs)}`,
    `catch-up at open, nothing changed:           median ${ms(median(r.noChangeReconcileMs))}  (target <= 1,000 ms; runs ${r.noChangeReconcileMs.map(ms).join(', ')})`,
    `  the folder's walk alone (the floor):       median ${ms(median(r.walkMs))}  (catch-up / walk ${(median(r.noChangeReconcileMs) / median(r.walkMs)).toFixed(2)})`,
    `catch-up at open, ${r.offlineChanges} files changed:          median ${ms(median(r.offlineChangesMs))}  (target <= 3,000 ms until keyword-searchable; runs ${r.offlineChangesMs.map(ms).join(', ')})`,
    `edit saved -> keyword-searchable:            p50 ${ms(r.editToKeyword.p50)}, p95 ${ms(r.editToKeyword.p95)}  (target p95 <= 1,000 ms; n=${r.editToKeyword.n})`,
    `edit saved -> vector-searchable (built-in):  p50 ${ms(r.editToVector.p50)}, p95 ${ms(r.editToVector.p95)}  (target p95 <= 3,000 ms; n=${r.editToVector.n})`,
    `folder of ${r.move.notes} notes moved:               ${ms(r.move.ms)}; ${r.move.keptIds}/${r.move.notes} kept their id; ${r.move.chunksReplaced} chunks replaced, ${r.move.queued} queued (target 0)`,
    `watching:                                    RSS ${r.watching.rssBeforeMb.toFixed(1)} -> ${r.watching.rssAfterMb.toFixed(1)} MB (+${(r.watching.rssAfterMb - r.watching.rssBeforeMb).toFixed(1)}; target <= 50); idle CPU ${r.watching.idleCpuPercent.toFixed(2)}% over ${r.watching.idleSeconds} s`,
  ].join('\n');
}
