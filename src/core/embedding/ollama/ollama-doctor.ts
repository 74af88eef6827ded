// One call that tells the user (CLI `engram ollama doctor`, or the app) whether Ollama can serve Engram, and what to do.
import { createOllamaClient } from './ollama-client';
import { asOllamaHttpError, describeConnectionFault } from './ollama-errors';
import { resolveOllamaHost } from './ollama-host';
import type { ResolvedOllamaHost } from './ollama-host';
import { lookupOllamaModel, parseModelName, sameModelName } from './model-registry';
import { readModelShow } from './ollama-model-info';
import { runBounded } from './run-bounded';

/** An installed model as the doctor describes it. */
export interface OllamaDoctorModel {
  /** Name as /api/tags lists it, e.g. `nomic-embed-text:latest`. */
  readonly name: string;
  readonly digest: string | null;
  readonly sizeBytes: number | null;
  readonly family: string | null;
  readonly parameterSize: string | null;
  readonly quantization: string | null;
  /** From /api/show; empty when the server did not say. */
  readonly capabilities: readonly string[];
  /** `<arch>.embedding_length`, else the registry's width; null when unknown. */
  readonly dimensions: number | null;
  /** `<arch>.context_length`, else the registry's; null when unknown. */
  readonly contextLength: number | null;
  /** True when Engram's registry knows this model (prefixes, Matryoshka). */
  readonly known: boolean;
}

/** Stable identifiers of the problems the doctor can find. */
export type OllamaProblemCode =
  | 'invalid-host'
  | 'unreachable'
  | 'not-ollama'
  | 'no-model-configured'
  | 'model-not-installed'
  | 'not-an-embedding-model'
  | 'no-embedding-models'
  | 'model-info-unavailable'
  // about chat models (Ask); they go in chatProblems and do not make the embedding report fail
  | 'no-chat-models'
  | 'chat-model-not-installed'
  | 'not-a-chat-model';

/** A problem and exactly what to do about it. */
export interface OllamaProblem {
  readonly code: OllamaProblemCode;
  readonly message: string;
  /** What the user should do, in words. */
  readonly action: string;
  /** A command that fixes it, when there is one (`ollama serve`, `ollama pull nomic-embed-text`). */
  readonly command: string | null;
  /** A model Engram can pull right now (`engram ollama pull MODEL`), when that is the fix. */
  readonly pullModel: string | null;
}

/** The doctor's serialisable report. */
export interface OllamaDoctorReport {
  readonly host: string;
  readonly hostSource: ResolvedOllamaHost['source'];
  readonly reachable: boolean;
  readonly version: string | null;
  /** Installed models whose /api/show capabilities include `embedding`. */
  readonly embeddingModels: readonly OllamaDoctorModel[];
  /** Installed models without the embedding capability (chat models and the like), by name. */
  readonly otherModels: readonly string[];
  readonly configuredModel: string | null;
  /** Whether the configured model is installed (null when no model is configured or Ollama is unreachable). */
  readonly configuredModelInstalled: boolean | null;
  /** Whether the configured model has the embedding capability (null when unknown). */
  readonly configuredModelIsEmbedding: boolean | null;
  readonly problems: readonly OllamaProblem[];
  /** True when there are no problems and the configured model can embed. */
  readonly ok: boolean;
  readonly checkedAt: string;
  /** Installed models whose /api/show capabilities include `completion`: the ones Ask can answer with. */
  readonly chatModels: readonly OllamaDoctorModel[];
  /** The chat model Ask is set to use (null: the first chat model installed). */
  readonly configuredChatModel: string | null;
  /** What stands between Ask and an answer (no chat model, the chosen one missing or not a chat model). */
  readonly chatProblems: readonly OllamaProblem[];
}

