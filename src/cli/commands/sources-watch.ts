// `engram sources watch`: holds the memory in the foreground, keeps every connected folder current and serves the
// memory on the local socket as the app does, for a machine without the app (a home server that feeds agents).
import type { Command } from 'commander';
import type { SourceEvent } from '../../core/sources/source-models';
import { contextFor, type CliDeps } from '../cli-context';
import { CliExit } from '../cli-error';
import { handleInterrupts } from '../interrupt';

/** Registers `sources watch`. */
export function registerSourcesWatch(sources: Command, deps: CliDeps): void {
  sources
    .command('watch')
    .summary('hold the memory, keep every folder current and serve agents (engram mcp) until Ctrl-C')
    .description(
      'Open the memory and keep it open: every connected folder is watched and each change is read at once, queued\n' +
        'embeddings are made, and `engram mcp` (agents) reaches the memory over the local socket, as when the app runs.\n' +
        'Prints each change as it settles (one JSON object per line with --json). Ctrl-C closes the memory.',
    )
    .action(async (_options: unknown, command: Command) => {
      const ctx = contextFor(command, deps);
      // It holds the memory itself (never through another holder's socket) and serves it, as the app does.
      const { openEngram } = await import('../../core/engine/open-engram');
      const engine = await openEngram({ dataDir: ctx.dataDir, autoEmbed: true, holder: 'engram sources watch', serves: true });
      const { MemorySocketServer } = await import('../../mcp/memory-socket-server');
      const server = await MemorySocketServer.start({ dataDir: ctx.dataDir, api: engine, holder: 'engram sources watch' }).catch(async (error: unknown) => {
        await engine.close();
        throw error;
      });
      const print = (event: SourceEvent): void => {
        if (ctx.json) ctx.out.stdout.write(`${JSON.stringify(event)}\n`);
        else ctx.out.print(describe(event));
      };
      const stopEvents = engine.onSourceEvent(print);
      const sources = await engine.listSources();
      if (!ctx.json) {
        ctx.out.print(`Watching ${sources.length} folder${sources.length === 1 ? '' : 's'}; agents reach the memory at ${server.socketPath}. Ctrl-C stops.`);
      }
      const signal = await new Promise<NodeJS.Signals>((resolve) => {
        const stop = handleInterrupts((received) => {
          stop();
          resolve(received);
        });
      });
      stopEvents();
      await server.close().catch(() => undefined);
      await engine.close();
      throw new CliExit(signal === 'SIGINT' ? 130 : 143);
    });
}

function describe(event: SourceEvent): string {
  if (event.type === 'state') {
    const s = event.source;
    return `folder ${s.id} ${s.state}${s.progress ? ` ${s.progress.done}/${s.progress.total}` : ''}${s.reason ? `: ${s.reason}` : ''}`;
  }
  const c = event.counts;
  const parts = Object.entries(c)
    .filter(([key, n]) => n > 0 && key !== 'unchanged')
    .map(([key, n]) => `${n} ${key}`);
  return `folder ${event.sourceId}: ${parts.length ? parts.join(', ') : 'no change'}`;
}
