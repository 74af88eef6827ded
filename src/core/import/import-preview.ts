import { chunkMarkdown } from '../chunking/markdown-chunker';
import type { Database } from '../db/queryable';
import { ImportJobsRepository } from '../db/repositories/import-jobs-repository';
import { ImportNotesRepository, sourceKey } from '../db/repositories/import-notes-repository';
import type { ImportFormat } from '../importers/import-types';
import type { FileOutcome, NoteOutcome } from './file-outcome';
import { chunkCharsFor } from './embedding-counts';
import { foldProblems } from './fold-problems';
import type { ImportPreview, ImportRequest, PreviewNote, ReportProblem } from './import-models';
import { judgeForget } from './forget-guard';
import { findMissing, settleMissing } from './missing-notes';
import { decideNote } from './note-decision';
import { parseBatches } from './parse-batches';
import type { PreparedNote } from './prepared-note';
import { reportCounts, reportLists } from './report-builder';
import { scanSource } from './scan-source';

/** What the preview needs. */
export interface PreviewDeps {
  readonly db: Database;
  readonly cwd: string;
  readonly measureThroughput?: (texts: readonly string[]) => Promise<number>;
}

/** Preview options: a known throughput (chunks per second) skips the measurement. */
export interface PreviewOptions {
  readonly chunksPerSecond?: number;
  readonly signal?: AbortSignal;
}

const SAMPLES = 5;
const SAMPLE_BODY_CHARS = 1000;
const PROBE_TEXTS = 32;
const BATCH = 500;
/**
 * Longest the preview waits for the throughput measurement. The estimate is a nicety: a model that is loading on a
 * busy machine, or a worker that never answers, leaves it unknown rather than holding the preview (and the person).
 */
const PROBE_WAIT_MS = 15_000;

/**
 * Parses the whole source and compares it with what is stored, writing nothing: counts by kind, five notes as they
 * will be stored, what would be imported, updated, left alone (the duplicates) or skipped and why, and how long
 * the embeddings should take at the measured throughput.
 */
export async function previewImport(deps: PreviewDeps, request: ImportRequest, options: PreviewOptions = {}): Promise<ImportPreview> {
  const source = await scanSource(request, deps.cwd, options.signal);
  const lookups = new ImportNotesRepository(deps.db);
  const chunkChars = await chunkCharsFor(deps.db);
  const outcomes: FileOutcome[] = [];
  const samples: PreviewNote[] = [];
  const probeTexts: string[] = [];
  const byKind: Partial<Record<ImportFormat, number>> = {};
  const seen = new Set<string>();
  let chunks = 0;
  for await (const batch of parseBatches(source.files, source, BATCH, { signal: options.signal })) {
    const existing = await lookups.bySources(batch.flatMap((f) => f.notes.map((n) => ({ kind: n.kind, path: n.path }))));
    for (const file of batch) {
      const notes: NoteOutcome[] = [];
      const failed: ReportProblem[] = [...file.failed];
      for (const note of file.notes) {
        if (seen.has(note.path)) {
          failed.push({ path: note.path, reason: 'the same source appears twice in this import (a repeated id?); only the first would be stored' });
          continue;
        }
        seen.add(note.path);
        byKind[note.kind] = (byKind[note.kind] ?? 0) + 1;
        if (samples.length < SAMPLES) samples.push(previewNote(note));
        const decision = decideNote(note, existing.get(sourceKey(note.kind, note.path)));
        const noteId = decision.action === 'import' ? null : decision.noteId;
        notes.push({ action: decision.action === 'import' ? 'imported' : decision.action === 'update' ? 'updated' : 'unchanged', path: note.path, title: note.title, noteId, reason: decision.reason });
        if (decision.action !== 'unchanged') {
          const pieces = chunkMarkdown(note.body, Math.max(200, chunkChars - Math.min(note.title.length, 200) - 50));
          chunks += pieces.length;
          for (const piece of pieces) if (probeTexts.length < PROBE_TEXTS && piece.text.trim()) probeTexts.push(piece.text);
        }
      }
      outcomes.push({ path: file.file.absPath, notes, skipped: file.skipped, failed: foldProblems(file.file.absPath, failed), warnings: file.warnings, attachments: file.attachments });
    }
  }
  const found = await findMissing(deps.db, source, outcomes);
  const missing = await settleMissing(found.missing, null);
  const rootEmpty = source.isDirectory && source.files.length === 0;
  const forget = judgeForget({ root: source.root, sourceNotes: found.sourceNotes, missing: missing.length, rootEmpty, confirmed: request.confirmForget === true });
  const lists = reportLists(outcomes, source.skipped);
  const chunksPerSecond = options.chunksPerSecond ?? (deps.measureThroughput && probeTexts.length ? await atMost(PROBE_WAIT_MS, deps.measureThroughput(probeTexts)) : null);
  const unfinished = await new ImportJobsRepository(deps.db).findUnfinished(source.root, source.format);
  return {
    version: 1,
    source: { path: source.root, format: source.format },
    counts: { ...reportCounts(source.files.length, lists, missing), byKind },
    samples,
    imported: lists.imported,
    updated: lists.updated,
    unchanged: lists.unchanged,
    skipped: lists.skipped,
    failed: lists.failed,
    warnings: lists.warnings,
    missing,
    forget,
    estimate: { chunks, chunksPerSecond, seconds: chunksPerSecond ? Math.ceil(chunks / chunksPerSecond) : chunks === 0 ? 0 : null },
    resumes: unfinished ? { jobId: unfinished.id, filesDone: unfinished.filesDone } : null,
  };
}

function previewNote(note: PreparedNote): PreviewNote {
  const truncated = note.body.length > SAMPLE_BODY_CHARS;
  return {
    title: note.title,
    body: truncated ? `${note.body.slice(0, SAMPLE_BODY_CHARS)}…` : note.body,
    truncated,
    tags: note.tags,
    createdAt: note.createdAt ?? null,
    source: { kind: note.kind, path: note.path },
    links: note.links,
  };
}

/** The value of `work`, or null when it fails or takes longer than `ms`. */
async function atMost<T>(ms: number, work: Promise<T>): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
    timer.unref();
  });
  try {
    return await Promise.race([work.catch(() => null), late]);
  } finally {
    clearTimeout(timer);
  }
}
