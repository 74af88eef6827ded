// Status of the memory (counts, active model, database size) and the embedding backlog's live progress.
import { create } from 'zustand';
import type { EmbeddingProgress, EngramStatus } from '../../../shared/models';
import { api, messageOf, unwrap } from '../lib/api';

interface StatusState {
  status: EngramStatus | null;
  progress: EmbeddingProgress | null;
  error: string | null;
  refresh(): Promise<void>;
  /** Subscribes to progress events and polls the status; returns the stop function. */
  start(): () => void;
}

/** The status store. */
export const useStatusStore = create<StatusState>()((set, get) => ({
  status: null,
  progress: null,
  error: null,
  refresh: async () => {
    try {
      set({ status: await unwrap(api().status.get()), error: null });
    } catch (error) {
      set({ error: messageOf(error) });
    }
  },
  start: () => {
    void get().refresh();
    let lastRefresh = 0;
    const unsubscribe = api().events.onProgress((progress) => {
      set({ progress });
      const now = Date.now();
      if (progress.kind === 'idle' || now - lastRefresh > 2000) {
        lastRefresh = now;
        void get().refresh();
      }
    });
    const timer = setInterval(() => void get().refresh(), 5000);
    return () => {
      unsubscribe();
      clearInterval(timer);
    };
  },
}));

/** Resets the store (tests). */
export function resetStatusStore(): void {
  useStatusStore.setState({ status: null, progress: null, error: null });
}
