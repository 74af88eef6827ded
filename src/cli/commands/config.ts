// `engram config get` / `engram config set KEY VALUE`: the embedding model in use and the Ollama host.
import { Argument, type Command } from 'commander';
import { resolveOllamaHost, type ResolvedOllamaHost } from '../../core/embedding/ollama';
import type { AskSettings } from '../../shared/ask-models';
import type { EmbeddingSpace, EngramSettings } from '../../shared/models';
import { contextFor, type CliDeps } from '../cli-context';
import { CliUsageError } from '../cli-error';
import { embeddingChoice } from '../embedding-choice';
import { formatFields, formatModel } from '../format';
import type { Styles } from '../output';
import { parsePositiveInt } from '../parse-args';
import { withEngine } from '../with-engine';

/** What `config get --json` prints. */
export interface ConfigJson {
  /** The settings stored in the memory (`ollamaHost: null` means OLLAMA_HOST, else the default). */
  readonly settings: EngramSettings;
  /** The Ollama address in effect and where it came from; null with an error when OLLAMA_HOST is invalid. */
  readonly ollamaHost: ResolvedOllamaHost | { readonly url: null; readonly source: 'env'; readonly error: string };
  /** The embedding space recall uses now. */
  readonly activeSpace: EmbeddingSpace | null;
  /** Ask's chat model (null: the first chat model installed) and context window. */
  readonly ask: AskSettings;
}

interface SetOptions {
  readonly model?: string;
  readonly dimensions?: number;
}

/** Registers `config get` and `config set`. */
export function registerConfig(program: Command, deps: CliDeps): void {
  const config = program
    .command('config')
    .summary('show or change the embedding model and the Ollama host')
    .description('Show or change the settings stored in the memory: the embedding model and where Ollama is.');

  config
    .command('get')
    .summary('show the settings and the model in use')
    .description('Show the Ollama host (and where it comes from) and the embedding model the memory uses.')
    .action(async (_options: unknown, command: Command) => {
      const ctx = contextFor(command, deps);
      const doc = await withEngine(ctx, async (engine): Promise<ConfigJson> => {
        const settings = await engine.getSettings();
        const active = (await engine.listSpaces()).find((s) => s.state === 'active') ?? null;
        return { settings, ollamaHost: resolvedHost(settings.ollamaHost, deps.env), activeSpace: active && toSpace(active), ask: await engine.getAskSettings() };
      });
      if (ctx.json) ctx.out.printJson(doc);
      else ctx.out.print(...formatConfig(doc, ctx.out.styles));
    });

  config
    .command('set')
    .summary('set provider builtin | provider ollama --model M | ollama-host URL')
    .description(
      'Change a setting: the embedding model (provider builtin, or provider ollama --model M) or where Ollama is ' +
        '(ollama-host URL). A memory with notes is not switched to another model here: the command says which ' +
        '`engram reembed` to run.',
    )
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  engram config set provider builtin\n' +
        '  engram config set provider ollama --model nomic-embed-text\n' +
        '  engram config set provider ollama --model qwen3-embedding --dimensions 1024\n' +
        '  engram config set ollama-host http://192.168.1.20:11434\n' +
        '  engram config set ollama-host default      (back to OLLAMA_HOST, else 127.0.0.1:11434)\n' +
        '  engram config set chat-model llama3.2      (the model `engram ask` answers with; `auto` for the first installed)\n' +
        '  engram config set ask-context 16384        (the context window asked of it, in tokens; `default` for 8192)',
    )
    .addArgument(new Argument('<key>', 'the setting').choices(['provider', 'ollama-host', 'chat-model', 'ask-context']))
    .argument('<value>', 'builtin or ollama (provider); a URL, `default` or "" (ollama-host); a model or `auto` (chat-model); tokens or `default` (ask-context)')
    .option('--model <name>', 'the Ollama model (with provider ollama)')
    .option('--dimensions <n>', 'ask a Matryoshka model for fewer dimensions (with provider ollama)', parsePositiveInt)
    .action(async (key: 'provider' | 'ollama-host' | 'chat-model' | 'ask-context', value: string, options: SetOptions, command: Command) => {
      const ctx = contextFor(command, deps);
      if (key === 'chat-model' || key === 'ask-context') {
        if (options.model !== undefined || options.dimensions !== undefined) {
          throw new CliUsageError(`--model and --dimensions go with \`config set provider ollama\`, not ${key}.`);
        }
        const ask = await withEngine(ctx, (engine) => engine.updateAskSettings(askPatch(key, value)));
        if (ctx.json) ctx.out.printJson({ ask });
        else ctx.out.print(describeAsk(ask));
        return;
      }
      if (key === 'ollama-host') {
        if (options.model !== undefined || options.dimensions !== undefined) {
          throw new CliUsageError('--model and --dimensions go with `config set provider ollama`, not ollama-host.');
        }
        const trimmed = value.trim();
        const host = trimmed === '' || trimmed.toLowerCase() === 'default' ? null : trimmed;
        const settings = await withEngine(ctx, (engine) => engine.updateSettings({ ollamaHost: host }));
        const resolved = resolvedHost(settings.ollamaHost, deps.env);
        if (ctx.json) ctx.out.printJson({ settings, ollamaHost: resolved });
        else ctx.out.print(settings.ollamaHost ? `Ollama host set to ${settings.ollamaHost}.` : `Ollama host reset: using ${describeHost(resolved)}.`);
        return;
      }
      const choice = embeddingChoice(value.trim().toLowerCase(), options.model, options.dimensions);
      const result = await withEngine(ctx, (engine) => engine.chooseEmbedding(choice));
      // The engine's activeSpace carries internal fields (prefixes, limits); print the documented EmbeddingSpace.
      if (ctx.json) ctx.out.printJson({ ...result, activeSpace: toSpace(result.activeSpace) });
      else ctx.out.print(result.message);
    });
}

