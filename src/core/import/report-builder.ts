import type { FileOutcome } from './file-outcome';
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

/** Sorts file outcomes (and what the walk left out) into the report's lists. */
export function reportLists(outcomes: readonly FileOutcome[], walkSkipped: readonly ReportProblem[]): ReportLists {
  const lists: ReportLists = { imported: [], updated: [], unchanged: [], skipped: [...walkSkipped], failed: [], warnings: [], attachments: 0 };
  let attachments = 0;
  for (const outcome of outcomes) {
    for (const { action, ...entry } of outcome.notes) lists[action].push(entry);
    lists.skipped.push(...outcome.skipped);
    lists.failed.push(...outcome.failed);
    lists.warnings.push(...(outcome.warnings ?? []));
    attachments += outcome.attachments;
  }
  return { ...lists, attachments };
}

/** Totals of the lists. */
export function reportCounts(files: number, lists: ReportLists, missing: readonly MissingEntry[]): ReportCounts {
  return {
    files,
    imported: lists.imported.length,
    updated: lists.updated.length,
    unchanged: lists.unchanged.length,
    skipped: lists.skipped.length,
    failed: lists.failed.length,
    warnings: lists.warnings.length,
    missing: missing.length,
    deleted: missing.filter((m) => m.deleted).length,
    attachments: lists.attachments,
  };
}

/** Fields of the final report that come from the run rather than the lists. */
export type ReportHeader = Pick<ImportReport, 'jobId' | 'source' | 'state' | 'resumed' | 'startedAt' | 'finishedAt' | 'tookMs' | 'embeddingsPending'>;

/** The final report. */
export function buildReport(header: ReportHeader, files: number, lists: ReportLists, missing: readonly MissingEntry[]): ImportReport {
  const { attachments: _attachments, ...rest } = lists;
  return { version: 1, ...header, counts: reportCounts(files, lists, missing), ...rest, missing: [...missing] };
}