/** Where to look and what the user configured. */
export interface OllamaDoctorOptions {
  /** Explicit host setting (OLLAMA_HOST and the default apply when empty). */
  readonly host?: string | null;
  /** The model Engram is configured to use, if any. */
  readonly model?: string | null;
  /** The chat model Ask is set to use, if any. */
  readonly chatModel?: string | null;
  /** Per-request timeout in ms (default 5000: a local server answers these in milliseconds). */
  readonly timeoutMs?: number;
  /** Environment to read OLLAMA_HOST from (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Checks reachability, version, installed embedding models and the configured model; never throws for faults. */
export async function runOllamaDoctor(options: OllamaDoctorOptions = {}): Promise<OllamaDoctorReport> {
  let resolved: ResolvedOllamaHost;
  try {
    resolved = resolveOllamaHost(options.host, options.env);
  } catch (error) {
    const fromSetting = options.host != null && options.host.trim() !== '';
    return {
      host: fromSetting ? options.host! : ((options.env ?? process.env)['OLLAMA_HOST'] ?? ''),
      hostSource: fromSetting ? 'setting' : 'env',
      reachable: false,
      version: null,
      embeddingModels: [],
      otherModels: [],
      configuredModel: options.model?.trim() || null,
      configuredModelInstalled: null,
      configuredModelIsEmbedding: null,
      problems: [
        {
          code: 'invalid-host',
          message: (error as Error).message,
          action: fromSetting ? 'fix the Ollama host in Engram settings' : 'fix or unset OLLAMA_HOST',
          command: null,
          pullModel: null,
        },
      ],
      ok: false,
      checkedAt: new Date().toISOString(),
      chatModels: [],
      configuredChatModel: options.chatModel?.trim() || null,
      chatProblems: [],
    };
  }
  const client = createOllamaClient({ host: resolved.url, timeoutMs: options.timeoutMs ?? 5000 });
  const configured = options.model?.trim() || null;
  const problems: OllamaProblem[] = [];
  const configuredChat = options.chatModel?.trim() || null;
  const base = {
    host: resolved.url,
    hostSource: resolved.source,
    configuredModel: configured,
    checkedAt: new Date().toISOString(),
    configuredChatModel: configuredChat,
    chatModels: [] as OllamaDoctorModel[],
    chatProblems: [] as OllamaProblem[],
  };

  let version: string | null;
  try {
    const answer = (await client.version()) as { version?: unknown };
    version = typeof answer?.version === 'string' ? answer.version : null;
  } catch (error) {
    problems.push(unreachableProblem(resolved, error));
    return {
      ...base,
      reachable: false,
      version: null,
      embeddingModels: [],
      otherModels: [],
      configuredModelInstalled: null,
      configuredModelIsEmbedding: null,
      problems,
      ok: false,
    };
  }

  let tags: { name: string; digest: string | null; size: number | null }[];
  try {
    const list = (await client.list()) as { models?: unknown };
    const models = Array.isArray(list?.models) ? (list.models as Record<string, unknown>[]) : [];
    tags = models
      .map((m) => ({
        name: String(m['name'] ?? m['model'] ?? ''),
        digest: typeof m['digest'] === 'string' ? m['digest'] : null,
        size: typeof m['size'] === 'number' ? m['size'] : null,
      }))
      .filter((m) => m.name !== '');
  } catch (error) {
    problems.push(unreachableProblem(resolved, error));
    return {
      ...base,
      reachable: false,
      version,
      embeddingModels: [],
      otherModels: [],
      configuredModelInstalled: null,
      configuredModelIsEmbedding: null,
      problems,
      ok: false,
    };
  }

  const described: OllamaDoctorModel[] = new Array<OllamaDoctorModel>(tags.length);
  await runBounded(tags.length, 4, async (i) => {
    const tag = tags[i]!;
    const spec = lookupOllamaModel(tag.name);
    try {
      const facts = await readModelShow(client, tag.name);
      described[i] = {
        name: tag.name,
        digest: tag.digest,
        sizeBytes: tag.size,
        family: facts.family,
        parameterSize: facts.parameterSize,
        quantization: facts.quantization,
        capabilities: facts.capabilities,
        dimensions: facts.embeddingLength ?? spec?.dimensions ?? null,
        contextLength: facts.contextLength ?? spec?.contextLength ?? null,
        known: spec !== undefined,
      };
    } catch (error) {
      problems.push({
        code: 'model-info-unavailable',
        message: `could not read details of ${tag.name} (${describeFault(error, resolved.url)})`,
        action: `check that Ollama is healthy; \`ollama show ${tag.name}\` should work`,
        command: `ollama show ${tag.name}`,
        pullModel: null,
      });
      described[i] = {
        name: tag.name,
        digest: tag.digest,
        sizeBytes: tag.size,
        family: null,
        parameterSize: null,
        quantization: null,
        capabilities: [],
        dimensions: spec?.dimensions ?? null,
        contextLength: spec?.contextLength ?? null,
        known: spec !== undefined,
      };
    }
  });

  const embeddingModels = described.filter((m) => m.capabilities.includes('embedding'));
  const otherModels = described.filter((m) => !m.capabilities.includes('embedding')).map((m) => m.name);
  const installedEntry = configured ? described.find((m) => sameModelName(m.name, configured)) : undefined;
  const configuredModelInstalled = configured ? installedEntry !== undefined : null;
  const configuredModelIsEmbedding = installedEntry
    ? installedEntry.capabilities.length > 0
      ? installedEntry.capabilities.includes('embedding')
      : null
    : null;

  if (!configured) {
    problems.push({
      code: 'no-model-configured',
      message: 'no Ollama embedding model is configured',
      action:
        embeddingModels.length > 0
          ? `choose one of the installed embedding models: engram config set provider ollama --model ${parseModelName(embeddingModels[0]!.name).base}`
          : 'pull an embedding model, then choose it: engram config set provider ollama --model nomic-embed-text',
      command: embeddingModels.length > 0 ? null : 'ollama pull nomic-embed-text',
      pullModel: embeddingModels.length > 0 ? null : 'nomic-embed-text',
    });
  } else if (!configuredModelInstalled) {
    problems.push({
      code: 'model-not-installed',
      message: `the configured model ${configured} is not installed in Ollama at ${resolved.url}`,
      action: `pull it: run \`ollama pull ${configured}\` (or \`engram ollama pull ${configured}\`)`,
      command: `ollama pull ${configured}`,
      pullModel: configured,
    });
  } else if (configuredModelIsEmbedding === false) {
    problems.push({
      code: 'not-an-embedding-model',
      message: `${configured} is installed but is not an embedding model (it offers ${installedEntry!.capabilities.join(', ')})`,
      action:
        embeddingModels.length > 0
          ? `choose an embedding model, e.g. engram config set provider ollama --model ${parseModelName(embeddingModels[0]!.name).base}`
          : 'pull an embedding model such as nomic-embed-text and choose it',
      command: embeddingModels.length > 0 ? null : 'ollama pull nomic-embed-text',
      pullModel: embeddingModels.length > 0 ? null : 'nomic-embed-text',
    });
  }
  if (embeddingModels.length === 0 && !problems.some((p) => p.pullModel !== null)) {
    problems.push({
      code: 'no-embedding-models',
      message: 'Ollama has no embedding model installed',
      action: 'pull one: run `ollama pull nomic-embed-text` (or `engram ollama pull nomic-embed-text`)',
      command: 'ollama pull nomic-embed-text',
      pullModel: 'nomic-embed-text',
    });
  }

  return {
    ...base,
    reachable: true,
    version,
    embeddingModels,
    otherModels,
    chatModels: described.filter((m) => m.capabilities.includes('completion')),
    chatProblems: chatProblems(described, configuredChat, resolved.url),
    configuredModelInstalled,
    configuredModelIsEmbedding,
    problems,
    ok: problems.length === 0 && configured !== null,
  };
}

/** The model Ask suggests when no chat model is installed. */
const SUGGESTED_CHAT_MODEL = 'llama3.2';

/** Problems for Ask: no chat model installed, or the chosen one missing or unable to chat. */
function chatProblems(described: readonly OllamaDoctorModel[], configured: string | null, host: string): OllamaProblem[] {
  const chat = described.filter((m) => m.capabilities.includes('completion'));
  if (configured) {
    const entry = described.find((m) => sameModelName(m.name, configured));
    if (!entry) {
      return [
        {
          code: 'chat-model-not-installed',
          message: `the chat model ${configured} chosen for Ask is not installed in Ollama at ${host}`,
          action: `pull it: run \`ollama pull ${configured}\` (or \`engram ollama pull ${configured}\`)`,
          command: `ollama pull ${configured}`,
          pullModel: configured,
        },
      ];
    }
    if (entry.capabilities.length > 0 && !entry.capabilities.includes('completion')) {
      return [
        {
          code: 'not-a-chat-model',
          message: `${configured} is chosen for Ask but cannot chat (it offers ${entry.capabilities.join(', ')})`,
          action: chat.length > 0 ? `choose a chat model: engram config set chat-model ${parseModelName(chat[0]!.name).base}` : `pull a chat model: run \`ollama pull ${SUGGESTED_CHAT_MODEL}\``,
          command: chat.length > 0 ? null : `ollama pull ${SUGGESTED_CHAT_MODEL}`,
          pullModel: chat.length > 0 ? null : SUGGESTED_CHAT_MODEL,
        },
      ];
    }
    return [];
  }
  if (chat.length > 0) return [];
  return [
    {
      code: 'no-chat-models',
      message: 'Ollama has no chat model installed, so Ask cannot answer questions (search works without one)',
      action: `pull one: run \`ollama pull ${SUGGESTED_CHAT_MODEL}\` (or \`engram ollama pull ${SUGGESTED_CHAT_MODEL}\`)`,
      command: `ollama pull ${SUGGESTED_CHAT_MODEL}`,
      pullModel: SUGGESTED_CHAT_MODEL,
    },
  ];
}

function unreachableProblem(resolved: ResolvedOllamaHost, error: unknown): OllamaProblem {
  const http = asOllamaHttpError(error);
  if (http) {
    return {
      code: 'not-ollama',
      message: `${resolved.url} answered HTTP ${http.status} (${http.message}); it does not look like Ollama`,
      action: 'check the Ollama host setting (or OLLAMA_HOST) points at Ollama',
      command: null,
      pullModel: null,
    };
  }
  const where =
    resolved.source === 'env'
      ? ' (address from OLLAMA_HOST)'
      : resolved.source === 'setting'
        ? ' (address set in Engram)'
        : ' (the default address)';
  return {
    code: 'unreachable',
    message: `${describeFault(error, resolved.url)}${where}`,
    action: 'start Ollama (open the Ollama app, or run `ollama serve`), or fix the host setting',
    command: 'ollama serve',
    pullModel: null,
  };
}

/** A plain description of what went wrong, for people: never a bare 'fetch failed'. */
function describeFault(error: unknown, host: string): string {
  const http = asOllamaHttpError(error);
  if (http) return `HTTP ${http.status}: ${http.message}`;
  const plain = describeConnectionFault(error, host);
  if (plain) return plain;
  return error instanceof Error ? error.message : String(error);
}
