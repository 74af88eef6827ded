// ChatProvider over a local Ollama through the `ollama` npm client: /api/show for capabilities and context length,
// /api/ps for whether the model is loaded, and a streamed /api/chat with num_ctx and num_predict set explicitly.
import { createOllamaClient } from '../embedding/ollama/ollama-client';
import { readModelShow } from '../embedding/ollama/ollama-model-info';
import { sameModelName } from '../embedding/ollama/model-registry';
import { notAChatModel, toChatError, toStreamError } from './chat-errors';
import { ChatError, type ChatModelInfo, type ChatProvider, type ChatStreamEvent, type ChatStreamRequest } from './chat-provider';

/** Where the model runs and how long it stays loaded after an answer. */
export interface OllamaChatProviderOptions {
  readonly host: string;
  readonly model: string;
  /** Ollama's keep_alive (default '10m': follow-up questions do not pay the load again). */
  readonly keepAlive?: string;
  /** Timeout of the short metadata calls (/api/show, /api/ps), in ms (default 10 s). Streams have none: Stop ends them. */
  readonly metadataTimeoutMs?: number;
}

/** An Ollama chat model. Instances are cheap; describe() is cached once it succeeds. */
export class OllamaChatProvider implements ChatProvider {
  readonly model: string;
  private described: Promise<ChatModelInfo> | null = null;

  constructor(private readonly options: OllamaChatProviderOptions) {
    this.model = options.model;
  }

  /** Capabilities and context length from /api/show; a model without the completion capability is refused. */
  describe(): Promise<ChatModelInfo> {
    this.described ??= this.readInfo().catch((error: unknown) => {
      this.described = null;
      throw error;
    });
    return this.described;
  }

  /** Whether /api/ps lists the model; null when Ollama does not answer. */
  async isLoaded(): Promise<boolean | null> {
    try {
      const client = createOllamaClient({ host: this.options.host, timeoutMs: this.options.metadataTimeoutMs ?? 10_000 });
      const ps = (await client.ps()) as { models?: { name?: string; model?: string }[] };
      return (ps.models ?? []).some((m) => sameModelName(m.name ?? m.model ?? '', this.model));
    } catch {
      return null;
    }
  }

  /** Streams /api/chat. Errors before the first piece and during the stream come out as ChatError. */
  async *stream(request: ChatStreamRequest): AsyncGenerator<ChatStreamEvent, void, void> {
    const { host } = this.options;
    if (request.signal?.aborted) throw new ChatError('aborted', 'stopped');
    const client = createOllamaClient({ host, signal: request.signal });
    let parts: AsyncIterable<Record<string, unknown>>;
    try {
      parts = (await client.chat({
        model: this.model,
        messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
        stream: true,
        keep_alive: this.options.keepAlive ?? '10m',
        options: { num_ctx: request.contextTokens, num_predict: request.answerTokens, temperature: 0.2 },
      })) as unknown as AsyncIterable<Record<string, unknown>>;
    } catch (error) {
      throw request.signal?.aborted ? new ChatError('aborted', 'stopped') : toChatError(error, host, this.model);
    }
    try {
      for await (const part of parts) {
        const message = part['message'] as { content?: unknown } | undefined;
        const text = typeof message?.content === 'string' ? message.content : '';
        if (text !== '') yield { kind: 'piece', text };
        if (part['done'] === true) {
          const number = (key: string) => (typeof part[key] === 'number' ? (part[key] as number) : null);
          const loadNs = number('load_duration');
          yield {
            kind: 'done',
            doneReason: typeof part['done_reason'] === 'string' ? part['done_reason'] : null,
            loadMs: loadNs === null ? null : loadNs / 1e6,
            promptTokens: number('prompt_eval_count'),
            answerTokens: number('eval_count'),
          };
          return;
        }
      }
    } catch (error) {
      throw request.signal?.aborted ? new ChatError('aborted', 'stopped') : toStreamError(error, host);
    }
    if (request.signal?.aborted) throw new ChatError('aborted', 'stopped');
    throw new ChatError('interrupted', `The connection to Ollama at ${host} ended before the answer was complete.`);
  }

  private async readInfo(): Promise<ChatModelInfo> {
    const { host } = this.options;
    const client = createOllamaClient({ host, timeoutMs: this.options.metadataTimeoutMs ?? 10_000 });
    let facts;
    try {
      facts = await readModelShow(client, this.model);
    } catch (error) {
      throw toChatError(error, host, this.model);
    }
    if (facts.capabilities.length > 0 && !facts.capabilities.includes('completion')) throw notAChatModel(this.model);
    return { provider: 'ollama', model: this.model, host, contextLength: facts.contextLength, capabilities: facts.capabilities };
  }
}
