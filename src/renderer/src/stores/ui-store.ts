// UI state that is not data: which view and pane show, list selection, focus requests, toasts, first-run card.
import { create } from 'zustand';

/** The sidebar's views. */
export type View = 'recall' | 'forgotten' | 'import' | 'settings' | 'sources';
/** What the right-hand pane shows. */
export type Pane = 'empty' | 'note' | 'compose' | 'edit';
/** Elements other components may ask to focus. */
export type FocusTarget = 'search' | 'compose' | 'detail' | 'list';

/** A transient message at the bottom of the window, optionally with an action such as Undo. */
export interface Toast {
  readonly id: number;
  readonly message: string;
  readonly kind: 'info' | 'error';
  readonly actionLabel?: string;
  readonly action?: () => void;
}

interface UiState {
  view: View;
  pane: Pane;
  selectedIndex: number;
  focus: { target: FocusTarget; seq: number };
  toasts: readonly Toast[];
  firstRunDismissed: boolean;
  setView(view: View): void;
  setPane(pane: Pane): void;
  select(index: number): void;
  requestFocus(target: FocusTarget): void;
  /** Shows a message in place of any other (one at a time); it goes after `timeoutMs` or on a change of view. */
  showToast(toast: Omit<Toast, 'id'>, timeoutMs?: number): number;
  dismissToast(id: number): void;
  dismissFirstRun(): void;
}

const FIRST_RUN_KEY = 'engram.firstRunDismissed';
let toastSeq = 0;

function readFirstRun(): boolean {
  try {
    return localStorage.getItem(FIRST_RUN_KEY) === '1';
  } catch {
    return false;
  }
}

const initial = () => ({
  view: 'recall' as View,
  pane: 'empty' as Pane,
  selectedIndex: 0,
  focus: { target: 'search' as FocusTarget, seq: 0 },
  toasts: [] as readonly Toast[],
  firstRunDismissed: readFirstRun(),
});

/** The UI store. */
export const useUiStore = create<UiState>()((set, get) => ({
  ...initial(),
  // A message belongs to the view it was said in: a change of view clears it.
  setView: (view) => set((s) => ({ view, selectedIndex: 0, pane: 'empty', toasts: view === s.view ? s.toasts : [] })),
  setPane: (pane) => set({ pane }),
  select: (index) => set({ selectedIndex: Math.max(0, index) }),
  requestFocus: (target) => set((s) => ({ focus: { target, seq: s.focus.seq + 1 } })),
  showToast: (toast, timeoutMs = 5000) => {
    const id = ++toastSeq;
    // One at a time: a newer message replaces the one showing (two at once stacked and contradicted each other).
    set({ toasts: [{ ...toast, id }] });
    if (timeoutMs > 0) setTimeout(() => get().dismissToast(id), timeoutMs);
    return id;
  },
  dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
  dismissFirstRun: () => {
    try {
      localStorage.setItem(FIRST_RUN_KEY, '1');
    } catch {
      // private mode or storage disabled: the card simply shows again next time
    }
    set({ firstRunDismissed: true });
  },
}));

/** Resets the store (tests). */
export function resetUiStore(): void {
  useUiStore.setState(initial());
}
