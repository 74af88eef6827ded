// `engram spaces`: every embedding space (active, being built, retired) with coverage and size; reclaims retired ones.
import type { Command } from 'commander';
import type { SpaceSummary } from '../../shared/models';
import { contextFor, type CliDeps } from '../cli-context';
import { formatBytes, formatDateTime, formatTable } from '../format';
import type { Styles } from '../output';
import { withEngine } from '../with-engine';

interface SpacesOptions {
  readonly purgeRetired?: boolean;
}

/** What `spaces --json` prints; `purged` only with --purge-retired. */
export interface SpacesJson {
  readonly purged?: { readonly spaces: number; readonly reclaimedBytes: number };
  readonly spaces: readonly SpaceSummary[];
}

/** Registers `spaces [--purge-retired]`. */
export function registerSpaces(program: Command, deps: CliDeps): void {
  program
    .command('spaces')
    .summary('list embedding spaces (one per model used) with coverage and size; --purge-retired reclaims disk')
    .description(
      'List the embedding spaces: the active one, one being built by `engram reembed`, and retired ones kept for undo ' +
        "until their purge date. --purge-retired drops retired spaces' vectors now (ending their undo) and reclaims the disk.",
    )
    .option('--purge-retired', "drop the vectors of retired spaces now (no more undo) and reclaim the disk")
    .action(async (options: SpacesOptions, command: Command) => {
      const ctx = contextFor(command, deps);
      const doc = await withEngine(ctx, async (engine): Promise<SpacesJson> => {
        const purged = options.purgeRetired ? await engine.purgeRetiredSpaces() : undefined;
        const spaces = await engine.listSpaces();
        return purged ? { purged: { spaces: purged.spaces, reclaimedBytes: purged.reclaimedBytes }, spaces } : { spaces };
      });
      if (ctx.json) {
        ctx.out.printJson(doc);
        return;
      }
      if (doc.purged) {
        const n = doc.purged.spaces;
        ctx.out.print(
          n === 0
            ? 'No retired space had vectors left to drop.'
            : `Dropped the vectors of ${n} retired space${n === 1 ? '' : 's'}; reclaimed ${formatBytes(doc.purged.reclaimedBytes)}.`,
          '',
        );
      }
      ctx.out.print(...formatSpaces(doc.spaces, ctx.out.styles));
    });
}

/** The spaces as an aligned table. */
export function formatSpaces(spaces: readonly SpaceSummary[], styles: Styles): string[] {
  if (spaces.length === 0) return ['No embedding spaces yet.'];
  const date = (iso: string | null): string => (iso ? formatDateTime(iso) : '-');
  const rows = spaces.map((s) => [
    String(s.id),
    s.state === 'building' && s.paused ? 'building (paused)' : s.state,
    `${s.provider} ${s.model}`,
    String(s.dimensions),
    `${Math.floor(s.coverage * 100)}%`,
    `${s.embedded}/${s.pending}/${s.failed}`,
    formatBytes(s.diskBytes),
    date(s.retiredAt),
    date(s.purgeAfter),
    date(s.purgedAt),
  ]);
  return formatTable(['id', 'state', 'model', 'dims', 'coverage', 'embedded/pending/failed', 'size', 'retired', 'purge after', 'purged'], rows, styles);
}
