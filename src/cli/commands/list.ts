// `engram list`: page through notes, newest first, with filters.
import type { Command } from 'commander';
import type { NotePage } from '../../shared/models';
import { CliUsageError } from '../cli-error';
import { contextFor, type CliDeps } from '../cli-context';
import { addFilterOptions, toNoteFilter, type FilterOptions } from '../filter-options';
import { formatDate, formatTags } from '../format';
import type { Styles } from '../output';
import { parseNonNegativeInt, parsePositiveInt } from '../parse-args';
import { withEngine } from '../with-engine';

interface ListCliOptions extends FilterOptions {
  readonly limit: number;
  readonly offset: number;
}

/** Registers `list` with --limit/--offset paging and the shared filters. */
export function registerList(program: Command, deps: CliDeps): void {
  const command = program
    .command('list')
    .summary('list notes, newest first')
    .description('List notes, newest first, one page at a time (--limit, --offset).')
    .option('--limit <n>', 'notes per page', parsePositiveInt, 20)
    .option('--offset <n>', 'skip this many notes (for the next page)', parseNonNegativeInt, 0);
  addFilterOptions(command).action(async (options: ListCliOptions, cmd: Command) => {
    const ctx = contextFor(cmd, deps);
    if (options.when !== undefined && (options.from !== undefined || options.to !== undefined)) {
      throw new CliUsageError('Use either --when or --from/--to, not both.');
    }
    const range = options.when !== undefined ? await resolveWhen(options.when) : {};
    const page = await withEngine(
      ctx,
      (engine) => engine.listNotes({ ...toNoteFilter(options), ...range, offset: options.offset, limit: options.limit }),
      { brief: true },
    );
    if (ctx.json) ctx.out.printJson(page);
    else ctx.out.print(...formatPage(page, ctx.out.styles));
  });
}

/**
 * Turns a --when phrase into a from/to range, as recall does (an unknown phrase is a user error). chrono-node is
 * loaded only here: importing it costs ~180 ms, which every other command would pay at start.
 */
async function resolveWhen(phrase: string): Promise<{ from?: string; to?: string }> {
  const { parseTimePhrase } = await import('../../core/recall/time-phrase');
  const { from, to } = parseTimePhrase(phrase);
  return { ...(from ? { from: from.toISOString() } : {}), ...(to ? { to: to.toISOString() } : {}) };
}

/** A page of notes as aligned human lines (`id  date  title  #tags`) and a paging footer. */
export function formatPage(page: NotePage, styles: Styles): string[] {
  if (page.notes.length === 0) {
    return [page.total === 0 ? 'No notes.' : `No notes at offset ${page.offset} (there are ${page.total}).`];
  }
  const idWidth = Math.max(...page.notes.map((n) => String(n.id).length));
  const lines = page.notes.map((note) => {
    const tags = note.tags.length ? `  ${styles.dim(formatTags(note.tags))}` : '';
    const forgotten = note.deletedAt ? `  ${styles.dim('(forgotten)')}` : '';
    return `${String(note.id).padStart(idWidth)}  ${formatDate(note.createdAt)}  ${note.title}${tags}${forgotten}`;
  });
  const first = page.offset + 1;
  const last = page.offset + page.notes.length;
  const more = last < page.total ? `; next page: --offset ${last}` : '';
  lines.push(styles.dim(`${first}–${last} of ${page.total}${more}`));
  return lines;
}
