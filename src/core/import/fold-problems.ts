import type { ReportProblem } from './import-models';

/** Problems of one file listed one by one in a report; past this, the rest are summed up by reason. */
export const LISTED_PER_FILE = 100;
/** Reasons summed up separately; past this, the remaining records share one "other reasons" entry. */
const FOLDED_REASONS = 20;

/**
 * Keeps a report readable and bounded when one file has very many bad records (a million-record export): the first
 * LISTED_PER_FILE problems stay as they are, the rest become one entry per reason whose `records` says how many it
 * stands for (`reportCounts` adds those up, so the totals stay exact). A file with few problems is returned as is.
 */
export function foldProblems(file: string, problems: readonly ReportProblem[]): ReportProblem[] {
  if (problems.length <= LISTED_PER_FILE) return [...problems];
  const listed: ReportProblem[] = [];
  const summaries: ReportProblem[] = [];
  const byReason = new Map<string, number>();
  let other = 0;
  for (const problem of problems) {
    if (problem.records !== undefined) summaries.push(problem); // folded before: kept as it is
    else if (listed.length < LISTED_PER_FILE) listed.push(problem);
    else if (byReason.has(problem.reason)) byReason.set(problem.reason, byReason.get(problem.reason)! + 1);
    else if (byReason.size < FOLDED_REASONS) byReason.set(problem.reason, 1);
    else other++;
  }
  for (const [reason, records] of byReason) listed.push({ path: file, reason: `${records.toLocaleString('en')} more ${records === 1 ? 'record' : 'records'}: ${reason}`, records });
  if (other > 0) listed.push({ path: file, reason: `${other.toLocaleString('en')} more records, for other reasons`, records: other });
  for (const summary of summaries) listed.push(summary);
  return listed;
}

/** How many records a list of problems stands for. */
export function recordCount(problems: readonly ReportProblem[]): number {
  let total = 0;
  for (const problem of problems) total += problem.records ?? 1;
  return total;
}
