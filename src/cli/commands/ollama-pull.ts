// `engram ollama pull MODEL`: download a model into Ollama with a progress bar; Ctrl-C cancels.
import type { Command } from 'commander';
import { pullOllamaModel, resolveOllamaHost, type OllamaPullProgress, type OllamaPullResult } from '../../core/embedding/ollama';
import { contextFor, type CliDeps } from '../cli-context';
import { CliExit } from '../cli-error';
import { handleInterrupts } from '../interrupt';
import type { TextSink } from '../output';
import { formatBytes } from '../format';
import { BYTE_UNITS, formatDuration, TtyProgressBar } from '../progress-bar';
import { withEngine } from '../with-engine';

/** What `ollama pull --json` prints. */
export interface PullJson extends OllamaPullResult {
  readonly host: string;
  readonly tookMs: number;
}

/** Registers `ollama pull MODEL` under the `ollama` command. */
export function registerOllamaPull(ollama: Command, deps: CliDeps): void {
  ollama
    .command('pull')
    .summary('download a model into Ollama, with progress')
    .description(
      'Download a model into the Ollama that Engram uses (`engram config get` shows where), as `ollama pull` does. ' +
        'Progress goes to stderr. Ctrl-C cancels (exit 130); Ollama keeps what it downloaded and resumes next time.',
    )
    .argument('<model>', 'the model name, e.g. nomic-embed-text or qwen3-embedding:0.6b')
    .action(async (model: string, _options: unknown, command: Command) => {
      const ctx = contextFor(command, deps);
      // The memory is needed only for the host setting; it is closed before the download, so the app can open it.
      const setting = await withEngine(ctx, async (engine) => (await engine.getSettings()).ollamaHost);
      const host = resolveOllamaHost(setting, deps.env).url;
      const started = Date.now();
      const showProgress = !ctx.json || deps.stderr.isTTY === true;
      const progress = showProgress ? new PullProgress(deps.stderr, `pulling ${model}`) : null;
      const abort = new AbortController();
      let signalled: number | null = null;
      const stopListening = handleInterrupts((_signal, code) => {
        signalled = code;
        abort.abort();
      });
      let result: OllamaPullResult;
      try {
        result = await pullOllamaModel({ host, model, signal: abort.signal, onProgress: (p) => progress?.update(p) });
      } finally {
        stopListening();
        progress?.finish();
      }
      if (result.outcome === 'cancelled') {
        throw new CliExit(signalled ?? 130, `cancelled pulling ${model}; run the same command again to resume (Ollama keeps the partial download).`);
      }
      const json: PullJson = { ...result, host, tookMs: Date.now() - started };
      if (ctx.json) ctx.out.printJson(json);
      else ctx.out.print(`Pulled ${model} into Ollama at ${host} in ${formatDuration(json.tookMs / 1000)}.`);
    });
}

/**
 * Pull progress on stderr: a byte bar over all layers seen so far on a terminal; otherwise one line per step
 * (manifest, each layer with its size, verifying...) and, during a long layer, at most one line a second.
 */
class PullProgress {
  private readonly layers = new Map<string, { completed: number; total: number }>();
  private readonly bar: TtyProgressBar | null;
  private lastStatus = '';
  private lastLine = 0;

  constructor(
    private readonly sink: TextSink,
    private readonly label: string,
    private readonly now: () => number = Date.now,
  ) {
    this.bar = sink.isTTY ? new TtyProgressBar(sink, label, now, BYTE_UNITS) : null;
  }

  update(p: OllamaPullProgress): void {
    if (p.digest && p.total !== null && p.total > 0) this.layers.set(p.digest, { completed: Math.min(p.completed ?? 0, p.total), total: p.total });
    if (this.bar) {
      let done = 0;
      let total = 0;
      for (const layer of this.layers.values()) {
        done += layer.completed;
        total += layer.total;
      }
      if (total > 0) this.bar.update(p.status === 'success' ? total : done, total);
      return;
    }
    if (p.status === 'success') return;
    const t = this.now();
    if (p.status !== this.lastStatus) {
      this.lastStatus = p.status;
      this.lastLine = t;
      this.sink.write(`${this.label}: ${p.status}${p.total ? ` (${formatBytes(p.total)})` : ''}\n`);
    } else if (p.total && p.completed && p.completed < p.total && t - this.lastLine >= 1000) {
      this.lastLine = t;
      const percent = Math.floor((p.completed / p.total) * 100);
      this.sink.write(`${this.label}: ${p.status} ${formatBytes(p.completed)}/${formatBytes(p.total)} (${percent}%)\n`);
    }
  }

  finish(): void {
    this.bar?.finish();
  }
}
