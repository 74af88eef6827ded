// `engram status`: counts, the embedding backlog and the active embedding space.
import type { Command } from 'commander';
import type { EngramStatus, ProviderHealth } from '../../shared/models';
import { contextFor, type CliDeps } from '../cli-context';
import { formatBytes } from '../format';
import type { Styles } from '../output';
import { withEngine } from '../with-engine';

/** How many embedding failures the human output lists before summarising the rest. */
const MAX_LISTED_FAILURES = 5;

/** Registers `status`. */
export function registerStatus(program: Command, deps: CliDeps): void {
  program
    .command('status')
    .summary('show counts, the embedding backlog and the model in use')
    .description('Show how many notes and chunks are stored, how many embeddings are pending or failed, and the model.')
    .action(async (_options: unknown, command: Command) => {
      const ctx = contextFor(command, deps);
      const status = await withEngine(ctx, (engine) => engine.status(), { brief: true });
      if (ctx.json) ctx.out.printJson(status);
      else ctx.out.print(...formatStatus(status, ctx.out.styles));
    });
}

/** The status as labelled human lines, with a hint when embeddings are pending. */
export function formatStatus(status: EngramStatus, styles: Styles): string[] {
  const { pending, failed, done } = status.embeddings;
  const space = status.activeSpace;
  const rows: [string, string][] = [
    ['Data directory', status.dataDir],
    ['Notes', `${status.notes}${status.forgottenNotes ? ` (+${status.forgottenNotes} forgotten)` : ''}`],
    ['Chunks', String(status.chunks)],
    ['Embeddings', `${done} done, ${pending} pending, ${failed} failed`],
    ['Model', space ? `${space.provider} ${space.model} (${space.dimensions} dimensions, ${space.state})` : 'none yet'],
    ['Model check', formatHealth(status.provider)],
    ['Database size', formatBytes(status.databaseBytes)],
    ['Schema version', String(status.schemaVersion)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = rows.map(([label, value]) => `${styles.bold(label.padEnd(width))}  ${value}`);
  if (status.failures.length > 0) {
    lines.push('', 'Failed embeddings:');
    for (const f of status.failures.slice(0, MAX_LISTED_FAILURES)) {
      lines.push(`  note ${f.noteId}, chunk ${f.chunkId}: ${f.reason}`);
    }
    const rest = status.failures.length - MAX_LISTED_FAILURES;
    if (rest > 0) lines.push(`  ...and ${rest} more (engram status --json lists them all)`);
  }
  if (status.provider.message) lines.push('', status.provider.message);
  if (pending > 0) lines.push('', 'Run `engram wait` (or open the app) to embed the pending chunks.');
  return lines;
}

/** The model health in a few words: reachable or not, and whether it is still the model that made the vectors. */
function formatHealth(health: ProviderHealth): string {
  if (health.reachable === null) return 'not checked';
  if (!health.reachable) return 'unreachable (keyword search still works)';
  switch (health.drift) {
    case 'drifted':
      return 'reachable, but the model changed since the vectors were made';
    case 'missing':
      return 'reachable, but the model is not installed';
    default:
      return 'ok';
  }
}
