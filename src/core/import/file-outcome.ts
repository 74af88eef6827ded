import type { ReportProblem } from './import-models';

/** What happened to one note of a file. */
export interface NoteOutcome {
  readonly action: 'imported' | 'updated' | 'unchanged';
  readonly path: string;
  readonly title: string;
  /** null in a preview for a note not stored yet. */
  readonly noteId: number | null;
  readonly reason: string;
}

/** What happened to one source file; stored with the job when the file is done (the resume checkpoint). */
export interface FileOutcome {
  readonly path: string;
  readonly notes: readonly NoteOutcome[];
  readonly skipped: readonly ReportProblem[];
  readonly failed: readonly ReportProblem[];
  /** Notes stored with something to know (absent in outcomes recorded before warnings existed). */
  readonly warnings?: readonly ReportProblem[];
  readonly attachments: number;
}
