// `engram ollama doctor`: is Ollama reachable, which embedding models are installed, and what to do about problems.
import type { Command } from 'commander';
import type { OllamaDoctorReport } from '../../core/embedding/ollama';
import { contextFor, type CliDeps } from '../cli-context';
import { formatFields, formatTable } from '../format';
import type { Styles } from '../output';
import { withEngine } from '../with-engine';

interface DoctorOptions {
  readonly model?: string;
}

/** Registers `ollama doctor [--model M]` under the `ollama` command. */
export function registerOllamaDoctor(ollama: Command, deps: CliDeps): void {
  ollama
    .command('doctor')
    .summary('check Ollama: reachable, version, embedding models, the configured model')
    .description(
      'Check the Ollama that Engram is configured to use (`engram config get` shows where): whether it answers, its ' +
        'version, the embedding models installed (dimensions, context length), whether the model in use (or --model) ' +
        'is installed, and what to do about each problem. Exits 0 even when it finds problems: it is a report.',
    )
    .option('--model <name>', 'the model to check (default: the model of the active space, when it is an Ollama model)')
    .action(async (options: DoctorOptions, command: Command) => {
      const ctx = contextFor(command, deps);
      const report = await withEngine(ctx, (engine) => engine.ollamaDoctor(options.model?.trim() || undefined));
      if (ctx.json) ctx.out.printJson(report);
      else ctx.out.print(...formatDoctor(report, ctx.out.styles));
    });
}

const SOURCES: Record<OllamaDoctorReport['hostSource'], string> = {
  setting: 'from `engram config set ollama-host`',
  env: 'from OLLAMA_HOST',
  default: 'the default',
};

/** The doctor's report as human lines: the server, the models, then each problem with what to do. */
export function formatDoctor(report: OllamaDoctorReport, styles: Styles): string[] {
  const configured = report.configuredModel
    ? `${report.configuredModel}: ${
        report.configuredModelInstalled === null
          ? 'unknown (Ollama did not answer)'
          : report.configuredModelInstalled
            ? report.configuredModelIsEmbedding === false
              ? 'installed, but not an embedding model'
              : 'installed'
            : 'not installed'
      }`
    : 'none (the memory does not use an Ollama model; check one with --model NAME)';
  const lines = formatFields(
    [
      ['Ollama', `${report.host} (${SOURCES[report.hostSource]})`],
      ['Reachable', report.reachable ? `yes, version ${report.version ?? 'unknown'}` : 'no'],
      ['Model', configured],
    ],
    styles,
  );
  if (report.reachable) {
    lines.push('', `${styles.bold('Embedding models')} (${report.embeddingModels.length})`);
    if (report.embeddingModels.length === 0) lines.push('  none installed');
    else {
      const rows = report.embeddingModels.map((m) => [
        m.name,
        m.dimensions === null ? '?' : String(m.dimensions),
        m.contextLength === null ? '?' : String(m.contextLength),
        [m.parameterSize, m.quantization].filter(Boolean).join(' '),
      ]);
      lines.push(...formatTable(['name', 'dimensions', 'context', 'size'], rows).map((line) => `  ${line}`));
    }
    if (report.otherModels.length > 0) lines.push(`Other models (not for embedding): ${report.otherModels.join(', ')}`);
    lines.push('', `${styles.bold('Chat models')} for \`engram ask\` (${report.chatModels.length}), using ${report.configuredChatModel ?? 'the first one (automatic)'}`);
    if (report.chatModels.length === 0) lines.push('  none installed');
    else {
      const rows = report.chatModels.map((m) => [m.name, m.contextLength === null ? '?' : String(m.contextLength), [m.parameterSize, m.quantization].filter(Boolean).join(' ')]);
      lines.push(...formatTable(['name', 'context', 'size'], rows).map((line) => `  ${line}`));
    }
    for (const problem of report.chatProblems) lines.push(`  - ${problem.message}`, `    what to do: ${problem.action}`);
  }
  lines.push('');
  if (report.problems.length === 0) {
    lines.push(`No problems found: Engram can embed with ${report.configuredModel ?? 'Ollama'}.`);
    return lines;
  }
  lines.push(styles.bold(`Problems (${report.problems.length})`));
  for (const problem of report.problems) {
    lines.push(`  - ${problem.message}`, `    what to do: ${problem.action}`);
    if (problem.command && !problem.action.includes(problem.command)) lines.push(`    run: ${problem.command}`);
  }
  return lines;
}
