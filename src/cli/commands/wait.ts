// `engram wait`: embed the queued chunks until the queue is empty, showing progress.
import type { Command } from 'commander';
import type { EmbeddingProgress } from '../../shared/models';
import { contextFor, type CliDeps } from '../cli-context';
import { formatDuration, createProgressReporter, type ProgressReporter } from '../progress-bar';
import { parsePositiveInt } from '../parse-args';
import { withEngine } from '../with-engine';

interface WaitOptions {
  readonly batchSize?: number;
}

/** What `wait` reports when the queue is drained. */
export interface WaitSummary {
  /** Chunks embedded by this run. */
  readonly embedded: number;
  /** Chunks still queued afterwards (normally 0). */
  readonly pending: number;
  /** Chunks whose embedding failed and will not be retried without intervention. */
  readonly failed: number;
  readonly tookMs: number;
}

/** Registers `wait` (with --batch-size). */
export function registerWait(program: Command, deps: CliDeps): void {
  program
    .command('wait')
    .summary('embed queued notes until the queue is empty')
    .description(
      'Embed every queued chunk, so recall by meaning covers all notes. Shows a progress bar on a terminal and ' +
        'plain progress lines otherwise (on stderr). Ctrl-C stops; the rest stays queued for next time.',
    )
    .option('--batch-size <n>', 'chunks per call to the embedding model', parsePositiveInt)
    .action(async (options: WaitOptions, command: Command) => {
      const ctx = contextFor(command, deps);
      const started = Date.now();
      // Progress goes to stderr. In --json mode only a live terminal bar is shown, never log lines.
      const showProgress = !ctx.json || deps.stderr.isTTY === true;
      const reporter = showProgress ? createProgressReporter(deps.stderr, 'embedding') : null;
      const { summary, advice } = await withEngine(ctx, async (engine) => {
        const unsubscribe = engine.onProgress((p) => reportProgress(reporter, p));
        let embedded: number;
        try {
          embedded = await engine.drainQueue(options.batchSize ? { batchSize: options.batchSize } : {});
        } finally {
          unsubscribe();
          reporter?.finish();
        }
        const { embeddings, provider } = await engine.status();
        return {
          summary: { embedded, pending: embeddings.pending, failed: embeddings.failed, tookMs: Date.now() - started },
          advice: provider.message,
        };
      });
      if (ctx.json) {
        ctx.out.printJson(summary);
        return;
      }
      ctx.out.print(...formatWaitSummary(summary, advice));
    });
}

/** The outcome of `wait` in words, with what to do about chunks left queued or failed. */
export function formatWaitSummary(summary: WaitSummary, advice: string | null): string[] {
  const { embedded, pending, failed, tookMs } = summary;
  const lines: string[] = [];
  if (embedded > 0) lines.push(`Embedded ${embedded} chunk${embedded === 1 ? '' : 's'} in ${formatDuration(tookMs / 1000)}.`);
  else if (pending === 0) lines.push('Nothing to embed: the queue is empty.');
  else lines.push('Nothing was due for embedding.');
  if (pending > 0) {
    lines.push(`${pending} chunk(s) wait for a retry after a failed attempt; run \`engram wait\` again later (\`engram status\` shows the backlog).`);
  }
  if (failed > 0) lines.push(`${failed} chunk(s) failed to embed; \`engram status\` shows why.`);
  if ((pending > 0 || failed > 0) && advice) lines.push(advice);
  return lines;
}

function reportProgress(reporter: ProgressReporter | null, progress: EmbeddingProgress): void {
  if (reporter && progress.kind === 'embedding') reporter.update(progress.done, progress.total);
}
