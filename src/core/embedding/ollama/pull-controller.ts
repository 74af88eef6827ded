// One model pull at a time into the configured Ollama, with progress for the window and cancellation.
import type { ModelPullEvent, ModelPullResult } from '../../../shared/ask-models';
import { EngramError } from '../../errors';
import { pullOllamaModel } from './ollama-pull';

/** Runs pulls for the app: progress goes to listeners, cancel() stops the one running. */
export class ModelPullController {
  private current: { readonly model: string; readonly controller: AbortController } | null = null;
  private readonly listeners = new Set<(event: ModelPullEvent) => void>();

  /** `host` gives Ollama's base URL when a pull starts. */
  constructor(private readonly host: () => string) {}

  /** Pulls a model; resolves when it succeeded or was cancelled, throws EngramError when it failed. */
  async pull(model: string): Promise<ModelPullResult> {
    const name = model.trim();
    if (name === '' || /\s/.test(name) || name.length > 300) throw new EngramError('INVALID_INPUT', `"${name.slice(0, 60)}" is not a model name; use one such as llama3.2.`);
    if (this.current) throw new EngramError('INVALID_INPUT', `Already pulling ${this.current.model}; wait for it to finish or cancel it first.`);
    const controller = new AbortController();
    this.current = { model: name, controller };
    try {
      return await pullOllamaModel({
        host: this.host(),
        model: name,
        signal: controller.signal,
        onProgress: (p) => this.emit({ model: name, status: p.status, value: p.value, completed: p.completed, total: p.total }),
      });
    } finally {
      this.current = null;
    }
  }

  /** Cancels the running pull; false when none runs. */
  cancel(): boolean {
    this.current?.controller.abort();
    return this.current !== null;
  }

  /** Subscribes to progress; returns the unsubscribe function. */
  onProgress(listener: (event: ModelPullEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: ModelPullEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
