// Status of the memory (counts, active model, database size) and the embedding backlog's live progress.
import { create } from 'zustand';
import type { EmbeddingProgress, EngramStatus } from '../../../shared/models';
import type { IpcErrorCode } from '../../../shared/ipc-contract';
import { api, AppError, messageOf, unwrap } from '../lib/api';

interface StatusState {
  status: EngramStatus | null;
  progress: EmbeddingProgress | null;
  error: string | null;
  /** The code of the last error, so the window can tell a damaged memory or a full disk from a passing failure. */
  errorCode: IpcErrorCode | null;
  refresh(): Promise<void>;
  /**
   * Refreshes while something changes the memory fast (an import's batches): at most one refresh in flight, and one
   * more after it when asked meanwhile, so the counts follow the work without piling up calls.
   */
  follow(): void;
  /** Subscribes to progress events and polls the status; returns the stop function. */
  start(): () => void;
}

/** Number of the newest status asked for, and of the newest shown: an older answer never replaces a newer one. */
let askedSeq = 0;
let shownSeq = 0;
/** A follow() refresh is in flight, and whether another was asked for meanwhile. */
let following = false;
let followAgain = false;

/** The status store. */
export const useStatusStore = create<StatusState>()((set, get) => ({
  status: null,
  progress: null,
  error: null,
  errorCode: null,
  refresh: async () => {
    const seq = ++askedSeq;
    try {
      const status = await unwrap(api().status.get());
      if (seq < shownSeq) return;
      shownSeq = seq;
      set({ status, error: null, errorCode: null });
    } catch (error) {
      if (seq < shownSeq) return;
      shownSeq = seq;
      set({ error: messageOf(error), errorCode: error instanceof AppError ? error.code : null });
    }
  },
  follow: () => {
    if (following) {
      followAgain = true;
      return;
    }
    following = true;
    void get()
      .refresh()
      .finally(() => {
        following = false;
        if (followAgain) {
          followAgain = false;
          get().follow();
        }
      });
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
  useStatusStore.setState({ status: null, progress: null, error: null, errorCode: null });
}
