// Pulling a model into Ollama from the window (a chat model for Ask, or any model): progress, cancel, the outcome.
import { create } from 'zustand';
import type { ModelPullEvent } from '../../../shared/ask-models';
import { api, messageOf, unwrap } from '../lib/api';
import { useUiStore } from './ui-store';

interface ModelPullState {
  /** The model being pulled, or null. */
  model: string | null;
  progress: ModelPullEvent | null;
  error: string | null;
  /** Pulls a model; resolves true when it was pulled (false when cancelled or failed). */
  pull(model: string): Promise<boolean>;
  cancel(): Promise<void>;
  /** Subscribes to pull progress; returns the unsubscribe function. */
  listen(): () => void;
}

const initial = () => ({ model: null, progress: null, error: null });

/** The model pull store. */
export const useModelPullStore = create<ModelPullState>()((set, get) => ({
  ...initial(),
  pull: async (model) => {
    if (get().model) return false;
    set({ model, progress: null, error: null });
    try {
      const result = await unwrap(api().models.pull({ model }));
      if (result.outcome === 'success') useUiStore.getState().showToast({ kind: 'info', message: `Pulled ${model} into Ollama` }, 4000);
      return result.outcome === 'success';
    } catch (error) {
      set({ error: messageOf(error) });
      return false;
    } finally {
      set({ model: null, progress: null });
    }
  },
  cancel: async () => {
    await unwrap(api().models.cancelPull()).catch(() => false);
  },
  listen: () =>
    api().events.onPullProgress((event) => {
      if (event.model === get().model) set({ progress: event });
    }),
}));

/** Resets the store (tests). */
export function resetModelPullStore(): void {
  useModelPullStore.setState(initial());
}
