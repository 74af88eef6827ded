// Plain, serialisable data of an import: the request, progress events, the preview and the final report.
import type { ImportFormat } from '../importers/import-types';
import type { ForgetVerdict } from './forget-guard';
import type { RequestedFormat, SourceFormat } from '../importers/source-format';

/** What to import and how. */
export interface ImportRequest {
  /** A folder, a vault, or one file (absolute, or relative to the process's working directory). */
  readonly path: string;
  /** Default 'auto'. */
  readonly format?: RequestedFormat;
  /**
   * On a re-import, forget the notes whose files (or records) disappeared: softly, as `forget` does (restorable).
   * Default false: only report them. An empty source is refused, and forgetting more than a small share of the
   * source's notes waits for `confirmForget` (see forget-guard.ts).
   */
  readonly deleteMissing?: boolean;
  /** Extra .gitignore-style patterns to leave out. */
  readonly exclude?: readonly string[];
  /** Files larger than this are skipped with a reason (default 50 MB). */
  readonly maxFileBytes?: number;
  /** Follow symbolic links that lead out of the source folder too. Default false: such links are skipped with a reason. */
  readonly followLinks?: boolean;
  /**
   * The person confirmed forgetting missing notes even when they are more than a small share of the source's notes
   * (the CLI's --yes; the wizard's confirmation). See FORGET_CONFIRMATION in forget-guard.ts.
   */
  readonly confirmForget?: boolean;
}

/** One note in a report: where it came from, what it is called, its id, and why this happened to it. */
export interface ReportEntry {
  readonly path: string;
  readonly title: string;
  /** null in a preview for a note not stored yet. */
  readonly noteId: number | null;
  readonly reason: string;
}

/** A file or record that was left out or failed, and why. */
export interface ReportProblem {
  readonly path: string;
  readonly reason: string;
  /** How many records this entry stands for, when many records of one file failed the same way (default 1). */
  readonly records?: number;
}

/** A stored note whose file (or record) is gone from the source. */
export interface MissingEntry {
  readonly path: string;
  readonly title: string;
  readonly noteId: number;
  /** true when this import forgot it (softly: `engram restore ID` brings it back) because the request asked for it. */
  readonly forgotten: boolean;
}

/** Totals of a report. */
export interface ReportCounts {
  readonly files: number;
  readonly imported: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly skipped: number;
  readonly failed: number;
  /** Notes stored with something to know (a front-matter block kept as text ...). */
  readonly warnings: number;
  readonly missing: number;
  /** Missing notes this import forgot (restorable). */
  readonly forgotten: number;
  readonly attachments: number;
}

/** The outcome of an import run, serialisable to JSON (the CLI's --json output; the wizard can save it). */
export interface ImportReport {
  readonly version: 1;
  readonly jobId: number;
  readonly source: { readonly path: string; readonly format: SourceFormat };
  /** 'cancelled' when stopped early: running the same import again resumes it. */
  readonly state: 'completed' | 'cancelled';
  /** true when this run continued an interrupted job. */
  readonly resumed: boolean;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly tookMs: number;
  readonly counts: ReportCounts;
  readonly imported: readonly ReportEntry[];
  readonly updated: readonly ReportEntry[];
  readonly unchanged: readonly ReportEntry[];
  readonly skipped: readonly ReportProblem[];
  readonly failed: readonly ReportProblem[];
  /** Notes that were stored, with something the person should know about how they were read. */
  readonly warnings: readonly ReportProblem[];
  readonly missing: readonly MissingEntry[];
  /**
   * Why the missing notes were not forgotten although the request asked for it (they are more than a small share of
   * the source: run again with `confirmForget`), or null.
   */
  readonly forgetHeld: string | null;
  /** Chunks waiting for their embeddings when the import finished (they follow in the background). */
  readonly embeddingsPending: number;
}

/** A parsed note as it will be stored (shown by the preview). */
export interface PreviewNote {
  readonly title: string;
  /** The body, cut to 1,000 characters for display. */
  readonly body: string;
  readonly truncated: boolean;
  readonly tags: readonly string[];
  readonly createdAt: string | null;
  readonly source: { readonly kind: ImportFormat; readonly path: string };
  readonly links: readonly string[];
}

/** What an import would do, without doing it. */
export interface ImportPreview {
  readonly version: 1;
  readonly source: { readonly path: string; readonly format: SourceFormat };
  readonly counts: ReportCounts & {
    /** Notes found, by kind. */
    readonly byKind: Readonly<Partial<Record<ImportFormat, number>>>;
  };
  /** The first five notes as they will be stored. */
  readonly samples: readonly PreviewNote[];
  /** Would be imported / updated; unchanged ones are the duplicates that will be skipped. */
  readonly imported: readonly ReportEntry[];
  readonly updated: readonly ReportEntry[];
  readonly unchanged: readonly ReportEntry[];
  readonly skipped: readonly ReportProblem[];
  readonly failed: readonly ReportProblem[];
  readonly warnings: readonly ReportProblem[];
  readonly missing: readonly MissingEntry[];
  /**
   * What forgetting the missing notes would take: 'forget' (it may go ahead), 'confirm' (more than a small share of
   * the source: the person must confirm), or 'refuse' (the source is empty: it looks unavailable), with the reason.
   */
  readonly forget: ForgetVerdict;
  /** Embedding work: chunks to embed, the measured throughput, and the time it should take. */
  readonly estimate: { readonly chunks: number; readonly chunksPerSecond: number | null; readonly seconds: number | null };
  /** An interrupted job the run would resume, if any. */
  readonly resumes: { readonly jobId: number; readonly filesDone: number } | null;
}

/** Progress of an import, 0..1 in `value`. `embeddings` is the background queue's state at the last check. */
export interface ImportProgress {
  readonly kind: 'import';
  readonly jobId: number | null;
  readonly phase: 'scanning' | 'importing' | 'finishing' | 'done';
  readonly filesTotal: number;
  readonly filesParsed: number;
  /** Notes imported or updated so far. */
  readonly notesStored: number;
  /** The long file being read (a PDF, page by page), when there is one. */
  readonly file?: { readonly path: string; readonly done: number; readonly total: number; readonly unit: 'pages' } | null;
  readonly embeddings: { readonly done: number; readonly pending: number };
  readonly value: number;
}

/** An unfinished import (crashed, quit or cancelled) that can be resumed. */
export interface ImportJobSummary {
  readonly jobId: number;
  readonly path: string;
  readonly format: string;
  readonly state: 'running' | 'cancelled';
  readonly filesDone: number;
  readonly startedAt: string;
  readonly updatedAt: string;
}
