// The re-embed wizard: pick a model, see the plan, build beside the active space with progress, switch, undo;
// plus the list of embedding spaces and reclaiming retired ones.
import { create } from 'zustand';
import type { EmbeddingChoice, ReembedPlan, ReembedStatus, SpaceSummary } from '../../../shared/models';
import { api, messageOf, unwrap } from '../lib/api';
import { useStatusStore } from './status-store';
import { useUiStore } from './ui-store';

/** The wizard's steps: choose a model, read the plan, watch it build (and switch). */
export type ReembedStep = 'pick' | 'plan' | 'progress';

/** What the pick step edits. */
export interface ReembedDraft {
  readonly provider: 'builtin' | 'ollama';
  readonly model: string;
  /** Empty for the model's full width. */
  readonly dimensions: string;
}

interface ReembedState {
  wizardOpen: boolean;
  step: ReembedStep;
  draft: ReembedDraft;
  plan: ReembedPlan | null;
  planning: boolean;
  starting: boolean;
  error: string | null;
  status: ReembedStatus | null;
  spaces: readonly SpaceSummary[];
  /** The result of the last "purge retired now". */
  reclaimed: { spaces: number; reclaimedBytes: number } | null;
  purging: boolean;
  /** True once a build started from the wizard has switched (the wizard then shows the undo period). */
  switched: boolean;
  /** True after Undo from the wizard. */
  undone: boolean;
  /** The active space when the wizard started its build (a different active space later means it switched). */
  startActiveId: number | null;
  openWizard(choice?: EmbeddingChoice): void;
  closeWizard(): void;
  setDraft(patch: Partial<ReembedDraft>): void;
  back(): void;
  makePlan(): Promise<void>;
  start(): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  cancel(): Promise<void>;
  undo(): Promise<void>;
  /** Reads the job's status and the spaces. */
  refresh(): Promise<void>;
  purgeRetired(): Promise<void>;
}

const POLL_MS = 1000;
let pollTimer: ReturnType<typeof setInterval> | null = null;

const initial = () => ({
  wizardOpen: false,
  step: 'pick' as ReembedStep,
  draft: { provider: 'builtin', model: '', dimensions: '' } as ReembedDraft,
  plan: null,
  planning: false,
  starting: false,
  error: null,
  status: null,
  spaces: [] as readonly SpaceSummary[],
  reclaimed: null,
  purging: false,
  switched: false,
  undone: false,
  startActiveId: null as number | null,
});

/** The choice the draft describes, or an error message. */
export function choiceOf(draft: ReembedDraft): EmbeddingChoice | string {
  if (draft.provider === 'builtin') return { provider: 'builtin' };
  const model = draft.model.trim();
  if (!model) return 'Choose an Ollama model.';
  const text = draft.dimensions.trim();
  if (!text) return { provider: 'ollama', model };
  const dimensions = Number(text);
  if (!Number.isInteger(dimensions) || dimensions < 1) return 'Dimensions must be a whole number, or empty for the full width.';
  return { provider: 'ollama', model, dimensions };
}

function draftOf(choice: EmbeddingChoice | undefined): ReembedDraft {
  if (!choice || choice.provider === 'builtin') return { provider: choice ? 'builtin' : 'ollama', model: '', dimensions: '' };
  return { provider: 'ollama', model: choice.model, dimensions: choice.dimensions ? String(choice.dimensions) : '' };
}

/** The re-embed store. */
export const useReembedStore = create<ReembedState>()((set, get) => {
  function stopPolling(): void {
    if (pollTimer) clearInterval(pollTimer);
    pollTimer = null;
  }
  function startPolling(): void {
    if (pollTimer) return;
    pollTimer = setInterval(() => void get().refresh(), POLL_MS);
  }
  async function act(call: () => Promise<ReembedStatus>, done?: string): Promise<void> {
    try {
      const status = await call();
      set({ status, error: null });
      if (done) useUiStore.getState().showToast({ kind: 'info', message: done }, 4000);
      await get().refresh();
    } catch (error) {
      set({ error: messageOf(error) });
    }
  }

  return {
    ...initial(),
    openWizard: (choice) => {
      const building = get().status?.building;
      set({
        wizardOpen: true,
        step: building ? 'progress' : choice ? 'plan' : 'pick',
        draft: choice ? draftOf(choice) : get().draft,
        plan: null,
        error: null,
        switched: false,
        undone: false,
        startActiveId: building ? (get().status?.active?.id ?? null) : null,
      });
      if (choice && !building) void get().makePlan();
      void get().refresh();
    },
    closeWizard: () => set({ wizardOpen: false, error: null }),
    setDraft: (patch) => set({ draft: { ...get().draft, ...patch }, plan: null, error: null }),
    back: () => set({ step: 'pick', plan: null, error: null }),
    makePlan: async () => {
      const choice = choiceOf(get().draft);
      if (typeof choice === 'string') {
        set({ error: choice });
        return;
      }
      set({ planning: true, error: null, step: 'plan', plan: null });
      try {
        set({ plan: await unwrap(api().reembed.plan(choice)) });
      } catch (error) {
        set({ error: messageOf(error) });
      } finally {
        set({ planning: false });
      }
    },
    start: async () => {
      const choice = choiceOf(get().draft);
      if (typeof choice === 'string') return;
      set({ starting: true, error: null });
      try {
        const before = get().status?.active?.id ?? (await unwrap(api().reembed.status())).active?.id ?? null;
        await unwrap(api().reembed.start(choice));
        // Forget the old status: until the next read the wizard shows "starting", never a previous switch.
        set({ step: 'progress', switched: false, undone: false, startActiveId: before, status: null });
        await get().refresh();
      } catch (error) {
        set({ error: messageOf(error) });
      } finally {
        set({ starting: false });
      }
    },
    pause: () => act(() => unwrap(api().reembed.pause())),
    resume: () => act(() => unwrap(api().reembed.resume())),
    cancel: async () => {
      await act(() => unwrap(api().reembed.cancel()), 'Re-embed cancelled; the partial space was dropped.');
      set({ step: 'pick', plan: null });
    },
    undo: async () => {
      await act(() => unwrap(api().reembed.undo()), 'Switched back to the previous model.');
      set({ switched: false, undone: true, startActiveId: null });
      void useStatusStore.getState().refresh();
    },
    refresh: async () => {
      try {
        const [status, spaces] = await Promise.all([unwrap(api().reembed.status()), unwrap(api().spaces.list())]);
        const { startActiveId, switched, step } = get();
        // The wizard's build is gone and another space is active: it switched.
        const justSwitched =
          !switched && step === 'progress' && startActiveId !== null && status.building === null && status.active !== null && status.active.id !== startActiveId;
        set({ status, spaces, ...(justSwitched ? { switched: true } : {}) });
        if (justSwitched) {
          void useStatusStore.getState().refresh();
          useUiStore.getState().showToast({ kind: 'info', message: `Switched to ${status.active?.model ?? 'the new model'}` }, 4000);
        }
        if (status.building) startPolling();
        else stopPolling();
      } catch {
        stopPolling();
      }
    },
    purgeRetired: async () => {
      set({ purging: true });
      try {
        const reclaimed = await unwrap(api().spaces.purgeRetired());
        set({ reclaimed });
        await get().refresh();
      } catch (error) {
        useUiStore.getState().showToast({ kind: 'error', message: messageOf(error) }, 8000);
      } finally {
        set({ purging: false });
      }
    },
  };
});

/** Resets the store (tests). */
export function resetReembedStore(): void {
  if (pollTimer) clearInterval(pollTimer);
  pollTimer = null;
  useReembedStore.setState(initial());
}
