// The contract of a chat model that answers from the passages it is given, beside EmbeddingProvider. Ollama is the
// first implementation (ollama-chat-provider.ts); the ask service depends only on this.
import type { AskProblem } from '../../shared/ask-models';

/** One message of a chat, as the model receives it. */
export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

/** What a chat model is: where it runs, what it can do and how large a context it supports. */
export interface ChatModelInfo {
  readonly provider: string;
  readonly model: string;
  readonly host: string;
  /** The largest context window the model supports, in tokens; null when the server does not say. */
  readonly contextLength: number | null;
  readonly capabilities: readonly string[];
}

/** One streamed request. */
export interface ChatStreamRequest {
  readonly messages: readonly ChatMessage[];
  /** The context window to use (Ollama's num_ctx); the prompt must fit in it with the answer. */
  readonly contextTokens: number;
  /** The longest answer, in tokens (num_predict). */
  readonly answerTokens: number;
  /** Aborting stops generation (the HTTP request is aborted). */
  readonly signal?: AbortSignal;
}

/** A streamed answer: pieces to append, then one `done`. */
export type ChatStreamEvent =
  | { readonly kind: 'piece'; readonly text: string }
  | { readonly kind: 'done'; readonly doneReason: string | null; readonly loadMs: number | null; readonly promptTokens: number | null; readonly answerTokens: number | null };

/** Why a chat failed. `interrupted`: the stream ended early (cut, or an error line); the rest can be fixed by the person. */
export type ChatErrorCode = AskProblem['code'] | 'interrupted' | 'aborted';

/** A chat failure with a readable message; `command` is what to run when there is one. */
export class ChatError extends Error {
  override readonly name = 'ChatError';
  constructor(
    readonly code: ChatErrorCode,
    message: string,
    readonly command: string | null = null,
    readonly pullModel: string | null = null,
  ) {
    super(message);
  }

  /** The problem to show when no answer can be had (not for interrupted or aborted streams). */
  toProblem(): AskProblem | null {
    if (this.code === 'interrupted' || this.code === 'aborted') return null;
    return { code: this.code, message: this.message, command: this.command, pullModel: this.pullModel };
  }
}

/** A chat model. Implementations never write to the console and report failures as ChatError. */
export interface ChatProvider {
  readonly model: string;
  /** Reads the model's capabilities and context length; refuses a model that cannot chat. Cached once it succeeds. */
  describe(): Promise<ChatModelInfo>;
  /** Whether the model is loaded in memory now (its first token will not wait for a load); null when unknown. */
  isLoaded(): Promise<boolean | null>;
  /** Streams an answer. Aborting the signal ends the stream with a ChatError `aborted`. */
  stream(request: ChatStreamRequest): AsyncIterable<ChatStreamEvent>;
}