/** The Ask settings change a `config set chat-model|ask-context VALUE` asks for. */
function askPatch(key: 'chat-model' | 'ask-context', value: string): { chatModel?: string | null; contextTokens?: number | null } {
  const trimmed = value.trim();
  const reset = trimmed === '' || ['auto', 'default'].includes(trimmed.toLowerCase());
  if (key === 'chat-model') return { chatModel: reset ? null : trimmed };
  if (reset) return { contextTokens: null };
  if (!/^\d+$/.test(trimmed)) throw new CliUsageError(`ask-context takes a number of tokens such as 8192 (or default), not "${trimmed}".`);
  return { contextTokens: Number(trimmed) };
}

/** Ask's settings in one line. */
function describeAsk(ask: AskSettings): string {
  const model = ask.chatModel ?? 'automatic (the first chat model installed in Ollama)';
  return `Ask answers with ${model}, in a context window of ${ask.contextTokens} tokens.`;
}

/** The effective Ollama address; an invalid OLLAMA_HOST is reported rather than failing the command. */
function resolvedHost(setting: string | null, env: NodeJS.ProcessEnv): ConfigJson['ollamaHost'] {
  try {
    return resolveOllamaHost(setting, env);
  } catch (error) {
    return { url: null, source: 'env', error: (error as Error).message };
  }
}

function describeHost(host: ConfigJson['ollamaHost']): string {
  if (host.url === null) return `an invalid OLLAMA_HOST (${'error' in host ? host.error : ''})`;
  return `${host.url} (${host.source === 'setting' ? 'set with `engram config set ollama-host`' : host.source === 'env' ? 'from OLLAMA_HOST' : 'the default'})`;
}

/** Just the EmbeddingSpace fields, in their documented order. */
function toSpace(space: EmbeddingSpace): EmbeddingSpace {
  const { id, provider, model, digest, dimensions, state, createdAt } = space;
  return { id, provider, model, digest, dimensions, state, createdAt };
}

/** `config get` as human lines. */
export function formatConfig(doc: ConfigJson, styles: Styles): string[] {
  return formatFields(
    [
      ['Embedding model', doc.activeSpace ? formatModel(doc.activeSpace) : 'none yet'],
      ['Ollama host', describeHost(doc.ollamaHost)],
      ['Chat model', `${doc.ask.chatModel ?? 'automatic (the first chat model installed)'}, context ${doc.ask.contextTokens} tokens`],
    ],
    styles,
  );
}
