// `engram recall QUERY`: find notes by keyword and meaning.
import { Option, type Command } from 'commander';
import type { RecallHit, RecallMode, RecallResult } from '../../shared/models';
import { CliUsageError } from '../cli-error';
import { contextFor, type CliDeps } from '../cli-context';
import { addFilterOptions, toQueryFilter, type FilterOptions } from '../filter-options';
import { formatDate, formatDateTime, formatTags, renderSnippet } from '../format';
import type { Styles } from '../output';
import { parsePositiveInt } from '../parse-args';
import { withEngine } from '../with-engine';

interface RecallCliOptions extends FilterOptions {
  readonly limit: number;
  readonly mode?: RecallMode;
}

/** Registers `recall QUERY` with --limit, --mode and the shared filters. */
export function registerRecall(program: Command, deps: CliDeps): void {
  const command = program
    .command('recall')
    .summary('find notes by keyword and meaning')
    .description(
      'Find the notes that best match a query, by meaning and by keyword (fused). ' +
        'Notes whose embeddings are still queued are found by keyword only until `engram wait` runs.',
    )
    .argument('<query...>', 'what to look for (several words are joined with spaces)')
    .option('--limit <n>', 'at most this many results', parsePositiveInt, 10)
    .addOption(
      new Option('--mode <mode>', 'hybrid (both, fused), vector (meaning only) or keyword (words only)').choices([
        'hybrid',
        'vector',
        'keyword',
      ]),
    );
  addFilterOptions(command).action(async (words: string[], options: RecallCliOptions, cmd: Command) => {
    const ctx = contextFor(cmd, deps);
    const query = words.join(' ').trim();
    if (!query) throw new CliUsageError('The query is empty: say what to look for.');
    const filter = toQueryFilter(options);
    const result = await withEngine(ctx, (engine) => engine.recall(query, { ...filter, limit: options.limit, ...(options.mode ? { mode: options.mode } : {}) }));
    if (ctx.json) {
      ctx.out.printJson(recallJson(result));
      // The JSON document is exactly { results }; notices (e.g. keyword results only) still reach the user.
      for (const notice of result.notices) ctx.out.note(`engram: ${notice}`);
    } else {
      ctx.out.print(...formatRecall(result, ctx.out.styles));
    }
  });
}

/** One result as `recall --json` prints it: the documented fields first, then extras (highlights, why...). */
export interface RecallJsonHit {
  readonly id: number;
  readonly title: string;
  readonly score: number;
  readonly snippet: string;
  readonly tags: readonly string[];
  readonly createdAt: string;
  readonly source: { readonly kind: string; readonly path: string | null };
  readonly highlights: RecallHit['snippet']['highlights'];
  readonly updatedAt: string;
  readonly forgotten: boolean;
  readonly why: RecallHit['why'];
  readonly lessRelated: boolean;
}

/** The `recall --json` document: `{ "results": [...] }`. */
export function recallJson(result: RecallResult): { results: RecallJsonHit[] } {
  return {
    results: result.results.map((hit) => ({
      id: hit.id,
      title: hit.title,
      score: hit.score,
      snippet: hit.snippet.text,
      tags: hit.tags,
      createdAt: hit.createdAt,
      source: { kind: hit.source.kind, path: hit.source.path },
      highlights: hit.snippet.highlights,
      updatedAt: hit.updatedAt,
      forgotten: hit.forgotten,
      why: hit.why,
      lessRelated: hit.lessRelated,
    })),
  };
}

/** Why a hit matched, e.g. `meaning #2, keyword #1`. */
function formatWhy(hit: RecallHit): string {
  const parts: string[] = [];
  if (hit.why.vector) parts.push(`meaning #${hit.why.vector.rank}`);
  if (hit.why.keyword) parts.push(`keyword #${hit.why.keyword.rank}`);
  return parts.join(', ');
}

/** Recall results as numbered human lines, with a footer of notices and pending embeddings. */
export function formatRecall(result: RecallResult, styles: Styles): string[] {
  const lines: string[] = [];
  const { from, to } = result.appliedRange;
  if (from || to) {
    const range = [from ? `from ${formatDateTime(from)}` : '', to ? `until ${formatDateTime(to)}` : ''].filter(Boolean).join(' ');
    lines.push(styles.dim(`Notes created ${range}`));
  }
  if (result.results.length === 0) lines.push('No notes matched.');
  const firstLessRelated = result.results.findIndex((hit) => hit.lessRelated);
  if (firstLessRelated === 0) lines.push('No notes matched: none holds these words or comes close in meaning. The closest, less related:', '');
  result.results.forEach((hit, index) => {
    if (index === firstLessRelated && index > 0) lines.push('', styles.dim('Less related:'));
    const meta = [formatDate(hit.createdAt), formatTags(hit.tags), hit.forgotten ? '(forgotten)' : '']
      .filter(Boolean)
      .join('  ');
    const detail = [`note ${hit.id}`, formatWhy(hit), `score ${hit.score.toFixed(3)}`].filter(Boolean).join(' · ');
    if (index > 0) lines.push('');
    lines.push(`${index + 1}. ${styles.bold(hit.title)}  ${meta}`);
    lines.push(`   ${renderSnippet(hit.snippet.text, hit.snippet.highlights, styles)}`);
    lines.push(`   ${styles.dim(detail)}`);
  });
  if (result.notices.length > 0 || result.pendingEmbeddings > 0) lines.push('');
  lines.push(...result.notices);
  if (result.pendingEmbeddings > 0) {
    const n = result.pendingEmbeddings;
    lines.push(`Run \`engram wait\` (or open the app) to embed the ${n} pending passage${n === 1 ? '' : 's'}.`);
  }
  return lines;
}
