// Ask's settings, kept in the memory's settings table so the app and the CLI agree: the chat model and the context
// window asked of it.
import type { AskSettings } from '../../shared/ask-models';
import type { SettingsRepository } from '../db/repositories/settings-repository';
import { EngramError } from '../errors';

const CHAT_MODEL_KEY = 'ask.chatModel';
const CONTEXT_KEY = 'ask.contextTokens';

/**
 * The context window asked of the chat model by default (num_ctx). Ollama's own default is 2,048-4,096 tokens, too
 * small for several passages; 8,192 holds a dozen and keeps a 3B model's memory use moderate (the whole supported
 * context of llama3.2, 131,072 tokens, would need many gigabytes for its cache).
 */
export const DEFAULT_CONTEXT_TOKENS = 8192;
/** The smallest and largest context windows accepted. */
export const MIN_CONTEXT_TOKENS = 1024;
export const MAX_CONTEXT_TOKENS = 262_144;

/** Reads and changes Ask's settings. */
export class AskSettingsStore {
  constructor(private readonly settings: SettingsRepository) {}

  /** The current settings. */
  async get(): Promise<AskSettings> {
    const chatModel = (await this.settings.get<string>(CHAT_MODEL_KEY)) ?? null;
    const contextTokens = (await this.settings.get<number>(CONTEXT_KEY)) ?? DEFAULT_CONTEXT_TOKENS;
    return { chatModel, contextTokens };
  }

  /** Changes settings: a chat model name (null or '' for automatic), a context window in tokens (null for the default). */
  async update(patch: { readonly chatModel?: string | null; readonly contextTokens?: number | null }): Promise<AskSettings> {
    if (patch.chatModel !== undefined) {
      const model = patch.chatModel?.trim() ?? '';
      if (model.length > 300 || /\s/.test(model)) throw new EngramError('INVALID_INPUT', `"${model.slice(0, 60)}" is not a model name; use a name such as llama3.2 or qwen3:8b.`);
      await this.settings.set(CHAT_MODEL_KEY, model === '' ? null : model);
    }
    if (patch.contextTokens !== undefined) {
      const tokens = patch.contextTokens;
      if (tokens !== null && (!Number.isInteger(tokens) || tokens < MIN_CONTEXT_TOKENS || tokens > MAX_CONTEXT_TOKENS)) {
        throw new EngramError('INVALID_INPUT', `The context window must be a whole number of tokens from ${MIN_CONTEXT_TOKENS} to ${MAX_CONTEXT_TOKENS}, such as 8192.`);
      }
      await this.settings.set(CONTEXT_KEY, tokens);
    }
    return this.get();
  }
}
