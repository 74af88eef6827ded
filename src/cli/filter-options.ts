// The filter options `list` and `recall` share (--tag, --when, --from, --to, --source, --forgotten).
import type { Command } from 'commander';
import type { NoteFilter } from '../shared/models';
import { CliUsageError } from './cli-error';
import { collect, parseFromDate, parseToDate } from './parse-args';

/** Filter options as commander parses them. */
export interface FilterOptions {
  readonly tag?: string[];
  readonly when?: string;
  readonly from?: string;
  readonly to?: string;
  readonly source?: string;
  readonly forgotten?: boolean;
}

/** Adds the shared filter options to a command. */
export function addFilterOptions(command: Command): Command {
  return command
    .option('--tag <tag>', 'only notes with this tag or a tag below it (work matches work/x); repeatable', collect)
    .option('--when <phrase>', 'a date phrase such as "last week", "yesterday", "since March", "in 2023"')
    .option('--from <date>', 'only notes created on or after this date (2024-03-01 or 2024-03-01T09:30)', parseFromDate)
    .option('--to <date>', 'only notes created up to this date (a bare date includes that whole day)', parseToDate)
    .option('--source <kind>', 'only notes from this source kind (cli, file, or an importer name)')
    .option('--forgotten', 'include forgotten notes (they are marked)');
}

/** The NoteFilter the shared options describe (without --when, which the caller resolves). */
export function toNoteFilter(options: FilterOptions): NoteFilter {
  return {
    ...(options.tag?.length ? { tags: options.tag } : {}),
    ...(options.from ? { from: options.from } : {}),
    ...(options.to ? { to: options.to } : {}),
    ...(options.source ? { sourceKind: options.source.trim() } : {}),
    ...(options.forgotten ? { includeForgotten: true } : {}),
  };
}

/** The filter and time phrase a query runs with (`recall`, `ask`); --when with --from/--to is refused. */
export function toQueryFilter(options: FilterOptions): NoteFilter & { readonly when?: string } {
  if (options.when !== undefined && (options.from !== undefined || options.to !== undefined)) {
    throw new CliUsageError('Use either --when or --from/--to, not both.');
  }
  return { ...toNoteFilter(options), ...(options.when?.trim() ? { when: options.when.trim() } : {}) };
}
