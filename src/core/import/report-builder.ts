import type { FileOutcome } from './file-outcome';
import { recordCount } from './fold-problems';
import type { ImportReport, MissingEntry, ReportCounts, ReportEntry, ReportProblem } from './import-models';

/** The lists a report or preview is made of. */
export interface ReportLists {
  readonly imported: ReportEntry[];
  readonly updated: ReportEntry[];
  readonly unchanged: ReportEntry[];
  readonly skipped: ReportProblem[];
  readonly failed: ReportProblem[];
  readonly warnings: ReportProblem[];
  readonly attachments: number;
}

/**
 * Sorts file outcomes (and what the walk left out) into the report's lists. Lists are appended one entry at a time:
 * spreading a list into push() passes every entry as an argument, and a file with a million bad records overflowed
 * the call stack that way.
 */
export function reportLists(outcomes: readonly FileOutcome[], walkSkipped: readonly ReportProblem[]): ReportLists {
  const lists: ReportLists = { imported: [], updated: [], unchanged: [], skipped: [...walkSkipped], failed: [], warnings: [], attachments: 0 };
  let attachments = 0;
  for (const outcome of outcomes) {
    for (const { action, ...entry } of outcome.notes) lists[action].push(entry);
    append(lists.skipped, outcome.skipped);
    append(lists.failed, outcome.failed);
    append(lists.warnings, outcome.warnings ?? []);
    attachments += outcome.attachments;
  }
  return { ...lists, attachments };
}

/** Appends every item of `from` to `to`, however many there are. */
export function append<T>(to: T[], from: Iterable<T>): void {
  for (const item of from) to.push(item);
}

/** Totals of the lists. */
export function reportCounts(files: number, lists: ReportLists, missing: readonly MissingEntry[]): ReportCounts {
  return {
    files,
    imported: lists.imported.length,
    updated: lists.updated.length,
    unchanged: lists.unchanged.length,
    skipped: recordCount(lists.skipped),
    failed: recordCount(lists.failed),
    warnings: recordCount(lists.warnings),
    missing: missing.length,
    forgotten: missing.filter((m) => m.forgotten).length,
    attachments: lists.attachments,
  };
}

/** Fields of the final report that come from the run rather than the lists. */
export type ReportHeader = Pick<ImportReport, 'jobId' | 'source' | 'state' | 'resumed' | 'startedAt' | 'finishedAt' | 'tookMs' | 'forgetHeld' | 'embeddingsPending'>;

/** The final report. */
export function buildReport(header: ReportHeader, files: number, lists: ReportLists, missing: readonly MissingEntry[]): ImportReport {
  const { attachments: _attachments, ...rest } = lists;
  return { version: 1, ...header, counts: reportCounts(files, lists, missing), ...rest, missing: [...missing] };
}
